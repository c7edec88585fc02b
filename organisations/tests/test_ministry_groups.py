"""An install from before a release: the ministry's role groups get what their roles
hold now when `migrate` runs (post_migrate), not only groups made afterwards."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal

from organisations.models import Membership
from organisations.permissions import MINISTRY_ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db


def _held(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_every_permission_a_ministry_role_holds_exists() -> None:
    # given the permissions the ministry's roles are said to hold
    for role, names in MINISTRY_ROLE_PERMISSIONS.items():
        for name in names:
            app_label, codename = name.split(".", 1)
            # then each is a permission of the portal (a typo would grant nothing)
            assert Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists(), (role, name)


@pytest.mark.parametrize("role", [Membership.Role.COORDINATOR, Membership.Role.OFFICER])
def test_a_ministry_group_made_before_a_release_gets_every_permission_on_migrate(
    role: str,
) -> None:
    # given the role's group as an older release left it: one old permission only
    group = Group.objects.create(name=f"ministry:{role}")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="networks", codename="view_workspace"
        )
    )
    # when migrate runs (the signal it sends after migrating every app)
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    # then the group holds exactly what the role holds now: #19's permissions too
    assert _held(group) == set(MINISTRY_ROLE_PERMISSIONS[role])
    for name in (
        "organisations.manage_organisations",
        "networks.change_network",
        "networks.add_edition",
        "networks.change_theme",
        "programme.edit_programme_pages",
    ):
        assert (name in _held(group)) == (role == Membership.Role.COORDINATOR), name
    assert "programme.view_programme_drafts" in _held(group)
