from django.urls import path

from documents.views import (
    comments,
    document,
    public,
    records,
    section_templates,
    sections,
    versions,
)

app_name = "documents"

urlpatterns = [
    path("rozpocznij/", document.start, name="start"),
    path("do-recenzji/", document.queue, name="queue"),
    path("szablony/", section_templates.templates, name="templates"),
    path(
        "szablony/<int:template_pk>/",
        section_templates.template_edit,
        name="template_edit",
    ),
    path(
        "szablony/<slug:edition_slug>/<str:kind>/nowa-sekcja/",
        section_templates.template_add,
        name="template_add",
    ),
    path("siec/<slug:slug>/", public.public_network, name="public_network"),
    path("<int:pk>/", document.detail, name="detail"),
    path("<int:pk>/opublikowany/", public.public_document, name="public"),
    path("<int:pk>/krok/<str:step>/", document.take_step, name="step"),
    path(
        "<int:pk>/konsultacje/<str:action>/",
        document.consultation,
        name="consultation",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/",
        sections.section_edit,
        name="section_edit",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/autozapis/",
        sections.section_autosave,
        name="section_autosave",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/obecni/",
        sections.section_presence,
        name="section_presence",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/historia/",
        sections.section_history,
        name="section_history",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/pozycje/nowa/",
        records.record_edit,
        name="record_add",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/pozycje/<int:record_pk>/",
        records.record_edit,
        name="record_edit",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/pozycje/<int:record_pk>/usun/",
        records.record_delete,
        name="record_delete",
    ),
    path(
        "<int:pk>/sekcje/<int:section_pk>/komentarze/",
        comments.comment_add,
        name="comment_add",
    ),
    path(
        "komentarze/<int:comment_pk>/<str:action>/",
        comments.comment_state,
        name="comment_state",
    ),
    path("<int:pk>/wersje/", versions.versions, name="versions"),
    path("<int:pk>/wersje/<int:number>/", versions.version, name="version"),
    path("<int:pk>/wersje/<int:number>/przywroc/", versions.restore, name="restore"),
    path("<int:pk>/porownanie/", versions.compare, name="compare"),
]
