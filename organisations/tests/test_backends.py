import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from organisations.backends import PortalBackend
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_global_permissions_direct_and_through_groups_in_one_query(
    django_assert_num_queries: object,
) -> None:
    # given a person with one permission of their own and one through a group
    user = UserFactory.create()
    own = Permission.objects.get(codename="view_every_document")
    grouped = Permission.objects.get(codename="decide_documents")
    group = Group.objects.create(name="decides")
    group.permissions.add(grouped)
    user.user_permissions.add(own)
    user.groups.add(group)

    # when their permissions are read, then asked again
    with django_assert_num_queries(1):  # type: ignore[operator]
        permissions = PortalBackend().get_all_permissions(user)
        assert user.has_perm("documents.decide_documents")

    # then both are there, and nothing else
    assert permissions == {
        "documents.view_every_document",
        "documents.decide_documents",
    }


def test_the_person_comes_with_their_global_permissions(
    django_assert_num_queries: object,
) -> None:
    # given a person with one permission of their own and one through a group
    user = UserFactory.create()
    group = Group.objects.create(name="decides")
    group.permissions.add(Permission.objects.get(codename="decide_documents"))
    user.user_permissions.add(Permission.objects.get(codename="view_every_document"))
    user.groups.add(group)
    backend = PortalBackend()
    # when a request reads the person, then asks what they may do
    with django_assert_num_queries(1):  # type: ignore[operator]
        person = backend.get_user(user.pk)
        assert isinstance(person, User)
        assert person.has_perm("documents.decide_documents")
        assert person.has_perm("documents.view_every_document")
        assert not person.has_perm("networks.assign_expert")
    # and when the group loses the grant, the next request knows it
    group.permissions.clear()
    person = backend.get_user(user.pk)
    assert isinstance(person, User)
    assert not person.has_perm("documents.decide_documents")
    assert person.has_perm("documents.view_every_document")


def test_the_person_comes_with_the_ministry_mfa_answer(world: World) -> None:
    ministry = world.user("ministry_admin")
    officer = world.user("city_officer")
    backend = PortalBackend()
    # the world's ministry admin has a TOTP device; an officer needs none
    assert backend.get_user(ministry.pk).needs_mfa_setup is False  # type: ignore[union-attr]
    assert backend.get_user(officer.pk).needs_mfa_setup is False  # type: ignore[union-attr]
    Authenticator.objects.filter(user=ministry).delete()
    assert backend.get_user(ministry.pk).needs_mfa_setup is True  # type: ignore[union-attr]


def test_a_signed_in_request_reads_the_session_from_redis_and_the_person_once(
    world: World, client: Client
) -> None:
    client.force_login(world.user("city_officer"))
    url = reverse("meetings:subscriptions")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    queries = [query["sql"] for query in captured.captured_queries]
    assert not any("django_session" in sql for sql in queries)
    # the person, with the MFA answer as a column: one query for both
    assert sum('FROM "accounts_user"' in sql for sql in queries) == 1
    assert sum("mfa_authenticator" in sql for sql in queries) == 1
