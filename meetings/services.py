import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from core.page_cache import new_generation
from core.tasks import schedule
from meetings import tasks
from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    CalendarToken,
    Meeting,
    Registration,
)
from meetings.permissions import is_participant
from meetings.selectors import MEETINGS
from partnerships.models import PartnershipMember


@dataclass(frozen=True)
class AgendaDraft:
    title: str
    duration_minutes: int
    presenter: str = ""


@dataclass(frozen=True)
class MeetingDraft:
    """What an organiser fills in; the forms check it field by field first."""

    title: str
    description: str
    host_id: int
    starts_at: datetime
    ends_at: datetime
    mode: str
    place: str
    online_link: str
    is_public: bool
    registration_limit: int | None
    registration_deadline: datetime | None
    agenda: tuple[AgendaDraft, ...] = ()


def _check(draft: MeetingDraft) -> None:
    if draft.ends_at <= draft.starts_at:
        raise DomainError(_("The meeting must end after it starts."))
    if draft.registration_deadline and draft.registration_deadline > draft.starts_at:
        raise DomainError(_("Registration must close before the meeting starts."))


def _write_agenda(meeting: Meeting, agenda: tuple[AgendaDraft, ...]) -> None:
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            position=position,
            title=item.title,
            duration_minutes=item.duration_minutes,
            presenter=item.presenter,
        )
        for position, item in enumerate(agenda, start=1)
    )


def meeting_create(
    *,
    kind: str,
    edition_id: int,
    network_id: int | None,
    draft: MeetingDraft,
    actor: User,
) -> Meeting:
    """Schedules a meeting with its agenda."""
    _check(draft)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            kind=kind,
            edition_id=edition_id,
            network_id=network_id,
            host_id=draft.host_id,
            title=draft.title,
            description=draft.description,
            starts_at=draft.starts_at,
            ends_at=draft.ends_at,
            mode=draft.mode,
            place=draft.place,
            online_link=draft.online_link,
            is_public=draft.is_public,
            registration_limit=draft.registration_limit,
            registration_deadline=draft.registration_deadline,
            created_by=actor,
        )
        _write_agenda(meeting, draft.agenda)
        new_generation(MEETINGS)
    return meeting


def meeting_update(
    *, meeting: Meeting, expected_version: int, draft: MeetingDraft, actor: User
) -> Meeting:
    """Changes a meeting. A save from a form opened before someone else's change is
    refused, so nobody's edit is silently overwritten."""
    _check(draft)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.version != expected_version:
            raise DomainError(
                _(
                    "Someone else changed this meeting while you were editing. "
                    "Your changes were not saved: reload the page to see theirs."
                )
            )
        for field in (
            "title",
            "description",
            "host_id",
            "starts_at",
            "ends_at",
            "mode",
            "place",
            "online_link",
            "is_public",
            "registration_limit",
            "registration_deadline",
        ):
            setattr(meeting, field, getattr(draft, field))
        meeting.version += 1
        meeting.save()
        _write_agenda(meeting, draft.agenda)
        new_generation(MEETINGS)
    return meeting


def registration_create(*, meeting: Meeting, user: User) -> Registration:
    """Registers a participant, within the deadline and the limit; a confirmation
    e-mail follows."""
    with transaction.atomic():
        # The lock makes "is there still a seat?" and "take it" one step.
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        now = timezone.now()
        if not is_participant(user, meeting):
            raise DomainError(_("This meeting is open only to its participants."))
        if meeting.starts_at <= now or (
            meeting.registration_deadline and meeting.registration_deadline <= now
        ):
            raise DomainError(_("Registration for this meeting has closed."))
        if Registration.objects.filter(meeting=meeting, user=user).exists():
            raise DomainError(_("You are already registered."))
        if (
            meeting.registration_limit is not None
            and meeting.registrations.count() >= meeting.registration_limit
        ):
            raise DomainError(
                _("The meeting is full: the registration limit is reached.")
            )
        registration = Registration.objects.create(meeting=meeting, user=user)
        language = translation.get_language() or "pl"
        schedule(tasks.send_registration_confirmation, registration.pk, language)
    return registration


def registration_cancel(*, meeting: Meeting, user: User) -> None:
    with transaction.atomic():
        deleted, _rows = Registration.objects.filter(
            meeting=meeting, user=user
        ).delete()
        if not deleted:
            raise DomainError(_("You were not registered."))


def attendance_set_accounts(
    *, meeting: Meeting, present: set[int], actor: User
) -> None:
    """Records which registered people were there (replaces the earlier record for
    people with accounts; people added by name stay)."""
    with transaction.atomic():
        registered = {
            registration.user_id: registration.user
            for registration in meeting.registrations.select_related("user")
        }
        unknown = present - set(registered)
        if unknown:
            raise DomainError(_("Only registered people can be ticked as present."))
        meeting.attendance.filter(user__isnull=False).exclude(
            user_id__in=present
        ).delete()
        recorded = set(
            meeting.attendance.filter(user__isnull=False).values_list(
                "user_id", flat=True
            )
        )
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                user=registered[user_id],
                name=registered[user_id].get_full_name(),
                recorded_by=actor,
            )
            for user_id in sorted(present - recorded)
        )


def attendance_add_person(
    *,
    meeting: Meeting,
    name: str,
    organisation_name: str,
    sector: str,
    actor: User,
    member: PartnershipMember | None = None,
) -> Attendance:
    """Adds someone who came without registering (or has no account): a member of
    the city's Local Partnership, or anyone by name."""
    if member is not None:
        name, organisation_name, sector = (
            member.name,
            member.organisation_name,
            member.sector,
        )
    if not name:
        raise DomainError(_("Choose a Local Partnership member or type a name."))
    return Attendance.objects.create(
        meeting=meeting,
        member=member,
        name=name,
        organisation_name=organisation_name,
        sector=sector,
        recorded_by=actor,
    )


def attendance_erase_member(*, member: PartnershipMember) -> None:
    """An LP member's personal data are erased (partnerships.services.member_erase
    asks, in its transaction): their attendance rows keep only the sector and the
    meeting, so the counts stay. Found by the link to the member, never by name: a
    namesake stays intact."""
    Attendance.objects.filter(member=member).update(
        name=_("Erased person"), organisation_name="", user=None
    )


def minutes_save(
    *, meeting: Meeting, text: str, expected_version: int, actor: User
) -> Meeting:
    """Saves the draft minutes."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
            raise DomainError(_("Approved minutes can no longer be changed."))
        if meeting.version != expected_version:
            raise DomainError(
                _(
                    "Someone else changed this meeting while you were editing. "
                    "Your changes were not saved: reload the page to see theirs."
                )
            )
        meeting.minutes = text
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT
        meeting.version += 1
        meeting.save(update_fields=["minutes", "minutes_status", "version"])
    return meeting


def minutes_approve(*, meeting: Meeting, expected_version: int, actor: User) -> Meeting:
    """Approves the drafted minutes the approver saw; from then on they are final."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.version != expected_version:
            raise DomainError(
                _(
                    "Someone else changed the minutes meanwhile: read them again "
                    "before approving."
                )
            )
        if meeting.minutes_status != Meeting.MinutesStatus.DRAFT or not meeting.minutes:
            raise DomainError(_("Only drafted minutes can be approved."))
        meeting.minutes_status = Meeting.MinutesStatus.APPROVED
        meeting.minutes_approved_by = actor
        meeting.minutes_approved_at = timezone.now()
        meeting.version += 1
        meeting.save(
            update_fields=[
                "minutes_status",
                "minutes_approved_by",
                "minutes_approved_at",
                "version",
            ]
        )
    return meeting


def attachment_add(
    *,
    meeting: Meeting,
    title: str,
    upload: UploadedFile,
    content_type: str,
    actor: User,
) -> Attachment:
    """Attaches a (validated) file to the meeting."""
    return Attachment.objects.create(
        meeting=meeting,
        title=title,
        file=upload,
        original_name=(upload.name or "")[:255],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )


def calendar_token_of(*, user: User) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token


def calendar_token_rotate(*, user: User) -> CalendarToken:
    """Issues a new secret: every link with the old one stops working at once."""
    token = calendar_token_of(user=user)
    token.token = secrets.token_urlsafe(32)
    token.save(update_fields=["token", "created_at"])
    return token
