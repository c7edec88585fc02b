from typing import Any

from django import template

from networks.maps import MapRole, member_points
from networks.maps import member_map as build_member_map
from networks.selectors import NetworkPage

register = template.Library()


@register.inclusion_tag("networks/_member_map.html")
def member_map(
    page: NetworkPage, *, list_id: str = "", former: bool = False
) -> dict[str, Any]:
    """The map of the network's members, with a list alternative.

    `list_id`: the id of a table of the same members already on the page (the
    network page's members table); the map then links to it instead of
    repeating the members in a list of its own. `former`: also mark the members
    who have left.
    """
    return {
        "network": page.network,
        "map": build_member_map(member_points(page, former=former)),
        "list_id": list_id,
        "former": former,
        "roles": MapRole,
        "map_id": f"member-map-{page.network.slug}",
    }
