import pytest

from core.permissions import object_checker
from core.testing.world import World
from networks.models import NetworkGroupObjectPermission, NetworkUserObjectPermission
from networks.permissions import VIEW_WORKSPACE
from organisations.models import OrganisationUserObjectPermission

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
