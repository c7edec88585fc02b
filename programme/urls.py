from django.urls import path

from programme import edit_views, views
from programme.feeds import NewsAtom, NewsRss

app_name = "programme"
urlpatterns = [
    path("o-programie/", views.about, name="about"),
    path("deklaracja-dostepnosci/", views.accessibility, name="accessibility"),
    path("prywatnosc/", views.privacy, name="privacy"),
    path("faq/", views.faq, name="faq"),
    path("faq/nowe/", edit_views.faq_create, name="faq_create"),
    path("aktualnosci/", views.news, name="news"),
    # Before the news item's own address (services.RESERVED_SLUGS keeps these free).
    path("aktualnosci/rss.xml", NewsRss(), name="news_rss"),
    path("aktualnosci/atom.xml", NewsAtom(), name="news_atom"),
    path("aktualnosci/nowa/", edit_views.news_create, name="news_create"),
    path("aktualnosci/<slug:slug>/", views.news_item, name="news_item"),
    path("strony/", edit_views.manage, name="manage"),
    path("strony/<int:pk>/edycja/", edit_views.page_edit, name="page_edit"),
    path("strony/<int:pk>/wersje/", edit_views.page_versions, name="page_versions"),
    path(
        "strony/<int:pk>/wersje/<int:number>/",
        edit_views.page_version,
        name="page_version",
    ),
    path(
        "strony/deklaracja-dostepnosci/",
        edit_views.accessibility_edit,
        name="accessibility_edit",
    ),
    path(
        "strony/deklaracja-dostepnosci/wersje/",
        edit_views.accessibility_versions,
        name="accessibility_versions",
    ),
    path(
        "strony/deklaracja-dostepnosci/wersje/<int:number>/",
        edit_views.accessibility_version,
        name="accessibility_version",
    ),
]
