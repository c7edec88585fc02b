"""Editions and themes: the ministry adds and changes them (networks/editions.py,
networks/edition_views.py). Preparing the next edition with the parts other apps
copy is tested in tests/test_edition_prepare.py (those apps sit above networks)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.tests.factories import UserFactory
from audit.details import details_shown
from audit.models import AuditEvent
from core.errors import DomainError
from networks.editions import (
    EditionDraft,
    ThemeDraft,
    edition_create,
    edition_prepare,
    edition_update,
    theme_create,
    theme_update,
)
from networks.models import Edition, Theme
from networks.selectors import current_edition
from networks.tests.factories import EditionFactory, ThemeFactory
from organisations.models import Membership, Organisation
from organisations.services import membership_grant
from organisations.tests.factories import OrganisationFactory
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


def draft(name: str = "PIM 2026–2028", current: bool = False) -> EditionDraft:
    return EditionDraft(
        name=name,
        name_en=name.replace("PIM", "PIM (EN)"),
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
        is_current=current,
    )


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def ministry_admin() -> User:
    ministry = OrganisationFactory.create(kind=Organisation.Kind.MINISTRY)
    admin = UserFactory.create()
    membership_grant(
        user=admin, organisation=ministry, role=Membership.Role.COORDINATOR
    )
    return admin


def test_the_first_edition_of_an_empty_portal_becomes_current(db: None) -> None:
    # given a portal without any edition
    admin = ministry_admin()
    # when the admin adds one without marking it current
    first = edition_create(draft=draft(current=False), actor=admin)
    # then it is current all the same (the portal runs it), and has an address
    assert first.is_current
    assert first.slug == "pim-2026-2028"
    # while a second one, not marked, is not
    second = edition_create(draft=draft("PIM 2029–2031"), actor=admin)
    assert not second.is_current
    added = events(AuditEvent.Action.EDITION_CREATED)
    assert {event.details["edition"] for event in added} == {
        "PIM 2026–2028",
        "PIM 2029–2031",
    }


def test_making_an_edition_current_unmarks_the_other_in_one_step(
    world: World,
) -> None:
    # given the pilot is the current edition
    admin = world.user("ministry_admin")
    pilot = world.network.edition
    Edition.objects.filter(pk=pilot.pk).update(is_current=True)
    # when a new edition is added as current
    new = edition_create(draft=draft(current=True), actor=admin)
    # then it alone is current, and the portal runs it
    assert list(Edition.objects.filter(is_current=True)) == [new]
    assert current_edition() == new
    # and marking the pilot current again moves the mark back
    pilot.refresh_from_db()
    edition_update(
        edition=pilot,
        draft=EditionDraft(
            name=pilot.name,
            name_en=pilot.name_en,
            starts_on=pilot.starts_on,
            ends_on=pilot.ends_on,
            is_current=True,
        ),
        actor=admin,
    )
    assert list(Edition.objects.filter(is_current=True)) == [pilot]
    changed = events(AuditEvent.Action.EDITION_UPDATED)[0]
    assert changed.details["changed"] == ["is_current"]


def test_the_current_edition_cannot_be_unmarked_without_marking_another(
    world: World,
) -> None:
    admin = world.user("ministry_admin")
    new = edition_create(draft=draft(current=True), actor=admin)
    with pytest.raises(DomainError, match="inną edycję"):
        edition_update(edition=new, draft=draft(current=False), actor=admin)
    new.refresh_from_db()
    assert new.is_current


def test_the_database_refuses_two_current_editions(world: World) -> None:
    EditionFactory.create(is_current=True)
    with pytest.raises(IntegrityError):
        EditionFactory.create(is_current=True)


def test_an_edition_is_refused_with_a_taken_name_or_dates_out_of_order(
    world: World,
) -> None:
    admin = world.user("ministry_admin")
    edition_create(draft=draft(), actor=admin)
    with pytest.raises(DomainError, match="Istnieje już edycja"):
        edition_create(draft=draft("pim 2026–2028"), actor=admin)
    backwards = EditionDraft(
        name="PIM wstecz",
        name_en="",
        starts_on=datetime.date(2028, 1, 1),
        ends_on=datetime.date(2027, 1, 1),
        is_current=False,
    )
    with pytest.raises(DomainError, match="nie może się skończyć"):
        edition_create(draft=backwards, actor=admin)


@pytest.mark.parametrize("role", ["ministry_staff", "city_coordinator", "expert"])
def test_only_the_ministry_admin_changes_editions_and_themes(
    world: World, role: str
) -> None:
    someone = world.user(role)
    theme = Theme.objects.get(slug="rewitalizacja")
    with pytest.raises(PermissionDenied):
        edition_create(draft=draft(), actor=someone)
    with pytest.raises(PermissionDenied):
        edition_prepare(
            source=world.network.edition, draft=draft(), chosen={}, actor=someone
        )
    with pytest.raises(PermissionDenied):
        theme_create(draft=ThemeDraft("Miasto cyfrowe", "", ""), actor=someone)
    with pytest.raises(PermissionDenied):
        theme_update(theme=theme, draft=ThemeDraft("Inna", "", ""), actor=someone)
    assert not AuditEvent.objects.filter(action__startswith="edition").exists()


def test_a_theme_is_added_and_changed_with_audit_events_in_words(
    world: World,
) -> None:
    admin = world.user("ministry_admin")
    theme = theme_create(
        draft=ThemeDraft("Miasto cyfrowe", "Digital city", "Usługi cyfrowe."),
        actor=admin,
    )
    assert theme.slug == "miasto-cyfrowe"
    with pytest.raises(DomainError, match="Istnieje już temat"):
        theme_create(draft=ThemeDraft("miasto cyfrowe", "", ""), actor=admin)
    theme_update(
        theme=theme,
        draft=ThemeDraft("Miasto cyfrowe i dostępne", "Digital city", "Usługi."),
        actor=admin,
    )
    theme.refresh_from_db()
    assert theme.name_pl == "Miasto cyfrowe i dostępne"
    assert theme.slug == "miasto-cyfrowe"  # links keep working
    changed = events(AuditEvent.Action.THEME_UPDATED)[0]
    with translation.override("pl"):
        shown = details_shown(changed)
    assert "Miasto cyfrowe i dostępne (wcześniej: Miasto cyfrowe)" in shown
    assert "description" not in shown and "name_pl" not in shown


def test_preparing_without_parts_makes_the_edition_and_records_both_events(
    world: World,
) -> None:
    admin = world.user("ministry_admin")
    target = edition_prepare(
        source=world.network.edition, draft=draft(), chosen={}, actor=admin
    )
    assert target.name == "PIM 2026–2028"
    prepared = events(AuditEvent.Action.EDITION_PREPARED)[0]
    assert prepared.details == {
        "edition": "PIM 2026–2028",
        "source": world.network.edition.name,
        "copied": [],
    }
    assert events(AuditEvent.Action.EDITION_CREATED)


def test_load_pilot_marks_the_pilot_current_only_when_no_edition_is(
    db: None,
) -> None:
    call_command("load_pilot", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pilot = Edition.objects.get()
    assert pilot.is_current
    # and a second run, after another edition was made current, changes nothing
    Edition.objects.filter(pk=pilot.pk).update(is_current=False)
    other = EditionFactory.create(is_current=True)
    call_command("load_pilot", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Edition.objects.filter(is_current=True)) == [other]


def test_edition_names_follow_the_readers_language(world: World) -> None:
    edition = world.network.edition
    Edition.objects.filter(pk=edition.pk).update(name_en="PIM 2017–2019 (pilot EN)")
    edition.refresh_from_db()
    with translation.override("en"):
        assert edition.display_name == "PIM 2017–2019 (pilot EN)"
    with translation.override("pl"):
        assert edition.display_name == edition.name


# Pages


def test_the_admin_adds_an_edition_through_the_form(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    form = client.get(reverse("networks:edition_create"))
    assert 'name="is_current"' in form.text
    response = client.post(
        reverse("networks:edition_create"),
        {
            "name": "PIM 2026–2028",
            "name_en": "PIM 2026–2028",
            "starts_on": "2026-01-01",
            "ends_on": "2028-12-31",
            "is_current": "on",
        },
    )
    assert response.status_code == 302
    listed = client.get(reverse("networks:editions")).text
    assert "PIM 2026–2028" in listed
    assert Edition.objects.get(is_current=True).name == "PIM 2026–2028"


def test_the_edition_form_says_what_is_wrong_and_keeps_what_was_typed(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    response = client.post(
        reverse("networks:edition_create"),
        {
            "name": world.network.edition.name,
            "starts_on": "2026-01-01",
            "ends_on": "2028-12-31",
        },
    )
    assert response.status_code == 400
    assert "Istnieje już edycja o tej nazwie" in response.text


def test_staff_see_editions_and_themes_without_the_admins_buttons(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_staff"))
    editions = client.get(reverse("networks:editions")).text
    themes = client.get(reverse("networks:themes")).text
    assert world.network.edition.name in editions
    assert reverse("networks:edition_create") not in editions
    assert "Tylko administrator ministerstwa" in editions
    assert "Rewitalizacja" in themes
    assert reverse("networks:theme_create") not in themes


def test_my_portal_links_the_editions_for_the_ministry_only(
    world: World, client: Client
) -> None:
    link = reverse("networks:editions")
    for role, shown in (
        ("ministry_admin", True),
        ("ministry_staff", True),
        ("city_coordinator", False),
    ):
        client.force_login(world.user(role))
        assert (link in client.get(reverse("portal:dashboard")).text) is shown, role


def test_the_editions_and_themes_pages_do_not_query_per_row(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    few = {
        name: queries_for(client, reverse(name))
        for name in ("networks:editions", "networks:themes")
    }
    EditionFactory.create_batch(20)
    ThemeFactory.create_batch(20)
    for name, count in few.items():
        assert queries_for(client, reverse(name)) == count <= PAGE_QUERY_BUDGET


def test_typed_names_come_back_as_text_on_every_page_that_shows_them(
    world: World, client: Client
) -> None:
    hostile = '<script>alert(1)</script><b data-pwn="1">'
    client.force_login(world.user("ministry_admin"))
    client.post(reverse("networks:theme_create"), {"name_pl": hostile})
    client.post(
        reverse("networks:edition_create"),
        {"name": hostile, "starts_on": "2026-01-01", "ends_on": "2028-12-31"},
    )
    edition = Edition.objects.get(name=hostile)
    for url in (
        reverse("networks:themes"),
        reverse("networks:editions"),
        reverse("networks:edition_edit", args=[edition.slug]),
        reverse("networks:edition_prepare", args=[edition.slug]),
        reverse("audit:log"),
    ):
        page = client.get(url).text
        assert "<b data-pwn" not in page, url
        assert "&lt;b data-pwn" in page, url


def test_names_typed_with_line_breaks_are_kept_on_one_line(world: World) -> None:
    # given names pasted with line breaks and tabs (they end up in e-mail subjects
    # through the networks named after the theme)
    admin = world.user("ministry_admin")
    # when the ministry admin adds a theme and an edition with them
    theme = theme_create(
        draft=ThemeDraft("Miasto\r\ncyfrowe", "Digital\ncity", "Opis\nw wierszach"),
        actor=admin,
    )
    edition = edition_create(
        draft=EditionDraft(
            "PIM\n2030",
            "PIM\t2030",
            datetime.date(2030, 1, 1),
            datetime.date(2032, 12, 31),
            False,
        ),
        actor=admin,
    )
    # then the names are one line each; a description keeps its lines
    assert (theme.name_pl, theme.name_en) == ("Miasto cyfrowe", "Digital city")
    assert theme.description == "Opis\nw wierszach"
    assert (edition.name, edition.name_en) == ("PIM 2030", "PIM 2030")
