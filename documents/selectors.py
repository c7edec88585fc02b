"""Reads for the document pages, each in a fixed number of queries whatever the
number of sections, comments, versions or documents."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.safestring import SafeString

from accounts.models import User
from documents.models import (
    Action,
    Comment,
    Document,
    DocumentVersion,
    GoodPractice,
    Indicator,
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
from documents.richtext import has_changes, has_text, word_diff
from networks.models import Network, NetworkExpert, NetworkMembership
from organisations.models import Organisation
from organisations.selectors import active_coordinators
from partnerships.models import LocalPartnership, PartnershipMember

RECORD_MODELS: dict[str, type[Model]] = {
    SectionTemplate.Content.ACTIONS: Action,
    SectionTemplate.Content.SCHEDULE: ScheduleItem,
    SectionTemplate.Content.RECOMMENDATIONS: Recommendation,
    SectionTemplate.Content.GOOD_PRACTICES: GoodPractice,
}


def _records(content: str) -> QuerySet[Any]:
    """Live records of one kind, with what their table shows, in their order within
    a section (the models' own order starts with the section's, which joins the
    sections, documents and networks to sort by)."""
    model = RECORD_MODELS[content]
    if model is Action:
        return (
            Action.objects.select_related("lp_input")
            .prefetch_related(
                Prefetch("indicators", queryset=Indicator.objects.order_by("id"))
            )
            .order_by("position", "id")
        )
    if model is ScheduleItem:
        return ScheduleItem.objects.select_related("host").order_by("starts_on", "id")
    if model is GoodPractice:
        return GoodPractice.objects.select_related("organisation").order_by("id")
    return Recommendation.objects.prefetch_related(
        "evidence__document__organisation", "evidence__template"
    ).order_by("position", "id")


def section_records(section: Section) -> list[Any]:
    """A structured section's live records, with what their table shows."""
    return list(_records(section.template.content).filter(section=section))


def empty_required_sections(*, document: Document) -> list[Section]:
    """The document's required sections that are still empty, in their order, in
    one query: a text section with no text (richtext.has_text), a structured one
    (actions, schedule, recommendations, good practices) with no row. The record
    card is filled in automatically: never empty. A document is submitted for
    review only without any (permissions.step_refusal)."""
    rows = {
        content: Exists(model._default_manager.filter(section=OuterRef("pk")))
        for content, model in RECORD_MODELS.items()
    }
    sections = (
        Section.objects.filter(document=document, template__required=True)
        .exclude(template__content=SectionTemplate.Content.RECORD_CARD)
        .select_related("template", "current")
        .annotate(**{f"has_{content}": exists for content, exists in rows.items()})
        .order_by("template__position", "template_id")
    )
    return [
        section
        for section in sections
        if not (
            getattr(section, f"has_{section.template.content}")
            if section.template.is_structured
            else section.current is not None and has_text(section.current.body)
        )
    ]


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
    coordinators: list[User]
    lead: NetworkMembership | None
    partners: list[NetworkMembership]
    experts: list[User]


# What an app above documents shows on the document page and reads in the page's
# one query (pdfs: the newest version's PDF). It adds itself, from its
# `AppConfig.ready()`, through read_with_page_documents: documents imports none.
PageRead = Callable[[QuerySet[Document]], QuerySet[Document]]
_page_reads: list[PageRead] = []


def read_with_page_documents(read: PageRead) -> None:
    """Adds `read` (annotations, joins) to every page_documents() query."""
    if read not in _page_reads:
        _page_reads.append(read)


def page_documents() -> QuerySet[Document]:
    """Documents with what their page shows besides the sections, read in the same
    row: the network and its edition, the city, the city's Local Partnership in the
    network (`city_partnership`), the newest version (`newest_version`), and what
    the apps above add (read_with_page_documents)."""
    # django-stubs does not know filtered relations in select_related.
    documents: QuerySet[Document] = Document.objects.annotate(  # type: ignore[misc]
        # The services number versions 1, 2, … and count them in `versions_made`.
        newest_version=FilteredRelation(
            "versions", condition=Q(versions__number=F("versions_made"))
        ),
        city_partnership=FilteredRelation(
            "organisation__partnerships",
            condition=Q(organisation__partnerships__network=F("network")),
        ),
        # Django leaves a filtered relation unset when nothing matches.
        read_for_page=Value(True),
    ).select_related(
        "network__edition", "organisation", "newest_version", "city_partnership"
    )
    for read in _page_reads:
        documents = read(documents)
    return documents


def _read_for_page(document: Document) -> bool:
    return bool(getattr(document, "read_for_page", False))


def newest_version(*, document: Document) -> DocumentVersion | None:
    """The document's newest numbered version (read with a page document, or now)."""
    if _read_for_page(document):
        return cast(DocumentVersion | None, getattr(document, "newest_version", None))
    return document.versions.order_by("-number").first()


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
        .select_related("author")
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
            "recommendation__section"
        ):
            citing[link.section_id].append(link.recommendation)
    # One query per kind of record (not per section).
    records: dict[int, list[Any]] = defaultdict(list)
    structured: dict[str, list[int]] = defaultdict(list)
    for section in sections:
        if section.template.is_structured:
            structured[section.template.content].append(section.pk)
    for content, section_ids in structured.items():
        # By the sections' ids: each is an index lookup on the records' table.
        for record in _records(content).filter(section_id__in=section_ids):
            records[record.section_id].append(record)
    return [
        SectionView(
            section=section,
            threads=threads.get(section.pk, []),
            records=records.get(section.pk, [])
            if section.template.is_structured
            else None,
            citing=citing.get(section.pk, []),
        )
        for section in sections
    ]


def city_partnership(*, document: Document) -> LocalPartnership | None:
    """A MID's city's Local Partnership in the network (read with a page document,
    or now)."""
    if document.organisation_id is None:
        return None
    if _read_for_page(document):
        return cast(
            LocalPartnership | None, getattr(document, "city_partnership", None)
        )
    return LocalPartnership.objects.filter(
        organisation_id=document.organisation_id, network_id=document.network_id
    ).first()


def record_card(*, document: Document) -> RecordCard:
    """What the card says: for a MID the city's Local Partnership and coordinators,
    for the network's documents its lead city and partners; the network's experts."""
    if document.organisation_id is None:
        memberships = list(
            NetworkMembership.objects.filter(
                network_id=document.network_id, valid_to__isnull=True
            )
            .select_related("organisation")
            .order_by("organisation__name")
        )
        return RecordCard(
            document=document,
            partnership=None,
            coordinators=[],
            lead=next(
                (m for m in memberships if m.role == NetworkMembership.Role.LEAD), None
            ),
            partners=[
                m for m in memberships if m.role == NetworkMembership.Role.PARTNER
            ],
            experts=[
                expert.user
                for expert in NetworkExpert.objects.filter(
                    network_id=document.network_id, valid_to__isnull=True
                )
                .select_related("user")
                .order_by("user__full_name", "user_id")
            ],
        )
    partnership = city_partnership(document=document)
    # The city's coordinators and the network's experts in one query: each half
    # starts from its own small, indexed table.
    coordinators = User.objects.filter(
        pk__in=active_coordinators(organisation_ids=[document.organisation_id]).values(
            "user_id"
        )
    ).annotate(reviews=Value(False))
    reviewers = User.objects.filter(
        expert_assignments__network_id=document.network_id,
        expert_assignments__valid_to__isnull=True,
    ).annotate(reviews=Value(True))
    people = list(coordinators.union(reviewers, all=True).order_by("full_name", "id"))
    return RecordCard(
        document=document,
        partnership=partnership,
        coordinators=[p for p in people if not p.reviews],  # type: ignore[attr-defined]
        lead=None,
        partners=[],
        experts=[p for p in people if p.reviews],  # type: ignore[attr-defined]
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
            network__in=NetworkExpert.objects.filter(
                user=user, valid_to__isnull=True
            ).values("network_id"),
        )
    # Counted per row shown (not joined and grouped over the whole queue), and left
    # out of the page count.
    open_comments = (
        Comment.objects.filter(
            document=OuterRef("pk"), parent__isnull=True, resolved_at=None
        )
        .order_by()
        .values("document")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        documents.select_related("network", "organisation")
        .annotate(open_comments=Coalesce(Subquery(open_comments), 0))
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
    organisations = {member.organisation_id: member.organisation for member in members}
    documents = {}
    for document in Document.objects.filter(network=network):
        document.network = network  # known: no query when named on the board
        if document.organisation_id in organisations:
            document.organisation = organisations[document.organisation_id]
        documents[document.kind, document.organisation_id] = document
    return [
        BoardRow(Kind.SHEET, None, documents.get((Kind.SHEET, None))),
        *(
            BoardRow(
                Kind.MID,
                member.organisation,
                documents.get((Kind.MID, member.organisation_id)),
            )
            for member in members
            # an observer writes no MID of its own
            if member.role != NetworkMembership.Role.OBSERVER
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
