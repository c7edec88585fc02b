import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from partnerships.forms import MemberForm
from partnerships.models import PartnershipMember
from partnerships.tests.builders import add_members, gdynia_partnership
from tests.support.queries import queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_member_list_and_summary_queries_do_not_grow_with_members(
    world: World, client: Client
) -> None:
    client.force_login(world.user("city_officer"))
    partnership = gdynia_partnership(world)
    pages = [
        reverse("partnerships:members", args=[partnership.pk]),
        reverse("partnerships:detail", args=[partnership.pk]),
        reverse("partnerships:public", args=[partnership.pk]),
    ]
    add_members(world, 10)
    few = [queries_for(client, url) for url in pages]
    add_members(world, 490)
    assert [queries_for(client, url) for url in pages] == few


def test_public_page_shows_counts_and_no_personal_data(
    world: World, client: Client
) -> None:
    members = add_members(world, 3)
    response = client.get(
        reverse("partnerships:public", args=[gdynia_partnership(world).pk])
    )
    assert response.status_code == 200
    for member in members:
        assert member.name not in response.text
        assert member.email not in response.text
    assert "<td>3</td>" in response.text


def test_expert_sees_counts_but_no_member_page(world: World, client: Client) -> None:
    member = add_members(world, 1)[0]
    client.force_login(world.user("expert"))
    detail = client.get(reverse("partnerships:detail", args=[member.partnership_id]))
    assert detail.status_code == 200
    assert member.name not in detail.text
    assert client.get(member.get_absolute_url()).status_code == 404


def test_public_join_form_keeps_what_was_typed_on_error(
    world: World, client: Client
) -> None:
    url = reverse("partnerships:public", args=[gdynia_partnership(world).pk])
    response = client.post(url, {"name": "Zofia", "email": "zofia@", "sector": "ngo"})
    assert response.status_code == 200
    assert 'value="Zofia"' in response.text
    assert 'id="id_email_errors"' in response.text
    assert 'id="id_consent_errors"' in response.text


def test_import_preview_then_confirm_adds_only_valid_rows(
    world: World, client: Client
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    partnership = gdynia_partnership(world)
    client.force_login(world.user("city_officer"))
    url = reverse("partnerships:import", args=[partnership.pk])
    content = (
        b"name,sector,joined_on,consent\n"
        b"Anna,resident,2026-03-01,tak\n"
        b"Bogdan,,2026-03-01,tak\n"
        b"Celina,ngo,2026-03-01,tak\n"
    )
    preview = client.post(url, {"file": SimpleUploadedFile("lista.csv", content)})
    assert preview.status_code == 200
    assert partnership.members.count() == 0  # nothing saved at the preview
    client.post(url, {"step": "confirm"})
    assert sorted(partnership.members.values_list("name", flat=True)) == [
        "Anna",
        "Celina",
    ]


def test_member_data_export_in_csv_holds_their_data(
    world: World, client: Client
) -> None:
    member = add_members(world, 1)[0]
    client.force_login(world.user("city_officer"))
    response = client.get(
        reverse("partnerships:member_download", args=[member.pk]), {"format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert f"Adres e-mail,{member.email}" in text  # named in words (issue #18)
    assert "Udział w spotkaniach,[]" in text


def test_the_public_page_does_not_name_a_private_lp_meeting(
    world: World, client: Client
) -> None:
    partnership = gdynia_partnership(world, public=True)
    page = client.get(reverse("partnerships:public", args=[partnership.pk])).text
    assert world.meetings["local"].title not in page


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("usuniecie", "Erase personal data"),
        ("wycofanie-zgody", "Consent withdrawn (erases the data)"),
    ],
)
def test_erasing_a_member_asks_first_and_then_erases(
    world: World, client: Client, action: str, label: str
) -> None:
    # given a member's page seen by the city's coordinator
    member = add_members(world, 1)[0]
    client.force_login(world.user("city_coordinator"))
    page = client.get(member.get_absolute_url()).text
    target = reverse("partnerships:member_action", args=[member.pk, action])
    # then the page only opens the question: the form that erases is inside it,
    # after the question, and nowhere else
    with translation.override("pl"):
        opener, question = (
            _(label),
            _(
                "The member's personal data will be erased everywhere in the portal. "
                "An account given to them is closed, unless it is also their work "
                "account (a city's, an expert's or the ministry's) or serves another "
                "Local Partnership: then it is only unlinked. This cannot be undone: "
                "download their data first if they asked for it."
            ),
        )
    assert page.count(f'action="{target}"') == 1
    confirm = next(
        block
        for block in re.findall(r'<details class="confirm">.*?</details>', page, re.S)
        if f'action="{target}"' in block
    )
    assert f'<summary class="button secondary">{opener}</summary>' in confirm
    # ({% translate %} is not escaped: its text is the translators', not typed)
    assert confirm.index(question) < confirm.index('type="submit"')
    # (and says, in Polish, that a work account is only unlinked)
    assert "wtedy zostanie tylko odłączone" in confirm
    # when the question is answered, the data are erased
    response = client.post(target)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None


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


def test_workspace_hides_another_citys_private_lp_meeting(world: World) -> None:
    client = Client()
    client.force_login(world.user("lead_coordinator"))  # Katowice
    page = client.get(reverse("portal:workspace", args=["rewitalizacja"]))
    assert world.meetings["local"].title not in page.text
    client.force_login(world.user("city_officer"))  # Gdynia
    page = client.get(reverse("portal:workspace", args=["rewitalizacja"]))
    assert world.meetings["local"].title in page.text


def test_a_stale_lp_edit_is_refused_and_keeps_the_other_change(
    world: World, client: Client
) -> None:
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
