from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, transaction

from core.errors import DomainError
from core.uploads import PDF as PDF_KIND
from materials.models import Material, MaterialVersion
from materials.services import (
    _version_write,
    material_create,
    material_version_add,
    safe_file_name,
)
from materials.tests.files import PDF, pdf, png, png_bytes
from networks.models import Network
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _rules(world: World, **changes: object) -> Material:
    arguments: dict = {
        "title": "Zasady realizacji PIM",
        "description": "Zasady obowiązujące miasta w sieciach.",
        "language": Material.Language.POLISH,
        "visibility": Material.Visibility.PUBLIC,
        "network": None,
        "upload": pdf(),
        "actor": world.user("ministry_admin"),
    }
    return material_create(**(arguments | changes))


def test_programme_office_adds_a_document_whose_file_is_version_1(
    world: World,
) -> None:
    # when the ministry admin adds the implementation rules
    material = _rules(world)
    # then the material holds its file as version 1, described by its content
    version = material.versions.get()
    assert version.number == 1
    assert version.mime_type == "application/pdf"
    assert version.size == len(PDF)
    assert version.original_name == "zasady-realizacji.pdf"
    assert version.uploaded_by == world.user("ministry_admin")
    with version.file.open("rb") as handle:
        assert handle.read() == PDF


def test_stored_file_is_named_at_random_not_after_the_upload(world: World) -> None:
    version = _rules(world, upload=pdf("../../etc/zasady.pdf")).versions.get()
    stored = version.file.name or ""
    assert stored.startswith("materials/")
    assert "zasady" not in stored
    assert stored.endswith(".pdf")


def test_new_upload_is_version_2_and_version_1_stays(world: World) -> None:
    # given the rules, uploaded once
    material = _rules(world)
    # when the office uploads a new file
    version = material_version_add(
        material=material,
        upload=pdf("zasady-2.pdf", PDF + b"% poprawione\n"),
        actor=world.user("ministry_admin"),
    )
    # then it is version 2, and version 1 is unchanged and still readable
    assert version.number == 2
    first = material.versions.get(number=1)
    assert first.original_name == "zasady-realizacji.pdf"
    with first.file.open("rb") as handle:
        assert handle.read() == PDF


def test_each_network_member_and_the_expert_may_add_versions(world: World) -> None:
    material = _rules(
        world,
        network=world.network,
        visibility=Material.Visibility.NETWORK,
        actor=world.user("city_officer"),
    )
    for number, role in enumerate(("lead_coordinator", "expert", "ministry_staff"), 2):
        version = material_version_add(
            material=material, upload=png(), actor=world.user(role)
        )
        assert version.number == number
    assert list(material.versions.values_list("mime_type", flat=True)) == [
        "image/png",
        "image/png",
        "image/png",
        "application/pdf",
    ]


def test_someone_without_the_right_is_refused_and_nothing_is_saved(
    world: World,
) -> None:
    air = Network.objects.get(slug="jakosc-powietrza")
    with pytest.raises(PermissionDenied):
        _rules(world, actor=world.user("city_coordinator"))
    with pytest.raises(PermissionDenied):
        _rules(
            world,
            network=air,
            visibility=Material.Visibility.NETWORK,
            actor=world.user("expert"),
        )
    programme = _rules(world)
    with pytest.raises(PermissionDenied):
        material_version_add(
            material=programme, upload=pdf(), actor=world.user("ministry_staff")
        )
    assert Material.objects.count() == 1
    assert MaterialVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("network_slug", "visibility"),
    [(None, Material.Visibility.NETWORK), ("rewitalizacja", "ministry")],
)
def test_a_visibility_the_library_does_not_offer_is_refused(
    world: World, network_slug: str | None, visibility: str
) -> None:
    network = Network.objects.get(slug=network_slug) if network_slug else None
    with pytest.raises(DomainError):
        _rules(world, network=network, visibility=Material.Visibility(visibility))
    assert not Material.objects.exists()


def test_a_disguised_file_is_refused_and_nothing_is_saved(
    world: World, media: Path
) -> None:
    disguised = pdf("zasady.pdf", png_bytes())
    with pytest.raises(DomainError, match="PNG"):
        _rules(world, upload=disguised)
    assert not Material.objects.exists()
    assert not MaterialVersion.objects.exists()
    assert not list(media.rglob("*.*"))


def test_a_failed_save_leaves_no_file_behind(world: World, media: Path) -> None:
    # given a material whose version 1 exists
    material = _rules(world)
    files_before = sorted(media.rglob("*.*"))
    # when a version with a taken number is written (as a lost race would)
    with pytest.raises(IntegrityError), transaction.atomic():
        _version_write(
            material=material,
            number=1,
            upload=pdf(),
            kind=PDF_KIND,
            actor=world.user("ministry_admin"),
        )
    # then the database refused it and its file was removed again
    assert sorted(media.rglob("*.*")) == files_before


def test_versions_cannot_be_rewritten_in_the_database(world: World) -> None:
    version = _rules(world).versions.get()
    with pytest.raises(DatabaseError), transaction.atomic():
        MaterialVersion.objects.filter(pk=version.pk).update(original_name="inny.pdf")


def test_database_refuses_network_visibility_without_a_network(world: World) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Material.objects.create(
            title="Bez sieci",
            visibility=Material.Visibility.NETWORK,
            created_by=world.user("ministry_admin"),
        )


def test_database_refuses_a_network_material_for_the_ministry_only(
    world: World,
) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Material.objects.create(
            title="Ukryty przed siecią",
            visibility=Material.Visibility.MINISTRY,
            network=world.network,
            created_by=world.user("ministry_admin"),
        )


@pytest.mark.parametrize(
    ("uploaded", "safe"),
    [
        ("Zasady realizacji PIM.pdf", "Zasady_realizacji_PIM.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\urzednik\\Pulpit\\podręcznik MID.docx", "podręcznik_MID.docx"),
        ('nazwa"\r\nX-Header: zło.pdf', "nazwaX-Header_zło.pdf"),
        ("..", "material"),
        ("???.pdf", "material.pdf"),
        (".ukryty.pdf", "ukryty.pdf"),
        ("raport\u202efdp.exe", "raportfdp.exe"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_file_names_are_made_safe_for_download(uploaded: str, safe: str) -> None:
    assert safe_file_name(uploaded) == safe
