from django.urls import path

from materials import views

app_name = "materials"
urlpatterns = [
    path("", views.material_list, name="list"),
    path("nowy/", views.material_create_page, name="create"),
    path("<int:pk>/", views.material_detail, name="detail"),
    path("<int:pk>/wersje/", views.version_add, name="add_version"),
    path("<int:pk>/wersje/<int:number>/pobierz/", views.download, name="download"),
]
