"""Evaluation: the ministry assigns evaluators, who score or step aside."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from recruitment import permissions, selectors
from recruitment.models import Application, Assignment, Criterion, Score


def _conflict(evaluator: User, applications: list[Application]) -> str | None:
    """Why the evaluator may not score these applications, if they work (in any
    role) for an organisation that applied in the theme and track of one of them,
    in the same call: its own application or one competing with it."""
    if not applications:
        return None
    competing = Q()
    for application in applications:
        competing |= Q(
            call_id=application.call_id,
            theme_id=application.theme_id,
            track=application.track,
        )
    applicants = set(
        Application.objects.filter(competing)
        .exclude(status=Application.Status.WITHDRAWN)
        .values_list("organisation_id", flat=True)
    )
    employers = list(selectors.works_for(evaluator.pk, applicants))
    if not employers:
        return None
    values = {
        "person": evaluator.get_full_name(),
        "organisation": ", ".join(employer.name for employer in employers),
    }
    own = {employer.pk for employer in employers} & {
        application.organisation_id for application in applications
    }
    if own and len(applications) == 1:
        return (
            _(
                "%(person)s works for %(organisation)s, which submitted this application."  # noqa: E501
            )
            % values
        )
    if own:
        return (
            _(
                "%(person)s works for %(organisation)s, which submitted one of these "
                "applications. Nothing was assigned: an evaluator does not score "
                "their organisation's competitors either."
            )
            % values
        )
    return (
        _(
            "%(person)s works for %(organisation)s, which applied in the same theme "
            "and track of this call. Nothing was assigned: an evaluator does not "
            "score their organisation's competitors."
        )
        % values
    )


def evaluators_assign(
    *, applications: list[Application], evaluator: User, actor: User
) -> int:
    """Gives an evaluator submitted applications to score. Returns how many new.
    Refused as a whole when the evaluator works for an organisation that applied
    in the theme and track of one of them (in the same call): their own
    organisation's application, or one competing with it."""
    permissions.require_manager(actor)
    created = 0
    with transaction.atomic():
        # Locked, so that a withdrawal or a status change cannot slip in between
        # the check and the assignment.
        locked = list(
            Application.objects.select_for_update()
            .filter(
                pk__in=[application.pk for application in applications],
                status=Application.Status.SUBMITTED,
            )
            .order_by("pk")
        )
        conflict = _conflict(evaluator, locked)
        if conflict:
            raise DomainError(conflict)
        for application in locked:
            _assignment, was_created = Assignment.objects.get_or_create(
                application=application, evaluator=evaluator
            )
            created += was_created
    return created


def conflict_declare(*, assignment: Assignment, note: str, actor: User) -> Assignment:
    """The evaluator steps aside: they will not score this application."""
    if assignment.evaluator_id != actor.pk:
        raise PermissionDenied
    if assignment.submitted_at:
        raise DomainError(_("The evaluation is already submitted."))
    assignment.conflict_of_interest = True
    assignment.conflict_note = note.strip()[:500]
    assignment.save(update_fields=["conflict_of_interest", "conflict_note"])
    return assignment


@dataclass(frozen=True)
class CriterionScore:
    criterion: Criterion
    value: int
    comment: str


def weighted_score(scores: list[CriterionScore]) -> Decimal:
    """0–100: each criterion's share of its scale, weighted."""
    total_weight = sum((s.criterion.weight for s in scores), Decimal(0))
    if not total_weight:
        return Decimal(0)
    points = sum(
        (Decimal(s.value) / s.criterion.scale_max * s.criterion.weight for s in scores),
        Decimal(0),
    )
    return (points / total_weight * 100).quantize(Decimal("0.01"))


def evaluation_submit(
    *,
    assignment: Assignment,
    scores: list[CriterionScore],
    recommendation: str,
    comment: str,
    actor: User,
) -> Assignment:
    """Submits an evaluator's scores (every criterion, within its scale)."""
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.evaluator_id != actor.pk:
            raise PermissionDenied
        if locked.conflict_of_interest:
            raise DomainError(_("You declared a conflict of interest."))
        employer = (
            selectors.works_for(actor.pk, [locked.application.organisation_id])
            .values_list("name", flat=True)
            .first()
        )
        if employer:
            raise DomainError(
                _(
                    "You work for %(organisation)s, which submitted this "
                    "application: declare a conflict of interest instead."
                )
                % {"organisation": employer}
            )
        if locked.application.status != Application.Status.SUBMITTED:
            raise DomainError(_("Only a submitted application is evaluated."))
        if locked.submitted_at:
            raise DomainError(_("The evaluation is already submitted."))
        criteria = {c.pk for c in locked.application.call.criteria.all()}
        if {s.criterion.pk for s in scores} != criteria:
            raise DomainError(_("Score every criterion."))
        for score in scores:
            if not 0 <= score.value <= score.criterion.scale_max:
                raise DomainError(
                    _("“%(name)s” is scored from 0 to %(max)s.")
                    % {"name": score.criterion.name, "max": score.criterion.scale_max}
                )
        if recommendation not in (
            Application.Decision.ACCEPTED,
            Application.Decision.RESERVE,
            Application.Decision.REJECTED,
        ):
            raise DomainError(_("Give your recommendation."))
        Score.objects.bulk_create(
            Score(
                assignment=locked,
                criterion=s.criterion,
                value=s.value,
                comment=s.comment,
            )
            for s in scores
        )
        locked.recommendation = recommendation
        locked.comment = comment
        locked.score = weighted_score(scores)
        locked.submitted_at = timezone.now()
        locked.save(
            update_fields=["recommendation", "comment", "score", "submitted_at"]
        )
        return locked
