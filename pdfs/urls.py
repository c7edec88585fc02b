from django.urls import path

from pdfs import views

app_name = "pdfs"

urlpatterns = [
    path("dokument/<int:pk>/wersja/<int:number>/", views.status, name="status"),
    path("dokument/<int:pk>/wersja/<int:number>/utworz/", views.make, name="make"),
    path("<int:job_pk>/ponow/", views.retry, name="retry"),
    path("<int:job_pk>/pobierz/", views.download, name="download"),
    path("siec/<slug:slug>/zip/", views.bundle_create, name="bundle_create"),
    path("zip/<int:pk>/", views.bundle, name="bundle"),
    path("zip/<int:pk>/pobierz/", views.bundle_download, name="bundle_download"),
]
