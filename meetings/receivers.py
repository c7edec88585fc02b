"""Meetings keeps attendance lists, which name LP members: it answers the Local
Partnerships' questions about a member's data (partnerships/signals.py)."""

from typing import Any

from meetings.selectors import meetings_attended_by
from meetings.services import attendance_erase_member
from partnerships import signals
from partnerships.models import PartnershipMember


def erase_attendance(*, member: PartnershipMember, **_kwargs: Any) -> None:
    attendance_erase_member(member=member)


def export_attendance(
    *, member: PartnershipMember, **_kwargs: Any
) -> dict[str, object]:
    return {"meetings_attended": meetings_attended_by(member)}


def connect() -> None:
    signals.member_erasing.connect(
        erase_attendance, sender=PartnershipMember, dispatch_uid="meetings.erase"
    )
    signals.member_data_requested.connect(
        export_attendance, sender=PartnershipMember, dispatch_uid="meetings.export"
    )
