"""Programme pages for tests, made through the services as the ministry would."""

import datetime
from dataclasses import replace
from typing import Any

from programme.models import DeclarationVersion, Page, PageVersion
from programme.selectors import declaration_newest, newest_version
from programme.services import (
    DeclarationText,
    PageText,
    declaration_save,
    page_create,
    page_version_save,
)
from tests.support.world import World, install_rows


def single_page(kind: Page.Kind) -> Page:
    """The seeded "about" or "privacy" page (migration 0003)."""
    install_rows()
    return Page.objects.get(kind=kind)


def news_item(
    world: World,
    *,
    title: str = "Nowy nabór do sieci",
    body: str = "<p>Ministerstwo ogłasza nabór.</p>",
    publish: bool = True,
) -> PageVersion:
    return page_create(
        kind=Page.Kind.NEWS,
        text=PageText(title=title, body=body),
        publish=publish,
        actor=world.user("ministry_admin"),
    )


def faq_question(
    world: World,
    *,
    title: str = "Czy miasto może należeć do dwóch sieci?",
    body: str = "<p>Nie w jednej edycji.</p>",
    publish: bool = True,
) -> PageVersion:
    return page_create(
        kind=Page.Kind.FAQ,
        text=PageText(title=title, body=body),
        publish=publish,
        actor=world.user("ministry_admin"),
    )


def page_save(
    world: World, page: Page, *, publish: bool = True, **text: str
) -> PageVersion:
    newest = newest_version(page)
    return page_version_save(
        page=page,
        text=PageText(**{"title": "Tytuł", "body": "<p>Treść</p>", **text}),
        publish=publish,
        expected_revision=newest.number if newest else 0,
        actor=world.user("ministry_admin"),
    )


DECLARATION = DeclarationText(
    entity_name="Ministerstwo Funduszy i Polityki Regionalnej",
    site_name="Portalu Partnerskiej Inicjatywy Miast",
    site_url="https://pim.example.gov.pl/",
    site_published_on=datetime.date(2026, 3, 2),
    site_updated_on=datetime.date(2026, 11, 20),
    status=DeclarationVersion.Status.PARTIAL,
    non_accessible="<ul><li>Mapa sieci nie jest dostępna dla czytników.</li></ul>",
    exemptions="<p>Pliki sprzed 23 września 2018 r.</p>",
    prepared_on=datetime.date(2026, 11, 25),
    reviewed_on=datetime.date(2026, 12, 1),
    assessment=DeclarationVersion.Assessment.SELF,
    assessor="",
    keyboard_shortcuts="",
    contact_person="Anna Nowak",
    contact_email="dostepnosc@example.gov.pl",
    contact_phone="+48 22 100 20 30",
    architecture="<p>Wejście z poziomu chodnika, winda do wszystkich pięter.</p>",
    sign_language="<p>Tłumacz PJM po zgłoszeniu 3 dni wcześniej.</p>",
)


def declaration(
    world: World, *, publish: bool = True, **changes: Any
) -> DeclarationVersion:
    newest = declaration_newest()
    return declaration_save(
        text=replace(DECLARATION, **changes),
        publish=publish,
        expected_revision=newest.number if newest else 0,
        actor=world.user("ministry_admin"),
    )
