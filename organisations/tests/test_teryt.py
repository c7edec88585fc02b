"""The territorial register's import (organisations/teryt.py): GUS's TERC file is
read row by row, each row that cannot be imported says why, the gminas are
matched by their TERYT code, and importing the same file again changes nothing."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from organisations.models import Organisation
from organisations.teryt import (
    checked_again,
    parse_register,
    register_import,
    register_plan,
)

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "data" / "terc_sample.csv"
HEADER = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA"


def upload(text: str, name: str = "TERC_Urzedowy.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\ufeff" + text).encode())


def sample() -> SimpleUploadedFile:
    return SimpleUploadedFile("TERC_Urzedowy_2025-01-01.csv", SAMPLE.read_bytes())


def gminas_of(text: str) -> list:  # type: ignore[type-arg]
    return [row.gmina for row in parse_register(upload(text)).valid]


def import_file(file: SimpleUploadedFile) -> None:
    register = parse_register(file)
    register_import(
        gminas=[row.gmina for row in register.valid if row.gmina],
        errors=len(register.invalid),
        not_gminas=register.not_gminas,
        actor=UserFactory.create(),
        ip_address=None,
    )


def test_the_sample_has_27_importable_gminas_and_3_rows_with_their_reasons() -> None:
    # when GUS's file (with BOM and CRLF, as published) is read
    register = parse_register(sample())
    # then its 30 gmina rows are read, 27 importable
    assert len(register.rows) == 30
    assert len(register.valid) == 27
    # and each bad row names its row number and why, in Polish
    reasons = {row.number: row.errors for row in register.invalid}
    assert set(reasons) == {51, 68, 71}
    assert reasons[51] == ["Brak nazwy (NAZWA)."]
    assert "Nieznane województwo" in reasons[68][0]
    assert "GMI" in reasons[71][0] and "O1" in reasons[71][0]
    # and voivodeships, powiats and the parts of gminas are skipped, counted
    assert register.not_gminas == 45


def test_the_kind_comes_from_rodz_and_a_city_county_from_its_powiat() -> None:
    kinds = {
        gmina.teryt: gmina.kind
        for gmina in gminas_of(
            f"{HEADER}\n"
            "14;65;01;1;Warszawa;gmina miejska, miasto stołeczne;2025-01-01\n"
            "02;01;01;1;Bolesławiec;gmina miejska;2025-01-01\n"
            "02;01;02;2;Bolesławiec;gmina wiejska;2025-01-01\n"
            "12;13;02;3;Kęty;gmina miejsko-wiejska;2025-01-01\n"
        )
    }
    assert kinds == {
        "1465011": Organisation.Kind.CITY_COUNTY,
        "0201011": Organisation.Kind.URBAN_GMINA,
        "0201022": Organisation.Kind.RURAL_GMINA,
        "1213023": Organisation.Kind.URBAN_RURAL_GMINA,
    }


def test_the_parts_of_gminas_are_not_gminas() -> None:
    register = parse_register(
        upload(
            f"{HEADER}\n"
            "12;13;02;4;Kęty;miasto;2025-01-01\n"
            "12;13;02;5;Kęty;obszar wiejski;2025-01-01\n"
            "14;65;02;8;Bemowo;dzielnica;2025-01-01\n"
            "12;61;05;9;Kraków-Śródmieście;delegatura;2025-01-01\n"
        )
    )
    assert register.rows == []
    assert register.not_gminas == 4


def test_a_code_that_lost_its_leading_zeros_in_a_spreadsheet_is_read() -> None:
    # given a file saved again by a spreadsheet program, with commas
    [gmina] = gminas_of("WOJ,POW,GMI,RODZ,NAZWA\n2,1,1,1,Bolesławiec\n")
    assert gmina.teryt == "0201011"
    assert gmina.voivodeship == "02"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("02;01;01;7;Bolesławiec;;", "RODZ"),
        ("02;01;١;1;Bolesławiec;;", "GMI"),  # an Arabic-Indic digit is not a digit
        ("02;00;01;1;Bolesławiec;;", "POW"),
        ("02;01;01;1;Bolesł\x07awiec;;", "znaki sterujące"),
        ("02;01;01;1;" + "B" * 201 + ";;", "200"),
    ],
)
def test_a_bad_row_says_why(row: str, reason: str) -> None:
    [checked] = parse_register(upload(f"{HEADER}\n{row}\n")).rows
    assert checked.gmina is None
    assert reason in " ".join(checked.errors)


def test_a_code_found_twice_is_imported_from_neither_row() -> None:
    register = parse_register(
        upload(
            f"{HEADER}\n"
            "22;62;01;1;Gdynia;gmina miejska;\n"
            "22;61;01;1;Gdańsk;gmina miejska;\n"
            "22;62;01;1;Gdynia Główna;gmina miejska;\n"
        )
    )
    assert [row.number for row in register.valid] == [3]
    assert {row.number: row.errors for row in register.invalid} == {
        2: ["Powtórzony kod: 2262011 jest też w wierszu 4."],
        4: ["Powtórzony kod: 2262011 jest też w wierszu 2."],
    }


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("terc.xml", f"{HEADER}\n", "CSV"),
        ("terc.csv", "", "pusty"),
        ("terc.csv", "name;sector\nAnna;ngo\n", "WOJ;POW;GMI;RODZ;NAZWA"),
        ("terc.csv", f"{HEADER}\n" + "02;;;;X;;\n" * 10_001, "10000"),
    ],
)
def test_a_file_that_is_not_a_terc_list_is_refused_whole(
    name: str, content: str, message: str
) -> None:
    file = SimpleUploadedFile(name, content.encode())
    with pytest.raises(ValidationError) as refused:
        parse_register(file)
    assert message in " ".join(refused.value.messages)


def test_a_file_in_another_encoding_or_too_large_is_refused() -> None:
    windows = SimpleUploadedFile("terc.csv", f"{HEADER}\nŁódź".encode("cp1250"))
    with pytest.raises(ValidationError, match="UTF-8"):
        parse_register(windows)
    large = SimpleUploadedFile("terc.csv", b"x" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="2 MB"):
        parse_register(large)


def test_importing_the_sample_twice_adds_27_gminas_once() -> None:
    # when the sample is imported
    import_file(sample())
    # then its 27 gminas are organisations, with their code, kind and voivodeship
    assert Organisation.objects.count() == 27
    warsaw = Organisation.objects.get(teryt="1465011")
    assert (warsaw.name, warsaw.kind, warsaw.voivodeship, warsaw.country) == (
        "Warszawa",
        Organisation.Kind.CITY_COUNTY,
        "14",
        "PL",
    )
    assert warsaw.slug == "warszawa"
    # and one audit event counts what happened (no names: there are none)
    event = AuditEvent.objects.get(action=AuditEvent.Action.REGISTER_IMPORTED)
    assert event.details == {
        "created": 27,
        "updated": 0,
        "unchanged": 0,
        "errors": 3,
        "not_gminas": 45,
    }
    # when the same file is checked again, then nothing would change
    register = parse_register(sample())
    plan = register_plan([row.gmina for row in register.valid if row.gmina])
    assert (len(plan.new), len(plan.changed), plan.unchanged) == (0, 0, 27)
    # and importing it again changes nothing
    import_file(sample())
    assert Organisation.objects.count() == 27


def test_a_gmina_the_register_renamed_is_updated_in_place() -> None:
    # given Wrocław in the portal, with a typo and the wrong kind
    wroclaw = Organisation.objects.create(
        name="Wroclaw",
        slug="wroclaw-miasto",
        kind=Organisation.Kind.URBAN_GMINA,
        voivodeship="02",
        teryt="0264011",
    )
    [gmina] = gminas_of(f"{HEADER}\n02;64;01;1;Wrocław;gmina miejska;\n")
    # when the check sees it
    plan = register_plan([gmina])
    assert plan.new == []
    [change] = plan.changed
    assert change.differences == {
        "name": ("Wroclaw", "Wrocław"),
        "kind": ("urban_gmina", "city_county"),
    }
    # when it is imported, then the same organisation is updated, its address kept
    import_file(upload(f"{HEADER}\n02;64;01;1;Wrocław;gmina miejska;\n"))
    wroclaw.refresh_from_db()
    assert (wroclaw.name, wroclaw.kind, wroclaw.slug) == (
        "Wrocław",
        Organisation.Kind.CITY_COUNTY,
        "wroclaw-miasto",
    )
    assert Organisation.objects.count() == 1


def test_a_city_added_before_it_had_a_code_is_given_its_code() -> None:
    # given the pilot's Katowice, without a TERYT code
    katowice = Organisation.objects.create(
        name="Katowice",
        slug="katowice",
        kind=Organisation.Kind.CITY_COUNTY,
        voivodeship="24",
    )
    # when the register is imported, then Katowice gets its code, and no twin
    import_file(upload(f"{HEADER}\n24;69;01;1;Katowice;gmina miejska;\n"))
    katowice.refresh_from_db()
    assert katowice.teryt == "2469011"
    assert Organisation.objects.count() == 1


def test_a_town_and_the_rural_gmina_of_one_name_are_told_apart_by_kind() -> None:
    # given the town of Bolesławiec in the portal, without a code
    town = Organisation.objects.create(
        name="Bolesławiec",
        slug="boleslawiec",
        kind=Organisation.Kind.URBAN_GMINA,
        voivodeship="02",
    )
    # when the register's town and rural gmina of that name are imported
    import_file(
        upload(
            f"{HEADER}\n"
            "02;01;01;1;Bolesławiec;gmina miejska;\n"
            "02;01;02;2;Bolesławiec;gmina wiejska;\n"
        )
    )
    # then the town gets the town's code; the rural gmina is new, with a free slug
    town.refresh_from_db()
    assert town.teryt == "0201011"
    rural = Organisation.objects.get(teryt="0201022")
    assert rural.slug == "boleslawiec-0201022"
    assert rural.kind == Organisation.Kind.RURAL_GMINA


def test_namesakes_new_to_the_portal_get_distinct_slugs() -> None:
    import_file(
        upload(
            f"{HEADER}\n"
            "12;18;03;3;Dobra;gmina miejsko-wiejska;\n"
            "32;15;03;3;Dobra;gmina miejsko-wiejska;\n"
        )
    )
    assert sorted(Organisation.objects.values_list("slug", flat=True)) == [
        "dobra-1218033",
        "dobra-3215033",
    ]


def test_rows_kept_between_preview_and_confirmation_are_checked_again() -> None:
    # given what a tampered session would hold
    stored = [
        {
            "number": 2,
            "cells": {
                "WOJ": "24",
                "POW": "69",
                "GMI": "01",
                "RODZ": "1",
                "NAZWA": "Katowice",
            },
        },
        {
            "number": 3,
            "cells": {
                "WOJ": "99",
                "POW": "69",
                "GMI": "01",
                "RODZ": "1",
                "NAZWA": "Nigdzie",
            },
        },
        {
            "number": 4,
            "cells": {"WOJ": "24", "POW": "69", "GMI": "01", "RODZ": "1", "NAZWA": ""},
        },
        "not a row",
    ]
    # then only the row that passes the checks is imported
    assert [gmina.teryt for gmina in checked_again(stored)] == ["2469011"]


@pytest.mark.parametrize("name", ["Nowa", "Import TERYT"])
def test_a_gmina_named_like_a_page_of_the_app_gets_an_address_of_its_own(
    name: str,
) -> None:
    # given a register row whose name's slug is an address of the app
    # (organizacje/nowa/, organizacje/import-teryt/)
    import_file(upload(f"{HEADER}\n12;18;03;3;{name};gmina miejsko-wiejska;\n"))
    # then the gmina's page is its own, not the form that adds an organisation
    slug = Organisation.objects.get(teryt="1218033").slug
    assert slug not in ("nowa", "import-teryt")
