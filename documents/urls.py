from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("rozpocznij/", views.start, name="start"),
    path("do-recenzji/", views.queue, name="queue"),
    path("szablony/", views.templates, name="templates"),
    path("szablony/<int:template_pk>/", views.template_edit, name="template_edit"),
    path(
        "szablony/<slug:edition_slug>/<str:kind>/nowa-sekcja/",
        views.template_add,
        name="template_add",
    ),
    path("siec/<slug:slug>/", views.public_network, name="public_network"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/opublikowany/", views.public_document, name="public"),
    path("<int:pk>/krok/<str:step>/", views.take_step, name="step"),
    path("<int:pk>/konsultacje/<str:action>/", views.consultation, name="consultation"),
    path("<int:pk>/sekcje/<int:section_pk>/", views.section_edit, name="section_edit"),
    path(
        "<int:pk>/sekcje/<int:section_pk>/autozapis/",
        views.section_autosave,
        name="section_autosave",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/obecni/",
        views.section_presence,
        name="section_presence",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/historia/",
        views.section_history,
        name="section_history",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/pozycje/nowa/",
        views.record_edit,
        name="record_add",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/pozycje/<int:record_pk>/",
        views.record_edit,
        name="record_edit",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/pozycje/<int:record_pk>/usun/",
        views.record_delete,
        name="record_delete",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/komentarze/",
        views.comment_add,
        name="comment_add",
    ),
    path(
        "komentarze/<int:comment_pk>/<str:action>/",
        views.comment_state,
        name="comment_state",
    ),
    path("<int:pk>/wersje/", views.versions, name="versions"),
    path("<int:pk>/wersje/<int:number>/", views.version, name="version"),
    path("<int:pk>/wersje/<int:number>/przywroc/", views.restore, name="restore"),
    path("<int:pk>/porownanie/", views.compare, name="compare"),
]
