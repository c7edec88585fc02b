"""Reads for recruitment, each in a fixed number of queries whatever the number of
applications: the ranking, the composition check and the ministry's dashboard."""

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Avg, Count, F, FilteredRelation, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from organisations.models import Organisation, Voivodeship
from recruitment import permissions
from recruitment.models import Application, Assignment, Call, CallTheme, Track


def submitted(call: Call) -> QuerySet[Application]:
    return Application.objects.filter(
        call=call, status=Application.Status.SUBMITTED
    ).select_related("organisation", "theme__theme")


def works_for(
    user_id: int, organisation_ids: Collection[int]
) -> QuerySet[Organisation]:
    """Which of these organisations the person works for: an active membership in
    any role (coordinator or officer) — the conflict of interest that keeps an
    evaluator away from the organisation's applications."""
    return Organisation.objects.filter(
        pk__in=organisation_ids,
        memberships__user_id=user_id,
        memberships__is_active=True,
    ).order_by("name")


def _colleague(assignment: str, applicant: str) -> FilteredRelation:
    """`works_for` as a join: the evaluator's active membership of the applicant
    (at most one row: one membership per person and organisation), so that a list
    reads it through the membership's index instead of a subquery per row."""
    memberships = f"{assignment}evaluator__memberships"
    return FilteredRelation(
        memberships,
        condition=Q(
            **{
                f"{memberships}__organisation": F(applicant),
                f"{memberships}__is_active": True,
            }
        ),
    )


_COUNTED = Q(assignments__conflict_of_interest=False) & Q(colleague__isnull=True)
_DONE = _COUNTED & Q(assignments__submitted_at__isnull=False)


def with_evaluation_counts(
    applications: QuerySet[Application],
) -> QuerySet[Application]:
    """Each application with how many of its evaluations are `evaluated`
    (submitted) and `assigned`, in the same query, and no score: for lists that
    show progress only, so no score can reach their templates. An evaluation
    counts unless its evaluator stepped aside or works for the applicant: the
    assignment service refuses such an evaluator, but one who joined the applicant
    afterwards must not sway the decision either, whether or not they had
    submitted."""
    return applications.alias(
        colleague=_colleague("assignments__", "organisation")
    ).annotate(
        evaluated=Count("assignments", filter=_DONE),
        assigned=Count("assignments", filter=_COUNTED),
    )


def with_evaluation_figures(
    applications: QuerySet[Application],
) -> QuerySet[Application]:
    """`with_evaluation_counts`, and the `average` (0–100) of the submitted
    evaluations that count."""
    return with_evaluation_counts(applications).annotate(
        average=Avg("assignments__score", filter=_DONE)
    )


def with_evaluations_counted(
    assignments: QuerySet[Assignment],
) -> QuerySet[Assignment]:
    """Each assignment with `counts`: whether `with_evaluation_figures` counts it."""
    return assignments.alias(
        colleague=_colleague("", "application__organisation")
    ).annotate(
        counts=Q(conflict_of_interest=False) & Q(colleague__isnull=True),
    )


@dataclass
class Ranked:
    application: Application
    score: Decimal | None  # the average of submitted evaluations, 0–100
    evaluations: int
    assigned: int
    place: int | None = None  # in its theme and track; None: unscored or hidden
    hidden: bool = False  # the viewer is evaluating it: no score, no place


Ranking = dict[tuple[CallTheme, str], list[Ranked]]


def ranking(call: Call, *, viewer: User | AnonymousUser) -> Ranking:
    """Submitted applications per theme and track, best weighted average first
    (unscored ones after them). An application whose scores the viewer may not see
    yet comes last, without score or place, and the places are counted without it:
    where it would stand is derived from the others' scores too."""
    rows = list(with_evaluation_figures(submitted(call)))
    hidden = permissions.scores_hidden_among(viewer, [row.pk for row in rows])
    ranked: Ranking = defaultdict(list)
    for row in rows:
        secret = row.pk in hidden
        ranked[(row.theme, row.track)].append(
            Ranked(
                row,
                None if secret else row.average,  # type: ignore[attr-defined]
                row.evaluated,  # type: ignore[attr-defined]
                row.assigned,  # type: ignore[attr-defined]
                hidden=secret,
            )
        )
    for rows_of_group in ranked.values():
        rows_of_group.sort(
            key=lambda r: (
                r.hidden,
                r.score is None,
                -(r.score or 0),
                r.application.organisation.name,
            )
        )
        for place, member in enumerate(rows_of_group, start=1):
            if member.score is not None:
                member.place = place
    themes = list(call.themes.select_related("theme"))
    return {
        (theme, track): ranked.get((theme, track), [])
        for theme in themes
        for track in Track.values
    }


@dataclass
class RuleCheck:
    rule: Promise | str
    holds: bool
    detail: str = ""
    code: str = ""  # names the rule where words do not fit (an audit event)


@dataclass
class Proposal:
    theme: CallTheme
    lead: Ranked | None
    partners: list[Ranked]
    checks: list[RuleCheck] = field(default_factory=list)
    reserves: list[Ranked] = field(default_factory=list)  # would fix a failing rule
    # The viewer is evaluating one of the theme's applications: who the ranking
    # proposes would tell where it stands, so nothing is proposed to them.
    hidden: bool = False

    @property
    def holds(self) -> bool:
        return all(check.holds for check in self.checks)

    @property
    def voivodeships(self) -> set[str]:
        """The voivodeships of its Polish members: a partner city from abroad
        counts toward no voivodeship."""
        members = [self.lead, *self.partners] if self.lead else self.partners
        return {
            m.application.organisation.voivodeship
            for m in members
            if m and _counts_for_voivodeships(m.application.organisation)
        }


def _counts_for_voivodeships(organisation: Organisation) -> bool:
    return organisation.is_polish and bool(organisation.voivodeship)


def composition(call: Call, ranked: Ranking) -> list[Proposal]:
    """For each theme, the network the ranking proposes — the best lead and the best
    partners up to the call's maximum, leaving out rejected ones — checked against
    the composition rules, with the reserve applications that would fix a failing
    voivodeship rule. `ranked` is the call's `ranking` as its viewer sees it."""
    proposals = []
    themes = list(dict.fromkeys(theme for theme, _track in ranked))
    for theme in themes:
        if any(r.hidden for track in Track.values for r in ranked[(theme, track)]):
            proposals.append(Proposal(theme, None, [], hidden=True))
            continue
        leads = [
            r
            for r in ranked[(theme, Track.LEAD)]
            if r.application.decision != Application.Decision.REJECTED
        ]
        partners = [
            r
            for r in ranked[(theme, Track.PARTNER)]
            if r.application.decision != Application.Decision.REJECTED
        ]
        proposal = Proposal(
            theme, leads[0] if leads else None, partners[: call.max_partners]
        )
        regions = proposal.voivodeships
        proposal.checks = [
            RuleCheck(_("one lead city"), proposal.lead is not None, code="lead"),
            RuleCheck(
                _("%(min)s–%(max)s partner cities")
                % {"min": call.min_partners, "max": call.max_partners},
                call.min_partners <= len(proposal.partners) <= call.max_partners,
                str(len(proposal.partners)),
                code="partners",
            ),
            RuleCheck(
                _("members from at least %(n)s voivodeships")
                % {"n": call.min_voivodeships},
                len(regions) >= call.min_voivodeships,
                ", ".join(sorted(Voivodeship(v).label for v in regions)),
                code="voivodeships",
            ),
        ]
        if len(regions) < call.min_voivodeships:
            proposal.reserves = [
                r
                for r in partners[call.max_partners :] + leads[1:]
                if _counts_for_voivodeships(r.application.organisation)
                and r.application.organisation.voivodeship not in regions
            ][:5]
        proposals.append(proposal)
    if call.one_network_per_city:
        seen: Counter[int] = Counter()
        for proposal in proposals:
            if proposal.hidden:
                continue
            for member in [proposal.lead, *proposal.partners]:
                if member:
                    seen[member.application.organisation_id] += 1
        twice = {pk for pk, n in seen.items() if n > 1}
        for proposal in proposals:
            if proposal.hidden:
                continue
            names = sorted(
                m.application.organisation.name
                for m in [proposal.lead, *proposal.partners]
                if m and m.application.organisation_id in twice
            )
            proposal.checks.append(
                RuleCheck(
                    _("each city in one network only"),
                    not names,
                    ", ".join(names),
                    code="one_network",
                )
            )
    return proposals


@dataclass(frozen=True)
class Gap:
    """Something a decision is taken without: the person confirms it first."""

    code: str  # what the audit event records
    text: str  # what the person is told


# Every code a gap may have (composition_…: a failing `RuleCheck` by its code).
GAP_CODES = (
    "before_deadline",
    "completion_open",
    "no_evaluations",
    "evaluations_missing",
    "composition_hidden",
    "composition_lead",
    "composition_partners",
    "composition_voivodeships",
    "composition_one_network",
)


def decision_gaps(application: Application, *, viewer: User) -> list[Gap]:
    """What is still missing for a well-founded decision on the application: the
    call still open (or the application open for completion), evaluations not
    submitted, a composition rule of its theme failing. Empty: nothing is
    missing. The same list asks for the confirmation and is checked when the
    decision is recorded, in a fixed number of queries."""
    call = application.call
    now = timezone.now()
    gaps = []
    if now < call.closes_at:
        gaps.append(
            Gap(
                "before_deadline",
                _(
                    "The call is still open until %(when)s: cities may still "
                    "submit applications."
                )
                % {"when": _moment(call.closes_at)},
            )
        )
    if application.completion_until and now < application.completion_until:
        gaps.append(
            Gap(
                "completion_open",
                _("The city may still complete the application until %(when)s.")
                % {"when": _moment(application.completion_until)},
            )
        )
    counted = with_evaluation_counts(Application.objects.filter(pk=application.pk))
    counts = counted.get()
    assigned: int = counts.assigned  # type: ignore[attr-defined]
    missing = assigned - counts.evaluated  # type: ignore[attr-defined]
    if not assigned:
        gaps.append(
            Gap(
                "no_evaluations",
                str(_("No evaluator is assigned to the application.")),
            )
        )
    elif missing:
        gaps.append(
            Gap(
                "evaluations_missing",
                ngettext(
                    "%(missing)s of %(assigned)s evaluations is not submitted yet.",
                    "%(missing)s of %(assigned)s evaluations are not submitted yet.",
                    missing,
                )
                % {"missing": missing, "assigned": assigned},
            )
        )
    proposal = next(
        (
            p
            for p in composition(call, ranking(call, viewer=viewer))
            if p.theme.pk == application.theme_id
        ),
        None,
    )
    if proposal is None:
        return gaps
    theme = str(proposal.theme.theme)
    if proposal.hidden:
        gaps.append(
            Gap(
                "composition_hidden",
                _(
                    "The composition check of “%(theme)s” is hidden from you until "
                    "you submit your evaluation."
                )
                % {"theme": theme},
            )
        )
    for check in proposal.checks:
        if not check.holds:
            rule = f"{check.rule} ({check.detail})" if check.detail else str(check.rule)
            gaps.append(
                Gap(
                    f"composition_{check.code}",
                    _(
                        "The network proposed for “%(theme)s” fails a composition "
                        "rule: %(rule)s."
                    )
                    % {"theme": theme, "rule": rule},
                )
            )
    return gaps


def _moment(when: datetime) -> str:
    return date_format(timezone.localtime(when), "DATETIME_FORMAT")


@dataclass
class Dashboard:
    by_theme: list[tuple[str, int, int]]  # theme, submitted, drafts
    by_track: list[tuple[str, int]]
    by_voivodeship: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    submitted: int
    drafts: int
    withdrawn: int
    assignments: int
    evaluated: int
    conflicts: int


# The applications of a call counted by status together with each of theme, track,
# voivodeship and kind of organisation, in one pass (GROUPING SETS, which the ORM
# cannot express): a row per group, so at most a few hundred rows for any number of
# applications. `facet` names the set a row belongs to (GROUPING's bit mask).
_DASHBOARD_COUNTS = """
    SELECT GROUPING(a.theme_id, a.track, o.voivodeship, o.kind) AS facet,
           a.theme_id, a.track, o.voivodeship, o.kind, a.status, COUNT(*)
    FROM {application} a JOIN {organisation} o ON o.id = a.organisation_id
    WHERE a.call_id = %s
    GROUP BY GROUPING SETS ((a.theme_id, a.status), (a.track, a.status),
                            (o.voivodeship, a.status), (o.kind, a.status))
"""
_BY_THEME, _BY_TRACK, _BY_VOIVODESHIP, _BY_KIND = 0b0111, 0b1011, 0b1101, 0b1110


def dashboard(call: Call) -> Dashboard:
    """The call at a glance, in four queries whatever the number of applications."""
    themes = {t.pk: str(t.theme) for t in call.themes.select_related("theme")}
    status: Counter[str] = Counter()
    per_theme: dict[int, Counter[str]] = defaultdict(Counter)
    tracks: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    sql = _DASHBOARD_COUNTS.format(
        application=Application._meta.db_table,
        organisation=Organisation._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [call.pk])
        rows = cursor.fetchall()
    withdrawn = Application.Status.WITHDRAWN
    for facet, theme_id, track, voivodeship, kind, state, count in rows:
        if facet == _BY_THEME:
            status[state] += count
            per_theme[theme_id][state] += count
        elif state == withdrawn:
            continue
        elif facet == _BY_TRACK:
            tracks[track] += count
        elif facet == _BY_VOIVODESHIP:
            regions[voivodeship] += count
        elif facet == _BY_KIND:
            kinds[kind] += count
    work = Assignment.objects.filter(application__call=call).aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(submitted_at__isnull=False)),
        conflicts=Count("id", filter=Q(conflict_of_interest=True)),
    )
    return Dashboard(
        by_theme=[
            (
                name,
                per_theme[pk][Application.Status.SUBMITTED],
                per_theme[pk][Application.Status.DRAFT],
            )
            for pk, name in themes.items()
        ],
        by_track=[(str(Track(t).label), tracks.get(t, 0)) for t in Track.values],
        by_voivodeship=[(str(v.label), regions.get(v.value, 0)) for v in Voivodeship],
        by_kind=[
            (str(k.label), kinds.get(k.value, 0))
            for k in Organisation.Kind
            if k != Organisation.Kind.MINISTRY
        ],
        submitted=status.get(Application.Status.SUBMITTED, 0),
        drafts=status.get(Application.Status.DRAFT, 0),
        withdrawn=status.get(Application.Status.WITHDRAWN, 0),
        assignments=work["total"],
        evaluated=work["done"],
        conflicts=work["conflicts"],
    )


def applications_of(call: Call) -> QuerySet[Application]:
    """The call's applications with their evaluation progress, never a score."""
    return with_evaluation_counts(
        Application.objects.filter(call=call).select_related(
            "organisation", "theme__theme"
        )
    ).order_by("theme__theme__name_pl", "track", "organisation__name")


def my_assignments(user_id: int) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(evaluator_id=user_id)
        .select_related(
            "application__organisation",
            "application__theme__theme",
            "application__call",
        )
        .order_by("submitted_at", "application__call__closes_at")
    )
