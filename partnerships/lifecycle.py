"""A Local Partnership's end and what follows from its date: the coordinators are
told before the retention period of the members' personal data is over, and then
the data are erased. The writes of this module are services (each with its audit
event); the daily tasks (partnerships/tasks.py) call the last two."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from partnerships import emails
from partnerships.models import JoinRequest, LocalPartnership, PartnershipMember
from partnerships.services import member_erase


def partnership_end(
    *, partnership: LocalPartnership, ended_on: datetime.date, actor: User
) -> LocalPartnership:
    """The city records that its Local Partnership ended on a day. From then on
    nobody joins it (requests waiting are declined, the seats of its members end
    that day), and its day starts the retention period of the members' personal
    data: the coordinators are told before it is over, then the data are erased."""
    with transaction.atomic():
        partnership = LocalPartnership.objects.select_for_update().get(
            pk=partnership.pk
        )
        if partnership.is_ended:
            raise DomainError(_("This Local Partnership has already ended."))
        started = timezone.localdate(partnership.created_at)
        if not started <= ended_on <= timezone.localdate():
            raise DomainError(
                _(
                    "Give a day between the Local Partnership's creation "
                    "(%(created)s) and today."
                )
                % {"created": date_format(started)}
            )
        partnership.status = LocalPartnership.Status.ENDED
        partnership.ended_on = ended_on
        partnership.version += 1
        partnership.save(update_fields=["status", "ended_on", "version"])
        seats = partnership.members.filter(left_on__isnull=True).update(
            left_on=Greatest(F("joined_on"), Value(ended_on))
        )
        declined = partnership.join_requests.filter(
            status=JoinRequest.Status.PENDING
        ).update(status=JoinRequest.Status.DECLINED, decided_at=timezone.now())
        audit_record(
            actor=actor,
            action=AuditEvent.Action.LP_ENDED,
            ip_address=None,
            organisation=partnership.organisation,
            network=partnership.network,
            details={
                "local_partnership": partnership.pk,
                "ended_on": ended_on.isoformat(),
                "seats_ended": seats,
                "requests_declined": declined,
            },
        )
    return partnership


def _holds_personal_data() -> Exists:
    """Whether a member's personal data in the LP are not erased yet."""
    return Exists(
        PartnershipMember.objects.filter(
            partnership=OuterRef("pk"), erased_at__isnull=True
        )
    )


def retention_notices_due(today: datetime.date) -> QuerySet[LocalPartnership]:
    """Ended LPs still holding members' data whose retention period ends within
    PARTNERSHIP_RETENTION_NOTICE_DAYS, and whose coordinators were not told yet."""
    ahead = max(
        settings.PARTNERSHIP_RETENTION_DAYS
        - settings.PARTNERSHIP_RETENTION_NOTICE_DAYS,
        0,
    )
    return LocalPartnership.objects.filter(
        _holds_personal_data(),
        status=LocalPartnership.Status.ENDED,
        ended_on__lte=today - datetime.timedelta(days=ahead),
        retention_notice_sent_on__isnull=True,
        data_erased_on__isnull=True,
    )


def retention_erasures_due(today: datetime.date) -> QuerySet[LocalPartnership]:
    """Ended LPs whose retention period is over, not erased yet: those still
    holding data once their coordinators have had the full notice; those holding
    none (erased one by one already) straight away, to close the record."""
    notice = datetime.timedelta(days=settings.PARTNERSHIP_RETENTION_NOTICE_DAYS)
    retention = datetime.timedelta(days=settings.PARTNERSHIP_RETENTION_DAYS)
    return LocalPartnership.objects.filter(
        ~_holds_personal_data() | Q(retention_notice_sent_on__lte=today - notice),
        status=LocalPartnership.Status.ENDED,
        ended_on__lte=today - retention,
        data_erased_on__isnull=True,
    )


def partnership_retention_notify(*, partnership_pk: int, today: datetime.date) -> bool:
    """Tells the city's coordinators, once, that the ended LP's members' personal
    data will be erased when the retention period is over (the day is in the
    e-mail): time to export what their archive needs. Recorded even when the city
    has no coordinator to tell, so the erasure still follows. False when it was
    due no more (already told, or erased)."""
    with transaction.atomic():
        partnership = (
            retention_notices_due(today)
            .select_for_update(of=("self",))
            .select_related("organisation")
            .filter(pk=partnership_pk)
            .first()
        )
        if partnership is None:
            return False
        partnership.retention_notice_sent_on = today
        partnership.save(update_fields=["retention_notice_sent_on"])
        audit_record(
            actor=None,
            action=AuditEvent.Action.LP_RETENTION_NOTICE_SENT,
            ip_address=None,
            organisation=partnership.organisation,
            details={
                "local_partnership": partnership.pk,
                "erasure_on": str(partnership.data_erasure_due_on),
            },
        )
        transaction.on_commit(
            lambda: emails.send_retention_reminder(partnership_pk=partnership_pk)
        )
    return True


def partnership_retention_erase(*, partnership_pk: int, today: datetime.date) -> int:
    """Once the retention period of an ended LP is over (and its coordinators were
    told), erases the personal data of every member not erased yet — everywhere,
    as the erasure of one member does — and what is left of requests to join.
    Happens once; the audit events name members by number only. Returns how many
    members were erased (0 when it was not due)."""
    with transaction.atomic():
        partnership = (
            retention_erasures_due(today)
            .select_for_update(of=("self",))
            .select_related("organisation")
            .filter(pk=partnership_pk)
            .first()
        )
        if partnership is None:
            return 0
        members = list(partnership.members.filter(erased_at__isnull=True))
        for member in members:
            member_erase(member=member, actor=None, reason="retention")
        partnership.join_requests.filter(member__isnull=True).update(
            name=_("Erased person"),
            email="",
            phone="",
            organisation_name="",
            motivation="",
        )
        partnership.data_erased_on = today
        partnership.save(update_fields=["data_erased_on"])
        audit_record(
            actor=None,
            action=AuditEvent.Action.LP_DATA_ERASED_AFTER_RETENTION,
            ip_address=None,
            organisation=partnership.organisation,
            details={"local_partnership": partnership.pk, "erased": len(members)},
        )
    return len(members)
