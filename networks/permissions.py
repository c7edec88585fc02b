"""Who may do what with a network — the single source of truth for networks.

| role                  | see workspace | lead     | review   | assign experts | administer |
|-----------------------|---------------|----------|----------|----------------|------------|
| ministry admin        | every network | –        | –        | every network  | every one  |
| ministry staff        | every network | –        | –        | –              | sees only  |
| lead-city coordinator | own network   | own      | –        | –              | –          |
| member's coordinator, officer | own network | – | –      | –              | –          |
| thematic expert       | own network   | –        | own      | –              | –          |
| public                | –             | –        | –        | –              | –          |

"Administer": change the network's status, hand its lead over, add members and end
their part (networks/workflow.py says when). Observers' people see the workspace
like a partner's; they never hold the lead.

Member organisations' role groups get the network's grants while the membership is
current; "lead-city coordinator" is derived: the coordinators' group of the current
lead holds `lead_network`, and loses it when the lead changes. Experts are in one
group per network ("network:<pk>:expert").
"""

from django.contrib.auth.models import AnonymousUser, Group
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import User
from core.permissions import object_checker, per_request
from networks.models import Network, NetworkExpert, NetworkMembership
from organisations.models import Membership
from organisations.permissions import role_group

VIEW_WORKSPACE = "view_workspace"
LEAD_NETWORK = "lead_network"
REVIEW_NETWORK = "review_network"
ASSIGN_EXPERT = "assign_expert"
# Django's own model permission, held portal-wide by the ministry's administrators.
ADMINISTER_NETWORK = "change_network"


def expert_group(network: Network) -> Group:
    group, created = Group.objects.get_or_create(name=f"network:{network.pk}:expert")
    if created:
        assign_perm(VIEW_WORKSPACE, group, network)
        assign_perm(REVIEW_NETWORK, group, network)
    return group


def network_membership_grants_sync(membership: NetworkMembership) -> None:
    """Grants (or, once ended, revokes) what a network membership implies to the
    organisation's role groups."""
    organisation, network = membership.organisation, membership.network
    current = membership.valid_to is None
    groups = {role: role_group(organisation, role) for role in Membership.Role}
    for group in groups.values():
        if current:
            assign_perm(VIEW_WORKSPACE, group, network)
        else:
            remove_perm(VIEW_WORKSPACE, group, network)
    coordinators = groups[Membership.Role.COORDINATOR]
    if current and membership.role == NetworkMembership.Role.LEAD:
        assign_perm(LEAD_NETWORK, coordinators, network)
    else:
        remove_perm(LEAD_NETWORK, coordinators, network)


def expert_grants_sync(expert: NetworkExpert) -> None:
    group = expert_group(expert.network)
    if expert.valid_to is None:
        expert.user.groups.add(group)
    else:
        expert.user.groups.remove(group)


def _may(user: User | AnonymousUser, permission: str, network: Network) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    # Asked once per document of a list, about the same few networks.
    return per_request(
        ("may", user.pk, permission, network.pk),
        # accept_global_perms, explicitly: the ministry's roles are global grants.
        lambda: (
            user.has_perm(f"networks.{permission}")
            or object_checker(user).has_perm(permission, network)
        ),
    )


def can_view_workspace(user: User | AnonymousUser, network: Network) -> bool:
    return _may(user, VIEW_WORKSPACE, network)


def can_lead(user: User | AnonymousUser, network: Network) -> bool:
    return _may(user, LEAD_NETWORK, network)


def can_review(user: User | AnonymousUser, network: Network) -> bool:
    return _may(user, REVIEW_NETWORK, network)


def access_network(
    user: User | AnonymousUser, slug: str, *, permission: str
) -> Network:
    """The network, if the user holds `permission` on it; 404 otherwise, exactly
    like a missing network."""
    network = Network.objects.filter(slug=slug).first()
    if network is None or not _may(user, permission, network):
        raise Http404
    return network


def can_assign_experts(user: User | AnonymousUser, network: Network) -> bool:
    return _may(user, ASSIGN_EXPERT, network)


# Editions and themes (networks/edition_views.py): the ministry's global grants
# (organisations/permissions.py) — its staff see them, its admin changes them.
def _holds(user: User | AnonymousUser, *permissions: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return all(user.has_perm(f"networks.{name}") for name in permissions)


def can_view_editions(user: User | AnonymousUser) -> bool:
    return _holds(user, "view_edition", "view_theme")


def can_manage_editions(user: User | AnonymousUser) -> bool:
    return _holds(user, "add_edition", "change_edition")


def can_manage_themes(user: User | AnonymousUser) -> bool:
    return _holds(user, "add_theme", "change_theme")


def can_administer_network(user: User | AnonymousUser, network: Network) -> bool:
    """Changes the network's status and members: the ministry's administrators."""
    return _may(user, ADMINISTER_NETWORK, network)


def can_see_network_administration(user: User | AnonymousUser) -> bool:
    """Sees every network's members page, with its history: the ministry's roles
    (their portal-wide grant on every workspace; a member city's object grant on
    its own network does not count)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm(f"networks.{VIEW_WORKSPACE}")
    )


def access_network_administration(user: User | AnonymousUser, slug: str) -> Network:
    """The network, for its members page; 404 for everyone else, exactly like a
    missing network."""
    network = Network.objects.filter(slug=slug).first()
    if network is None or not can_see_network_administration(user):
        raise Http404
    return network
