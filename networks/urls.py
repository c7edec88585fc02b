from django.urls import path

from networks import edition_views, member_views, views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="list"),
    # Before "<slug>/": "edycje" and "tematy" are not networks.
    path("edycje/", edition_views.editions, name="editions"),
    path("edycje/nowa/", edition_views.edition_create_view, name="edition_create"),
    path("edycje/<slug:slug>/edycja/", edition_views.edition_edit, name="edition_edit"),
    path(
        "edycje/<slug:slug>/nastepna/",
        edition_views.edition_prepare_view,
        name="edition_prepare",
    ),
    path("tematy/", edition_views.themes, name="themes"),
    path("tematy/nowy/", edition_views.theme_create_view, name="theme_create"),
    path("tematy/<slug:slug>/edycja/", edition_views.theme_edit, name="theme_edit"),
    path("<slug:slug>/", views.network_detail, name="detail"),
    path("<slug:slug>/eksperci/", views.experts, name="experts"),
    path("<slug:slug>/eksperci/<int:pk>/zakoncz/", views.expert_end, name="expert_end"),
    path("<slug:slug>/czlonkowie/", member_views.members, name="members"),
    path("<slug:slug>/czlonkowie/dodaj/", member_views.member_add, name="member_add"),
    path(
        "<slug:slug>/czlonkowie/<int:pk>/zakoncz/",
        member_views.member_end,
        name="member_end",
    ),
    path("<slug:slug>/status/", member_views.status, name="status"),
    path("<slug:slug>/lider/", member_views.lead_handover, name="lead_handover"),
]
