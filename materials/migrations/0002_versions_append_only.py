from django.db import migrations

# Versions are append-only in the database itself, not only in the code: once
# uploaded, a version's file, number and uploader are never rewritten. (DELETE stays
# possible, so that a file uploaded by mistake — with personal data, say — can be
# erased by hand; the portal itself never deletes versions.)
FORBID = """
CREATE FUNCTION materials_version_no_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'materials_materialversion is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER materials_version_no_update
    BEFORE UPDATE ON materials_materialversion
    FOR EACH ROW EXECUTE FUNCTION materials_version_no_update();
"""
ALLOW = """
DROP TRIGGER materials_version_no_update ON materials_materialversion;
DROP FUNCTION materials_version_no_update();
"""


class Migration(migrations.Migration):
    dependencies = [("materials", "0001_initial")]

    operations = [migrations.RunSQL(FORBID, ALLOW)]
