import pytest
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import remove_perm

from core.permissions import object_checker
from networks.models import (
    Network,
    NetworkGroupObjectPermission,
    NetworkUserObjectPermission,
)
from networks.permissions import VIEW_WORKSPACE
from organisations.models import Membership, OrganisationUserObjectPermission
from organisations.permissions import role_group
from tests.support.world import ROLES, World

pytestmark = pytest.mark.django_db


def test_object_permissions_are_granted_to_groups_only(world: World) -> None:
    # the world is built by the services that grant every role's rights
    assert NetworkGroupObjectPermission.objects.exists()
    assert not NetworkUserObjectPermission.objects.exists()
    assert not OrganisationUserObjectPermission.objects.exists()


def test_one_query_answers_an_object_permission(
    world: World, django_assert_num_queries: object
) -> None:
    officer = world.user("city_officer")
    with django_assert_num_queries(1):  # type: ignore[operator]
        checker = object_checker(officer)
        assert checker.has_perm(VIEW_WORKSPACE, world.network)
        assert checker.has_perm(VIEW_WORKSPACE, world.network)  # answered again


def test_the_checker_answers_as_guardian_does(world: World) -> None:
    """The portal's lookup of group grants against guardian's own, for every role
    of the world, on networks and organisations."""
    objects = [*Network.objects.all(), world.partner_city, world.lead_city]
    for role in ROLES:
        person = world.users[role]
        if person is None:
            continue
        for obj in objects:
            ours = set(object_checker(person).get_perms(obj))
            guardians = set(ObjectPermissionChecker(person).get_perms(obj))
            assert ours == guardians, (role, obj)
    # and a grant taken away is gone for a fresh checker
    officer = world.user("city_officer")
    assert object_checker(officer).has_perm(VIEW_WORKSPACE, world.network)
    group = role_group(world.partner_city, Membership.Role.OFFICER)
    remove_perm(VIEW_WORKSPACE, group, world.network)
    assert not object_checker(officer).has_perm(VIEW_WORKSPACE, world.network)
