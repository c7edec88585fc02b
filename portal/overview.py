"""The ministry's overview of the current edition: every network with its status,
lead city and members, the state of each of its documents (late ones flagged, see
documents.deadlines) and the size of each city's Local Partnership — counts only,
no personal data.

Read in five queries whatever the number of networks, members, documents and
partnerships (one per table), and put together here. Not cached: the page is for
a handful of people and costs the same at 200 networks as at 2.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from documents.deadlines import due_on, is_overdue
from documents.models import Document, Kind
from networks.models import Edition, Network, NetworkMembership
from networks.selectors import current_memberships
from organisations.models import Organisation
from partnerships.models import LocalPartnership


@dataclass(frozen=True)
class DocumentCell:
    """One document a network owes: `document` None while not started."""

    kind: str
    document: Document | None
    due: datetime.date | None  # None: not expected (an observer's MID)
    overdue: bool


@dataclass(frozen=True)
class Partnership:
    """A city's Local Partnership in the network, in counts."""

    pk: int
    # Seats not left, as the LP's own page counts them: a member whose data were
    # erased still holds one until leaving (the retention erasure comes after the
    # LP ended, when every seat has ended).
    members: int
    status_label: str


@dataclass(frozen=True)
class CityRow:
    organisation: Organisation
    role_label: str | None  # None: no longer a member (its MID stays)
    mid: DocumentCell
    partnership: Partnership | None


@dataclass
class NetworkRow:
    network: Network
    lead: Organisation | None
    sheet: DocumentCell
    plan: DocumentCell
    cities: list[CityRow] = field(default_factory=list)

    @property
    def member_count(self) -> int:
        return sum(1 for city in self.cities if city.role_label is not None)

    @property
    def mids_expected(self) -> int:
        return sum(1 for city in self.cities if city.mid.due is not None)

    @property
    def mids_started(self) -> int:
        return sum(
            1
            for city in self.cities
            if city.mid.due is not None and city.mid.document is not None
        )

    @property
    def overdue(self) -> int:
        cells = [self.sheet, self.plan, *(city.mid for city in self.cities)]
        return sum(1 for cell in cells if cell.overdue)


@dataclass(frozen=True)
class Overview:
    edition: Edition | None  # None: there is no current edition
    networks: list[NetworkRow]
    today: datetime.date

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.networks)


def _cell(
    kind: str, document: Document | None, network: Network, today: datetime.date
) -> DocumentCell:
    due = due_on(
        kind, network_starts_on=network.starts_on, network_ends_on=network.ends_on
    )
    state = document.state if document is not None else None
    return DocumentCell(kind, document, due, is_overdue(state, due=due, today=today))


def programme_overview(*, edition: Edition | None) -> Overview:
    """Every network of `edition` by name, each with its documents and its cities
    (the lead first, then partners and observers by name; then cities no longer
    members whose MID stays), in five queries."""
    today = timezone.localdate()
    if edition is None:
        return Overview(edition=None, networks=[], today=today)
    networks = list(Network.objects.filter(edition=edition).order_by("name_pl", "pk"))
    memberships = current_memberships().filter(network__edition=edition)
    documents = (
        Document.objects.filter(network__edition=edition)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    partnerships = (
        LocalPartnership.objects.filter(network__edition=edition)
        .annotate(
            member_count=Count("members", filter=Q(members__left_on__isnull=True))
        )
        .values_list("pk", "network_id", "organisation_id", "member_count", "status")
        .order_by()
    )
    status_labels = dict(LocalPartnership.Status.choices)
    lp: dict[tuple[int, int], Partnership] = {
        (network_id, organisation_id): Partnership(
            pk, count, str(status_labels.get(status, status))
        )
        for pk, network_id, organisation_id, count, status in partnerships
    }
    own: dict[tuple[int, str, int | None], Document] = {}
    mids: dict[int, list[Document]] = defaultdict(list)
    for document in documents:
        own[document.network_id, document.kind, document.organisation_id] = document
        if document.kind == Kind.MID:
            mids[document.network_id].append(document)
    members: dict[int, list[NetworkMembership]] = defaultdict(list)
    for membership in memberships:
        members[membership.network_id].append(membership)
    rows = []
    for network in networks:
        current = members[network.pk]  # the lead first (current_memberships)
        row = NetworkRow(
            network=network,
            lead=next(
                (
                    m.organisation
                    for m in current
                    if m.role == NetworkMembership.Role.LEAD
                ),
                None,
            ),
            sheet=_cell(
                Kind.SHEET, own.get((network.pk, Kind.SHEET, None)), network, today
            ),
            plan=_cell(
                Kind.PLAN, own.get((network.pk, Kind.PLAN, None)), network, today
            ),
        )
        for membership in current:
            mid = own.get((network.pk, Kind.MID, membership.organisation_id))
            if membership.role == NetworkMembership.Role.OBSERVER:
                # An observer follows the network: no MID is expected of it.
                cell = DocumentCell(Kind.MID, mid, None, False)
            else:
                cell = _cell(Kind.MID, mid, network, today)
            row.cities.append(
                CityRow(
                    organisation=membership.organisation,
                    role_label=membership.get_role_display(),
                    mid=cell,
                    partnership=lp.get((network.pk, membership.organisation_id)),
                )
            )
        member_ids = {m.organisation_id for m in current}
        for mid in mids[network.pk]:
            if mid.organisation_id not in member_ids and mid.organisation is not None:
                row.cities.append(
                    CityRow(
                        organisation=mid.organisation,
                        role_label=None,
                        mid=DocumentCell(Kind.MID, mid, None, False),
                        partnership=lp.get((network.pk, mid.organisation.pk)),
                    )
                )
        rows.append(row)
    return Overview(edition=edition, networks=rows, today=today)
