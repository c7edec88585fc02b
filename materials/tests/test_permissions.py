import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import User
from materials.models import Material
from materials.permissions import (
    ADD_VERSION,
    VIEW,
    access_library,
    access_material,
    can_add_to,
    can_add_version,
    can_view_material,
    visible_materials,
)
from materials.services import material_create
from materials.tests.files import pdf
from networks.models import Network, NetworkExpert
from networks.services import expert_unassign
from organisations.models import Membership
from organisations.services import membership_set_active
from tests.support.world import ROLES, World

pytestmark = pytest.mark.django_db
NETWORK_ROLES = {"lead_coordinator", "city_coordinator", "city_officer", "expert"}
MINISTRY_ROLES = {"ministry_admin", "ministry_staff"}


def person(world: World, role: str) -> User | AnonymousUser:
    """A fresh copy: Django caches permissions on the user object."""
    user = world.users[role]
    return User.objects.get(pk=user.pk) if user else AnonymousUser()


def _material(
    world: World, visibility: str, network: Network | None = None
) -> Material:
    return material_create(
        title=f"Materiał ({visibility})",
        description="",
        language=Material.Language.POLISH,
        visibility=Material.Visibility(visibility),
        network=network,
        upload=pdf(),
        actor=world.user("ministry_admin"),
    )


def _who_sees(world: World, material: Material) -> set[str]:
    return {role for role in ROLES if can_view_material(person(world, role), material)}


def test_everyone_sees_public_materials_even_without_an_account(
    world: World,
) -> None:
    assert _who_sees(world, _material(world, "public")) == set(ROLES)
    public_of_air = _material(
        world, "public", Network.objects.get(slug="jakosc-powietrza")
    )
    assert _who_sees(world, public_of_air) == set(ROLES)


def test_network_materials_are_for_its_members_its_expert_and_the_ministry(
    world: World,
) -> None:
    ours = _material(world, "network", world.network)
    air = _material(world, "network", Network.objects.get(slug="jakosc-powietrza"))
    assert _who_sees(world, ours) == NETWORK_ROLES | MINISTRY_ROLES
    assert _who_sees(world, air) == MINISTRY_ROLES


def test_ministry_materials_are_for_the_programme_office_only(world: World) -> None:
    assert _who_sees(world, _material(world, "ministry")) == {"ministry_admin"}


def test_who_may_add_materials_to_which_library(world: World) -> None:
    air = Network.objects.get(slug="jakosc-powietrza")

    def adders(network: Network | None) -> set[str]:
        return {role for role in ROLES if can_add_to(person(world, role), network)}

    assert adders(None) == {"ministry_admin"}
    assert adders(world.network) == NETWORK_ROLES | MINISTRY_ROLES
    assert adders(air) == MINISTRY_ROLES


def test_adding_a_version_needs_the_library_not_only_the_sight(world: World) -> None:
    programme = _material(world, "public")
    public_of_ours = _material(world, "public", world.network)
    assert {
        role for role in ROLES if can_add_version(person(world, role), programme)
    } == {"ministry_admin"}
    assert {
        role for role in ROLES if can_add_version(person(world, role), public_of_ours)
    } == NETWORK_ROLES | MINISTRY_ROLES


def test_the_list_filter_agrees_with_the_rule_for_one_material(world: World) -> None:
    # given every kind of material in every kind of library
    air = Network.objects.get(slug="jakosc-powietrza")
    materials = [
        _material(world, "public"),
        _material(world, "ministry"),
        _material(world, "public", world.network),
        _material(world, "network", world.network),
        _material(world, "public", air),
        _material(world, "network", air),
    ]
    # then for each role the list shows exactly what each page would
    for role in ROLES:
        user = person(world, role)
        listed = set(Material.objects.filter(visible_materials(user)))
        assert listed == {m for m in materials if can_view_material(user, m)}, role


def test_unknown_visibility_shows_the_material_to_nobody(world: World) -> None:
    odd = Material(title="?", visibility="secret", network=None)
    assert not any(can_view_material(person(world, role), odd) for role in ROLES)


def test_a_deactivated_officer_loses_the_network_materials_at_once(
    world: World,
) -> None:
    material = _material(world, "network", world.network)
    membership = Membership.objects.get(
        user=world.user("city_officer"), organisation=world.partner_city
    )
    membership_set_active(
        membership=membership,
        active=False,
        actor=world.user("city_coordinator"),
        ip_address=None,
    )
    assert not can_view_material(person(world, "city_officer"), material)
    assert not can_add_version(person(world, "city_officer"), material)


def test_an_expert_whose_assignment_ended_loses_the_network_materials(
    world: World,
) -> None:
    material = _material(world, "network", world.network)
    expert_unassign(
        expert=NetworkExpert.objects.get(pk=world.expert.pk),
        actor=world.user("ministry_admin"),
        ip_address=None,
    )
    assert not can_view_material(person(world, "expert"), material)


def test_forbidden_and_missing_materials_answer_the_same_404(world: World) -> None:
    ministry_only = _material(world, "ministry")
    public = _material(world, "public")
    officer = person(world, "city_officer")
    with pytest.raises(Http404):
        access_material(officer, ministry_only.pk)
    with pytest.raises(Http404):
        access_material(officer, ministry_only.pk + 1000)
    with pytest.raises(Http404):
        access_material(officer, public.pk, permission=ADD_VERSION)
    with pytest.raises(Http404):
        access_material(officer, public.pk, permission="delete")  # unknown: refused
    assert access_material(officer, public.pk, permission=VIEW) == public


def test_libraries_open_only_to_those_who_may_add_to_them(world: World) -> None:
    officer = person(world, "city_officer")
    assert access_library(officer, network_slug="rewitalizacja") == world.network
    for slug in ("", "jakosc-powietrza", "brak-sieci"):
        with pytest.raises(Http404):
            access_library(officer, network_slug=slug)
    assert access_library(person(world, "ministry_admin"), network_slug="") is None
