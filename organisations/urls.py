from django.urls import path

from organisations import teryt_views, views

app_name = "organisations"
urlpatterns = [
    path("organizacje/", views.organisation_list, name="list"),
    path("organizacje/import-teryt/", teryt_views.teryt_import, name="teryt_import"),
    path("organizacje/<slug:slug>/", views.organisation_detail, name="detail"),
    path("organizacje/<slug:slug>/osoby/", views.people, name="people"),
    path("organizacje/<slug:slug>/osoby/zapros/", views.invite, name="invite"),
    path(
        "organizacje/<slug:slug>/osoby/<int:pk>/rola/",
        views.membership_role,
        name="membership_role",
    ),
    path(
        "organizacje/<slug:slug>/osoby/<int:pk>/aktywnosc/",
        views.membership_active,
        name="membership_active",
    ),
    path(
        "organizacje/<slug:slug>/zaproszenia/<int:pk>/wycofaj/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "zaproszenie/<str:token>/",
        views.invitation_accept_page,
        name="invitation_accept",
    ),
]
