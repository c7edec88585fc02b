"""Who may do what with an organisation and its people — the single source of truth,
and the only module (with networks/permissions.py) that talks to django-guardian.

| role             | see people | invite officers, re-role, deactivate | invite coordinators | add, change, deactivate orgs |
|------------------|------------|--------------------------------------|---------------------|------------------------------|
| ministry admin   | every org  | every org                            | every org           | yes                          |
| ministry staff   | every org  | –                                    | –                   | –                            |
| city coordinator | own org    | own org                              | –                   | –                            |
| city officer     | own org    | –                                    | –                   | –                            |
| others, public   | –          | –                                    | –                   | –                            |

The ministry's own organisation and expert bodies are not changed through the
organisation pages (`access_managed_organisation`): only the programme's members.

Grants go to groups — one per organisation role ("organisation:<pk>:<role>"), and for
the ministry's own organisation one portal-wide group per role ("ministry:<role>")
holding global permissions — so that adding a person to a role grants everything the
role implies. Only the services call the grant functions here.
"""

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.http import Http404
from guardian.shortcuts import assign_perm, get_group_perms

from accounts.models import User
from core.permissions import object_checker, per_request
from organisations.models import Membership, Organisation

VIEW_PEOPLE = "view_people"
MANAGE_PEOPLE = "manage_people"
MANAGE_COORDINATORS = "manage_coordinators"
MANAGE_ORGANISATIONS = "manage_organisations"
# The kinds the ministry adds, changes and deactivates: the programme's members.
MANAGED_KINDS = tuple(
    kind
    for kind in Organisation.Kind
    if kind not in (Organisation.Kind.MINISTRY, Organisation.Kind.EXPERT_BODY)
)

ORGANISATION_ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Membership.Role.COORDINATOR: (VIEW_PEOPLE, MANAGE_PEOPLE),
    Membership.Role.OFFICER: (VIEW_PEOPLE,),
}
# In the ministry's own organisation the roles are portal-wide: ministry admin
# (coordinator) and ministry staff (officer).
MINISTRY_ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Membership.Role.COORDINATOR: (
        f"organisations.{VIEW_PEOPLE}",
        f"organisations.{MANAGE_PEOPLE}",
        f"organisations.{MANAGE_COORDINATORS}",
        f"organisations.{MANAGE_ORGANISATIONS}",
        "networks.view_workspace",
        "networks.assign_expert",
        "networks.change_network",
        "networks.view_edition",
        "networks.add_edition",
        "networks.change_edition",
        "networks.view_theme",
        "networks.add_theme",
        "networks.change_theme",
        "audit.view_auditevent",
        "meetings.organise_meetings",
        "materials.manage_programme_materials",
        "documents.view_every_document",
        "documents.decide_documents",
        "documents.manage_templates",
        "recruitment.manage_calls",
        "programme.edit_programme_pages",
        "programme.view_programme_drafts",
    ),
    Membership.Role.OFFICER: (
        f"organisations.{VIEW_PEOPLE}",
        "networks.view_workspace",
        "networks.view_edition",
        "networks.view_theme",
        "documents.view_every_document",
        "documents.decide_documents",
        "documents.manage_templates",
        "recruitment.manage_calls",
        "programme.view_programme_drafts",
    ),
}


def _ministry_grants(group: Group, role: str, using: str = DEFAULT_DB_ALIAS) -> None:
    wanted = Q()
    for name in MINISTRY_ROLE_PERMISSIONS[role]:
        app_label, codename = name.split(".", 1)
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.set(Permission.objects.using(using).filter(wanted))


def role_group(organisation: Organisation, role: str) -> Group:
    """The group whose members hold `role` in `organisation`, with its grants."""
    if organisation.is_ministry:
        group, _created = Group.objects.get_or_create(name=f"ministry:{role}")
        _ministry_grants(group, role)
        return group
    group, created = Group.objects.get_or_create(
        name=f"organisation:{organisation.pk}:{role}"
    )
    held = set() if created else set(get_group_perms(group, organisation))
    for permission in ORGANISATION_ROLE_PERMISSIONS[role]:
        if permission not in held:
            assign_perm(permission, group, organisation)
    return group


def ministry_groups_refresh(using: str = DEFAULT_DB_ALIAS, **_signal: object) -> None:
    """Gives the ministry's existing role groups exactly the permissions their roles
    hold now. Run after every `migrate` (post_migrate, see apps.py), so that a
    release giving a ministry role a new permission reaches the people who already
    hold the role, not only those who get it later."""
    for group in Group.objects.using(using).filter(
        name__in=[f"ministry:{role}" for role in Membership.Role]
    ):
        _ministry_grants(group, group.name.removeprefix("ministry:"), using)


def membership_groups_sync(membership: Membership) -> None:
    """Puts the person in exactly the group their (active) role calls for."""
    for role in Membership.Role:
        group = role_group(membership.organisation, role)
        if membership.is_active and membership.role == role:
            membership.user.groups.add(group)
        else:
            membership.user.groups.remove(group)


def _may(
    user: User | AnonymousUser, permission: str, organisation: Organisation
) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    # accept_global_perms, explicitly: the ministry's roles are global permissions.
    if user.has_perm(f"organisations.{permission}"):
        return True
    return object_checker(user).has_perm(permission, organisation)


def can_view_people(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return _may(user, VIEW_PEOPLE, organisation)


def can_manage_people(user: User | AnonymousUser, organisation: Organisation) -> bool:
    return _may(user, MANAGE_PEOPLE, organisation)


def can_invite_coordinators(
    user: User | AnonymousUser, organisation: Organisation
) -> bool:
    return _may(user, MANAGE_COORDINATORS, organisation)


def invitable_roles(
    user: User | AnonymousUser, organisation: Organisation
) -> list[Membership.Role]:
    if can_invite_coordinators(user, organisation):
        return [Membership.Role.OFFICER, Membership.Role.COORDINATOR]
    if can_manage_people(user, organisation):
        return [Membership.Role.OFFICER]
    return []


def can_manage_role(
    user: User | AnonymousUser, organisation: Organisation, *roles: str
) -> bool:
    """May the user act on someone holding (or about to hold) these roles? A
    coordinator manages officers; coordinators are the ministry admin's to manage."""
    if Membership.Role.COORDINATOR in roles:
        return can_invite_coordinators(user, organisation)
    return can_manage_people(user, organisation)


def can_manage_organisations(user: User | AnonymousUser) -> bool:
    """Add an organisation, change or deactivate one: the ministry admin."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm(f"organisations.{MANAGE_ORGANISATIONS}")
    )


def access_managed_organisation(user: User | AnonymousUser, slug: str) -> Organisation:
    """An organisation the user may change or deactivate; 404 otherwise, exactly
    like a missing one (and for the ministry itself or an expert body)."""
    if not can_manage_organisations(user):
        raise Http404
    organisation = Organisation.objects.filter(
        slug=slug, kind__in=MANAGED_KINDS
    ).first()
    if organisation is None:
        raise Http404
    return organisation


def access_organisation(
    user: User | AnonymousUser, slug: str, *, permission: str
) -> Organisation:
    """The organisation, if the user holds `permission` on it. A forbidden
    organisation answers 404 exactly like a missing one."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not _may(user, permission, organisation):
        raise Http404
    return organisation


def is_member(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """An active coordinator or officer of the organisation itself (not through
    a ministry role)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and organisation.pk in own_organisation_ids(user)
    )


def own_organisation_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The organisations the user works for (one query per request)."""
    if not user.is_authenticated:
        return frozenset()
    return per_request(
        ("own organisations", user.pk),
        lambda: frozenset(
            Membership.objects.filter(user=user, is_active=True).values_list(
                "organisation_id", flat=True
            )
        ),
    )
