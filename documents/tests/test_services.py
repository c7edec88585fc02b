import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import InternalError, connection, transaction
from kombu.exceptions import OperationalError

from audit.models import AuditEvent
from core.errors import DomainError
from documents import tasks
from documents.models import (
    Document,
    DocumentVersion,
    Kind,
    Recommendation,
    Section,
    SectionTemplate,
    SectionVersion,
    State,
    Transition,
)
from documents.services import (
    StaleSection,
    comment_add,
    comment_set_resolved,
    consultation_set,
    document_start,
    document_take_step,
    document_version_create,
    document_version_restore,
    draft_autosave,
    record_delete,
    section_save,
    section_template_add,
)
from documents.signals import version_made, version_published
from documents.tests.builders import (
    add_action,
    add_recommendation,
    complete,
    gdynia_mid,
    improvement_plan,
    network_sheet,
    section,
    text,
    write,
)
from partnerships.tests.builders import add_members, gdynia_partnership

pytestmark = pytest.mark.django_db


def test_starting_a_document_gives_it_the_editions_default_sections(world):
    # when the lead city starts the Network Sheet
    sheet = network_sheet(world)
    # then it has the programme's sections in order, the schedule as records
    templates = [s.template for s in sheet.sections.order_by("template__position")]
    assert [t.key for t in templates][:3] == ["identity", "problems", "goals"]
    schedule = next(t for t in templates if t.key == "schedule")
    assert schedule.content == SectionTemplate.Content.SCHEDULE


def test_a_mid_waits_for_the_approved_sheet_unless_the_ministry_allows_it(world):
    # given a Sheet still in draft
    network_sheet(world)
    # when Gdynia tries to start its MID, it is refused with the reason
    with pytest.raises(DomainError, match="zatwierdzenie fiszki sieci"):
        document_start(
            kind=Kind.MID,
            network=world.network,
            organisation=world.partner_city,
            actor=world.user("city_officer"),
        )
    # but the ministry may start it anyway
    mid = document_start(
        kind=Kind.MID,
        network=world.network,
        organisation=world.partner_city,
        actor=world.user("ministry_staff"),
    )
    assert mid.organisation == world.partner_city


def test_another_city_cannot_start_gdynias_mid(world):
    network_sheet(world, State.APPROVED)
    with pytest.raises(PermissionDenied):
        document_start(
            kind=Kind.MID,
            network=world.network,
            organisation=world.partner_city,
            actor=world.user("lead_coordinator"),
        )


def test_starting_twice_opens_the_same_document(world):
    first = network_sheet(world)
    again = document_start(
        kind=Kind.SHEET,
        network=world.network,
        organisation=None,
        actor=world.user("expert"),
    )
    assert again.pk == first.pk


def test_every_save_is_an_append_only_version(world):
    # given a section saved twice
    sheet = network_sheet(world)
    author = world.user("lead_coordinator")
    problems = write(sheet, "problems", "<p>Druga wersja.</p>", author)
    # then both versions are kept, the newest current
    assert list(problems.versions.values_list("number", flat=True)) == [2, 1]
    assert text(problems) == "<p>Druga wersja.</p>"
    # and the database refuses to rewrite history
    with pytest.raises(InternalError), transaction.atomic():
        SectionVersion.objects.filter(section=problems).update(body="fałsz")
    with pytest.raises(InternalError), transaction.atomic():
        connection.cursor().execute("DELETE FROM documents_sectionversion")


def test_a_stale_save_is_refused_and_shows_the_other_text(world):
    # given two people who opened the same section at revision 1
    sheet = network_sheet(world)
    problems = section(sheet, "problems")
    opened_at = problems.revision
    section_save(
        section=problems,
        expected_revision=opened_at,
        body="<p>Tekst eksperta.</p>",
        actor=world.user("expert"),
    )
    # when the other saves on the old revision
    with pytest.raises(StaleSection) as refused:
        section_save(
            section=problems,
            expected_revision=opened_at,
            body="<p>Tekst Gdyni.</p>",
            actor=world.user("city_officer"),
        )
    # then nothing is overwritten and the refusal carries the expert's text
    assert refused.value.current is not None
    assert refused.value.current.body == "<p>Tekst eksperta.</p>"
    assert text(section(sheet, "problems")) == "<p>Tekst eksperta.</p>"


def test_saving_sanitises_the_text(world):
    sheet = network_sheet(world)
    saved = write(
        sheet,
        "goals",
        '<p onclick="x()">Cel<script>alert(1)</script><a href="javascript:x">a</a></p>',
        world.user("lead_coordinator"),
    )
    assert "script" not in text(saved)
    assert "onclick" not in text(saved)
    assert "javascript" not in text(saved)


def test_a_workflow_step_is_taken_and_mailed_while_the_broker_is_down(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    # given a Sheet ready to submit, and a broker that refuses every message
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Refused.")

    monkeypatch.setattr(tasks.notify_step, "apply_async", broker_down)
    sheet = network_sheet(world)
    complete(sheet, world.user("lead_coordinator"))
    # when the lead submits
    with django_capture_on_commit_callbacks(execute=True):
        document_take_step(
            document=sheet, step_name="submit", actor=world.user("lead_coordinator")
        )
    # then the step stands and the expert is told all the same
    sheet.refresh_from_db()
    assert sheet.state == State.IN_REVIEW
    assert [m.to for m in mail.outbox] == [[world.user("expert").email]]


def test_the_workflow_runs_with_a_trace_and_emails_after_commit(
    world, django_capture_on_commit_callbacks
):
    # given the Sheet with every required section written
    sheet = network_sheet(world)
    complete(sheet, world.user("lead_coordinator"))
    # when the lead submits
    with django_capture_on_commit_callbacks(execute=True):
        document_take_step(
            document=sheet, step_name="submit", actor=world.user("lead_coordinator")
        )
    # then the Sheet is in review, as version 1, and the expert is told
    sheet.refresh_from_db()
    assert sheet.state == State.IN_REVIEW
    assert sheet.versions.get().reason == DocumentVersion.Reason.SUBMITTED
    assert [m.to for m in mail.outbox] == [[world.user("expert").email]]
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.DOCUMENT_STEP, network=world.network
    ).exists()
    # and editing is closed while in review
    with pytest.raises(DomainError):
        write(sheet, "goals", "<p>Zmiana.</p>", world.user("lead_coordinator"))


def test_illegal_moves_are_refused_with_a_reason_distinct_from_permission(world):
    sheet = network_sheet(world)
    # publishing a draft is not a step the table allows
    with pytest.raises(DomainError, match="nie jest możliwa"):
        document_take_step(
            document=sheet, step_name="publish", actor=world.user("ministry_admin")
        )
    # and a partner city may not submit the network's Sheet
    with pytest.raises(PermissionDenied):
        document_take_step(
            document=sheet, step_name="submit", actor=world.user("city_coordinator")
        )
    # an expert asking for changes must say what
    complete(sheet, world.user("lead_coordinator"))
    document_take_step(
        document=sheet, step_name="submit", actor=world.user("lead_coordinator")
    )
    with pytest.raises(DomainError, match="podsumowanie"):
        document_take_step(
            document=sheet, step_name="request_changes", actor=world.user("expert")
        )
    assert Transition.objects.filter(document=sheet).count() == 1


def test_publishing_freezes_the_public_version_and_amending_needs_review_again(world):
    # given a published Sheet
    sheet = network_sheet(world, State.PUBLISHED)
    published = sheet.published_version
    assert published is not None
    # when the lead amends it and changes a section
    document_take_step(
        document=sheet, step_name="amend", actor=world.user("lead_coordinator")
    )
    write(sheet, "problems", "<p>Poprawka.</p>", world.user("lead_coordinator"))
    # then the public still sees the published version, unchanged
    sheet.refresh_from_db()
    assert sheet.state == State.DRAFT
    assert sheet.published_version == published
    body = published.sections.get(section__template__key="problems").body
    assert body == "<p>Pustostany w śródmieściach.</p>"


def test_restoring_an_old_version_adds_a_new_one(world):
    sheet = network_sheet(world)
    lead = world.user("lead_coordinator")
    first = document_version_create(document=sheet, actor=lead, note="pierwsza")
    write(sheet, "problems", "<p>Inny tekst.</p>", lead)
    restored = document_version_restore(document=sheet, version=first, actor=lead)
    problems = section(sheet, "problems")
    assert text(problems) == "<p>Pustostany w śródmieściach.</p>"
    assert problems.revision == 3  # v1, v2, and v3 = v1's text again
    assert restored.number == 2
    assert restored.reason == DocumentVersion.Reason.RESTORED


@pytest.fixture
def announced():
    """What the apps above documents hear (pdfs makes the PDFs from it): each
    signal's versions, as (document version number, its document's state)."""
    heard: dict[str, list[tuple[int, str]]] = {"made": [], "published": []}

    def hear(name):
        def receiver(*, version, **_kwargs):
            heard[name].append((version.number, version.document.state))

        return receiver

    receivers = {version_made: hear("made"), version_published: hear("published")}
    for signal, receiver in receivers.items():
        signal.connect(receiver, sender=DocumentVersion)
    yield heard
    for signal, receiver in receivers.items():
        signal.disconnect(receiver, sender=DocumentVersion)


def test_every_new_version_and_the_publication_are_announced_to_the_apps_above(
    world, announced
):
    # given the lead's Network Sheet in draft
    sheet = network_sheet(world)
    lead = world.user("lead_coordinator")
    # when a version is saved, one restored, and the Sheet is then taken all the
    # way to publication (submitted, approved, accepted, published)
    first = document_version_create(document=sheet, actor=lead, note="pierwsza")
    document_version_restore(document=sheet, version=first, actor=lead)
    published = network_sheet(world, State.PUBLISHED).published_version
    # then each numbered version was announced once, as it was made
    numbers = list(sheet.versions.order_by("number").values_list("number", flat=True))
    assert [number for number, _state in announced["made"]] == numbers
    assert announced["made"][:2] == [(1, State.DRAFT), (2, State.DRAFT)]
    # and the published version once more, as the one published
    assert published is not None
    assert [number for number, _state in announced["published"]] == [published.number]


def test_actions_are_records_and_each_change_is_a_version(world):
    mid = gdynia_mid(world)
    officer = world.user("city_officer")
    action = add_action(mid, officer)
    add_action(mid, officer, "Festyn sąsiedzki")
    actions = section(mid, "actions")
    assert actions.revision == 2
    assert [a.position for a in actions.actions.all()] == [1, 2]
    assert action.indicators.get().target == 800
    # removing one keeps it in the earlier version
    record_delete(section=actions, expected_revision=2, record=action, actor=officer)
    actions = section(mid, "actions")
    assert actions.actions.count() == 1
    older = actions.versions.get(number=2)
    assert "Remont skweru" in older.body
    assert len(older.records) == 2


def test_restoring_brings_the_actions_back(world):
    mid = gdynia_mid(world)
    officer = world.user("city_officer")
    action = add_action(mid, officer)
    saved = document_version_create(document=mid, actor=officer, note="")
    actions = section(mid, "actions")
    record_delete(
        section=actions,
        expected_revision=actions.revision,
        record=action,
        actor=officer,
    )
    document_version_restore(document=mid, version=saved, actor=officer)
    restored = section(mid, "actions").actions.get()
    assert restored.title == "Remont skweru"
    assert restored.indicators.get().name == "Zieleń (m²)"


def test_recommendations_cite_only_written_mid_sections_and_show_on_the_mid(world):
    mid = gdynia_mid(world)
    plan = improvement_plan(world)
    barriers = section(mid, "barriers")
    unwritten = section(mid, "vision")
    expert = world.user("expert")
    with pytest.raises(DomainError, match="dowody"):
        add_recommendation(plan, expert, [unwritten])
    recommendation = add_recommendation(plan, expert, [barriers])
    assert list(barriers.citing_recommendations.all()) == [recommendation]
    assert Recommendation.objects.count() == 1


def test_comments_thread_resolve_and_reopen(world):
    sheet = network_sheet(world, State.IN_REVIEW)
    problems = section(sheet, "problems")
    expert = world.user("expert")
    thread = comment_add(
        section=problems, body="Dodaj dane.", quote="  Pustostany\n", actor=expert
    )
    assert thread.quote == "Pustostany"
    reply = comment_add(
        section=problems,
        body="Dodamy.",
        parent=thread,
        actor=world.user("lead_coordinator"),
    )
    # a reply to a reply joins the thread
    again = comment_add(section=problems, body="OK", parent=reply, actor=expert)
    assert again.parent == thread
    resolved = comment_set_resolved(
        comment=thread, resolved=True, actor=world.user("lead_coordinator")
    )
    assert resolved.resolved_by == world.user("lead_coordinator")
    # a new reply reopens it
    comment_add(section=problems, body="Jeszcze jedno.", parent=thread, actor=expert)
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_the_ministry_cannot_resolve_others_threads(world):
    sheet = network_sheet(world)
    thread = comment_add(
        section=section(sheet, "problems"), body="Uwaga", actor=world.user("expert")
    )
    with pytest.raises(PermissionDenied):
        comment_set_resolved(
            comment=thread, resolved=True, actor=world.user("ministry_staff")
        )


def test_lp_members_with_accounts_comment_only_during_the_consultation(world):
    # given an LP member of Gdynia with an account
    mid = gdynia_mid(world)
    gdynia_partnership(world)
    member = add_members(world, 1)[0]
    resident = type(world.user("expert")).objects.create_user(
        email="mieszkanka@example.pl", password="haslo-testowe-2026"
    )
    member.user = resident
    member.save(update_fields=["user"])
    challenge = section(mid, "challenge")
    # when the consultation is closed, she may not comment
    with pytest.raises(PermissionDenied):
        comment_add(section=challenge, body="Uwaga", actor=resident)
    # once the coordinator opens it, she may
    consultation_set(document=mid, is_open=True, actor=world.user("city_coordinator"))
    challenge.document.refresh_from_db()
    comment = comment_add(section=challenge, body="Więcej zieleni!", actor=resident)
    assert comment.author == resident
    # and submitting the MID closes it
    complete(mid, world.user("city_coordinator"))
    document_take_step(
        document=mid, step_name="submit", actor=world.user("city_coordinator")
    )
    assert not Document.objects.get(pk=mid.pk).consultation_open


def test_autosave_keeps_a_private_draft_until_the_save(world):
    sheet = network_sheet(world)
    problems = section(sheet, "problems")
    lead = world.user("lead_coordinator")
    draft = draft_autosave(
        section=problems, body="<p>W toku</p>", base_revision=1, actor=lead
    )
    assert draft is not None
    assert draft.body == "<p>W toku</p>"
    section_save(
        section=problems, expected_revision=1, body="<p>Gotowe</p>", actor=lead
    )
    assert not problems.drafts.exists()
    # the ministry (not an author) keeps no drafts
    assert (
        draft_autosave(
            section=problems,
            body="x",
            base_revision=2,
            actor=world.user("ministry_staff"),
        )
        is None
    )


def test_a_template_added_to_an_edition_reaches_started_documents(world):
    sheet = network_sheet(world)
    section_template_add(
        edition=world.network.edition,
        kind=Kind.SHEET,
        values={
            "key": "budzet",
            "position": 20,
            "name_pl": "Budżet",
            "name_en": "Budget",
            "guidance": "Koszty sieci.",
            "required": False,
            "content": SectionTemplate.Content.RICH_TEXT,
        },
        actor=world.user("ministry_staff"),
    )
    assert Section.objects.filter(document=sheet, template__key="budzet").exists()
    with pytest.raises(PermissionDenied):
        section_template_add(
            edition=world.network.edition,
            kind=Kind.SHEET,
            values={"key": "x", "position": 21, "name_pl": "X"},
            actor=world.user("lead_coordinator"),
        )
