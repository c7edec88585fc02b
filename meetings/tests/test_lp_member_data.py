"""An LP member's data (partnerships) and the attendance lists that name them
(meetings): the right of access lists the meetings they attended."""

import pytest

from meetings.services import attendance_add_person
from meetings.tests.builders import lp_meeting
from partnerships.services import member_export
from partnerships.tests.builders import add_members
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_member_export_holds_their_data_and_meetings(world: World) -> None:
    member = add_members(world, 1)[0]
    meeting = lp_meeting(world)
    attendance_add_person(
        meeting=meeting,
        name="",
        organisation_name="",
        sector="",
        member=member,
        actor=world.user("city_officer"),
    )
    data = member_export(member)
    assert data["email"] == member.email
    assert data["legal_basis"] == "consent"
    assert data["meetings_attended"] == [
        {"meeting": "Spotkanie LP", "date": meeting.starts_at.date().isoformat()}
    ]
