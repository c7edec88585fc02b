from django.db import migrations

# Versions are append-only in the database itself: no UPDATE or DELETE of a section
# version or a document version succeeds, whoever asks. (TRUNCATE stays possible for
# the database owner: the test suite empties tables with it between browser tests.)
FORBID = """
CREATE FUNCTION documents_version_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER section_version_no_update_or_delete
    BEFORE UPDATE OR DELETE ON documents_sectionversion
    FOR EACH ROW EXECUTE FUNCTION documents_version_append_only();
CREATE TRIGGER document_version_no_update_or_delete
    BEFORE UPDATE OR DELETE ON documents_documentversion
    FOR EACH ROW EXECUTE FUNCTION documents_version_append_only();
"""
ALLOW = """
DROP TRIGGER section_version_no_update_or_delete ON documents_sectionversion;
DROP TRIGGER document_version_no_update_or_delete ON documents_documentversion;
DROP FUNCTION documents_version_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunSQL(FORBID, ALLOW)]
