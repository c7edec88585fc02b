"""Every change in recruitment: one action a person takes, in one transaction."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from core.slugs import polish_slug
from networks.models import Edition, NetworkMembership, Theme
from networks.services import network_membership_start, network_open
from organisations.models import Organisation
from recruitment import permissions, selectors
from recruitment.models import (
    Answer,
    Application,
    Assignment,
    Call,
    CallTheme,
    Criterion,
    Question,
    Score,
    Track,
)

CALL_FIELDS = (
    "title",
    "description",
    "opens_at",
    "closes_at",
    "is_published",
    "eligible_kinds",
    "min_partners",
    "max_partners",
    "min_voivodeships",
    "one_network_per_city",
)


def _manage(actor: User) -> None:
    if not permissions.can_manage(actor):
        raise PermissionDenied


# ---------------------------------------------------------------- calls


def call_create(
    *, edition: Edition, values: dict[str, Any], themes: list[Theme], actor: User
) -> Call:
    """Opens a call (unpublished until the ministry says so) with its themes."""
    _manage(actor)
    base = polish_slug(f"{values['title']}")[:100] or "nabor"
    slug, number = base, 1
    while Call.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    with transaction.atomic():
        call = Call.objects.create(
            edition=edition, slug=slug, **{k: values[k] for k in CALL_FIELDS}
        )
        CallTheme.objects.bulk_create(CallTheme(call=call, theme=t) for t in themes)
    return call


def call_update(
    *, call: Call, values: dict[str, Any], themes: list[Theme], actor: User
) -> Call:
    _manage(actor)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        for field in CALL_FIELDS:
            setattr(call, field, values[field])
        call.save(update_fields=list(CALL_FIELDS))
        keep = {theme.pk for theme in themes}
        offered = CallTheme.objects.filter(call=call)
        removable = offered.exclude(theme_id__in=keep)
        if removable.filter(applications__isnull=False).exists():
            raise DomainError(
                _("A theme that already has applications cannot be removed.")
            )
        removable.delete()
        present = set(offered.values_list("theme_id", flat=True))
        CallTheme.objects.bulk_create(
            CallTheme(call=call, theme=theme)
            for theme in themes
            if theme.pk not in present
        )
    return call


def call_copy(*, call: Call, edition: Edition, actor: User) -> Call:
    """The call as the template for the next edition: themes, questions, criteria
    and rules; unpublished, dates moved by the difference between the editions."""
    _manage(actor)
    shift = edition.starts_on - call.edition.starts_on
    with transaction.atomic():
        copy = call_create(
            edition=edition,
            values={
                **{field: getattr(call, field) for field in CALL_FIELDS},
                "title": f"{call.title} ({edition.name})"[:200],
                "is_published": False,
                # Shifted in Polish wall-clock time: a deadline stays at 12:00
                # across a change of summer time.
                "opens_at": _shift(call.opens_at, shift),
                "closes_at": _shift(call.closes_at, shift),
            },
            themes=[t.theme for t in call.themes.select_related("theme")],
            actor=actor,
        )
        Question.objects.bulk_create(
            Question(
                call=copy,
                **{
                    f: getattr(q, f)
                    for f in ("position", "text", "help_text", "kind", "options")
                },
                required=q.required,
                track=q.track,
            )
            for q in call.questions.all()
        )
        Criterion.objects.bulk_create(
            Criterion(
                call=copy,
                position=c.position,
                name=c.name,
                description=c.description,
                scale_max=c.scale_max,
                weight=c.weight,
            )
            for c in call.criteria.all()
        )
    return copy


def _shift(moment: datetime.datetime, by: datetime.timedelta) -> datetime.datetime:
    local = timezone.localtime(moment).replace(tzinfo=None) + by
    return timezone.make_aware(local)


def question_add(*, call: Call, values: dict[str, Any], actor: User) -> Question:
    _manage(actor)
    if values["kind"] == Question.Kind.CHOICE and not values.get("options", "").strip():
        raise DomainError(_("A choice needs its options, one per line."))
    return Question.objects.create(call=call, **values)


def criterion_add(*, call: Call, values: dict[str, Any], actor: User) -> Criterion:
    _manage(actor)
    if call.applications.filter(assignments__submitted_at__isnull=False).exists():
        raise DomainError(
            _("Evaluations have been submitted: the criteria can no longer change.")
        )
    return Criterion.objects.create(call=call, **values)


# ---------------------------------------------------------------- applications


def application_start(
    *,
    call: Call,
    organisation: Organisation,
    theme: CallTheme,
    track: str,
    actor: User,
) -> Application:
    """Drafts a city's application for a theme and track (once per theme)."""
    if not permissions.can_apply(actor, organisation):
        raise PermissionDenied
    if not call.is_open:
        raise DomainError(_("The call is not open for applications."))
    if call.eligible_kinds and organisation.kind not in call.eligible_kinds:
        raise DomainError(_("This kind of organisation may not apply in this call."))
    if theme.call_id != call.pk or track not in Track.values:
        raise DomainError(_("Choose one of the call's themes and tracks."))
    try:
        with transaction.atomic():
            return Application.objects.create(
                call=call,
                organisation=organisation,
                theme=theme,
                track=track,
                created_by=actor,
            )
    except IntegrityError as error:
        raise DomainError(
            _("Your city already has an application for this theme.")
        ) from error


def _editable(application: Application, now: datetime.datetime) -> None:
    if application.completion_until and now < application.completion_until:
        return
    if now >= application.call.closes_at:
        raise DomainError(
            _(
                "The call closed on %(when)s: the application can no longer be "
                "changed or submitted."
            )
            % {
                "when": timezone.localtime(application.call.closes_at).strftime(
                    "%d.%m.%Y %H:%M"
                )
            }
        )
    if now < application.call.opens_at:
        raise DomainError(_("The call is not open yet."))


def _lock(application: Application, actor: User) -> Application:
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    if not permissions.can_apply(actor, locked.organisation):
        raise PermissionDenied
    return locked


def questions_for(application: Application) -> list[Question]:
    return list(
        application.call.questions.filter(Q(track="") | Q(track=application.track))
    )


def application_save(
    *,
    application: Application,
    expected_version: int,
    answers: dict[int, Any],
    actor: User,
) -> Application:
    """Saves the answers (drafts may be saved as often as needed). Files replace
    the earlier ones; an empty file field keeps what was uploaded."""
    now = timezone.now()
    stored: list[str] = []
    try:
        return _save_answers(application, expected_version, answers, actor, now, stored)
    except Exception:
        for name in stored:  # the change did not land: neither do its files
            default_storage.delete(name)
        raise


def _save_answers(
    application: Application,
    expected_version: int,
    answers: dict[int, Any],
    actor: User,
    now: datetime.datetime,
    stored: list[str],
) -> Application:
    with transaction.atomic():
        locked = _lock(application, actor)
        if locked.status == Application.Status.WITHDRAWN:
            raise DomainError(_("The application was withdrawn."))
        if locked.status == Application.Status.SUBMITTED:
            raise DomainError(
                _("The application is submitted; withdraw it to change it.")
            )
        _editable(locked, now)
        if locked.version != expected_version:
            raise DomainError(
                _(
                    "Someone else saved this application while you were editing. "
                    "Your answers were not saved: reload the page."
                )
            )
        for question in questions_for(locked):
            if question.pk not in answers:
                continue
            value = answers[question.pk]
            answer, _created = Answer.objects.get_or_create(
                application=locked, question=question
            )
            if question.kind == Question.Kind.FILE:
                if isinstance(value, UploadedFile):
                    stored.append(_replace_file(answer, value))
            elif question.kind == Question.Kind.NUMBER:
                answer.number = value
                answer.save(update_fields=["number"])
            else:
                answer.text = value or ""
                answer.save(update_fields=["text"])
        locked.version += 1
        locked.save(update_fields=["version"])
        return locked


def _replace_file(answer: Answer, upload: UploadedFile) -> str:
    """Stores the new attachment and returns its name; the old file is removed only
    once the change is committed, so nothing ever points to a missing file."""
    old = answer.file.name if answer.file else ""
    answer.file_name = (upload.name or "")[:200]
    answer.file.save(upload.name or "plik", upload, save=False)
    answer.save(update_fields=["file", "file_name"])
    if old:
        storage = answer.file.storage
        transaction.on_commit(lambda: storage.delete(old))
    return str(answer.file.name)


def missing_answers(application: Application) -> list[Question]:
    answers = {a.question_id: a for a in application.answers.all()}
    missing = []
    for question in questions_for(application):
        if not question.required:
            continue
        answer = answers.get(question.pk)
        if (
            answer is None
            or (question.kind == Question.Kind.FILE and not answer.file)
            or (question.kind == Question.Kind.NUMBER and answer.number is None)
            or (
                question.kind not in (Question.Kind.FILE, Question.Kind.NUMBER)
                and not answer.text.strip()
            )
        ):
            missing.append(question)
    return missing


def application_submit(*, application: Application, actor: User) -> Application:
    """Submits the application before the deadline (or within a completion
    window the ministry opened); every required question must be answered."""
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(application, actor)
        if locked.status != Application.Status.DRAFT:
            raise DomainError(_("Only a draft can be submitted."))
        _editable(locked, now)
        missing = missing_answers(locked)
        if missing:
            raise DomainError(
                _("Answer these questions first: %(questions)s")
                % {"questions": "; ".join(q.text for q in missing)}
            )
        locked.status = Application.Status.SUBMITTED
        locked.submitted_at = now
        locked.completion_until = None
        locked.save(update_fields=["status", "submitted_at", "completion_until"])
        return locked


def withdrawal_keeps_draft(
    application: Application, now: datetime.datetime | None = None
) -> bool:
    """Whether withdrawing takes the application back to a draft (a submitted one,
    before the deadline) rather than out of the call for good."""
    now = now or timezone.now()
    call = application.call
    return (
        application.status == Application.Status.SUBMITTED
        and call.opens_at <= now < call.closes_at
    )


def application_withdraw(*, application: Application, actor: User) -> Application:
    """Takes a submitted application back to a draft before the deadline, or out of
    the call for good after it (and a draft at any time)."""
    now = timezone.now()
    with transaction.atomic():
        locked = _lock(application, actor)
        if locked.decision:
            raise DomainError(_("A decided application cannot be withdrawn."))
        if locked.status == Application.Status.WITHDRAWN:
            raise DomainError(_("The application was withdrawn already."))
        if withdrawal_keeps_draft(locked, now):
            locked.status = Application.Status.DRAFT
            locked.submitted_at = None
        else:
            locked.status = Application.Status.WITHDRAWN
        locked.save(update_fields=["status", "submitted_at"])
        return locked


def application_reopen(
    *, application: Application, until: datetime.datetime, actor: User
) -> Application:
    """The ministry asks for completion: the city may change and submit again until
    `until`, even after the deadline."""
    _manage(actor)
    if until <= timezone.now():
        raise DomainError(_("Give a time in the future."))
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status == Application.Status.WITHDRAWN or locked.decision:
            raise DomainError(_("This application cannot be reopened."))
        locked.status = Application.Status.DRAFT
        locked.submitted_at = None
        locked.completion_until = until
        locked.save(update_fields=["status", "submitted_at", "completion_until"])
        return locked


# ---------------------------------------------------------------- evaluation


def _conflict(evaluator: User, applications: list[Application]) -> str | None:
    """Why the evaluator may not score these applications, if they work for an
    applicant (in any role)."""
    employers = ", ".join(
        selectors.works_for(
            evaluator.pk, {a.organisation_id for a in applications}
        ).values_list("name", flat=True)
    )
    if not employers:
        return None
    values = {"person": evaluator.get_full_name(), "organisation": employers}
    if len(applications) == 1:
        return (
            _(
                "%(person)s works for %(organisation)s, which submitted this application."  # noqa: E501
            )
            % values
        )
    return (
        _(
            "%(person)s works for %(organisation)s, which submitted one of these "
            "applications. Nothing was assigned: an evaluator does not score their "
            "organisation's competitors either."
        )
        % values
    )


def evaluators_assign(
    *, applications: list[Application], evaluator: User, actor: User
) -> int:
    """Gives an evaluator submitted applications to score. Returns how many new.
    Refused as a whole when the evaluator works for one of the applicants: the
    applications given together compete with each other (a theme and track)."""
    _manage(actor)
    applications = [a for a in applications if a.status == Application.Status.SUBMITTED]
    conflict = _conflict(evaluator, applications)
    if conflict:
        raise DomainError(conflict)
    created = 0
    with transaction.atomic():
        for application in applications:
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


# ---------------------------------------------------------------- decisions


def decide(
    *, application: Application, decision: str, justification: str, actor: User
) -> Application:
    """Accepts, reserves or rejects a submitted application, with a justification.
    Accepting makes the city a member of the theme's network (created if needed),
    which gives its people the network's workspace. The decision e-mail leaves
    after commit."""
    _manage(actor)
    if decision not in (
        Application.Decision.ACCEPTED,
        Application.Decision.RESERVE,
        Application.Decision.REJECTED,
    ):
        raise DomainError(_("Choose a decision."))
    if not justification.strip():
        raise DomainError(_("Give the justification: the city will read it."))
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__edition", "theme__theme", "organisation")
            .get(pk=application.pk)
        )
        if locked.status != Application.Status.SUBMITTED:
            raise DomainError(_("Only a submitted application is decided."))
        if locked.decision == Application.Decision.ACCEPTED:
            raise DomainError(_("The application was accepted already."))
        call = locked.call
        if decision == Application.Decision.ACCEPTED:
            # Locks in a fixed order (the city, then the theme) so that two
            # acceptances at once are decided one after the other.
            Organisation.objects.select_for_update().get(pk=locked.organisation_id)
            theme = CallTheme.objects.select_for_update().get(pk=locked.theme_id)
            if (
                call.one_network_per_city
                and Application.objects.filter(
                    call__edition=call.edition,
                    organisation=locked.organisation,
                    decision=Application.Decision.ACCEPTED,
                ).exists()
            ):
                raise DomainError(
                    _("This city is already accepted into a network of the edition.")
                )
            if theme.network is None:
                theme.network = network_open(edition=call.edition, theme=theme.theme)
                theme.save(update_fields=["network"])
            is_lead = locked.track == Track.LEAD
            if (
                is_lead
                and NetworkMembership.objects.filter(
                    network=theme.network,
                    role=NetworkMembership.Role.LEAD,
                    valid_to__isnull=True,
                )
                .exclude(organisation=locked.organisation)
                .exists()
            ):
                raise DomainError(_("This network already has its lead city."))
            try:
                with transaction.atomic():
                    network_membership_start(
                        network=theme.network,
                        organisation=locked.organisation,
                        role=NetworkMembership.Role.LEAD
                        if is_lead
                        else NetworkMembership.Role.PARTNER,
                        valid_from=max(call.edition.starts_on, timezone.localdate()),
                        actor=actor,
                    )
            except IntegrityError as error:
                raise DomainError(
                    _("The network's membership rules refuse this city.")
                ) from error
        locked.decision = decision
        locked.justification = justification.strip()
        locked.decided_at = timezone.now()
        locked.save(update_fields=["decision", "justification", "decided_at"])
        from recruitment.tasks import notify_decision

        transaction.on_commit(lambda: notify_decision.delay(locked.pk))
        return locked
