import datetime
import io
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook

from accounts.models import User
from accounts.services import user_create
from audit.models import AuditEvent
from core.errors import DomainError
from networks.models import Network
from partnerships import signals
from partnerships.imports import parse_members
from partnerships.models import JoinRequest, LocalPartnership, PartnershipMember, Sector
from partnerships.permissions import can_create
from partnerships.selectors import partnership_summary
from partnerships.services import (
    member_account_give,
    member_consent_withdraw,
    member_erase,
    member_leave,
)
from partnerships.tasks import remind_partnership_retention
from partnerships.tests.builders import add_members, gdynia_partnership, join_request
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_erasure_leaves_a_city_officers_own_account_open(world: World) -> None:
    # given a city officer who is also a member of the LP, linked to their account
    officer = world.user("city_officer")
    member = add_members(world, 1)[0]
    PartnershipMember.objects.filter(pk=member.pk).update(user=officer)
    member.refresh_from_db()
    # when the member's data are erased
    member_erase(member=member, actor=world.user("city_coordinator"))
    # then the seat is unlinked, but their work account is not closed
    member.refresh_from_db()
    officer.refresh_from_db()
    assert member.user is None
    assert officer.is_active
    assert officer.has_usable_password()


def test_a_deactivated_account_is_not_given_to_a_member_with_its_address(
    world: World,
) -> None:
    # given a member whose e-mail is the confirmed address of a deactivated account
    member = add_members(world, 1)[0]
    assert member.email
    closed = user_create(email=member.email, full_name="Ktoś", password=None)
    User.objects.filter(pk=closed.pk).update(is_active=False)
    # when the city gives the member an account
    with pytest.raises(DomainError) as refused:
        member_account_give(member=member, actor=world.user("city_coordinator"))
    # then it is refused, saying why, and the deactivated account is not linked
    assert "nieaktywne" in refused.value.message
    member.refresh_from_db()
    assert member.user is None


def test_an_erased_members_sessions_are_ended_once_the_erasure_commits(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # given a member given an account and signed in
    member = add_members(world, 1)[0]
    with django_capture_on_commit_callbacks(execute=True):
        resident = member_account_give(
            member=member, actor=world.user("city_coordinator")
        )
    Client().force_login(resident)

    def sessions() -> list[object]:
        return [
            session.get_decoded().get(SESSION_KEY) for session in Session.objects.all()
        ]

    # when the member is erased, then the sessions are not read through while the
    # erasure's locks are held, only once it commits
    member.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        member_erase(member=member, actor=world.user("city_coordinator"))
        assert str(resident.pk) in sessions()
    for callback in after_commit:
        callback()
    assert str(resident.pk) not in sessions()


def test_consent_withdrawal_is_one_step_that_erases_and_records_it(
    world: World,
) -> None:
    member = add_members(world, 1)[0]
    member_consent_withdraw(member=member, actor=world.user("city_officer"))
    member.refresh_from_db()
    assert member.consent_withdrawn_at is not None
    assert member.erased_at is not None
    assert member.email == ""


def test_an_app_that_cannot_erase_its_part_undoes_the_whole_erasure(
    world: World,
) -> None:
    # given a member given an account, and an app above partnerships that keeps
    # data about members and fails to erase its part
    member = add_members(world, 1)[0]
    resident = member_account_give(member=member, actor=world.user("city_coordinator"))
    member.refresh_from_db()

    def fails(**_kwargs: object) -> None:
        raise RuntimeError("the attendance lists cannot be written")

    signals.member_erasing.connect(
        fails, sender=PartnershipMember, dispatch_uid="test.fails"
    )
    # when the member's data are erased
    try:
        with pytest.raises(RuntimeError):
            member_erase(member=member, actor=world.user("city_coordinator"))
    finally:
        signals.member_erasing.disconnect(
            sender=PartnershipMember, dispatch_uid="test.fails"
        )
    # then nothing is half-erased: the seat, the account and the audit trail are
    # as before, so the erasure can be asked for again
    member.refresh_from_db()
    resident.refresh_from_db()
    assert member.erased_at is None
    assert member.email
    assert member.user == resident
    assert resident.is_active
    assert not AuditEvent.objects.filter(
        action=AuditEvent.Action.LP_MEMBER_ERASED
    ).exists()


def test_closed_partnership_takes_no_join_requests(world: World) -> None:
    partnership = gdynia_partnership(world)
    partnership.formula = LocalPartnership.Formula.CLOSED
    partnership.save(update_fields=["formula"])
    with pytest.raises(DomainError):
        join_request(world)
    assert not JoinRequest.objects.exists()


def csv_upload(rows: list[str]) -> SimpleUploadedFile:
    header = "name,kind,organisation,sector,role,email,phone,joined_on,consent"
    content = "\n".join([header, *rows]).encode()
    return SimpleUploadedFile("czlonkowie.csv", content, content_type="text/csv")


def test_import_reports_bad_rows_and_reads_the_rest() -> None:
    good = [
        f"Osoba {n},person,,resident,member,osoba{n}@example.pl,,2026-03-01,tak"
        for n in range(18)
    ]
    bad = [
        "Bez Sektora,person,,,member,x@example.pl,,2026-03-01,tak",
        "Zły Email,person,,ngo,member,to-nie-email,,2026-03-01,tak",
    ]
    rows = parse_members(csv_upload(good[:9] + bad + good[9:]))
    assert len(rows) == 20
    assert [row.number for row in rows if row.errors] == [11, 12]
    assert sum(1 for row in rows if not row.errors) == 18


def test_import_reads_xlsx_with_polish_headers_and_labels() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["imie_i_nazwisko", "sektor", "data_dolaczenia", "zgoda"])
    sheet.append(["Anna Kowalska", "mieszkaniec", "2026-03-01", "tak"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("lista.xlsx", buffer.getvalue())
    rows = parse_members(upload)
    assert [row.errors for row in rows] == [[]]
    assert rows[0].data["sector"] == "resident"


def test_import_row_without_consent_is_refused() -> None:
    rows = parse_members(
        csv_upload(["Bez Zgody,person,,resident,member,,,2026-03-01,nie"])
    )
    assert rows[0].errors


def test_retention_reminder_goes_to_the_citys_coordinators(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks: Any
) -> None:
    add_members(world, 2)
    partnership = gdynia_partnership(world)
    partnership.status = LocalPartnership.Status.ENDED
    partnership.ended_on = timezone.localdate() - datetime.timedelta(days=6 * 365)
    partnership.save(update_fields=["status", "ended_on"])
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_partnership_retention() == 1
    assert mailoutbox[-1].to == ["city_coordinator@example.pl"]
    # once erased, nobody is reminded any more
    for member in partnership.members.all():
        member_erase(member=member, actor=world.user("city_coordinator"))
    assert remind_partnership_retention() == 0


def test_summary_counts_current_members_by_sector(world: World) -> None:
    add_members(world, 3, Sector.RESIDENT)
    add_members(world, 2, Sector.BUSINESS)
    summary = partnership_summary(gdynia_partnership(world))
    counts = dict(
        zip(
            [value for value, _ in summary.sectors],
            summary.members_by_sector,
            strict=True,
        )
    )
    assert counts[Sector.RESIDENT] == 3
    assert counts[Sector.BUSINESS] == 2
    assert summary.members_total == 5
    assert not JoinRequest.objects.filter(~Q(status="pending")).exists()


def test_members_over_time_follow_joining_and_leaving(world: World) -> None:
    import datetime as dt

    first, second = add_members(world, 2, Sector.NGO)
    PartnershipMember.objects.filter(pk=first.pk).update(
        joined_on=dt.date(2025, 2, 1), left_on=dt.date(2025, 8, 15)
    )
    PartnershipMember.objects.filter(pk=second.pk).update(joined_on=dt.date(2025, 5, 1))
    rows = partnership_summary(gdynia_partnership(world)).members_over_time
    totals = {row.day: row.total for row in rows}
    assert totals[dt.date(2025, 3, 31)] == 1  # the first only
    assert totals[dt.date(2025, 6, 30)] == 2  # both
    assert totals[dt.date(2025, 9, 30)] == 1  # the first left in August
    assert rows[-1].day == timezone.localdate()


def test_a_city_cannot_form_an_lp_in_a_network_it_is_not_in(world: World) -> None:
    air = Network.objects.get(slug="jakosc-powietrza")
    assert not can_create(world.user("ministry_admin"), world.partner_city, air)
    assert can_create(world.user("ministry_admin"), world.partner_city, world.network)


def test_a_second_departure_does_not_rewrite_the_first(world: World) -> None:
    member = add_members(world, 1)[0]
    member_leave(
        member=member, on=datetime.date(2026, 3, 1), actor=world.user("city_officer")
    )
    with pytest.raises(DomainError):
        member_leave(
            member=member,
            on=datetime.date(2026, 4, 1),
            actor=world.user("city_officer"),
        )
    member.refresh_from_db()
    assert member.left_on == datetime.date(2026, 3, 1)
