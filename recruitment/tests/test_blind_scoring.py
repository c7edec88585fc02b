"""Issue #16: whoever holds an open evaluation of an application — the ministry's
people included — sees no other score of it anywhere until theirs is submitted;
an evaluator never scores their own organisation's application."""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from accounts.tests.factories import UserFactory
from core.errors import DomainError
from organisations.models import Membership
from organisations.services import membership_grant, membership_set_active
from recruitment import selectors
from recruitment.models import Application, Assignment
from recruitment.services import CriterionScore, evaluation_submit, evaluators_assign
from recruitment.tests.builders import (
    cities,
    coordinator_of,
    evaluated,
    open_call,
    submitted_application,
)
from tests.support.queries import queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db

HIDDEN = "dopóki nie złożysz swojej oceny"  # the pages' sentences
HIDDEN_CELL = "ukryte, dopóki nie złożysz swojej oceny"  # a list's cell
# The expert's scores: (3, 7) weighs 63.33, (1, 10) weighs 46.67.
GDYNIA_SCORE, OTHER_SCORE = "63.33", "46.67"


def _as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _shows(text: str, number: str) -> bool:
    """Whether `number` appears, written the Polish way or the export's way."""
    return number in text or number.replace(".", ",") in text


def _scene(world: World, evaluator_role: str = "ministry_staff") -> Application:
    """Gdynia's and another city's applications of one theme and track, both scored
    by the expert; Gdynia's also assigned to `evaluator_role`, not yet submitted."""
    gdynia = submitted_application(world, world.partner_city)
    evaluated(gdynia, world.user("expert"), (3, 7))
    other = submitted_application(world, cities(1)[0])
    evaluated(other, world.user("expert"), (1, 10))
    evaluators_assign(
        applications=[gdynia],
        evaluator=world.user(evaluator_role),
        actor=world.user("ministry_admin"),
    )
    return gdynia


def _submit(application: Application, evaluator) -> None:  # type: ignore[no-untyped-def]
    assignment = Assignment.objects.get(application=application, evaluator=evaluator)
    evaluation_submit(
        assignment=assignment,
        scores=[
            CriterionScore(criterion, 2, "")
            for criterion in application.call.criteria.order_by("position")
        ],
        recommendation="reserve",
        comment="",
        actor=evaluator,
    )


def _ranking_row(page: str, city: str) -> str:
    rows = re.findall(r"<tr>.*?</tr>", page, flags=re.S)
    return next(row for row in rows if city in row and '<th scope="row">' in row)


def _export(client: Client, application: Application) -> dict[str, dict[str, str]]:
    """The CSV and the XLSX export, each as {organisation name: average}."""
    call = application.call
    text = client.get(reverse("recruitment:export", args=[call.slug, "csv"]))
    csv_rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    xlsx = client.get(reverse("recruitment:export", args=[call.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    xlsx_rows = [
        [str(c or "") for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    column = csv_rows[0].index("Średnia ocena")  # the Polish headers
    return {
        name: {row[1]: row[column] for row in rows[1:]}
        for name, rows in (("csv", csv_rows), ("xlsx", xlsx_rows))
    }


# ------------------------------------------------------------ the application page


@pytest.mark.parametrize("role", ["ministry_staff", "ministry_admin", "expert"])
def test_an_evaluator_of_any_role_sees_no_other_score_on_the_application_page_until_theirs_is_in(  # noqa: E501
    world: World, role: str
) -> None:
    # given Gdynia's application scored by a ministry officer and assigned to `role`
    gdynia = submitted_application(world, world.partner_city)
    scorer = "ministry_staff" if role != "ministry_staff" else "expert"
    evaluated(gdynia, world.user(scorer), (3, 7))
    evaluators_assign(
        applications=[gdynia],
        evaluator=world.user(role),
        actor=world.user("ministry_admin"),
    )
    client = _as(world.user(role))
    # when they open it before submitting, then no score shows, and they are told
    page = client.get(gdynia.get_absolute_url()).content.decode()
    assert "/ 100" not in page and not _shows(page, GDYNIA_SCORE)
    assert HIDDEN in page
    # when theirs is in, then both evaluations show
    _submit(gdynia, world.user(role))
    page = client.get(gdynia.get_absolute_url()).content.decode()
    assert page.count("/ 100") == 2 and _shows(page, GDYNIA_SCORE)


def test_the_ministry_without_an_assignment_sees_every_score_everywhere(
    world: World,
) -> None:
    gdynia = _scene(world)
    admin = _as(world.user("ministry_admin"))
    page = admin.get(gdynia.get_absolute_url()).content.decode()
    assert _shows(page, GDYNIA_SCORE) and HIDDEN not in page
    ranking = admin.get(
        reverse("recruitment:ranking", args=[gdynia.call.slug])
    ).content.decode()
    assert _shows(_ranking_row(ranking, "Gdynia"), GDYNIA_SCORE)
    assert HIDDEN not in ranking
    for averages in _export(admin, gdynia).values():
        assert averages["Gdynia"] == GDYNIA_SCORE


# ------------------------------------------------------------ the lists


def test_a_ministry_officer_evaluating_an_application_sees_no_score_or_place_of_it_in_the_ranking(  # noqa: E501
    world: World,
) -> None:
    gdynia = _scene(world)
    staff = _as(world.user("ministry_staff"))
    url = reverse("recruitment:ranking", args=[gdynia.call.slug])
    page = staff.get(url).content.decode()
    row = _ranking_row(page, "Gdynia")
    assert HIDDEN in row and not _shows(page, GDYNIA_SCORE)
    assert "<td>1</td>" not in row and "<td>2</td>" not in row  # no place either
    # the other city's score stays, and it is first (nothing ranked with Gdynia)
    other = _ranking_row(page, "Miasto")
    assert _shows(other, OTHER_SCORE) and "<td>1</td>" in other
    # the proposed network of the theme derives from Gdynia's place: hidden too
    assert page.count(HIDDEN) >= 2
    # when the officer submits, then the ranking is whole again
    _submit(gdynia, world.user("ministry_staff"))
    page = staff.get(url).content.decode()
    assert HIDDEN not in page and _shows(_ranking_row(page, "Gdynia"), "48.33")


def test_a_ministry_officer_evaluating_an_application_gets_no_score_of_it_in_the_exports(  # noqa: E501
    world: World,
) -> None:
    gdynia = _scene(world)
    staff = _as(world.user("ministry_staff"))
    for averages in _export(staff, gdynia).values():
        assert averages["Gdynia"] == HIDDEN_CELL
        assert next(v for k, v in averages.items() if k != "Gdynia") == OTHER_SCORE
    _submit(gdynia, world.user("ministry_staff"))
    for averages in _export(staff, gdynia).values():
        # (63.33 + 33.33 for the officer's twos) / 2
        assert averages["Gdynia"] == "48.33"


def test_the_dashboard_shows_an_evaluating_officer_no_score(world: World) -> None:
    # The dashboard shows counts only (no score, average or place of any
    # application), so there is nothing there to hide: this pins that it stays so.
    gdynia = _scene(world)
    page = (
        _as(world.user("ministry_staff"))
        .get(reverse("recruitment:dashboard", args=[gdynia.call.slug]))
        .content.decode()
    )
    assert not _shows(page, GDYNIA_SCORE) and not _shows(page, OTHER_SCORE)


def test_ranking_and_export_queries_do_not_grow_with_the_applications_being_evaluated(
    world: World,
) -> None:
    call = open_call(world)
    staff = world.user("ministry_staff")
    client = _as(staff)

    def add(count: int) -> None:
        for city in cities(count):
            city.slug = f"{city.slug}-{Application.objects.count()}"
            city.save(update_fields=["slug"])
            application = submitted_application(world, city)
            evaluated(application, world.user("expert"), (3, 7))
            evaluators_assign(
                applications=[application],
                evaluator=staff,
                actor=world.user("ministry_admin"),
            )

    urls = [
        reverse("recruitment:ranking", args=[call.slug]),
        reverse("recruitment:export", args=[call.slug, "csv"]),
        reverse("recruitment:export", args=[call.slug, "xlsx"]),
    ]
    add(2)
    small = [queries_for(client, url) for url in urls]
    add(6)
    assert [queries_for(client, url) for url in urls] == small


# ------------------------------------------------------------ conflicts of interest


@pytest.mark.parametrize("role", [Membership.Role.OFFICER, Membership.Role.COORDINATOR])
def test_an_evaluator_is_not_assigned_to_their_own_organisations_application(
    world: World, role: Membership.Role
) -> None:
    gdynia = submitted_application(world, world.partner_city)
    expert = world.user("expert")
    membership_grant(user=expert, organisation=world.partner_city, role=role)
    with pytest.raises(DomainError) as refused:
        evaluators_assign(
            applications=[gdynia], evaluator=expert, actor=world.user("ministry_admin")
        )
    assert refused.value.message == (
        f"{expert.get_full_name()} pracuje dla organizacji Gdynia, "
        "która złożyła to zgłoszenie."
    )
    assert not Assignment.objects.exists()


def test_an_evaluator_is_not_assigned_alone_to_a_competitor_of_their_organisation(
    world: World,
) -> None:
    # given Gdynia's and another city's applications in one theme and track, and
    # a third city's in the other theme; the expert works for Gdynia
    gdynia = submitted_application(world, world.partner_city)
    competitor, elsewhere = cities(2)
    competing = submitted_application(world, competitor)
    other_theme = submitted_application(world, elsewhere, theme=1)
    expert = world.user("expert")
    membership_grant(
        user=expert, organisation=world.partner_city, role=Membership.Role.OFFICER
    )
    admin = world.user("ministry_admin")
    # when the ministry assigns the expert the competitor's application on its own
    with pytest.raises(DomainError) as refused:
        evaluators_assign(applications=[competing], evaluator=expert, actor=admin)
    # then it is refused, saying why, and nothing is assigned
    assert "pracuje dla organizacji Gdynia" in refused.value.message
    assert not Assignment.objects.exists()
    # but an application in another theme is no competitor of Gdynia's
    assert gdynia.theme_id != other_theme.theme_id
    assert (
        evaluators_assign(applications=[other_theme], evaluator=expert, actor=admin)
        == 1
    )


def test_a_former_member_of_the_applicant_may_evaluate_it(world: World) -> None:
    gdynia = submitted_application(world, world.partner_city)
    expert = world.user("expert")
    membership = membership_grant(
        user=expert, organisation=world.partner_city, role=Membership.Role.OFFICER
    )
    membership_set_active(
        membership=membership,
        active=False,
        actor=world.user("city_coordinator"),
        ip_address=None,
    )
    assert (
        evaluators_assign(
            applications=[gdynia], evaluator=expert, actor=world.user("ministry_admin")
        )
        == 1
    )


def test_the_assignment_form_says_next_to_the_evaluator_why_nothing_was_assigned(
    world: World,
) -> None:
    # given the theme's applications, one of them Gdynia's, and an expert of Gdynia
    gdynia = submitted_application(world, world.partner_city)
    submitted_application(world, cities(1)[0])
    expert = world.user("expert")
    membership_grant(
        user=expert, organisation=world.partner_city, role=Membership.Role.OFFICER
    )
    # when the ministry assigns the expert the whole theme
    response = _as(world.user("ministry_admin")).post(
        reverse("recruitment:applications", args=[gdynia.call.slug]),
        {"evaluator": expert.pk, "theme": gdynia.theme_id, "track": ""},
    )
    # then it is refused next to the field, in plain Polish, and nothing assigned
    page = response.content.decode()
    assert response.status_code == 400
    errors = page[page.index('id="id_evaluator_errors"') :][:400]
    assert "pracuje dla organizacji Gdynia" in errors
    assert not Assignment.objects.exists()


def test_an_evaluator_who_joins_the_applicant_later_no_longer_counts(
    world: World,
) -> None:
    # given Gdynia's application scored by the officer (46.67) and the expert
    # (63.33), and an external assessor assigned but not yet done
    gdynia = submitted_application(world, world.partner_city)
    evaluated(gdynia, world.user("ministry_staff"), (1, 10))
    evaluated(gdynia, world.user("expert"), (3, 7))
    late = UserFactory.create(email="oceniajacy@example.pl")
    evaluators_assign(
        applications=[gdynia], evaluator=late, actor=world.user("ministry_admin")
    )
    # when the expert and the assigned person join Gdynia
    for person in (world.user("expert"), late):
        membership_grant(
            user=person, organisation=world.partner_city, role=Membership.Role.OFFICER
        )
    # then the assigned person may not submit, and neither counts in the ranking
    with pytest.raises(DomainError, match="Gdynia"):
        _submit(gdynia, late)
    admin = _as(world.user("ministry_admin"))
    ranking = admin.get(
        reverse("recruitment:ranking", args=[gdynia.call.slug])
    ).content.decode()
    row = _ranking_row(ranking, "Gdynia")
    assert _shows(row, OTHER_SCORE) and "1 / 1" in row
    for averages in _export(admin, gdynia).values():
        assert averages["Gdynia"] == OTHER_SCORE
    # and the application page tells the ministry why the expert's does not count
    page = admin.get(gdynia.get_absolute_url()).content.decode()
    assert "nie jest liczona" in page


# ------------------------------------------------------------ withdrawing


def test_withdrawing_asks_before_it_acts(world: World) -> None:
    gdynia = submitted_application(world, world.partner_city)
    page = (
        _as(coordinator_of(world.partner_city, world))
        .get(gdynia.get_absolute_url())
        .content.decode()
    )
    action = reverse("recruitment:application_action", args=[gdynia.pk, "wycofaj"])
    disclosure = page.index('<details class="confirm">')
    assert disclosure < page.index(f'action="{action}"')
    assert "Znów stanie się projektem" in page[disclosure:]


def test_the_applications_list_is_read_without_any_score(world: World) -> None:
    # given an evaluated application
    application = submitted_application(world, world.partner_city)
    evaluated(application, world.user("expert"), (3, 7))
    # when the call's application list is read
    listed = selectors.applications_of(application.call).get()
    # then it has the evaluation's progress, and no score a template could show
    assert (listed.evaluated, listed.assigned) == (1, 1)  # type: ignore[attr-defined]
    assert not hasattr(listed, "average")
