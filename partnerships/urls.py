from django.urls import path

from partnerships import clause_views, import_views, views

# The LP's own page and its activity form show the attendance of its meetings too:
# they are served by meetings (meetings/partnership_urls.py), and the root URLconf
# adds them to this namespace.
app_name = "partnerships"
urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("nowe/", views.create, name="create"),
    path("<int:pk>/edycja/", views.edit, name="edit"),
    path("<int:pk>/zakonczenie/", views.end, name="end"),
    path("<int:pk>/czlonkowie/", views.members, name="members"),
    path("<int:pk>/import/", import_views.import_members, name="import"),
    path("<int:pk>/czlonkowie.csv", import_views.export_members, name="export"),
    path("<int:pk>/publiczna/", views.public_page, name="public"),
    path("czlonkowie/<int:pk>/", views.member, name="member"),
    path("czlonkowie/<int:pk>/dane/", views.member_download, name="member_download"),
    path(
        "czlonkowie/<int:pk>/<slug:action>/", views.member_action, name="member_action"
    ),
    path("zgloszenia/<int:pk>/", views.join_decide, name="join_decide"),
    path("klauzule/", clause_views.clauses, name="clauses"),
    path("klauzule/nowa/", clause_views.clause_create, name="clause_create"),
]
