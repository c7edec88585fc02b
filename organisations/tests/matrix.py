"""Permission-matrix entries for the ministry's organisation pages (merged into
tests/test_permission_matrix.py). The ministry admin adds, changes, deactivates and
reactivates organisations; everyone else, ministry staff included, gets 404 — and
so does the admin for the ministry's own organisation. A logo is public, like the
organisation's page."""

from collections.abc import Callable

from django.urls import reverse

from organisations.administration import OrganisationValues, organisation_update
from organisations.forms import organisation_initial
from organisations.models import Organisation
from organisations.tests.images import logo_upload
from tests.support.matrix import Case, everyone, only, post, to
from tests.support.world import World

ADMIN_PAGE = only({"ministry_admin": 200})
ADMIN_WRITE = only({"ministry_admin": 302})


def gdynia(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.partner_city.slug])


def gdynia_logo(world: World) -> str:
    """Gdynia's logo, uploaded for the case (the world has none)."""
    city = Organisation.objects.get(pk=world.partner_city.pk)
    if not city.logo:
        city = organisation_update(
            organisation=city,
            values=OrganisationValues(**organisation_initial(city)),  # type: ignore[arg-type]
            logo=logo_upload(),
            remove_logo=False,
            actor=world.user("ministry_admin"),
            ip_address=None,
        )
    return reverse("organisations:logo", args=[city.slug, city.logo_file_name])


MATRIX: dict[str, list[Case]] = {
    "organisations:create": [
        Case(to("organisations:create"), ADMIN_PAGE),
        post(
            to("organisations:create"),
            ADMIN_WRITE,
            name="Nowe Miasto Lubawskie",
            kind="urban_gmina",
            country="PL",
            voivodeship="28",
        ),
    ],
    "organisations:edit": [
        Case(gdynia("organisations:edit"), ADMIN_PAGE),
        post(
            gdynia("organisations:edit"),
            ADMIN_WRITE,
            name="Gdynia",
            kind="city_county",
            country="PL",
            voivodeship="22",
            seat="Gdynia",
        ),
        # the ministry itself is not changed here
        Case(to("organisations:edit", "ministerstwo"), only({})),
        Case(to("organisations:edit", "brak-organizacji"), only({})),
    ],
    "organisations:deactivate": [
        post(gdynia("organisations:deactivate"), ADMIN_WRITE),
        post(to("organisations:deactivate", "ministerstwo"), only({})),
    ],
    # Gdynia is active: reactivating it changes nothing, and answers the same.
    "organisations:reactivate": [
        post(gdynia("organisations:reactivate"), ADMIN_WRITE),
    ],
    "organisations:logo": [
        Case(gdynia_logo, everyone(200)),
        Case(to("organisations:logo", "gdynia", "inny.png"), everyone(404)),
    ],
}
