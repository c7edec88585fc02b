"""Applications: a city drafts, submits and withdraws; the ministry reopens."""

import datetime
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
from organisations.models import Organisation
from recruitment import permissions
from recruitment.models import Answer, Application, Call, CallTheme, Question, Track


class MissingAnswers(DomainError):
    """Submitting refused: these required questions have no answer yet."""

    def __init__(self, questions: list[Question]) -> None:
        super().__init__(
            _("Answer these questions first: %(questions)s")
            % {"questions": "; ".join(q.text for q in questions)}
        )
        self.questions = questions


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
            raise MissingAnswers(missing)
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
    permissions.require_manager(actor)
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
