"""The forms of the apps built with stored values, for the round trip through the
browser (tests/test_form_round_trip.py): BUILT says how each is built, NOT_BUILT
names the few it does not build and why."""

import datetime
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.http import QueryDict

from documents import forms as document_forms
from documents.models import (
    Action,
    GoodPractice,
    Recommendation,
    ScheduleItem,
    SectionTemplate,
)
from documents.tests.builders import gdynia_mid, network_sheet, section
from materials import forms as material_forms
from materials.models import Material
from meetings import forms as meeting_forms
from meetings.models import AgendaItem, Meeting
from networks import forms as network_forms
from networks import member_forms
from networks.models import Edition, Network
from networks.signals import SECTION_TEMPLATES, Offer
from networks.workflow import STATUS_STEPS
from organisations import forms as organisation_forms
from organisations.models import Membership, Organisation
from partnerships import forms as partnership_forms
from partnerships.models import (
    ConsentClause,
    LocalPartnership,
    ParticipationActivity,
    PartnershipMember,
    Sector,
)
from programme import forms as programme_forms
from programme.tests.factories import DECLARATION
from recruitment import forms as recruitment_forms
from recruitment.models import (
    Answer,
    Application,
    CallTheme,
    Criterion,
    Question,
    Track,
)
from recruitment.services import question_add
from recruitment.tests.builders import draft_to_complete
from tests.support.world import World

WARSAW = ZoneInfo("Europe/Warsaw")
Make = Callable[[QueryDict | None, Any], forms.BaseForm]

# Forms this test does not build, and why. Keep it short: a form with stored
# values belongs in BUILT.
NOT_BUILT: dict[str, str] = {
    "programme.forms._Editor": "the base of the programme pages' editors",
    "core.forms.InputPolicy": "the portal's base for every form: no fields",
    "core.forms.PortalForm": "the portal's base for every form: no fields",
    "core.forms.PortalModelForm": "the portal's base for every model form: no fields",
    "accounts.forms.ConfirmedAddressResetPasswordForm": (
        "allauth's password reset: one e-mail address typed afresh, nothing stored "
        "is rendered into it"
    ),
    "documents.forms.RecordForm": "the abstract base of the record forms below",
    "documents.forms.Revision": "the base of SectionForm (its one hidden field)",
    "organisations.forms.AcceptInvitationForm": (
        "passwords are never rendered back into a page"
    ),
    "materials.forms.VersionForm": "a file input only: a browser never resends a file",
    "meetings.forms.AttachmentForm": "a title for a new upload: nothing stored",
    "partnerships.import_views.ImportForm": (
        "a file input only: a browser never resends a file"
    ),
    "organisations.teryt_views.RegisterForm": (
        "a file input only: a browser never resends a file"
    ),
}


@dataclass
class Case:
    make: Make
    # Chosen anew on every submission (a browser never sends a stored file back).
    files: dict[str, Any] = field(default_factory=dict)
    # How a field's clean_… result reads as the stored value it came from.
    cleaned_as: dict[str, Callable[[Any], Any]] = field(default_factory=dict)


def _at(year: int, month: int, day: int, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


def _gdynia_lp(world: World) -> LocalPartnership:
    partnership, _created = LocalPartnership.objects.get_or_create(
        organisation=world.partner_city,
        network=world.network,
        defaults={
            "name": "Gdyńskie Partnerstwo Lokalne",
            "formula": LocalPartnership.Formula.values[-1],
        },
    )
    return partnership


def _action(world: World) -> Case:
    mid = gdynia_mid(world)
    actions = section(mid, "actions")
    activity = ParticipationActivity.objects.create(
        partnership=_gdynia_lp(world),
        kind=ParticipationActivity.Kind.values[0],
        title="Spacer badawczy",
        held_on=datetime.date(2027, 5, 12),
        reach=35,
    )
    action = Action(
        section=actions,
        position=1,
        title="Remont skweru",
        owner="Wydział Rewitalizacji",
        partners="Rada Dzielnicy",
        starts_on=datetime.date(2027, 9, 1),
        ends_on=datetime.date(2028, 3, 31),
        cost=Decimal("1850000.00"),
        funding_source="KPO",
        risks="Opóźnienia przetargu.\nWzrost cen.",
        lp_input=activity,
    )
    return Case(
        lambda data, files: document_forms.ActionForm(
            data, instance=action, section=actions, initial={"revision": 3}
        )
    )


def _schedule(world: World) -> Case:
    sheet = network_sheet(world)
    target = section(sheet, "schedule")
    item = ScheduleItem(
        section=target,
        item_kind=ScheduleItem.ItemKind.values[-1],
        title="Wizyta studyjna",
        host=world.lead_city,
        starts_on=datetime.date(2027, 9, 1),
        ends_on=datetime.date(2027, 9, 3),
        description="Trzy dni w Katowicach.",
    )
    return Case(
        lambda data, files: document_forms.ScheduleItemForm(
            data, instance=item, section=target, initial={"revision": 1}
        )
    )


def _recommendation(world: World) -> Case:
    sheet = network_sheet(world)
    target = section(sheet, "schedule")  # the form reads only its network
    recommendation = Recommendation(
        title="Najem społeczny w ustawie",
        barrier="Brak podstawy prawnej.",
        proposed_change="Nowelizacja ustawy o rewitalizacji.",
        change_type=Recommendation.ChangeType.values[-1],
        addressee="Ministerstwo",
        priority=Recommendation.Priority.values[-1],
        expected_impact="Więcej mieszkań w centrach.",
        uptake=Recommendation.Uptake.values[-1],
    )
    return Case(
        lambda data, files: document_forms.RecommendationForm(
            data, instance=recommendation, section=target, initial={"revision": 2}
        )
    )


def _good_practice(world: World) -> Case:
    target = section(network_sheet(world), "schedule")
    practice = GoodPractice(
        title="Budżet sąsiedzki",
        organisation=world.lead_city,
        description="Mieszkańcy decydują o 2% budżetu.",
        link="https://katowice.example.pl/budzet",
    )
    return Case(
        lambda data, files: document_forms.GoodPracticeForm(
            data, instance=practice, section=target, initial={"revision": 2}
        )
    )


def _template(world: World, form_class: type[forms.ModelForm]) -> Case:  # type: ignore[type-arg]
    sheet = network_sheet(world)  # the edition's templates come with it
    template = SectionTemplate.objects.filter(
        edition=sheet.network.edition, content=SectionTemplate.Content.RICH_TEXT
    ).first()
    assert template is not None
    return Case(lambda data, files: form_class(data, instance=template))


def _meeting(world: World) -> Case:
    meeting = world.meetings["network"]
    meeting.starts_at = _at(2027, 9, 1, 10, 0)
    meeting.ends_at = _at(2027, 9, 1, 15, 30)
    meeting.registration_deadline = _at(2027, 8, 25, 23, 59)
    meeting.registration_limit = 40
    meeting.mode = Meeting.Mode.HYBRID
    meeting.online_link = "https://spotkanie.example.pl/pim"
    hosts = Organisation.objects.filter(pk__in=[world.partner_city.pk])
    return Case(
        lambda data, files: meeting_forms.MeetingForm(
            data, instance=meeting, hosts=hosts, initial={"version": meeting.version}
        )
    )


def _member(world: World) -> Case:
    member = PartnershipMember(
        partnership=_gdynia_lp(world),
        kind=PartnershipMember.Kind.values[-1],
        name="Anna Nowak",
        organisation_name="Stowarzyszenie Sąsiedzi",
        sector=Sector.values[-1],
        role=PartnershipMember.Role.values[-1],
        email="anna@example.pl",
        phone="+48 600 100 200",
        joined_on=datetime.date(2024, 9, 1),
    )
    return Case(
        lambda data, files: partnership_forms.MemberForm(
            data, instance=member, initial={"consent": True}
        )
    )


def _activity(world: World) -> Case:
    activity = ParticipationActivity(
        partnership=_gdynia_lp(world),
        kind=ParticipationActivity.Kind.values[-1],
        title="Warsztaty",
        held_on=datetime.date(2027, 9, 1),
        reach=1250,
        result="Mapa potrzeb.",
    )
    return Case(
        lambda data, files: partnership_forms.ActivityForm(data, instance=activity)
    )


def _call(world: World) -> Case:
    application, _text, _number = draft_to_complete(world)
    call = application.call
    call.opens_at = _at(2027, 9, 1, 8, 0)
    call.closes_at = _at(2027, 10, 15, 23, 59)
    call.eligible_kinds = [Organisation.Kind.CITY_COUNTY, Organisation.Kind.URBAN_GMINA]
    themes = [t.theme_id for t in call.themes.all()]
    return Case(
        lambda data, files: recruitment_forms.CallForm(
            data, instance=call, initial={"themes": themes}
        )
    )


def _answers(world: World) -> Case:
    application, text, number = draft_to_complete(world)
    call = application.call
    choice = question_add(
        call=call,
        values={
            "position": 4,
            "text": "Forma partnerstwa",
            "help_text": "",
            "kind": Question.Kind.CHOICE,
            "options": "Rada\nZespół roboczy",
            "required": True,
            "track": "",
        },
        actor=world.user("ministry_admin"),
    )
    answers = {
        text.pk: Answer(application=application, question=text, text="Pustostany."),
        number.pk: Answer(
            application=application, question=number, number=Decimal("12500.50")
        ),
        choice.pk: Answer(application=application, question=choice, text="Rada"),
    }
    questions = list(call.questions.order_by("position"))
    return Case(
        lambda data, files: recruitment_forms.AnswersForm(
            data,
            files,
            questions=questions,
            answers=answers,
            initial={"version": application.version},
        )
    )


def _apply(world: World) -> Case:
    application, _text, _number = draft_to_complete(world)
    theme = CallTheme.objects.filter(call=application.call).order_by("-pk")[0]
    return Case(
        lambda data, files: recruitment_forms.ApplyForm(
            data,
            call=application.call,
            user=world.user("city_coordinator"),
            initial={
                "organisation": world.partner_city,
                "theme": theme.theme.slug,
                "track": application.track,
            },
        ),
        cleaned_as={"theme": lambda value: value.theme.slug},
    )


def _score(world: World) -> Case:
    application, _text, _number = draft_to_complete(world)
    criteria = list(Criterion.objects.filter(call=application.call))
    initial: dict[str, Any] = {"recommendation": Application.Decision.values[-1]}
    for criterion in criteria:
        initial[f"c{criterion.pk}"] = criterion.scale_max
        initial[f"c{criterion.pk}_comment"] = "Uzasadnione."
    return Case(
        lambda data, files: recruitment_forms.ScoreForm(
            data, criteria=criteria, initial=initial
        )
    )


def _assign(world: World) -> Case:
    application, _text, _number = draft_to_complete(world)
    call = application.call
    theme = CallTheme.objects.filter(call=call).order_by("-pk")[0]
    return Case(
        lambda data, files: recruitment_forms.AssignForm(
            data,
            call=call,
            initial={
                "evaluator": world.user("expert"),
                "theme": theme,
                "track": application.track,
            },
        )
    )


def _material(world: World) -> Case:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 100
    return Case(
        lambda data, files: material_forms.MaterialForm(
            data,
            files,
            visibilities=list(Material.Visibility),
            initial={
                "title": "Raport z wizyty",
                "description": "Wnioski.",
                "language": Material.Language.values[-1],
                "visibility": Material.Visibility.values[-1],
            },
        ),
        files={"file": lambda: SimpleUploadedFile("raport.pdf", pdf)},
    )


def _plain(form_class: type[forms.BaseForm], **initial: Any) -> Callable[[World], Case]:
    """A form without stored objects: built with the values a page gives it."""

    def build(world: World) -> Case:
        return Case(lambda data, files: form_class(data, files, initial=initial))

    return build


def _with(
    form_class: type[forms.ModelForm],  # type: ignore[type-arg]
    instance: Callable[[World], Model],
    **kwargs: Any,
) -> Callable[[World], Case]:
    def build(world: World) -> Case:
        stored = instance(world)
        return Case(
            lambda data, files: form_class(data, files, instance=stored, **kwargs)
        )

    return build


BUILT: dict[str, Callable[[World], Case]] = {
    "programme.forms.PageForm": _plain(
        programme_forms.PageForm,
        revision=4,
        title="Pytania i odpowiedzi",
        body="<h2>Cele</h2><p>Tekst <strong>ważny</strong></p>",
        title_en="Questions",
        body_en="<p>Text</p>",
    ),
    "programme.forms.DeclarationForm": _plain(
        programme_forms.DeclarationForm,
        revision=2,
        **{**asdict(DECLARATION), "status": "none"},
    ),
    "documents.forms.ActionForm": _action,
    "documents.forms.ScheduleItemForm": _schedule,
    "documents.forms.RecommendationForm": _recommendation,
    "documents.forms.GoodPracticeForm": _good_practice,
    "documents.forms.IndicatorForm": _plain(
        document_forms.IndicatorForm,
        name="Zieleń",
        unit="m²",
        baseline=Decimal("100.50"),
        target=Decimal("1850000.00"),
    ),
    "documents.forms.SectionForm": _plain(
        document_forms.SectionForm,
        body="<p>Pustostany w <strong>Śródmieściu</strong>.</p>",
        revision=4,
    ),
    "documents.forms.CommentForm": _plain(
        document_forms.CommentForm, quote="Pustostany", body="Doprecyzować."
    ),
    "documents.forms.ReplyForm": _plain(document_forms.ReplyForm, body="Zrobione."),
    "documents.forms.StepForm": _plain(document_forms.StepForm, comment="Akceptuję."),
    "documents.forms.VersionForm": _plain(
        document_forms.VersionForm, note="Po uwagach"
    ),
    "documents.forms.TemplateForm": lambda world: _template(
        world, document_forms.TemplateForm
    ),
    "documents.forms.NewTemplateForm": lambda world: _template(
        world, document_forms.NewTemplateForm
    ),
    "materials.forms.MaterialForm": _material,
    "meetings.forms.MeetingForm": _meeting,
    "meetings.forms.AgendaItemForm": _with(
        meeting_forms.AgendaItemForm,
        lambda world: AgendaItem(
            title="Powitanie", duration_minutes=15, presenter="Anna Nowak"
        ),
    ),
    "meetings.forms.MinutesForm": _plain(
        meeting_forms.MinutesForm, minutes="Ustalono harmonogram.", version=2
    ),
    "meetings.forms.WalkInForm": lambda world: Case(
        lambda data, files: meeting_forms.WalkInForm(
            data,
            members=PartnershipMember.objects.none(),
            initial={
                "name": "Jan Kowalski",
                "organisation_name": "Rada Osiedla",
                "sector": Sector.values[-1],
            },
        )
    ),
    "networks.forms.ExpertAssignForm": lambda world: Case(
        lambda data, files: network_forms.ExpertAssignForm(
            data, initial={"email": "expert@example.pl"}
        ),
        cleaned_as={"email": lambda user: user.email},
    ),
    "networks.forms.EditionForm": _plain(
        network_forms.EditionForm,
        name="PIM 2026–2028",
        name_en="PIM 2026–2028",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
        is_current=True,
    ),
    "networks.forms.EditionPrepareForm": lambda world: Case(
        lambda data, files: network_forms.EditionPrepareForm(
            data,
            offers=[
                Offer(SECTION_TEMPLATES, [("copy", "Skopiuj"), ("", "Nie")], "copy")
            ],
            initial={
                "name": "PIM 2029–2031",
                "name_en": "",
                "starts_on": datetime.date(2029, 1, 1),
                "ends_on": datetime.date(2031, 12, 31),
                "is_current": False,
                SECTION_TEMPLATES: "copy",
            },
        )
    ),
    "networks.forms.ThemeForm": _plain(
        network_forms.ThemeForm,
        name_pl="Miasto cyfrowe",
        name_en="Digital city",
        description="Usługi cyfrowe\ndla mieszkańców.",
    ),
    "networks.member_forms.StatusForm": lambda world: Case(
        lambda data, files: member_forms.StatusForm(
            data,
            step=STATUS_STEPS[Network.Status.PLANNED],
            initial={"status": "active", "date": datetime.date(2027, 1, 4)},
        )
    ),
    "networks.member_forms.LeadHandoverForm": lambda world: Case(
        lambda data, files: member_forms.LeadHandoverForm(
            data,
            candidates=Organisation.objects.filter(pk=world.partner_city.pk),
            initial={
                "organisation": world.partner_city.pk,
                "date": datetime.date(2027, 1, 4),
            },
        ),
        cleaned_as={"organisation": lambda organisation: organisation.pk},
    ),
    "networks.member_forms.MemberEndForm": lambda world: Case(
        lambda data, files: member_forms.MemberEndForm(
            data,
            membership=world.network.memberships.earliest("valid_from"),
            initial={"date": datetime.date(2027, 1, 4)},
        )
    ),
    "networks.member_forms.MemberAddForm": lambda world: Case(
        lambda data, files: member_forms.MemberAddForm(
            data,
            candidates=Organisation.objects.filter(slug="torun"),
            initial={
                "organisation": Organisation.objects.get(slug="torun").pk,
                "role": "observer",
                "date": datetime.date(2027, 1, 4),
            },
        ),
        cleaned_as={"organisation": lambda organisation: organisation.pk},
    ),
    "organisations.forms.InvitationForm": lambda world: Case(
        lambda data, files: organisation_forms.InvitationForm(
            data,
            roles=list(Membership.Role),
            initial={
                "email": "nowa@example.pl",
                "full_name": "Nowa Osoba",
                "role": Membership.Role.values[-1],
            },
        )
    ),
    "organisations.forms.OrganisationForm": lambda world: Case(
        lambda data, files: organisation_forms.OrganisationForm(
            data,
            files,
            initial=organisation_forms.organisation_initial(world.partner_city)
            | {"teryt": "2262011", "website": "https://gdynia.example.pl"},
        )
    ),
    "organisations.forms.RoleForm": _plain(
        organisation_forms.RoleForm,
        role=Membership.Role.values[-1],
        expected_role=Membership.Role.values[0],
    ),
    "partnerships.forms.PartnershipForm": lambda world: Case(
        lambda data, files: partnership_forms.PartnershipForm(
            data,
            instance=_gdynia_lp(world),
            initial={"version": _gdynia_lp(world).version},
        )
    ),
    "partnerships.forms.MemberForm": _member,
    "partnerships.forms.ActivityForm": _activity,
    "partnerships.forms.JoinForm": _plain(
        partnership_forms.JoinForm,
        name="Jan Kowalski",
        email="jan@example.pl",
        phone="600 100 200",
        organisation_name="",
        sector=Sector.values[-1],
        motivation="Chcę pomóc.",
        consent=True,
        clause=7,
    ),
    "partnerships.forms.EndForm": _plain(
        partnership_forms.EndForm, ended_on=datetime.date(2026, 6, 30)
    ),
    "partnerships.forms.ClauseForm": _plain(
        partnership_forms.ClauseForm,
        controller="Prezydent Miasta Gdyni, al. Marszałka Piłsudskiego 52/54",
        dpo_contact="iod@gdynia.example.pl",
        purposes="Prace Lokalnego Partnerstwa.\nListy obecności.",
        legal_basis=ConsentClause.LegalBasis.values[-1],
        retention="5 lat od zakończenia Partnerstwa.",
        rights="Dostęp, sprostowanie, usunięcie.",
        valid_from=datetime.date(2027, 1, 1),
        previewed="a" * 64,
    ),
    "recruitment.forms.CallForm": _call,
    "recruitment.forms.CopyForm": lambda world: Case(
        lambda data, files: recruitment_forms.CopyForm(
            data, initial={"edition": Edition.objects.order_by("pk").last()}
        )
    ),
    "recruitment.forms.QuestionForm": _with(
        recruitment_forms.QuestionForm,
        lambda world: Question(
            position=2,
            text="Forma partnerstwa",
            help_text="Jedna z listy.",
            kind=Question.Kind.CHOICE,
            options="Rada\nZespół",
            required=True,
            track=Track.values[-1],
        ),
    ),
    "recruitment.forms.CriterionForm": _with(
        recruitment_forms.CriterionForm,
        lambda world: Criterion(
            position=1,
            name="Trafność",
            description="Czy problem jest ważny.",
            scale_max=10,
            weight=Decimal("1.50"),
        ),
    ),
    "recruitment.forms.ApplyForm": _apply,
    "recruitment.forms.AnswersForm": _answers,
    "recruitment.forms.AssignForm": _assign,
    "recruitment.forms.ScoreForm": _score,
    "recruitment.forms.ConflictForm": _plain(
        recruitment_forms.ConflictForm, note="Pracuję w urzędzie."
    ),
    "recruitment.forms.DecisionForm": _plain(
        recruitment_forms.DecisionForm,
        decision=Application.Decision.values[-1],
        justification="Spełnia kryteria.",
    ),
    "recruitment.forms.ReopenForm": _plain(
        recruitment_forms.ReopenForm, until=_at(2027, 10, 20, 12, 30)
    ),
}
