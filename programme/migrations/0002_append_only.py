from django.db import migrations

# Versions are append-only in the database itself, not only in the code: a page's
# saved text, its author and whether it was published are never rewritten.
TABLES = ("programme_pageversion", "programme_declarationversion")

FORBID = "\n".join(
    f"""
CREATE FUNCTION {table}_no_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{table} is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {table}_no_update
    BEFORE UPDATE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_no_update();
"""
    for table in TABLES
)
ALLOW = "\n".join(
    f"""
DROP TRIGGER {table}_no_update ON {table};
DROP FUNCTION {table}_no_update();
"""
    for table in TABLES
)


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]

    operations = [migrations.RunSQL(FORBID, ALLOW)]
