"""Documents in realistic states, built through the services as people would."""

import datetime

from accounts.models import User
from documents.models import (
    Action,
    Document,
    GoodPractice,
    Kind,
    Recommendation,
    ScheduleItem,
    Section,
    SectionTemplate,
    State,
)
from documents.selectors import empty_required_sections
from documents.services import (
    IndicatorDraft,
    document_start,
    document_take_step,
    record_save,
    section_save,
)
from documents.workflow import SHEET_READY_FOR_MIDS, STEPS
from tests.support.world import World

# The steps (and who takes them) that bring a fresh draft to each state.
PATH: dict[str, list[tuple[str, str]]] = {
    State.DRAFT: [],
    State.IN_REVIEW: [("submit", "responsible")],
    State.CHANGES_REQUESTED: [("submit", "responsible"), ("request_changes", "expert")],
    State.APPROVED: [("submit", "responsible"), ("approve", "expert")],
    State.ACCEPTED: [
        ("submit", "responsible"),
        ("approve", "expert"),
        ("accept", "ministry_staff"),
    ],
    State.PUBLISHED: [
        ("submit", "responsible"),
        ("approve", "expert"),
        ("accept", "ministry_staff"),
        ("publish", "ministry_admin"),
    ],
}


def section(document: Document, key: str) -> Section:
    return Section.objects.select_related("template", "document").get(
        document=document, template__key=key
    )


def text(target: Section) -> str:
    """The section's current text ("" if never written)."""
    return target.current.body if target.current else ""


def write(document: Document, key: str, body: str, author: User) -> Section:
    target = section(document, key)
    section_save(
        section=target, expected_revision=target.revision, body=body, actor=author
    )
    return section(document, key)


def complete(document: Document, author: User) -> bool:
    """Fills in every required section still empty, as `author` (one of the
    document's writers) would: a paragraph in a text section, a row in a
    structured one; a document is submitted for review only so. Whether anything
    was written."""
    empty = empty_required_sections(document=document)
    for target in empty:
        content = target.template.content
        if content == SectionTemplate.Content.ACTIONS:
            add_action(document, author)
        elif content == SectionTemplate.Content.SCHEDULE:
            record_save(
                section=target,
                expected_revision=target.revision,
                record=ScheduleItem(
                    item_kind=ScheduleItem.ItemKind.NETWORK_MEETING,
                    title="Spotkanie sieci w mieście wiodącym",
                    starts_on=datetime.date(2027, 4, 15),
                ),
                actor=author,
            )
        elif content == SectionTemplate.Content.RECOMMENDATIONS:
            add_recommendation(document, author, evidence=[])
        elif content == SectionTemplate.Content.GOOD_PRACTICES:
            record_save(
                section=target,
                expected_revision=target.revision,
                record=GoodPractice(
                    title="Rada mieszkańców kwartału",
                    description="Mieszkańcy współdecydują o remontach podwórek.",
                ),
                actor=author,
            )
        else:
            write(
                document, target.template.key, f"<p>{target.template.name}.</p>", author
            )
    return bool(empty)


def advance(world: World, document: Document, state: str) -> Document:
    responsible = (
        world.user("city_coordinator")
        if document.kind == Kind.MID
        else world.user("lead_coordinator")
    )
    done = PATH[State(document.state)]
    assert PATH[state][: len(done)] == done, (
        f"{document.state} does not lead to {state}"
    )
    for step, role in PATH[state][len(done) :]:
        actor = responsible if role == "responsible" else world.user(role)
        if STEPS[step].needs_required_sections:
            complete(document, responsible)
        document_take_step(
            document=document, step_name=step, actor=actor, comment="Uwagi eksperta."
        )
    return Document.objects.get(pk=document.pk)


def network_sheet(world: World, state: str = State.DRAFT) -> Document:
    """Rewitalizacja's Network Sheet, written by Katowice (the lead); its required
    sections are filled in (`complete`) when it is first submitted."""
    lead = world.user("lead_coordinator")
    sheet = document_start(
        kind=Kind.SHEET, network=world.network, organisation=None, actor=lead
    )
    if not sheet.versions.exists() and sheet.state == State.DRAFT:
        write(sheet, "problems", "<p>Pustostany w śródmieściach.</p>", lead)
    return advance(world, sheet, state)


def gdynia_mid(world: World, state: str = State.DRAFT) -> Document:
    """Gdynia's MID in Rewitalizacja (the Sheet approved first); its required
    sections are filled in (`complete`) when it is first submitted."""
    sheet = Document.objects.filter(network=world.network, kind=Kind.SHEET).first()
    if sheet is None:
        network_sheet(world, State.APPROVED)
    elif sheet.state not in SHEET_READY_FOR_MIDS:
        advance(world, sheet, State.APPROVED)
    officer = world.user("city_officer")
    mid = document_start(
        kind=Kind.MID,
        network=world.network,
        organisation=world.partner_city,
        actor=officer,
    )
    if mid.state == State.DRAFT and not mid.versions.exists():
        write(mid, "challenge", "<p>Ożywienie dzielnicy Śródmieście.</p>", officer)
        write(
            mid,
            "barriers",
            "<p>Brak podstawy prawnej dla najmu społecznego.</p>",
            officer,
        )
    return advance(world, mid, state)


def add_action(
    document: Document, author: User, title: str = "Remont skweru"
) -> Action:
    target = section(document, "actions")
    action = Action(
        title=title,
        owner="Wydział Rewitalizacji",
        partners="Rada Dzielnicy",
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 10, 31),
    )
    record_save(
        section=target,
        expected_revision=target.revision,
        record=action,
        actor=author,
        indicators=[IndicatorDraft("Zieleń (m²)", "m²", 100, 800)],  # type: ignore[arg-type]
    )
    return action


def improvement_plan(world: World) -> Document:
    return document_start(
        kind=Kind.PLAN,
        network=world.network,
        organisation=None,
        actor=world.user("lead_coordinator"),
    )


def add_recommendation(
    plan: Document, author: User, evidence: list[Section]
) -> Recommendation:
    target = section(plan, "recommendations")
    recommendation = Recommendation(
        title="Najem społeczny w ustawie",
        barrier="Brak podstawy prawnej.",
        proposed_change="Nowelizacja ustawy o rewitalizacji.",
        change_type=Recommendation.ChangeType.LEGAL,
        addressee="Ministerstwo",
        priority=Recommendation.Priority.HIGH,
        expected_impact="Więcej mieszkań w centrach.",
    )
    record_save(
        section=target,
        expected_revision=target.revision,
        record=recommendation,
        actor=author,
        evidence=evidence,
    )
    return recommendation
