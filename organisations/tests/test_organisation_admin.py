"""The ministry adds, changes, deactivates and reactivates organisations (#19)."""

from pathlib import PurePosixPath
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import DomainError
from organisations.administration import (
    OrganisationValues,
    organisation_deactivate,
    organisation_update,
)
from organisations.models import Invitation, Membership, Organisation
from organisations.permissions import (
    can_manage_organisations,
    can_view_people,
    ministry_groups_refresh,
)
from organisations.selectors import organisations_to_choose
from organisations.services import invitation_send, membership_set_active
from organisations.tests.images import image_bytes, logo_upload
from tests.support.world import World

pytestmark = pytest.mark.django_db

NEW_CITY = {
    "name": "Nowe Miasto Lubawskie",
    "kind": Organisation.Kind.URBAN_GMINA,
    "country": "PL",
    "voivodeship": "28",
    "seat": "Nowe Miasto Lubawskie",
    "teryt": "2813011",
    "latitude": "53.42000",
    "longitude": "19.59000",
    "website": "https://nowemiasto.example.pl",
}


def _admin(world: World) -> Client:
    client = Client()
    client.force_login(world.user("ministry_admin"))
    return client


def _values(organisation: Organisation, **changes: Any) -> OrganisationValues:
    values = {
        "name": organisation.name,
        "kind": organisation.kind,
        "country": str(organisation.country),
        "voivodeship": organisation.voivodeship,
        "seat": organisation.seat,
        "teryt": organisation.teryt,
        "latitude": organisation.latitude,
        "longitude": organisation.longitude,
        "website": organisation.website,
    }
    return OrganisationValues(**(values | changes))


def _gdynia_form(world: World, **changes: str) -> dict[str, str]:
    gdynia = world.partner_city
    return {
        "name": gdynia.name,
        "kind": gdynia.kind,
        "country": "PL",
        "voivodeship": gdynia.voivodeship,
        "seat": gdynia.seat,
        "teryt": "",
        "latitude": "",
        "longitude": "",
        "website": "",
    } | changes


# ----------------------------------------------------------------- adding


def test_the_ministry_admin_adds_a_city_new_to_the_portal(world: World) -> None:
    # when the ministry admin fills in the form for a city the portal does not have
    response = _admin(world).post(reverse("organisations:create"), NEW_CITY)
    # then it exists, with an address made from its name, and the change is audited
    city = Organisation.objects.get(teryt="2813011")
    assert response.status_code == 302
    assert response["Location"] == city.get_absolute_url()
    assert city.slug == "nowe-miasto-lubawskie"
    assert (city.name, city.voivodeship, city.is_active) == (
        "Nowe Miasto Lubawskie",
        "28",
        True,
    )
    assert city in organisations_to_choose()
    event = AuditEvent.objects.get(action=AuditEvent.Action.ORGANISATION_CREATED)
    assert (event.organisation, event.actor) == (city, world.user("ministry_admin"))


def test_a_name_already_taken_or_reserved_gets_an_address_of_its_own(
    world: World,
) -> None:
    # given an organisation called "Nowa" would take the address of the form itself
    client = _admin(world)
    for _ in range(2):
        client.post(
            reverse("organisations:create"),
            NEW_CITY | {"name": "Nowa", "teryt": ""},
        )
    # then neither takes "nowa", and the second does not take the first's
    slugs = set(Organisation.objects.filter(name="Nowa").values_list("slug", flat=True))
    assert slugs == {"nowa-2", "nowa-3"}
    assert client.get(reverse("organisations:create")).status_code == 200


def test_only_the_ministry_admin_is_offered_to_add_an_organisation(
    world: World,
) -> None:
    add = reverse("organisations:create")
    for role, offered in [("ministry_admin", True), ("ministry_staff", False)]:
        client = Client()
        client.force_login(world.user(role))
        page = client.get(reverse("organisations:list")).text
        assert (f'href="{add}"' in page) is offered, role
    assert f'href="{add}"' not in Client().get(reverse("organisations:list")).text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"voivodeship": ""}, "voivodeship", "musi mieć województwo"),
        ({"country": "DE", "teryt": ""}, "voivodeship", "nie ma województwa"),
        ({"country": "DE", "voivodeship": ""}, "teryt", "tylko dla organizacji"),
        ({"teryt": "281301"}, "teryt", "dokładnie 7 cyfr"),
        ({"teryt": "28130a1"}, "teryt", "dokładnie 7 cyfr"),
        ({"teryt": "2213011"}, "teryt", "zaczyna się od 28"),
        ({"teryt": "2813016"}, "teryt", "rodzaj jednostki"),
        ({"latitude": "91"}, "latitude", "mniejsza lub równa 90"),
        ({"longitude": "-180.5"}, "longitude", "większa lub równa -180"),
        ({"website": "javascript:alert(1)"}, "website", "poprawny URL"),
        ({"kind": Organisation.Kind.MINISTRY}, "kind", "Wybierz poprawną"),
    ],
)
def test_values_the_rules_refuse_come_back_on_their_field(
    world: World, changes: dict[str, str], field: str, message: str
) -> None:
    # when the form is sent with a value the rules refuse
    response = _admin(world).post(reverse("organisations:create"), NEW_CITY | changes)
    # then nothing is added and the field says why
    assert response.status_code == 200
    assert not Organisation.objects.filter(name=NEW_CITY["name"]).exists()
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])


def test_a_teryt_code_another_organisation_has_is_refused_with_its_name(
    world: World,
) -> None:
    # given Gdynia has its TERYT code
    organisation_update(
        organisation=world.partner_city,
        values=_values(world.partner_city, teryt="2262011"),
        logo=None,
        remove_logo=False,
        actor=world.user("ministry_admin"),
        ip_address=None,
    )
    # when another organisation is given the same code
    response = _admin(world).post(
        reverse("organisations:create"),
        NEW_CITY | {"voivodeship": "22", "teryt": "2262011"},
    )
    # then the form says whose code it is (no error page)
    assert response.status_code == 200
    assert response.context["form"].errors["teryt"] == ["Ten kod TERYT ma już Gdynia."]


def test_a_foreign_partner_city_is_shown_with_its_countrys_name(
    world: World,
) -> None:
    # when the ministry adds a partner city from abroad
    _admin(world).post(
        reverse("organisations:create"),
        NEW_CITY | {"name": "Lwów", "country": "UA", "voivodeship": "", "teryt": ""},
    )
    lviv = Organisation.objects.get(name="Lwów")
    assert not lviv.is_polish
    # then the list and its page name its country, in Polish
    listing = Client().get(reverse("organisations:list"), {"name": "Lwów"}).text
    assert "<td>Ukraina</td>" in listing
    assert "Ukraina" in Client().get(lviv.get_absolute_url()).text


# ----------------------------------------------------------------- changing


def test_a_change_keeps_the_address_and_records_what_changed(world: World) -> None:
    gdynia = world.partner_city
    # when the ministry renames Gdynia and gives its website
    response = _admin(world).post(
        reverse("organisations:edit", args=[gdynia.slug]),
        _gdynia_form(
            world,
            name="Miasto Gdynia",
            website="https://gdynia.example.pl",
            latitude=str(gdynia.latitude or ""),
            longitude=str(gdynia.longitude or ""),
        ),
    )
    # then the page keeps its address and the audit log names the changed fields
    gdynia.refresh_from_db()
    assert response.status_code == 302
    assert (gdynia.slug, gdynia.name) == ("gdynia", "Miasto Gdynia")
    event = AuditEvent.objects.get(action=AuditEvent.Action.ORGANISATION_UPDATED)
    assert event.details == {"changed": ["name", "website"]}


def test_the_ministry_and_expert_bodies_are_not_changed_here(world: World) -> None:
    client = _admin(world)
    assert (
        client.get(reverse("organisations:edit", args=["ministerstwo"])).status_code
        == 404
    )
    response = client.post(reverse("organisations:deactivate", args=["ministerstwo"]))
    assert response.status_code == 404
    world.ministry.refresh_from_db()
    assert world.ministry.is_active


# ----------------------------------------------------------------- the logo


def test_a_logo_is_kept_under_a_random_name_and_shown_on_the_page(
    world: World,
) -> None:
    gdynia = world.partner_city
    # when the ministry uploads Gdynia's coat of arms
    response = _admin(world).post(
        reverse("organisations:edit", args=[gdynia.slug]),
        _gdynia_form(world) | {"logo": logo_upload("<b>herb gdyni</b>.png")},
    )
    assert response.status_code == 302
    # then it is stored under a name of the portal's own, never the uploaded one
    gdynia.refresh_from_db()
    stored = PurePosixPath(gdynia.logo.name or "")
    assert stored.parent == PurePosixPath("logos")
    assert "herb" not in stored.name and stored.suffix == ".png"
    # and the public page shows it from the portal's own address
    logo_url = reverse("organisations:logo", args=[gdynia.slug, stored.name])
    page = Client().get(gdynia.get_absolute_url()).text
    assert f'src="{logo_url}"' in page
    served = Client().get(logo_url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served.getvalue() == image_bytes()
    # an address naming any other file answers 404
    other = reverse("organisations:logo", args=[gdynia.slug, "x" + stored.name])
    assert Client().get(other).status_code == 404


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("herb.svg", SVG), "nie jest akceptowany"),
        (SimpleUploadedFile("herb.png", SVG), "nie jest akceptowany"),
        (SimpleUploadedFile("herb.gif", b"GIF89a" + b"\0" * 40), "akceptowany"),
        (
            SimpleUploadedFile("herb.png", image_bytes()[:40]),
            "uszkodzony",
        ),
        (
            SimpleUploadedFile("herb.png", image_bytes("JPEG")),
            "JPG",
        ),
    ],
)
def test_a_logo_is_checked_by_its_content(
    world: World, upload: SimpleUploadedFile, message: str
) -> None:
    response = _admin(world).post(
        reverse("organisations:edit", args=[world.partner_city.slug]),
        _gdynia_form(world) | {"logo": upload},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["logo"])
    world.partner_city.refresh_from_db()
    assert not world.partner_city.logo


def test_a_logo_over_the_limit_is_refused_saying_the_limit(
    world: World, settings: Any
) -> None:
    settings.ORGANISATION_LOGO_MAX_BYTES = 1024
    big = SimpleUploadedFile("herb.png", image_bytes(size=(400, 400)) + b"\0" * 2048)
    response = _admin(world).post(
        reverse("organisations:edit", args=[world.partner_city.slug]),
        _gdynia_form(world) | {"logo": big},
    )
    errors = " ".join(response.context["form"].errors["logo"])
    assert "za duży" in errors and "1,0\xa0KB" in errors


def test_a_new_logo_replaces_the_old_file_and_can_be_removed(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    gdynia = world.partner_city
    admin = world.user("ministry_admin")
    organisation_update(
        organisation=gdynia,
        values=_values(gdynia),
        logo=logo_upload(),
        remove_logo=False,
        actor=admin,
        ip_address=None,
    )
    first = Organisation.objects.get(pk=gdynia.pk).logo.name or ""
    # when a WebP logo replaces it
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            organisation=gdynia,
            values=_values(gdynia),
            logo=logo_upload("herb.webp", "WEBP"),
            remove_logo=False,
            actor=admin,
            ip_address=None,
        )
    second = Organisation.objects.get(pk=gdynia.pk).logo.name or ""
    # then the old file is gone and the new one is kept
    assert second.endswith(".webp") and second != first
    assert not default_storage.exists(first) and default_storage.exists(second)
    # and removing it leaves the organisation without a logo, and no file
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(
            organisation=gdynia,
            values=_values(gdynia),
            logo=None,
            remove_logo=True,
            actor=admin,
            ip_address=None,
        )
    assert not Organisation.objects.get(pk=gdynia.pk).logo
    assert not default_storage.exists(second)


# ----------------------------------------------------------------- deactivating


def test_a_deactivated_city_keeps_its_history_and_its_people_lose_access(
    world: World,
) -> None:
    gdynia = world.partner_city
    officer = world.user("city_officer")
    assert can_view_people(officer, gdynia)
    # when the ministry admin deactivates Gdynia
    response = _admin(world).post(reverse("organisations:deactivate", args=["gdynia"]))
    assert response.status_code == 302
    gdynia.refresh_from_db()
    # then it is marked with the day, no longer offered, its people lose access
    assert (gdynia.is_active, gdynia.deactivated_on) == (False, timezone.localdate())
    assert gdynia not in organisations_to_choose()
    officer = type(officer).objects.get(pk=officer.pk)  # a fresh permission cache
    assert not can_view_people(officer, gdynia)
    assert not Membership.objects.filter(organisation=gdynia, is_active=True).exists()
    # its pending invitation is withdrawn, its networks stay
    assert world.invitation.__class__.objects.get(pk=world.invitation.pk).status == (
        Invitation.Status.REVOKED
    )
    assert gdynia.network_memberships.filter(network=world.network).exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.ORGANISATION_DEACTIVATED)
    assert event.details == {"people": 2, "invitations": 1}
    # and its page says since when, in Polish
    page = Client().get(gdynia.get_absolute_url()).text
    day = timezone.localdate()
    assert "Zdezaktywowana" in page and str(day.year) in page


def test_reactivation_gives_back_what_deactivation_suspended_only(
    world: World,
) -> None:
    gdynia = world.partner_city
    admin = world.user("ministry_admin")
    officer = Membership.objects.get(
        organisation=gdynia, user__email__startswith="city_officer"
    )
    # given the officer was deactivated by their coordinator before
    membership_set_active(
        membership=officer,
        active=False,
        actor=world.user("city_coordinator"),
        ip_address=None,
    )
    organisation_deactivate(organisation=gdynia, actor=admin, ip_address=None)
    # while deactivated, nobody is let back in one by one, nor invited
    coordinator = Membership.objects.get(organisation=gdynia, role="coordinator")
    with pytest.raises(DomainError):
        membership_set_active(
            membership=coordinator, active=True, actor=admin, ip_address=None
        )
    with pytest.raises(DomainError):
        invitation_send(
            organisation=gdynia,
            email="ktos@example.pl",
            full_name="",
            role=Membership.Role.OFFICER,
            actor=admin,
            ip_address=None,
        )
    # when the ministry admin reactivates it
    response = _admin(world).post(reverse("organisations:reactivate", args=["gdynia"]))
    assert response.status_code == 302
    # then the coordinator is back, the officer deactivated before is not
    coordinator.refresh_from_db()
    officer.refresh_from_db()
    gdynia.refresh_from_db()
    assert (gdynia.is_active, gdynia.deactivated_on) == (True, None)
    assert coordinator.is_active and not officer.is_active
    assert can_view_people(
        type(coordinator.user).objects.get(pk=coordinator.user_id), gdynia
    )
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ORGANISATION_REACTIVATED, organisation=gdynia
    ).exists()


def test_the_ministry_itself_cannot_be_deactivated(world: World) -> None:
    with pytest.raises(DomainError):
        organisation_deactivate(
            organisation=world.ministry,
            actor=world.user("ministry_admin"),
            ip_address=None,
        )


def test_deactivation_asks_first_and_is_offered_to_the_ministry_admin_only(
    world: World,
) -> None:
    action = reverse("organisations:deactivate", args=["gdynia"])
    page = _admin(world).get(world.partner_city.get_absolute_url()).text
    assert '<details class="confirm">' in page and f'action="{action}"' in page
    staff = Client()
    staff.force_login(world.user("ministry_staff"))
    assert action not in staff.get(world.partner_city.get_absolute_url()).text


def test_ministry_admins_of_an_older_release_get_the_new_permission_on_migrate(
    world: World,
) -> None:
    # given the admin's role group lacks the permission (an install before #19)
    group = Group.objects.get(name="ministry:coordinator")
    group.permissions.remove(*group.permissions.filter(codename="manage_organisations"))
    admin = type(world.user("ministry_admin")).objects.get(
        email="ministry_admin@example.pl"
    )
    assert not can_manage_organisations(admin)
    # when migrate runs (its post_migrate signal)
    ministry_groups_refresh()
    # then the admin has it, and staff still do not
    admin = type(admin).objects.get(pk=admin.pk)
    staff = type(admin).objects.get(email="ministry_staff@example.pl")
    assert can_manage_organisations(admin)
    assert not can_manage_organisations(staff)


def test_a_name_typed_with_a_line_break_is_kept_on_one_line(world: World) -> None:
    # given a name pasted with a line break (it goes into e-mail subjects: the
    # documents' steps, the lead hand-over)
    response = _admin(world).post(
        reverse("organisations:create"),
        NEW_CITY | {"name": "Nowe Miasto\r\nLubawskie", "seat": "Nowe\nMiasto"},
    )
    # then it is added with the name on one line
    assert response.status_code == 302
    city = Organisation.objects.get(teryt=NEW_CITY["teryt"])
    assert (city.name, city.seat) == ("Nowe Miasto Lubawskie", "Nowe Miasto")
