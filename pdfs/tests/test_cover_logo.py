"""The logo the ministry uploads for a city is on the cover of its PDFs (#19)."""

import pytest

from documents.services import document_version_create
from documents.tests.builders import gdynia_mid
from organisations.administration import OrganisationValues, organisation_update
from organisations.forms import organisation_initial
from organisations.models import Organisation
from organisations.tests.images import image_bytes, logo_upload
from pdfs.rendering import MEDIA_PREFIX, PortalFetcher, print_html
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_a_logo_uploaded_for_a_city_without_one_is_on_its_pdf_cover(
    world: World,
) -> None:
    # given Gdynia's MID, printed while Gdynia has no logo
    version = document_version_create(
        document=gdynia_mid(world), actor=world.user("city_officer"), note=""
    )
    html, media = print_html(version, draft=True)
    assert 'class="logo"' not in html and media == frozenset()
    # when the ministry uploads Gdynia's coat of arms
    gdynia = Organisation.objects.get(pk=world.partner_city.pk)
    organisation_update(
        organisation=gdynia,
        values=OrganisationValues(**organisation_initial(gdynia)),  # type: ignore[arg-type]
        logo=logo_upload("herb-gdyni.png"),
        remove_logo=False,
        actor=world.user("ministry_admin"),
        ip_address=None,
    )
    # then the next print-out's cover shows it, and only it may be fetched
    version = (
        type(version)
        .objects.select_related("document__organisation")
        .get(pk=version.pk)
    )
    html, media = print_html(version, draft=True)
    stored = Organisation.objects.get(pk=gdynia.pk).logo.name or ""
    assert f'<img class="logo" src="{MEDIA_PREFIX}{stored}"' in html
    assert media == frozenset({stored})
    served = PortalFetcher(media_allowed=media).fetch(MEDIA_PREFIX + stored)
    assert served.read() == image_bytes()
