"""Reads for the document pages, each in a fixed number of queries whatever the
number of sections, comments, versions or documents."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.utils.safestring import SafeString

from accounts.models import User
from documents.models import (
    Action,
    Comment,
    Document,
    DocumentVersion,
    GoodPractice,
    Kind,
    Recommendation,
    ScheduleItem,
    Section,
    SectionDraft,
    SectionTemplate,
    SectionVersion,
    State,
    Transition,
)
from documents.richtext import has_changes, word_diff
from networks.models import Network, NetworkMembership
from organisations.models import Membership, Organisation
from partnerships.models import LocalPartnership, PartnershipMember

RECORD_MODELS: dict[str, type[Model]] = {
    SectionTemplate.Content.ACTIONS: Action,
    SectionTemplate.Content.SCHEDULE: ScheduleItem,
    SectionTemplate.Content.RECOMMENDATIONS: Recommendation,
    SectionTemplate.Content.GOOD_PRACTICES: GoodPractice,
}


def section_records(section: Section) -> list[Any]:
    """A structured section's live records, with what their table shows."""
    model = RECORD_MODELS[section.template.content]
    if model is Action:
        return list(
            Action.objects.filter(section=section)
            .select_related("lp_input")
            .prefetch_related("indicators")
        )
    if model is ScheduleItem:
        return list(ScheduleItem.objects.filter(section=section).select_related("host"))
    if model is GoodPractice:
        return list(
            GoodPractice.objects.filter(section=section).select_related("organisation")
        )
    return list(
        Recommendation.objects.filter(section=section).prefetch_related(
            "evidence__document__organisation", "evidence__template"
        )
    )


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@dataclass
class SectionView:
    section: Section
    threads: list[Thread]
    records: list[Any] | None  # structured sections only
    citing: list[Recommendation]  # the Improvement Plan's recommendations citing it

    @property
    def open_threads(self) -> int:
        return sum(1 for thread in self.threads if thread.comment.resolved_at is None)


@dataclass(frozen=True)
class RecordCard:
    document: Document
    partnership: LocalPartnership | None
    coordinators: list[Membership]
    lead: NetworkMembership | None
    partners: list[NetworkMembership]
    experts: list[User]


def _sections(document: Document) -> QuerySet[Section]:
    return (
        Section.objects.filter(document=document)
        .select_related("template", "current__author")
        .order_by("template__position", "template_id")
    )


def document_page(*, document: Document) -> list[SectionView]:
    """Every section with its current text, its comment threads, its records and,
    for a MID, the recommendations that cite it."""
    sections = list(_sections(document))
    threads: dict[int, list[Thread]] = defaultdict(list)
    by_id: dict[int, Thread] = {}
    for comment in (
        Comment.objects.filter(document=document)
        .select_related("author", "resolved_by")
        .order_by("created_at", "id")
    ):
        if comment.parent_id is None:
            by_id[comment.pk] = Thread(comment)
            threads[comment.section_id].append(by_id[comment.pk])
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].replies.append(comment)
    citing: dict[int, list[Recommendation]] = defaultdict(list)
    if document.kind == Kind.MID:
        through = Recommendation.evidence.through
        for link in through.objects.filter(section__document=document).select_related(
            "recommendation__section__document"
        ):
            citing[link.section_id].append(link.recommendation)
    return [
        SectionView(
            section=section,
            threads=threads.get(section.pk, []),
            records=section_records(section)
            if section.template.is_structured
            else None,
            citing=citing.get(section.pk, []),
        )
        for section in sections
    ]


def record_card(*, document: Document) -> RecordCard:
    network = document.network
    memberships = list(
        NetworkMembership.objects.filter(network=network, valid_to__isnull=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    lead = next((m for m in memberships if m.role == NetworkMembership.Role.LEAD), None)
    partnership = None
    coordinators: list[Membership] = []
    if document.organisation_id is not None:
        partnership = LocalPartnership.objects.filter(
            organisation_id=document.organisation_id, network=network
        ).first()
        coordinators = list(
            Membership.objects.filter(
                organisation_id=document.organisation_id,
                is_active=True,
                role=Membership.Role.COORDINATOR,
            ).select_related("user")
        )
    return RecordCard(
        document=document,
        partnership=partnership,
        coordinators=coordinators,
        lead=lead,
        partners=[m for m in memberships if m.role != NetworkMembership.Role.LEAD],
        experts=[
            expert.user
            for expert in network.experts.filter(valid_to__isnull=True).select_related(
                "user"
            )
        ],
    )


def history(*, document: Document, limit: int = 20) -> list[Transition]:
    return list(
        Transition.objects.filter(document=document)
        .select_related("actor", "version")
        .order_by("-created_at", "-id")[:limit]
    )


def versions(*, document: Document) -> QuerySet[DocumentVersion]:
    return (
        DocumentVersion.objects.filter(document=document)
        .select_related("created_by")
        .annotate(section_count=Count("sections"))
        .order_by("-number")
    )


def section_history(*, section: Section) -> QuerySet[SectionVersion]:
    return (
        SectionVersion.objects.filter(section=section)
        .select_related("author")
        .order_by("-number")
    )


def own_draft(*, section: Section, user: User) -> SectionDraft | None:
    return SectionDraft.objects.filter(section=section, author=user).first()


@dataclass(frozen=True)
class SectionComparison:
    template: SectionTemplate
    left: SafeString
    right: SafeString
    changed: bool


def comparison(
    *, document: Document, older: DocumentVersion, newer: DocumentVersion | None
) -> list[SectionComparison]:
    """Every section side by side, word by word, between two versions (`newer` None:
    the document as it stands now)."""
    left = {v.section_id: v.body for v in older.sections.all()}
    if newer is None:
        right = {
            s.pk: s.current.body
            for s in Section.objects.filter(document=document).select_related("current")
            if s.current
        }
    else:
        right = {v.section_id: v.body for v in newer.sections.all()}
    rows = []
    for section in Section.objects.filter(document=document).select_related("template"):
        if section.template.content == SectionTemplate.Content.RECORD_CARD:
            continue
        old, new = left.get(section.pk, ""), right.get(section.pk, "")
        old_html, new_html = word_diff(old, new)
        rows.append(
            SectionComparison(
                section.template, old_html, new_html, has_changes(old, new)
            )
        )
    return rows


def review_queue(*, user: User, ministry: bool) -> QuerySet[Document]:
    """The documents waiting for this person, longest-waiting first: in review in
    the networks they are the expert of; for the ministry, approved or accepted ones
    to decide on. Each carries `open_comments`."""
    if ministry:
        documents = Document.objects.filter(state__in=[State.APPROVED, State.ACCEPTED])
    else:
        documents = Document.objects.filter(
            state=State.IN_REVIEW,
            network__experts__user=user,
            network__experts__valid_to__isnull=True,
        )
    return (
        documents.select_related("network", "organisation")
        .annotate(
            open_comments=Count(
                "comments",
                filter=Q(comments__parent__isnull=True, comments__resolved_at=None),
            )
        )
        .order_by("last_activity_at", "pk")
    )


@dataclass(frozen=True)
class BoardRow:
    kind: str
    organisation: Organisation | None
    document: Document | None


def progress_board(
    *, network: Network, members: list[NetworkMembership]
) -> list[BoardRow]:
    """The network's Sheet, each current member's MID and the Improvement Plan, with
    their state and last activity (None: not started)."""
    documents = {
        (document.kind, document.organisation_id): document
        for document in Document.objects.filter(network=network)
    }
    return [
        BoardRow(Kind.SHEET, None, documents.get((Kind.SHEET, None))),
        *(
            BoardRow(
                Kind.MID,
                member.organisation,
                documents.get((Kind.MID, member.organisation_id)),
            )
            for member in members
        ),
        BoardRow(Kind.PLAN, None, documents.get((Kind.PLAN, None))),
    ]


def published_documents(*, network: Network) -> QuerySet[Document]:
    return (
        Document.objects.filter(network=network, published_version__isnull=False)
        .select_related("organisation", "published_version")
        .order_by("kind", "organisation__name")
    )


def published_sections(*, version: DocumentVersion) -> list[tuple[Section, str]]:
    """The published snapshot, section by section, for the public page."""
    bodies = {v.section_id: v.body for v in version.sections.all()}
    return [
        (section, bodies.get(section.pk, "")) for section in _sections(version.document)
    ]


def citable_mid_sections(*, network_id: int) -> QuerySet[Section]:
    """MID sections of the network's cities that have been written."""
    return (
        Section.objects.filter(
            document__network_id=network_id,
            document__kind=Kind.MID,
            current__isnull=False,
        )
        .select_related("document__organisation", "template")
        .order_by("document__organisation__name", "template__position")
    )


def open_consultations(*, user: User) -> QuerySet[Document]:
    """The MID drafts the person may comment on as a member of the city's Local
    Partnership, while the city holds the consultation."""
    memberships = PartnershipMember.objects.filter(
        user=user,
        partnership__organisation_id=OuterRef("organisation_id"),
        partnership__network_id=OuterRef("network_id"),
        erased_at__isnull=True,
        left_on__isnull=True,
        consent_withdrawn_at__isnull=True,
    )
    return (
        Document.objects.filter(kind=Kind.MID, consultation_open=True)
        .filter(Exists(memberships))
        .select_related("organisation", "network")
    )
