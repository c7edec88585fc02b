from django.urls import path

from organisations import manage_views, teryt_views, views

app_name = "organisations"
urlpatterns = [
    path("organizacje/", views.organisation_list, name="list"),
    path("organizacje/import-teryt/", teryt_views.teryt_import, name="teryt_import"),
    # before the detail pattern: "nowa" is not a slug (administration.RESERVED_SLUGS)
    path("organizacje/nowa/", manage_views.organisation_create, name="create"),
    path("organizacje/<slug:slug>/", views.organisation_detail, name="detail"),
    path(
        "organizacje/<slug:slug>/edycja/", manage_views.organisation_edit, name="edit"
    ),
    path(
        "organizacje/<slug:slug>/dezaktywacja/",
        manage_views.organisation_deactivate,
        name="deactivate",
    ),
    path(
        "organizacje/<slug:slug>/reaktywacja/",
        manage_views.organisation_reactivate,
        name="reactivate",
    ),
    path(
        "organizacje/<slug:slug>/logo/<str:name>",
        manage_views.organisation_logo,
        name="logo",
    ),
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
