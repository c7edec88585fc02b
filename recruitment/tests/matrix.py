"""Permission-matrix entries for recruitment (merged into
tests/test_permission_matrix.py). Gdynia applies to PIM3's call; the network's
expert is assigned as its evaluator; Katowice is another applicant-to-be. Applicants
never see other applications or any score; evaluators see only what is assigned."""

from collections.abc import Callable

from django.urls import reverse

from recruitment.models import Answer, Application, Assignment, Track
from recruitment.selectors import GAP_CODES
from recruitment.services import evaluators_assign
from recruitment.tests.builders import open_call, submitted_application
from tests.support.matrix import Case, everyone, only, post, signed_in
from tests.support.world import World

MINISTRY = {"ministry_admin": 200, "ministry_staff": 200}
MINISTRY_WRITE = {"ministry_admin": 302, "ministry_staff": 302}
GDYNIA = {"city_coordinator": 200, "city_officer": 200}


def call_url(name: str, *args: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[open_call(world).slug, *args])


def gdynia_application(world: World) -> Application:
    """Gdynia's submitted application, assigned to the expert."""
    application = Application.objects.filter(organisation=world.partner_city).first()
    if application is None:
        application = submitted_application(
            world, world.partner_city, track=Track.PARTNER
        )
        evaluators_assign(
            applications=[application],
            evaluator=world.user("expert"),
            actor=world.user("ministry_admin"),
        )
    return application


def application_url(name: str, *args: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[gdynia_application(world).pk, *args])


def assignment_url(name: str) -> Callable[[World], str]:
    def url(world: World) -> str:
        application = gdynia_application(world)
        assignment = Assignment.objects.get(application=application)
        return reverse(name, args=[assignment.pk])

    return url


def answer_url(world: World) -> str:
    application = gdynia_application(world)
    answer = Answer.objects.filter(application=application).first()
    assert answer is not None
    return reverse("recruitment:answer_file", args=[application.pk, answer.pk])


MATRIX: dict[str, list[Case]] = {
    "recruitment:calls": [
        Case(lambda world: reverse("recruitment:calls"), everyone(200))
    ],
    "recruitment:call": [
        Case(call_url("recruitment:call"), everyone(200)),
        Case(lambda world: reverse("recruitment:call", args=["brak"]), everyone(404)),
    ],
    "recruitment:call_create": [
        Case(lambda world: reverse("recruitment:call_create"), only(MINISTRY))
    ],
    "recruitment:call_edit": [Case(call_url("recruitment:call_edit"), only(MINISTRY))],
    "recruitment:call_copy": [
        post(
            call_url("recruitment:call_copy"),
            only(MINISTRY_WRITE),
            edition="",
        )
    ],
    "recruitment:questions": [Case(call_url("recruitment:questions"), only(MINISTRY))],
    "recruitment:criteria": [Case(call_url("recruitment:criteria"), only(MINISTRY))],
    "recruitment:applications": [
        Case(call_url("recruitment:applications"), only(MINISTRY))
    ],
    "recruitment:ranking": [Case(call_url("recruitment:ranking"), only(MINISTRY))],
    "recruitment:dashboard": [Case(call_url("recruitment:dashboard"), only(MINISTRY))],
    "recruitment:export": [
        Case(call_url("recruitment:export", "csv"), only(MINISTRY)),
        Case(call_url("recruitment:export", "xlsx"), only(MINISTRY)),
    ],
    "recruitment:apply": [
        # only a coordinator of an applying city gets past the form
        post(
            call_url("recruitment:apply"),
            only({"city_coordinator": 302}),
            organisation="gdynia",
            theme="miasto-zielone",
            track="lead",
        ),
    ],
    "recruitment:my_applications": [
        Case(lambda world: reverse("recruitment:my_applications"), signed_in(200))
    ],
    "recruitment:application": [
        Case(
            application_url("recruitment:application"),
            only(MINISTRY | GDYNIA | {"expert": 200}),
        )
    ],
    "recruitment:answer_file": [
        # Gdynia's text answer has no file: nothing to download, for anyone who
        # may see the application; the rest do not know it exists
        Case(answer_url, {**signed_in(404)})
    ],
    "recruitment:application_action": [
        post(
            application_url("recruitment:application_action", "wycofaj"),
            only({"city_coordinator": 302}),
        )
    ],
    "recruitment:reopen": [
        post(application_url("recruitment:reopen"), only(MINISTRY_WRITE), until="")
    ],
    "recruitment:decide": [
        post(
            application_url("recruitment:decide"),
            only(MINISTRY_WRITE),
            decision="reserve",
            justification="Lista rezerwowa.",
            confirmed=" ".join(GAP_CODES),  # whatever is missing: decided anyway
        )
    ],
    "recruitment:evaluations": [
        Case(lambda world: reverse("recruitment:evaluations"), signed_in(200))
    ],
    "recruitment:evaluate": [
        Case(assignment_url("recruitment:evaluate"), only({"expert": 200}))
    ],
    "recruitment:conflict": [
        post(
            assignment_url("recruitment:conflict"),
            only({"expert": 302}),
            note="Pracuję dla Gdyni.",
        )
    ],
}
