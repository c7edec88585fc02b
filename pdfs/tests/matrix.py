"""Permission-matrix entries for the PDFs (merged into tests/test_permission_matrix.py).
A draft's PDF follows its document (Gdynia's MID: Gdynia, the expert, the ministry);
the published version's final PDF is public; the ZIP of published MIDs is the
ministry's."""

from collections.abc import Callable

from django.urls import reverse

from documents.models import State
from documents.services import document_version_create
from documents.tests.builders import gdynia_mid, network_sheet
from pdfs.jobs import pdf_render
from pdfs.models import Bundle, RenderJob
from pdfs.services import pdf_request
from tests.support.matrix import Case, everyone, only, post, signed_in
from tests.support.world import World

MINISTRY = {"ministry_admin": 200, "ministry_staff": 200}
SEE_GDYNIA_MID = only(
    MINISTRY | {"city_coordinator": 200, "city_officer": 200} | {"expert": 200}
)


def mid_version_number(world: World) -> tuple[int, int]:
    mid = gdynia_mid(world)
    version = mid.versions.order_by("-number").first() or document_version_create(
        document=mid, actor=world.user("city_officer"), note=""
    )
    return mid.pk, version.number


def ready_job(published: bool) -> Callable[[World], RenderJob]:
    def job(world: World) -> RenderJob:
        if published:
            sheet = network_sheet(world, State.PUBLISHED)
            assert sheet.published_version is not None
            made = pdf_request(
                version=sheet.published_version, variant=RenderJob.Variant.FINAL
            )
        else:
            mid = gdynia_mid(world)
            made = pdf_request(
                version=document_version_create(
                    document=mid, actor=world.user("city_officer"), note=""
                )
            )
        return pdf_render(job_id=made.pk)

    return job


def job_url(name: str, published: bool) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[ready_job(published)(world).pk])


def bundle_url(name: str) -> Callable[[World], str]:
    def url(world: World) -> str:
        bundle = Bundle.objects.create(
            network=world.network, requested_by=world.user("ministry_admin")
        )
        return reverse(name, args=[bundle.pk])

    return url


MATRIX: dict[str, list[Case]] = {
    "pdfs:status": [
        Case(
            lambda world: reverse("pdfs:status", args=mid_version_number(world)),
            SEE_GDYNIA_MID,
        )
    ],
    "pdfs:make": [
        post(
            lambda world: reverse("pdfs:make", args=mid_version_number(world)),
            {
                role: 302 if code == 200 else code
                for role, code in SEE_GDYNIA_MID.items()
            },
        )
    ],
    "pdfs:retry": [
        # a ready PDF is not retried: the people who may see it are told so
        post(
            job_url("pdfs:retry", published=False),
            {
                role: 302 if code == 200 else code
                for role, code in SEE_GDYNIA_MID.items()
            },
        )
    ],
    "pdfs:download": [
        # downloads need no login (published PDFs are public): a draft's answers
        # the anonymous visitor 404, like a missing file
        Case(
            job_url("pdfs:download", published=False),
            {**SEE_GDYNIA_MID, "anonymous": 404},
        ),
        Case(job_url("pdfs:download", published=True), everyone(200)),
    ],
    "pdfs:bundle_create": [
        post(
            lambda world: reverse("pdfs:bundle_create", args=["rewitalizacja"]),
            only({"ministry_admin": 302, "ministry_staff": 302}),
        )
    ],
    "pdfs:bundle": [Case(bundle_url("pdfs:bundle"), only(MINISTRY))],
    "pdfs:bundle_download": [
        # not ready yet: nothing to download, for anyone
        Case(bundle_url("pdfs:bundle_download"), signed_in(404))
    ],
}
