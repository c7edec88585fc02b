from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("moj-portal/", views.dashboard, name="dashboard"),
    path("moj-portal/program/", views.overview, name="overview"),
    path("sieci/<slug:slug>/obszar-roboczy/", views.workspace, name="workspace"),
]
