"""Bad input and edge cases found in review: none may answer 500 or rewrite
history."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from core.errors import DomainError
from networks.models import Network
from partnerships.forms import MemberForm
from partnerships.imports import export_rows, parse_members
from partnerships.models import PartnershipMember
from partnerships.permissions import may_create
from partnerships.services import member_leave
from partnerships.tests.builders import add_members
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_a_city_cannot_form_an_lp_in_a_network_it_is_not_in(world: World) -> None:
    air = Network.objects.get(slug="jakosc-powietrza")
    assert not may_create(world.user("ministry_admin"), world.partner_city, air)
    assert may_create(world.user("ministry_admin"), world.partner_city, world.network)


def test_a_join_date_far_in_the_future_is_refused_next_to_the_field() -> None:
    form = MemberForm(
        {
            "kind": "person",
            "name": "Jan",
            "sector": "resident",
            "role": "member",
            "joined_on": "9999-12-31",
            "consent": "on",
        }
    )
    assert not form.is_valid()
    assert "joined_on" in form.errors


def test_summary_survives_a_stray_date_already_stored(
    world: World, client: Client
) -> None:
    member = add_members(world, 1)[0]
    PartnershipMember.objects.filter(pk=member.pk).update(
        joined_on=datetime.date(1900, 1, 1)
    )
    client.force_login(world.user("city_officer"))
    url = reverse("partnerships:detail", args=[member.partnership_id])
    assert client.get(url).status_code == 200


def test_a_one_column_csv_is_read_not_a_server_error() -> None:
    upload = SimpleUploadedFile("lista.csv", b"name\nJan\n")
    with pytest.raises(ValidationError):  # says which columns are missing
        parse_members(upload)


def test_a_damaged_xlsx_is_refused_with_a_message() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "not a workbook")
    upload = SimpleUploadedFile("lista.xlsx", buffer.getvalue())
    with pytest.raises(ValidationError):
        parse_members(upload)


def test_a_second_departure_does_not_rewrite_the_first(world: World) -> None:
    member = add_members(world, 1)[0]
    member_leave(
        member=member, on=datetime.date(2026, 3, 1), actor=world.user("city_officer")
    )
    with pytest.raises(DomainError):
        member_leave(
            member=member,
            on=datetime.date(2026, 4, 1),
            actor=world.user("city_officer"),
        )
    member.refresh_from_db()
    assert member.left_on == datetime.date(2026, 3, 1)


def test_exported_cells_never_run_as_spreadsheet_formulas(world: World) -> None:
    member = add_members(world, 1)[0]
    member.name = '=HYPERLINK("http://zly.example")'
    assert "'=HYPERLINK" in export_rows([member])


def test_workspace_hides_another_citys_private_lp_meeting(world: World) -> None:
    client = Client()
    client.force_login(world.user("lead_coordinator"))  # Katowice
    page = client.get(reverse("networks:workspace", args=["rewitalizacja"]))
    assert world.meetings["local"].title not in page.text
    client.force_login(world.user("city_officer"))  # Gdynia
    page = client.get(reverse("networks:workspace", args=["rewitalizacja"]))
    assert world.meetings["local"].title in page.text


def test_a_stale_lp_edit_is_refused_and_keeps_the_other_change(
    world: World, client: Client
) -> None:
    from partnerships.tests.builders import gdynia_partnership

    partnership = gdynia_partnership(world)
    url = reverse("partnerships:edit", args=[partnership.pk])
    form = {"name": "Nazwa A", "formula": "open", "version": "1"}
    client.force_login(world.user("city_coordinator"))
    assert client.post(url, form).status_code == 302
    client.force_login(world.user("city_officer"))
    stale = client.post(url, {**form, "name": "Nazwa B"})
    assert stale.status_code == 200
    assert 'value="Nazwa B"' in stale.text  # what they typed is kept
    partnership.refresh_from_db()
    assert partnership.name == "Nazwa A"
