import datetime

from django.db import migrations

CLAUSE = (
    "Administratorem Twoich danych osobowych jest urząd miasta, które tworzy "
    "Lokalne Partnerstwo, we współpracy z ministerstwem właściwym do spraw polityki "
    "regionalnej w ramach Partnerskiej Inicjatywy Miast. Dane (imię i nazwisko, "
    "organizacja, sektor, adres e-mail, telefon) przetwarzamy na podstawie Twojej "
    "zgody (art. 6 ust. 1 lit. a RODO) wyłącznie w celu prac Lokalnego Partnerstwa: "
    "zaproszeń na spotkania, list obecności i konsultacji Miejskiej Inicjatywy "
    "Działania. Zgodę możesz w każdej chwili wycofać, bez wpływu na zgodność z "
    "prawem przetwarzania przed jej wycofaniem. Masz prawo dostępu do danych, ich "
    "sprostowania, usunięcia i przeniesienia. Dane przechowujemy do zakończenia "
    "Partnerstwa i przez okres archiwizacji, nie dłużej niż 5 lat."
)


def create(apps, schema_editor):  # noqa: ANN001, ANN201
    ConsentClause = apps.get_model("partnerships", "ConsentClause")
    ConsentClause.objects.get_or_create(
        version="2026-1",
        defaults={
            "legal_basis": "consent",
            "text": CLAUSE,
            "valid_from": datetime.date(2026, 1, 1),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
