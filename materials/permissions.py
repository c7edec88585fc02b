"""Who may do what in the materials library — the single source of truth, and the
only module of the library that talks to django-guardian.

| role                              | see public | see a network's | see the ministry's | add programme material | add to a network's |
|-----------------------------------|------------|-----------------|--------------------|------------------------|--------------------|
| ministry admin (programme office) | yes        | every network   | yes                | yes                    | every network      |
| ministry staff                    | yes        | every network   | –                  | –                      | every network      |
| member's coordinator, officer     | yes        | own networks    | –                  | –                      | own networks       |
| thematic expert                   | yes        | own network     | –                  | –                      | own network        |
| public                            | yes        | –               | –                  | –                      | –                  |

"A network's" follows the network's workspace (networks/permissions.py,
`view_workspace`: current member organisations' people, the current expert, the
ministry). "The ministry's" and the programme's own documents follow the global
permission `materials.manage_programme_materials`, which the ministry admins' group
holds (organisations/permissions.py, MINISTRY_ROLE_PERMISSIONS). Adding a version is
adding to the material's library, on a material the person may see. Anything else
— an unknown visibility, an unknown action — is refused.
"""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from guardian.shortcuts import get_objects_for_user

from accounts.models import User
from core.permissions import require
from materials.models import Material
from networks.models import Network
from networks.permissions import can_view_workspace

MANAGE_PROGRAMME_MATERIALS = "materials.manage_programme_materials"
VIEW = "view"
ADD_VERSION = "add_version"

AnyUser = User | AnonymousUser


def _signed_in(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_active


def can_manage_programme_materials(user: AnyUser) -> bool:
    return _signed_in(user) and user.has_perm(MANAGE_PROGRAMME_MATERIALS)


def _works_in(user: AnyUser, network: Network) -> bool:
    return can_view_workspace(user, network) or can_manage_programme_materials(user)


def can_add_to(user: AnyUser, network: Network | None) -> bool:
    """May the user add materials to `network`'s library (None: the programme's)?"""
    if network is None:
        return can_manage_programme_materials(user)
    return _works_in(user, network)


def can_view_material(user: AnyUser, material: Material) -> bool:
    if material.visibility == Material.Visibility.PUBLIC:
        return True
    if material.visibility == Material.Visibility.NETWORK:
        return material.network is not None and _works_in(user, material.network)
    if material.visibility == Material.Visibility.MINISTRY:
        return can_manage_programme_materials(user)
    return False


def can_add_version(user: AnyUser, material: Material) -> bool:
    return can_view_material(user, material) and can_add_to(user, material.network)


_RULES: dict[str, Callable[[AnyUser, Material], bool]] = {
    VIEW: can_view_material,
    ADD_VERSION: can_add_version,
}


def access_material(user: AnyUser, pk: int, *, permission: str = VIEW) -> Material:
    """The material, if the user may do `permission` with it. A forbidden material
    answers 404 exactly like a missing one."""
    rule = _RULES.get(permission)
    material = Material.objects.select_related("network").filter(pk=pk).first()
    if material is None or rule is None or not rule(user, material):
        raise Http404
    return material


def access_library(user: AnyUser, *, network_slug: str) -> Network | None:
    """The network whose library the user adds a material to — or None, for the
    programme's own library when no slug is given. 404 when they may not."""
    if not network_slug:
        require(can_manage_programme_materials(user))
        return None
    network = Network.objects.filter(slug=network_slug).first()
    if network is None or not can_add_to(user, network):
        raise Http404
    return network


def networks_open_to(user: AnyUser) -> QuerySet[Network]:
    """Networks whose materials the user may see and add to: `_works_in` for a
    whole list at once (a lazy query, not one per network)."""
    if not _signed_in(user):
        return Network.objects.none()
    if can_manage_programme_materials(user):
        return Network.objects.all()
    # with_superuser=True: guardian ignores accept_global_perms without it, and the
    # ministry staff's workspace right is a global permission.
    return get_objects_for_user(
        user,
        "networks.view_workspace",
        klass=Network,
        accept_global_perms=True,
        with_superuser=True,
    )


def visible_materials(user: AnyUser) -> Q:
    """`can_view_material` as a filter, so a list checks a whole page in its one
    query."""
    visible = Q(visibility=Material.Visibility.PUBLIC)
    if not _signed_in(user):
        return visible
    if can_manage_programme_materials(user):
        visible |= Q(visibility=Material.Visibility.MINISTRY)
    return visible | Q(
        visibility=Material.Visibility.NETWORK, network__in=networks_open_to(user)
    )
