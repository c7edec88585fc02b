from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("nowe/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edycja/", views.edit, name="edit"),
    path("<int:pk>/rejestracja/", views.registration, name="registration"),
    path("<int:pk>/obecnosc/", views.attendance, name="attendance"),
    path("<int:pk>/protokol/", views.minutes, name="minutes"),
    path("<int:pk>/zalaczniki/", views.attachments, name="attachments"),
    path(
        "<int:pk>/zalaczniki/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<int:pk>/spotkanie.ics", views.meeting_ics, name="ics"),
    path("subskrypcje/", views.subscriptions, name="subscriptions"),
    path("kalendarz/<str:token>.ics", views.user_feed, name="user_feed"),
    path(
        "kalendarz/siec/<slug:slug>.ics",
        views.public_network_feed,
        name="public_network_feed",
    ),
    path(
        "kalendarz/siec/<slug:slug>/<str:token>.ics",
        views.network_feed,
        name="network_feed",
    ),
]
