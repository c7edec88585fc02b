from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from materials.models import MATERIAL_MAX_BYTES, Material, MaterialVersion
from materials.services import material_create
from materials.tests.factories import MaterialFactory, MaterialVersionFactory
from materials.tests.files import PDF, pdf, png_bytes, png_claiming
from networks.models import Network
from tests.support.queries import queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _material(
    world: World,
    visibility: str = "public",
    network: Network | None = None,
    title: str = "Zasady realizacji PIM",
    language: str = "pl",
) -> Material:
    return material_create(
        title=title,
        description="",
        language=Material.Language(language),
        visibility=Material.Visibility(visibility),
        network=network,
        upload=pdf(),
        actor=world.user("ministry_admin"),
    )


def _signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_programme_office_adds_a_document_and_lands_on_its_page(
    world: World, client: Client
) -> None:
    # given the ministry admin on the form for programme documents
    _signed_in(client, world.user("ministry_admin"))
    # when they upload the implementation rules
    response = client.post(
        reverse("materials:create"),
        {
            "title": "Zasady realizacji PIM",
            "description": "Obowiązują od 2024 r.",
            "language": "pl",
            "visibility": "public",
            "file": pdf(),
        },
    )
    # then the material exists with its version 1, and its page lists it
    material = Material.objects.get()
    assert response.status_code == 302
    assert response["Location"] == material.get_absolute_url()
    assert material.network is None
    page = client.get(material.get_absolute_url())
    assert "zasady-realizacji.pdf" in page.text
    assert 'id="download-1"' in page.text


def test_a_network_member_adds_a_material_to_their_network(
    world: World, client: Client
) -> None:
    _signed_in(client, world.user("city_officer"))
    url = reverse("materials:create") + "?siec=rewitalizacja"
    form = client.get(url)
    choices = form.context["form"].fields["visibility"].choices
    assert [value for value, _label in choices] == ["public", "network"]
    response = client.post(
        url,
        {
            "title": "Diagnoza Gdyni",
            "language": "pl",
            "visibility": "network",
            "file": pdf("diagnoza.pdf"),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.network == world.network
    assert material.visibility == Material.Visibility.NETWORK
    assert material.created_by == world.user("city_officer")


def _too_large() -> SimpleUploadedFile:
    padding = b"\0" * (MATERIAL_MAX_BYTES + 1 - len(PDF))
    return SimpleUploadedFile("zasady.pdf", PDF + padding, "application/pdf")


BAD_FILES = {
    "too_large": _too_large,
    "disguised": lambda: SimpleUploadedFile("zasady.pdf", png_bytes(), "image/png"),
    "empty": lambda: SimpleUploadedFile("zasady.pdf", b"", "application/pdf"),
    # 400 million pixels: Pillow's own bomb guard, not only the portal's limit
    "too_many_pixels": lambda: SimpleUploadedFile(
        "plakat.png", png_claiming(20_000, 20_000), "image/png"
    ),
    "wrong_kind": lambda: SimpleUploadedFile(
        "zasady.exe", b"MZ\x90\x00" + b"\0" * 200, "application/octet-stream"
    ),
}


@pytest.mark.parametrize("problem", sorted(BAD_FILES))
def test_a_bad_file_is_refused_next_to_the_field_keeping_what_was_typed(
    world: World, client: Client, media: Path, problem: str
) -> None:
    # given the ministry admin filling in the form
    _signed_in(client, world.user("ministry_admin"))
    # when the file they attach is bad
    response = client.post(
        reverse("materials:create"),
        {
            "title": "Zasady realizacji PIM",
            "description": "Wersja robocza",
            "language": "en",
            "visibility": "ministry",
            "file": BAD_FILES[problem](),
        },
    )
    # then the form comes back with the error next to the file field ...
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [error.code for error in errors["file"]] == [problem]
    assert list(errors) == ["file"]
    assert 'id="id_file_errors"' in response.text
    assert 'aria-describedby="id_file_helptext id_file_errors"' in response.text
    # ... what they typed is still there ...
    assert 'value="Zasady realizacji PIM"' in response.text
    assert "Wersja robocza</textarea>" in response.text
    assert '<option value="ministry" selected>' in response.text
    # ... and nothing was saved, not even the file
    assert not Material.objects.exists()
    assert not MaterialVersion.objects.exists()
    assert not list(media.rglob("*.*"))


def test_a_bad_new_version_is_refused_and_the_material_keeps_one_version(
    world: World, client: Client
) -> None:
    material = _material(world)
    _signed_in(client, world.user("ministry_admin"))
    response = client.post(
        reverse("materials:add_version", args=[material.pk]),
        {"file": SimpleUploadedFile("zasady-v2.pdf", png_bytes(), "image/png")},
    )
    assert response.status_code == 200
    assert 'id="id_file_errors"' in response.text
    assert material.versions.count() == 1


def test_a_new_version_becomes_current_and_the_old_one_stays_downloadable(
    world: World, client: Client
) -> None:
    # given the rules and a network member reading them
    material = _material(world, "network", world.network)
    _signed_in(client, world.user("city_officer"))
    # when the officer uploads a new version
    response = client.post(
        reverse("materials:add_version", args=[material.pk]),
        {"file": SimpleUploadedFile("zasady-v2.pdf", PDF + b"%v2\n")},
    )
    # then both versions are listed and each downloads its own file
    assert response.status_code == 302
    page = client.get(material.get_absolute_url())
    assert 'id="download-1"' in page.text
    assert 'id="download-2"' in page.text
    old = client.get(reverse("materials:download", args=[material.pk, 1]))
    new = client.get(reverse("materials:download", args=[material.pk, 2]))
    assert old.getvalue() == PDF
    assert new.getvalue() == PDF + b"%v2\n"


def test_download_is_an_attachment_with_a_safe_name_that_is_never_sniffed(
    world: World, client: Client
) -> None:
    material = material_create(
        title="Podręcznik MID",
        description="",
        language=Material.Language.POLISH,
        visibility=Material.Visibility.PUBLIC,
        network=None,
        upload=pdf('../podręcznik "MID"\r\n.pdf'),
        actor=world.user("ministry_admin"),
    )
    response = client.get(reverse("materials:download", args=[material.pk, 1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''podr%C4%99cznik_MID.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response.getvalue() == PDF


def test_non_public_downloads_answer_404_to_other_tenants_and_anonymous(
    world: World,
) -> None:
    # given a private material of Air quality, one of Rewitalizacja and a ministry one
    air = Network.objects.get(slug="jakosc-powietrza")
    of_air = _material(world, "network", air)
    ours = _material(world, "network", world.network)
    internal = _material(world, "ministry")

    def status(role: str, material: Material, number: int = 1) -> int:
        client = Client()
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        url = reverse("materials:download", args=[material.pk, number])
        return client.get(url).status_code

    # then outsiders get 404, exactly as for a version that does not exist
    assert status("anonymous", of_air) == 404
    assert status("city_officer", of_air) == 404
    assert status("expert", of_air) == 404
    assert status("ministry_staff", of_air) == 200
    assert status("anonymous", ours) == 404
    assert status("lead_coordinator", ours) == 200
    assert status("anonymous", internal) == 404
    assert status("ministry_staff", internal) == 404
    assert status("ministry_admin", internal) == 200
    assert status("ministry_admin", internal, number=2) == 404
    private = Client()
    private.force_login(world.user("expert"))
    response = private.get(reverse("materials:download", args=[ours.pk, 1]))
    assert "no-store" in response["Cache-Control"]


def test_list_shows_each_person_only_what_they_may_see(
    world: World, client: Client
) -> None:
    air = Network.objects.get(slug="jakosc-powietrza")
    _material(world, "public", title="Zasady realizacji PIM")
    _material(world, "ministry", title="Notatka wewnętrzna")
    _material(world, "network", world.network, title="Plan rewitalizacji")
    _material(world, "network", air, title="Pomiary pyłów")
    anonymous = client.get(reverse("materials:list")).text
    assert "Zasady realizacji PIM" in anonymous
    for hidden in ("Notatka wewnętrzna", "Plan rewitalizacji", "Pomiary pyłów"):
        assert hidden not in anonymous
    officer = _signed_in(Client(), world.user("city_officer"))
    seen = officer.get(reverse("materials:list")).text
    assert "Plan rewitalizacji" in seen
    assert "Pomiary pyłów" not in seen
    assert "Notatka wewnętrzna" not in seen


def test_list_filters_by_language_title_and_network(
    world: World, client: Client
) -> None:
    air = Network.objects.get(slug="jakosc-powietrza")
    _material(world, title="Zasady realizacji PIM")
    _material(world, title="Implementation rules", language="en")
    _material(world, "public", air, title="Pomiary pyłów")
    url = reverse("materials:list")
    english = client.get(url, {"language": "en"}).text
    assert "Implementation rules" in english
    assert "Zasady realizacji PIM" not in english
    assert "Pomiary" in client.get(url, {"title": "pyłów"}).text
    by_network = client.get(url, {"network": air.pk}).text
    assert "Pomiary pyłów" in by_network
    assert "Zasady realizacji PIM" not in by_network
    programme = client.get(url, {"network": "null"}).text
    assert "Zasady realizacji PIM" in programme
    assert "Pomiary pyłów" not in programme


def test_network_filter_offers_only_networks_whose_materials_one_may_see(
    world: World, client: Client
) -> None:
    # given a private material of Air quality and a public one of Rewitalizacja
    _material(world, "network", Network.objects.get(slug="jakosc-powietrza"))
    _material(world, "public", world.network)
    # then a visitor may filter by Rewitalizacja, but learns nothing of Air quality
    response = client.get(reverse("materials:list"))
    choices = [
        str(label)
        for _value, label in response.context["filter"].form.fields["network"].choices
    ]
    assert "Rewitalizacja" in choices
    assert "Jakość powietrza" not in choices
    assert "Mobilność miejska" not in choices


def _materials(count: int, world: World) -> None:
    air = Network.objects.get(slug="jakosc-powietrza")
    kinds: list[dict[str, Any]] = [
        {"visibility": Material.Visibility.PUBLIC},
        {"visibility": Material.Visibility.MINISTRY},
        {"visibility": Material.Visibility.NETWORK, "network": world.network},
        {"visibility": Material.Visibility.NETWORK, "network": air},
        {"visibility": Material.Visibility.PUBLIC, "network": air},
    ]
    for index in range(count):
        material = MaterialFactory(
            created_by=world.user("ministry_admin"), **kinds[index % len(kinds)]
        )
        MaterialVersionFactory.create_batch(2, material=material)


@pytest.mark.parametrize("role", ["anonymous", "city_officer", "ministry_admin"])
def test_list_queries_do_not_grow_with_materials(
    world: World, client: Client, role: str
) -> None:
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = reverse("materials:list")
    _materials(10, world)
    few = queries_for(client, url)
    _materials(190, world)
    assert queries_for(client, url) == few
    assert queries_for(client, url + "?page=2") == few


def test_detail_queries_do_not_grow_with_versions(world: World, client: Client) -> None:
    material = _material(world, "network", world.network)
    client.force_login(world.user("city_officer"))
    few = queries_for(client, material.get_absolute_url())
    MaterialVersionFactory.create_batch(
        30, material=material, uploaded_by=world.user("city_officer")
    )
    assert queries_for(client, material.get_absolute_url()) == few


def test_only_those_who_may_add_versions_see_the_form_and_the_uploaders(
    world: World, client: Client
) -> None:
    # given a public material of Rewitalizacja uploaded by a Gdynia officer
    material = material_create(
        title="Diagnoza Gdyni",
        description="",
        language=Material.Language.POLISH,
        visibility=Material.Visibility.PUBLIC,
        network=world.network,
        upload=pdf(),
        actor=world.user("city_officer"),
    )
    officer_name = world.user("city_officer").get_full_name()
    # then a visitor reads and downloads it, without learning who uploaded it
    public = client.get(material.get_absolute_url()).text
    assert 'id="download-1"' in public
    assert 'id="new-version-form"' not in public
    assert officer_name not in public
    # and the network's expert sees both the form and the uploader
    client.force_login(world.user("expert"))
    working = client.get(material.get_absolute_url()).text
    assert 'id="new-version-form"' in working
    assert officer_name in working
