"""A realistic call and applications, built through the services."""

import datetime
from decimal import Decimal

from django.utils import timezone

from networks.models import Edition, Theme
from organisations.models import Membership, Organisation, Voivodeship
from organisations.services import membership_grant
from recruitment.models import (
    Application,
    Assignment,
    Call,
    CallTheme,
    Criterion,
    Question,
    Track,
)
from recruitment.services import (
    CriterionScore,
    application_save,
    application_start,
    application_submit,
    call_create,
    criterion_add,
    evaluation_submit,
    evaluators_assign,
    question_add,
)
from tests.support.world import World


def open_call(world: World, *, slug_hint: str = "Nabór PIM3") -> Call:
    """PIM3's call, open for a week, with two themes, two questions, two criteria."""
    existing = Call.objects.filter(title=slug_hint).first()
    if existing:
        return existing
    edition, _created = Edition.objects.get_or_create(
        slug="pim3",
        defaults={
            "name": "PIM3 2027–2029",
            "starts_on": datetime.date(2027, 1, 1),
            "ends_on": datetime.date(2029, 12, 31),
        },
    )
    themes = [
        Theme.objects.get_or_create(
            slug="miasto-zielone",
            defaults={"name_pl": "Miasto zielone", "name_en": "Green city"},
        )[0],
        Theme.objects.get_or_create(
            slug="miasto-cyfrowe",
            defaults={"name_pl": "Miasto cyfrowe", "name_en": "Digital city"},
        )[0],
    ]
    now = timezone.now()
    admin = world.user("ministry_admin")
    call = call_create(
        edition=edition,
        values={
            "title": slug_hint,
            "description": "Nabór miast do trzeciej edycji.",
            "opens_at": now - datetime.timedelta(days=1),
            "closes_at": now + datetime.timedelta(days=7),
            "is_published": True,
            "eligible_kinds": [],
            "min_partners": 2,
            "max_partners": 4,
            "min_voivodeships": 3,
            "one_network_per_city": True,
        },
        themes=themes,
        actor=admin,
    )
    question_add(
        call=call,
        values={
            "position": 1,
            "text": "Opisz problem miasta",
            "help_text": "",
            "kind": Question.Kind.LONG_TEXT,
            "options": "",
            "required": True,
            "track": "",
        },
        actor=admin,
    )
    question_add(
        call=call,
        values={
            "position": 2,
            "text": "Uchwała rady (PDF)",
            "help_text": "",
            "kind": Question.Kind.FILE,
            "options": "",
            "required": False,
            "track": "",
        },
        actor=admin,
    )
    criterion_add(
        call=call,
        values={
            "position": 1,
            "name": "Trafność problemu",
            "description": "",
            "scale_max": 5,
            "weight": Decimal(2),
        },
        actor=admin,
    )
    criterion_add(
        call=call,
        values={
            "position": 2,
            "name": "Potencjał LP",
            "description": "",
            "scale_max": 10,
            "weight": Decimal(1),
        },
        actor=admin,
    )
    return call


def draft_to_complete(world: World) -> tuple[Application, Question, Question]:
    """Gdynia's fresh draft; the call asks two required questions (a text and a
    number) and an optional file."""
    call = open_call(world)
    question_add(
        call=call,
        values={
            "position": 3,
            "text": "Liczba mieszkańców obszaru",
            "help_text": "",
            "kind": Question.Kind.NUMBER,
            "options": "",
            "required": True,
            "track": "",
        },
        actor=world.user("ministry_admin"),
    )
    application = application_start(
        call=call,
        organisation=world.partner_city,
        theme=CallTheme.objects.filter(call=call).order_by("pk")[0],
        track=Track.PARTNER,
        actor=world.user("city_coordinator"),
    )
    return (
        application,
        call.questions.get(position=1),
        call.questions.get(position=3),
    )


def coordinator_of(organisation: Organisation, world: World):  # type: ignore[no-untyped-def]
    """The organisation's coordinator (made if it has none)."""
    from accounts.tests.factories import UserFactory

    membership = (
        Membership.objects.filter(
            organisation=organisation, role=Membership.Role.COORDINATOR, is_active=True
        )
        .select_related("user")
        .first()
    )
    if membership:
        return membership.user
    user = UserFactory.create(email=f"koordynator@{organisation.slug}.example.pl")
    membership_grant(
        user=user, organisation=organisation, role=Membership.Role.COORDINATOR
    )
    return user


def submitted_application(
    world: World,
    organisation: Organisation,
    *,
    theme: int = 0,
    track: str = Track.PARTNER,
) -> Application:
    call = open_call(world)
    coordinator = coordinator_of(organisation, world)
    call_theme = list(CallTheme.objects.filter(call=call).order_by("theme__name_pl"))[
        theme
    ]
    application = application_start(
        call=call,
        organisation=organisation,
        theme=call_theme,
        track=track,
        actor=coordinator,
    )
    question = call.questions.get(position=1)
    application = application_save(
        application=application,
        expected_version=application.version,
        answers={question.pk: f"Problem miasta {organisation.name}."},
        actor=coordinator,
    )
    return application_submit(application=application, actor=coordinator)


def evaluated(
    application: Application, evaluator, values: tuple[int, int]
) -> Assignment:  # type: ignore[no-untyped-def]

    admin = (
        Membership.objects.filter(
            organisation__kind=Organisation.Kind.MINISTRY,
            role=Membership.Role.COORDINATOR,
        )
        .select_related("user")
        .first()
    )
    assert admin is not None
    evaluators_assign(applications=[application], evaluator=evaluator, actor=admin.user)
    assignment = Assignment.objects.get(application=application, evaluator=evaluator)
    criteria = list(
        Criterion.objects.filter(call=application.call).order_by("position")
    )
    return evaluation_submit(
        assignment=assignment,
        scores=[
            CriterionScore(c, v, "") for c, v in zip(criteria, values, strict=True)
        ],
        recommendation=Application.Decision.ACCEPTED,
        comment="Dobre zgłoszenie.",
        actor=evaluator,
    )


def cities(count: int, voivodeship: str = Voivodeship.SLASKIE) -> list[Organisation]:
    return [
        Organisation.objects.create(
            name=f"Miasto {voivodeship} {n}",
            slug=f"miasto-{voivodeship}-{n}",
            kind=Organisation.Kind.URBAN_GMINA,
            voivodeship=voivodeship,
        )
        for n in range(count)
    ]
