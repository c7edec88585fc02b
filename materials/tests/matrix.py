"""The materials library in the permission matrix (tests/test_permission_matrix.py).

Every object a case needs is made inside its URL callable, with the services, by the
ministry admin. Rewitalizacja's people (Gdynia, Katowice, the expert) and the
ministry work in Rewitalizacja; only the ministry works in Air quality."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from materials.models import Material
from materials.services import material_create
from materials.tests.files import PDF, pdf
from networks.models import Network
from tests.support.matrix import Case, everyone, only, signed_in
from tests.support.world import World


@dataclass(frozen=True)
class Upload:
    """A file the test client can send again and again (one request per role)."""

    name: str
    content: bytes
    content_type: str = "application/pdf"

    def read(self) -> bytes:
        return self.content


MINISTRY = {"ministry_admin": 200, "ministry_staff": 200}
PROGRAMME_OFFICE = {"ministry_admin": 200}
PUBLIC = everyone(200)
REWITALIZACJA = signed_in(200, anonymous=404)
AIR_QUALITY = only(MINISTRY, anonymous=404)
MINISTRY_ONLY = only(PROGRAMME_OFFICE, anonymous=404)


def _material(world: World, visibility: str, network_slug: str = "") -> Material:
    return material_create(
        # titled in words, as a person would (tests/test_raw_code_scan.py)
        title=f"Materiał ({Material.Visibility(visibility).label}, {network_slug})",
        description="",
        language=Material.Language.POLISH,
        visibility=Material.Visibility(visibility),
        network=Network.objects.get(slug=network_slug) if network_slug else None,
        upload=pdf(),
        actor=world.user("ministry_admin"),
    )


def page_of(visibility: str, network_slug: str = "") -> Callable[[World], str]:
    return lambda world: _material(world, visibility, network_slug).get_absolute_url()


def file_of(
    visibility: str, network_slug: str = "", number: int = 1
) -> Callable[[World], str]:
    def url(world: World) -> str:
        material = _material(world, visibility, network_slug)
        return reverse("materials:download", args=[material.pk, number])

    return url


def new_version_of(visibility: str, network_slug: str = "") -> Callable[[World], str]:
    def url(world: World) -> str:
        material = _material(world, visibility, network_slug)
        return reverse("materials:add_version", args=[material.pk])

    return url


def library(network_slug: str = "") -> Callable[[World], str]:
    def url(world: World) -> str:
        query = f"?siec={network_slug}" if network_slug else ""
        return reverse("materials:create") + query

    return url


def upload(url: Callable[[World], str], expect: dict[str, int], **data: str) -> Case:
    return Case(
        url, expect, "post", {**data, "file": Upload("plik.pdf", PDF)}, writes=True
    )


NEW_MATERIAL = {"title": "Nowy materiał", "language": "pl"}

MATRIX: dict[str, list[Case]] = {
    "materials:list": [Case(lambda world: reverse("materials:list"), PUBLIC)],
    "materials:detail": [
        Case(page_of("public"), PUBLIC),
        Case(page_of("public", "jakosc-powietrza"), PUBLIC),
        Case(page_of("network", "rewitalizacja"), REWITALIZACJA),
        Case(page_of("network", "jakosc-powietrza"), AIR_QUALITY),
        Case(page_of("ministry"), MINISTRY_ONLY),
        Case(lambda world: reverse("materials:detail", args=[987654]), everyone(404)),
    ],
    "materials:download": [
        Case(file_of("public"), PUBLIC),
        Case(file_of("network", "rewitalizacja"), REWITALIZACJA),
        Case(file_of("network", "jakosc-powietrza"), AIR_QUALITY),
        Case(file_of("ministry"), MINISTRY_ONLY),
        Case(file_of("public", number=2), everyone(404)),
        Case(
            lambda world: reverse("materials:download", args=[987654, 1]),
            everyone(404),
        ),
    ],
    "materials:create": [
        Case(library(), only(PROGRAMME_OFFICE)),
        Case(library("rewitalizacja"), signed_in(200)),
        Case(library("jakosc-powietrza"), only(MINISTRY)),
        Case(library("brak-sieci"), only({})),
        upload(
            library(),
            only({"ministry_admin": 302}),
            visibility="ministry",
            **NEW_MATERIAL,
        ),
        upload(
            library("rewitalizacja"),
            signed_in(302),
            visibility="network",
            **NEW_MATERIAL,
        ),
        upload(
            library("jakosc-powietrza"),
            only({"ministry_admin": 302, "ministry_staff": 302}),
            visibility="public",
            **NEW_MATERIAL,
        ),
    ],
    "materials:add_version": [
        upload(new_version_of("public"), only({"ministry_admin": 302})),
        upload(new_version_of("public", "rewitalizacja"), signed_in(302)),
        upload(new_version_of("network", "rewitalizacja"), signed_in(302)),
        upload(
            new_version_of("network", "jakosc-powietrza"),
            only({"ministry_admin": 302, "ministry_staff": 302}),
        ),
        upload(new_version_of("ministry"), only({"ministry_admin": 302})),
    ],
}
