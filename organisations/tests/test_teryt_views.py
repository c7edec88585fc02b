"""The ministry's page for importing the territorial register: upload, preview
(new, changed, unchanged, the rows with errors and why), confirm; names from the
file are shown escaped; the preview's queries do not grow with the file."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from organisations.models import Organisation
from tests.support.world import World

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "data" / "terc_sample.csv"
HEADER = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA"
URL = reverse("organisations:teryt_import")


def sample() -> SimpleUploadedFile:
    return SimpleUploadedFile("TERC_Urzedowy_2025-01-01.csv", SAMPLE.read_bytes())


def csv_file(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("terc.csv", "\n".join([HEADER, *rows]).encode())


def test_the_sample_is_previewed_then_imported_and_a_second_run_imports_none(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    before = Organisation.objects.count()
    # when the ministry admin uploads the sample
    preview = client.post(URL, {"file": sample()})
    # then the preview counts what would happen (Katowice, Gdynia and Nowy Sącz
    # of the pilot are matched by name and get their codes) and nothing is saved
    assert preview.status_code == 200
    text = preview.text
    assert "nowe gminy: 24" in text
    assert "zmienione gminy: 3" in text
    assert "wiersze z błędami, pominięte: 3" in text
    assert "Importuj 27 gmin" in text
    assert Organisation.objects.count() == before
    # and the three bad rows are listed with their numbers and reasons
    assert '<th scope="row">51</th>' in text
    assert "Brak nazwy (NAZWA)." in text
    assert "Nieznane województwo: 27 nie jest kodem województwa." in text
    assert "Błędny kod: GMI musi być liczbą dwucyfrową, a nie „O1”." in text
    # when they confirm
    done = client.post(URL, {"step": "confirm"})
    # then the 27 gminas are there, and they are told so
    assert done.status_code == 302
    assert Organisation.objects.exclude(teryt="").count() == 27
    assert Organisation.objects.count() == before + 24
    shown = client.get(done["Location"]).text
    assert "Dodane gminy: 24, zmienione: 3, bez zmian: 0." in shown
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.REGISTER_IMPORTED).count()
        == 1
    )
    # when the same file is uploaded again, then nothing would change
    again = client.post(URL, {"file": sample()}).text
    assert "nowe gminy: 0" in again
    assert "zmienione gminy: 0" in again
    assert "gminy bez zmian: 27" in again
    assert 'name="step"' not in again
    assert "Nie ma czego importować" in again


def test_a_confirmation_without_a_preview_imports_nothing(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    before = Organisation.objects.count()
    response = client.post(URL, {"step": "confirm"}, follow=True)
    assert "Nie ma czego importować: wybierz plik ponownie." in response.text
    assert Organisation.objects.count() == before
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.REGISTER_IMPORTED)


def test_a_name_from_the_file_is_shown_escaped(world: World, client: Client) -> None:
    client.force_login(world.user("ministry_admin"))
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    response = client.post(
        URL,
        {
            "file": csv_file(
                f"24;69;01;1;{hostile};gmina miejska;",
                f"24;69;xx;1;{hostile};gmina miejska;",
            )
        },
    )
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_a_file_that_is_not_a_terc_list_is_refused_on_the_form(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    response = client.post(
        URL, {"file": SimpleUploadedFile("lista.csv", b"name,sector\nAnna,ngo\n")}
    )
    assert response.status_code == 200
    assert 'id="id_file_errors"' in response.text
    assert "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA" in response.text


def test_the_preview_queries_do_not_grow_with_the_rows(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    client.get(URL)

    def queries(file: SimpleUploadedFile) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.post(URL, {"file": file}).status_code == 200
        return len(captured.captured_queries)

    few = queries(csv_file("24;69;01;1;Katowice;gmina miejska;"))
    assert queries(sample()) == few
