from django.urls import path

from recruitment import evaluation_views, views

app_name = "recruitment"

urlpatterns = [
    path("nabory/", views.calls, name="calls"),
    path("nabory/nowy/", views.call_edit, name="call_create"),
    path("nabory/<slug:slug>/", views.call, name="call"),
    path("nabory/<slug:slug>/edycja/", views.call_edit, name="call_edit"),
    path("nabory/<slug:slug>/kopia/", views.call_copy, name="call_copy"),
    path("nabory/<slug:slug>/pytania/", views.questions, name="questions"),
    path("nabory/<slug:slug>/kryteria/", views.criteria, name="criteria"),
    path("nabory/<slug:slug>/zgloszenia/", views.applications, name="applications"),
    path("nabory/<slug:slug>/ranking/", views.ranking, name="ranking"),
    path("nabory/<slug:slug>/pulpit/", views.dashboard, name="dashboard"),
    path("nabory/<slug:slug>/eksport.<str:fmt>", views.export, name="export"),
    path("nabory/<slug:slug>/zglos/", views.apply, name="apply"),
    path("zgloszenia/", views.my_applications, name="my_applications"),
    path("zgloszenia/<int:pk>/", views.application, name="application"),
    path(
        "zgloszenia/<int:pk>/pliki/<int:answer_pk>/",
        views.answer_file,
        name="answer_file",
    ),
    path("zgloszenia/<int:pk>/uzupelnienie/", views.reopen, name="reopen"),
    path("zgloszenia/<int:pk>/decyzja/", views.decide, name="decide"),
    path(
        "zgloszenia/<int:pk>/<str:action>/",
        views.application_action,
        name="application_action",
    ),
    path("oceny/", evaluation_views.evaluations, name="evaluations"),
    path("oceny/<int:pk>/", evaluation_views.evaluate, name="evaluate"),
    path("oceny/<int:pk>/konflikt/", evaluation_views.conflict, name="conflict"),
]
