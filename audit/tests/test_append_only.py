"""The audit log is append-only in the database; the one change it accepts is
clearing whom a row concerns, which erasure of a resident's data needs."""

import importlib

import pytest
from django.db import DatabaseError, connection, transaction

from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from audit.services import audit_record

pytestmark = pytest.mark.django_db

redaction = importlib.import_module("audit.migrations.0006_resident_events_redacted")


def old_style_lp_event() -> AuditEvent:
    """A row as the code before ids-only wrote it: the resident's account and
    e-mail (inserted directly, as audit_record now refuses to)."""
    resident = UserFactory.create(email="mieszkanka@example.pl")
    return AuditEvent.objects.create(
        action=AuditEvent.Action.LP_ACCOUNT_GIVEN,
        subject=resident,
        subject_email=resident.email,
        details={"note": "kept"},
    )


def refused(sql: str, params: list[int]) -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        return True
    return False


def test_the_migration_clears_residents_from_rows_written_before() -> None:
    # given an LP event written by the old code, and one about a city officer
    resident_row = old_style_lp_event()
    officer = UserFactory.create(email="urzednik@example.pl")
    officer_row = AuditEvent.objects.create(
        action=AuditEvent.Action.INVITATION_SENT,
        subject=officer,
        subject_email=officer.email,
    )
    # when the migration's redaction runs
    with connection.cursor() as cursor:
        cursor.execute(redaction.REDACT_RESIDENT_ROWS)
    # then the resident is gone from the row, and the rest of it stays
    resident_row.refresh_from_db()
    assert (resident_row.subject_id, resident_row.subject_email) == (None, "")
    assert resident_row.details == {"note": "kept"}
    assert resident_row.action == AuditEvent.Action.LP_ACCOUNT_GIVEN
    officer_row.refresh_from_db()
    assert officer_row.subject_email == "urzednik@example.pl"


def test_every_other_change_to_a_row_is_still_refused() -> None:
    row = old_style_lp_event()
    table = AuditEvent._meta.db_table
    # changing what happened, even while clearing the subject
    assert refused(
        f"UPDATE {table} SET action = 'role_changed', subject_id = NULL, "  # noqa: S608
        "subject_email = '' WHERE id = %s",
        [row.pk],
    )
    # changing the e-mail to another one
    assert refused(
        f"UPDATE {table} SET subject_email = 'x@example.pl' WHERE id = %s",  # noqa: S608
        [row.pk],
    )
    # clearing only the e-mail leaves the account: not a redaction either
    assert refused(
        f"UPDATE {table} SET subject_email = '' WHERE id = %s",  # noqa: S608
        [row.pk],
    )
    assert refused(f"DELETE FROM {table} WHERE id = %s", [row.pk])  # noqa: S608
    # clearing both is accepted
    assert not refused(
        f"UPDATE {table} SET subject_id = NULL, subject_email = '' "  # noqa: S608
        "WHERE id = %s",
        [row.pk],
    )


def test_an_event_about_a_resident_never_takes_their_account_or_e_mail() -> None:
    resident = UserFactory.create()
    with pytest.raises(ValueError, match="resident"):
        audit_record(
            actor=None,
            action=AuditEvent.Action.LP_ACCOUNT_GIVEN,
            ip_address=None,
            subject=resident,
        )
    with pytest.raises(ValueError, match="resident"):
        audit_record(
            actor=None,
            action=AuditEvent.Action.LP_MEMBER_ERASED,
            ip_address=None,
            subject_email="mieszkanka@example.pl",
        )
