from django.urls import path

from networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("<slug:slug>/eksperci/", views.experts, name="experts"),
    path("<slug:slug>/eksperci/<int:pk>/zakoncz/", views.expert_end, name="expert_end"),
]
