import pytest
from django.test import Client
from django.urls import reverse

from core.testing.queries import queries_for
from core.testing.world import World
from partnerships.tests.builders import add_members, gdynia_partnership

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
    text = response.content.decode()
    assert f"email,{member.email}" in text
    assert "meetings_attended,[]" in text
