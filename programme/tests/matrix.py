"""The programme's pages in the permission matrix (tests/test_permission_matrix.py).

The public reads the published pages and the feeds; the ministry admin and staff
see every version; only the ministry admin edits and publishes. The seeded pages
(migration 0003) are there in every test database."""

from collections.abc import Callable

from django.urls import reverse

from programme.models import Page
from programme.tests.factories import news_item
from tests.support.matrix import Case, everyone, only, post, to
from tests.support.world import World

MINISTRY = only({"ministry_admin": 200, "ministry_staff": 200})
ADMIN = only({"ministry_admin": 200})
ADMIN_SAVES = only({"ministry_admin": 302})
PUBLIC = everyone(200)
SEEDED_NEWS = "portal-partnerskiej-inicjatywy-miast"


def _about(world: World) -> Page:
    return Page.objects.get(kind=Page.Kind.ABOUT)


def about(name: str, *extra: int) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[_about(world).pk, *extra])


def draft_news(world: World) -> str:
    draft = news_item(world, title="Szkic aktualności", publish=False)
    return reverse("programme:news_item", args=[draft.page.slug])


def draft_news_version(world: World) -> str:
    draft = news_item(world, title="Szkic aktualności", publish=False)
    return reverse("programme:page_version", args=[draft.page_id, 1])


PAGE = {
    "title": "O programie",
    "body": "<p>Nowa treść strony.</p>",
    "title_en": "",
    "body_en": "",
}
DECLARATION = {
    "entity_name": "Ministerstwo Funduszy i Polityki Regionalnej",
    "site_name": "Portalu Partnerskiej Inicjatywy Miast",
    "site_url": "https://pim.example.gov.pl/",
    "site_published_on": "2026-03-02",
    "site_updated_on": "2026-11-20",
    "status": "partial",
    "non_accessible": "<p>Mapa sieci.</p>",
    "exemptions": "",
    "prepared_on": "2026-11-25",
    "reviewed_on": "2026-12-01",
    "assessment": "self",
    "assessor": "",
    "keyboard_shortcuts": "",
    "contact_person": "Anna Nowak",
    "contact_email": "dostepnosc@example.gov.pl",
    "contact_phone": "+48 22 100 20 30",
    "architecture": "<p>Winda.</p>",
    "sign_language": "",
}

MATRIX: dict[str, list[Case]] = {
    "programme:about": [Case(to("programme:about"), PUBLIC)],
    "programme:accessibility": [Case(to("programme:accessibility"), PUBLIC)],
    "programme:privacy": [Case(to("programme:privacy"), PUBLIC)],
    "programme:faq": [Case(to("programme:faq"), PUBLIC)],
    "programme:news": [Case(to("programme:news"), PUBLIC)],
    "programme:news_item": [
        Case(to("programme:news_item", SEEDED_NEWS), PUBLIC),
        # a draft is not public, whoever asks (the ministry sees it as a version)
        Case(draft_news, everyone(404)),
        Case(to("programme:news_item", "brak-wiadomosci"), everyone(404)),
    ],
    "programme:news_rss": [Case(to("programme:news_rss"), PUBLIC)],
    "programme:news_atom": [Case(to("programme:news_atom"), PUBLIC)],
    "programme:manage": [Case(to("programme:manage"), MINISTRY)],
    "programme:page_edit": [
        Case(about("programme:page_edit"), ADMIN),
        post(
            about("programme:page_edit"),
            ADMIN_SAVES,
            action="publish",
            revision="1",
            **PAGE,
        ),
        Case(to("programme:page_edit", "987654"), only({})),
    ],
    "programme:faq_create": [
        Case(to("programme:faq_create"), ADMIN),
        post(
            to("programme:faq_create"),
            ADMIN_SAVES,
            action="publish",
            revision="0",
            **{**PAGE, "title": "Nowe pytanie"},
        ),
    ],
    "programme:news_create": [
        Case(to("programme:news_create"), ADMIN),
        post(
            to("programme:news_create"),
            ADMIN_SAVES,
            action="draft",
            revision="0",
            **{**PAGE, "title": "Nowa aktualność"},
        ),
    ],
    "programme:page_versions": [
        Case(about("programme:page_versions"), MINISTRY),
        Case(to("programme:page_versions", "987654"), only({})),
    ],
    "programme:page_version": [
        Case(about("programme:page_version", 1), MINISTRY),
        Case(draft_news_version, MINISTRY),
        Case(about("programme:page_version", 2), only({})),
    ],
    "programme:accessibility_edit": [
        Case(to("programme:accessibility_edit"), ADMIN),
        post(
            to("programme:accessibility_edit"),
            ADMIN_SAVES,
            action="publish",
            revision="1",
            **DECLARATION,
        ),
    ],
    "programme:accessibility_versions": [
        Case(to("programme:accessibility_versions"), MINISTRY)
    ],
    "programme:accessibility_version": [
        Case(to("programme:accessibility_version", "1"), MINISTRY),
        Case(to("programme:accessibility_version", "2"), only({})),
    ],
}
