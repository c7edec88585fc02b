"""Who may do what with the network's documents — the single source of truth.

| role                           | see drafts                    | edit (draft, changes requested) | submit, withdraw, amend | review (expert) | accept, publish, return | templates |
|--------------------------------|-------------------------------|---------------------------------|-------------------------|-----------------|-------------------------|-----------|
| ministry admin, ministry staff | every document                | –                               | –                       | –               | every document          | yes       |
| the network's expert           | the network's documents       | Sheet, Plan                     | –                       | the network's   | –                       | –         |
| lead-city coordinator          | Sheet, Plan, own city's MID   | Sheet, Plan, own city's MID     | Sheet, Plan, own MID    | –               | –                       | –         |
| member city's coordinator      | Sheet, Plan, own city's MID   | Sheet, Plan, own city's MID     | own city's MID          | –               | –                       | –         |
| member city's officer          | Sheet, Plan, own city's MID   | Sheet, Plan, own city's MID     | –                       | –               | –                       | –         |
| LP member with an account      | own city's MID while the city holds a consultation (and may comment) | – | – | – | – | – |
| other cities, public           | published versions only       | –                               | –                       | –               | –                       | –         |

Anyone who sees a draft may comment on it. Unknown actions fail closed.
"""

from collections.abc import Iterable, Sequence
from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.permissions import object_checker
from documents.models import Comment, Document, Kind, Section
from documents.workflow import SHEET_READY_FOR_MIDS, Actor, Step
from networks.models import Network
from networks.permissions import VIEW_WORKSPACE, can_lead, can_review
from organisations.models import Membership
from organisations.permissions import is_member
from organisations.selectors import active_coordinators
from partnerships.models import PartnershipMember

VIEW_EVERY_DOCUMENT = "documents.view_every_document"
DECIDE_DOCUMENTS = "documents.decide_documents"
MANAGE_TEMPLATES = "documents.manage_templates"


def _signed_in(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_network_participant(user: User | AnonymousUser, network: Network) -> bool:
    """A person of a current member city, or the network's expert — the people who
    write the Network Sheet and the Improvement Plan (not the ministry)."""
    if not _signed_in(user):
        return False
    # Object grants only: the ministry's global permission must not count here.
    return object_checker(cast(User, user)).has_perm(VIEW_WORKSPACE, network)


def _lp_seats(user: User) -> QuerySet[PartnershipMember]:
    """The person's current, consenting seats in Local Partnerships."""
    return PartnershipMember.objects.filter(
        user=user,
        erased_at__isnull=True,
        left_on__isnull=True,
        consent_withdrawn_at__isnull=True,
    )


def _with_viewer(
    documents: QuerySet[Document], user: User | AnonymousUser
) -> QuerySet[Document]:
    """The documents with what the person is to each, read in the same row: their
    role in the MID's city (`viewer_city_role`, None: none) and whether they sit in
    the city's Local Partnership (`viewer_in_partnership`). The rules below use these
    facts instead of asking the database again (see `_read_with`)."""
    if not _signed_in(user):
        return documents
    person = cast(User, user)
    return documents.annotate(
        viewer_pk=Value(person.pk),
        viewer_city_role=Subquery(
            Membership.objects.filter(
                user=person, organisation=OuterRef("organisation_id"), is_active=True
            ).values("role")[:1]
        ),
        viewer_in_partnership=Exists(
            _lp_seats(person).filter(
                partnership__organisation=OuterRef("organisation_id"),
                partnership__network=OuterRef("network_id"),
            )
        ),
    )


def _read_with(user: User | AnonymousUser, document: Document) -> bool:
    """Were the person's facts read with this document (by `access_document`)?"""
    return _signed_in(user) and getattr(document, "viewer_pk", None) == user.pk


def is_consultation_participant(user: User | AnonymousUser, document: Document) -> bool:
    if not (_signed_in(user) and document.kind == Kind.MID):
        return False
    if not document.consultation_open:
        return False
    if _read_with(user, document):
        return bool(document.viewer_in_partnership)  # type: ignore[attr-defined]
    return (
        _lp_seats(cast(User, user))
        .filter(
            partnership__organisation=document.organisation,
            partnership__network_id=document.network_id,
        )
        .exists()
    )


def is_author(user: User | AnonymousUser, document: Document) -> bool:
    """Writes the document (in the states that allow writing): the city's people for
    a MID; the network's participants for the Sheet and the Plan."""
    if document.organisation is not None:  # a MID
        if _read_with(user, document):
            return document.viewer_city_role is not None  # type: ignore[attr-defined]
        return is_member(user, document.organisation)
    return is_network_participant(user, document.network)


def _works_on(user: User | AnonymousUser, document: Document) -> bool:
    """Sees the drafts by role: an author, the network's expert or the ministry
    (what `visible_documents` lists). Cheapest first: what was read with the
    document, then the person's grants."""
    return (
        is_author(user, document)
        or user.has_perm(VIEW_EVERY_DOCUMENT)
        or can_review(user, document.network)
    )


def can_view(user: User | AnonymousUser, document: Document) -> bool:
    if not _signed_in(user):
        return False
    return _works_on(user, document) or is_consultation_participant(user, document)


def can_edit(user: User | AnonymousUser, document: Document) -> bool:
    return document.is_editable and is_author(user, document)


def can_comment(user: User | AnonymousUser, document: Document) -> bool:
    return can_view(user, document)


def is_responsible(user: User | AnonymousUser, document: Document) -> bool:
    """The person who answers for the document: the city's coordinator for a MID,
    the lead city's coordinator for the network's documents."""
    if not _signed_in(user):
        return False
    if document.kind == Kind.MID:
        if _read_with(user, document):
            role = document.viewer_city_role  # type: ignore[attr-defined]
            return bool(role == Membership.Role.COORDINATOR)
        return (
            active_coordinators(organisation_ids=[cast(int, document.organisation_id)])
            .filter(user=cast(User, user))
            .exists()
        )
    return can_lead(user, document.network)


def can_take(user: User | AnonymousUser, step: Step, document: Document) -> bool:
    if not _signed_in(user) or document.state not in step.sources:
        return False
    if step.actor == Actor.RESPONSIBLE:
        return is_responsible(user, document)
    if step.actor == Actor.REVIEWER:
        return can_review(user, document.network)
    if step.actor == Actor.MINISTRY:
        return user.has_perm(DECIDE_DOCUMENTS)
    return False


def can_manage_consultation(user: User | AnonymousUser, document: Document) -> bool:
    return (
        document.kind == Kind.MID
        and document.is_editable
        and is_responsible(user, document)
    )


def can_resolve_any(user: User | AnonymousUser, document: Document) -> bool:
    """The document's authors and its reviewer close any thread on it."""
    return _signed_in(user) and (
        is_author(user, document) or can_review(user, document.network)
    )


def can_resolve(user: User | AnonymousUser, comment: Comment) -> bool:
    """...and everyone closes their own."""
    return _signed_in(user) and (
        comment.author_id == user.pk or can_resolve_any(user, comment.document)
    )


def can_start(
    user: User | AnonymousUser, kind: str, network: Network, organisation_id: int | None
) -> bool:
    """May start the document (the order of work is the services' rule)."""
    if not _signed_in(user):
        return False
    if kind == Kind.MID:
        return organisation_id is not None and (
            user.has_perm(DECIDE_DOCUMENTS)
            or Membership.objects.filter(
                user=cast(User, user), organisation_id=organisation_id, is_active=True
            ).exists()
        )
    return is_network_participant(user, network)


def start_refusal(
    user: User | AnonymousUser, kind: str, *, sheet_state: str | None
) -> Promise | None:
    """Why a document the person may start (`can_start`) cannot be started yet, or
    None: it can. The order of work — a city's MID waits for the network's Sheet
    (`sheet_state`: None, not started) to be approved, unless the ministry starts
    it. The service refuses with this reason and the board shows it instead of the
    step, so both always agree."""
    if kind != Kind.MID or sheet_state in SHEET_READY_FOR_MIDS:
        return None
    if can_override_order(user):
        return None
    return _(
        "Waits for the expert to approve the Network Sheet (the ministry can allow "
        "an earlier start)."
    )


def step_refusal(step: Step, *, empty_sections: Sequence[Section]) -> str | None:
    """Why a step the person may take (`can_take`) cannot be taken now, or None: it
    can. Submitting for review waits until no required section is empty
    (`empty_sections`: selectors.empty_required_sections), whoever submits. The
    service refuses with this reason, naming the sections, and the document page
    shows what is missing instead of the step, so both always agree."""
    if not step.needs_required_sections or not empty_sections:
        return None
    names = ", ".join(
        gettext("“%(name)s”") % {"name": section.template.name}
        for section in empty_sections
    )
    return ngettext(
        "“%(step)s” is not possible yet: the required section %(sections)s is "
        "empty. Fill it in first.",
        "“%(step)s” is not possible yet: the required sections %(sections)s are "
        "empty. Fill them in first.",
        len(empty_sections),
    ) % {"step": step.label, "sections": names}


def can_see_review_queue(user: User) -> bool:
    """Experts (of any network) and the ministry have documents waiting for them."""
    return (
        user.has_perm(DECIDE_DOCUMENTS)
        or user.expert_assignments.filter(valid_to__isnull=True).exists()
    )


def can_manage_templates(user: User | AnonymousUser) -> bool:
    return _signed_in(user) and user.has_perm(MANAGE_TEMPLATES)


def can_override_order(user: User | AnonymousUser) -> bool:
    """The ministry may let a city start its MID before the Sheet is approved."""
    return _signed_in(user) and user.has_perm(DECIDE_DOCUMENTS)


def visible_documents(user: User) -> QuerySet[Document]:
    """The documents whose drafts the user may see (can_view for a whole list in
    one query; consultation access is per document and not listed here)."""
    documents = Document.objects.all()
    if user.has_perm(VIEW_EVERY_DOCUMENT):
        return documents
    own = Membership.objects.filter(user=user, is_active=True).values("organisation_id")
    participant_networks = Network.objects.filter(
        Q(
            memberships__organisation_id__in=own,
            memberships__valid_to__isnull=True,
        )
        | Q(experts__user=user, experts__valid_to__isnull=True)
    ).values("pk")
    return documents.filter(
        Q(kind=Kind.MID, organisation_id__in=own)
        | (~Q(kind=Kind.MID) & Q(network_id__in=participant_networks))
        | Q(
            network__experts__user=user,
            network__experts__valid_to__isnull=True,
        )
    ).distinct()


def access_document(
    user: User | AnonymousUser,
    pk: int,
    *,
    documents: QuerySet[Document] | None = None,
) -> Document:
    """The document if the user may see its drafts; 404 otherwise, exactly like a
    missing one. It comes with what the person is to it (their role in the city,
    their Local Partnership seat), so that the rules above answer without further
    queries; `documents` may add what a page shows (see selectors.page_documents)."""
    if documents is None:
        documents = Document.objects.select_related("network__edition", "organisation")
    # One row: no need for the default order's sort over the joined tables.
    document = _with_viewer(documents, user).filter(pk=pk).order_by().first()
    if document is None or not can_view(user, document):
        raise Http404
    return document


def access_section(user: User | AnonymousUser, document: Document, pk: int) -> Section:
    section = (
        Section.objects.select_related("template", "current")
        .filter(pk=pk, document=document)
        .first()
    )
    if section is None:
        raise Http404
    return section


def access_comment(user: User | AnonymousUser, pk: int) -> Comment:
    comment = (
        Comment.objects.select_related(
            "document__network__edition", "document__organisation", "section"
        )
        .filter(pk=pk)
        .first()
    )
    if comment is None or not can_view(user, comment.document):
        raise Http404
    return comment


def readable_among(user: User, documents: Iterable[Document]) -> set[int]:
    """The ids of the listed documents whose drafts the person may see by role (as
    `visible_documents` lists them), with no query of its own: the answers are the
    request's memo."""
    return {document.pk for document in documents if _works_on(user, document)}
