from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, QuerySet

from accounts.models import User
from materials.models import Material, MaterialVersion
from materials.permissions import visible_materials
from networks.models import Network


def materials_for_listing(*, user: User | AnonymousUser) -> QuerySet[Material]:
    """The materials the user may see, with their network and latest upload, most
    recently updated first (one query for the whole page)."""
    return (
        Material.objects.filter(visible_materials(user))
        .select_related("network")
        .annotate(
            version_count=Count("versions"), updated_at=Max("versions__uploaded_at")
        )
        .order_by("-updated_at", "-id")
    )


def networks_with_materials(*, user: User | AnonymousUser) -> QuerySet[Network]:
    """Networks with at least one material the user may see: the choices of the
    list's network filter."""
    visible = Material.objects.filter(visible_materials(user), network__isnull=False)
    return Network.objects.filter(pk__in=visible.values("network")).order_by("name_pl")


def versions_of_material(*, material: Material) -> QuerySet[MaterialVersion]:
    """Every version of a material, the newest first."""
    return (
        MaterialVersion.objects.filter(material=material)
        .select_related("uploaded_by")
        .order_by("-number")
    )
