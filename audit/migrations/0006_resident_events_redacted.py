from django.db import migrations

# Erasure (RODO art. 17) reaches the audit log too, in one narrow way: the database
# still refuses every UPDATE and DELETE, except an UPDATE that only clears who the
# row concerns (subject_id to NULL, subject_email to ''), every other column equal.
# History is not rewritten: what happened, when, by whom, stays.
ALLOW_REDACTION = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.subject_id IS NULL AND NEW.subject_email = ''
       AND (to_jsonb(NEW) - 'subject_id' - 'subject_email')
           = (to_jsonb(OLD) - 'subject_id' - 'subject_email') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""
FORBID_ALL = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""
# Rows about Local Partnership members written before they were recorded by id
# only held the resident's account and e-mail: both are cleared.
REDACT_RESIDENT_ROWS = """
UPDATE audit_auditevent SET subject_id = NULL, subject_email = ''
WHERE action IN ('lp_account_given', 'lp_member_erased')
  AND (subject_id IS NOT NULL OR subject_email <> '');
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_lp_member_events")]

    operations = [
        migrations.RunSQL(ALLOW_REDACTION, FORBID_ALL),
        migrations.RunSQL(REDACT_RESIDENT_ROWS, migrations.RunSQL.noop),
    ]
