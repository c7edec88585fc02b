"""Plain words instead of codes (issue #18): the call page names who may apply,
the import preview names the sector, the audit log says what its details mean,
the exports write labels under Polish headers, numbers are grouped in thousands
with decimals only where they mean something, and an English page writes every
date one way."""

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from audit.details import details_declared, details_shown
from audit.models import AuditEvent
from core.display import count_shown, money_shown, quantity_shown
from documents.models import Document, Kind, State
from documents.tests.builders import gdynia_mid
from organisations.models import Organisation
from partnerships.imports import export_rows, parse_members
from partnerships.models import Sector
from partnerships.tests.builders import add_members, gdynia_partnership
from recruitment.tests.builders import open_call, submitted_application
from tests.support.every_state import COST, REACH, build_every_state
from tests.support.plain_words import visible_text
from tests.support.world import World

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def _as(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(visible_text(response.content.decode()).split())


def test_the_call_page_names_the_kinds_of_organisation_that_may_apply(
    world: World,
) -> None:
    # given a call open to cities with county rights and urban municipalities
    build_every_state(world)
    call = open_call(world)
    # when anyone reads it
    page = _page(Client(), call.get_absolute_url())
    # then the kinds are named in words, not codes
    assert "Miasto na prawach powiatu, gmina miejska" in page
    assert "city_county" not in page and "urban_gmina" not in page
    # and so are the rules of each network's composition
    assert "jako miasto lider sieci lub jako miasto partnerskie" in page


def test_the_import_preview_names_each_rows_sector(world: World) -> None:
    # given a list whose sectors are written as codes and as a Polish label
    partnership = gdynia_partnership(world)
    content = (
        "name,sector,consent\nAnna,resident,tak\nCelina,organizacja pozarządowa,tak\n"
    ).encode()
    # when a city's officer checks it
    client = _as(world, "city_officer")
    response = client.post(
        reverse("partnerships:import", args=[partnership.pk]),
        {"file": SimpleUploadedFile("lista.csv", content)},
    )
    page = " ".join(visible_text(response.content.decode()).split())
    # then the preview names both sectors in words
    assert "Anna mieszkaniec" in page
    assert "Celina organizacja pozarządowa" in page
    assert "resident" not in page


def test_the_audit_log_says_what_a_documents_step_did_in_words(world: World) -> None:
    # given Gdynia's MID published (accepted by the ministry first)
    gdynia_mid(world, State.PUBLISHED)
    event = AuditEvent.objects.filter(
        action=AuditEvent.Action.DOCUMENT_STEP, details__to="published"
    ).get()
    # when the ministry's admin reads the audit log
    page = _page(_as(world, "ministry_admin"), reverse("audit:log"))
    # then the step reads in words, the previous state beside the new one
    shown = details_shown(event)
    assert shown.startswith(
        "Stan: opublikowany (wcześniej: przyjęty przez ministerstwo); "
        "Dokument: Miejska Inicjatywa Działania (MID); Krok: Opublikuj"
    )
    assert shown in page
    assert "to: published" not in page and "kind: mid" not in page


def test_every_audit_action_declares_what_its_details_mean() -> None:
    # given every action the audit log records; then each declares its details
    assert [a for a in AuditEvent.Action if details_declared(a) is None] == []


def test_a_role_change_in_the_audit_log_names_both_roles() -> None:
    # given a stored role change (the details as the service writes them)
    event = AuditEvent(
        action=AuditEvent.Action.ROLE_CHANGED,
        details={"from": "officer", "to": "coordinator"},
    )
    # then it reads as words, in Polish and in English
    assert details_shown(event) == "Rola: koordynator (wcześniej: urzędnik)"
    with translation.override("en"):
        assert details_shown(event) == "Role: coordinator (was: officer)"


def test_the_recruitment_export_writes_labels_under_polish_headers(
    world: World,
) -> None:
    # given a submitted application of Gdynia (a city with county rights)
    submitted_application(world, world.partner_city)
    call = open_call(world)
    admin = _as(world, "ministry_admin")
    url = reverse("recruitment:export", args=[call.slug, "csv"])
    # when the ministry downloads the CSV and the XLSX
    rows = list(csv.reader(io.StringIO(admin.get(url).content.decode("utf-8-sig"))))
    xlsx = admin.get(reverse("recruitment:export", args=[call.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [[str(c or "") for c in row] for row in sheet.iter_rows(values_only=True)]
    # then both name the columns in Polish and the choices in words
    for table in (rows, cells):
        assert table[0][:4] == [
            "Nr zgłoszenia",
            "Organizacja",
            "Województwo",
            "Rodzaj organizacji",
        ]
        assert table[1][3] == "miasto na prawach powiatu"
        assert table[1][5:7] == ["miasto partnerskie", "złożone"]
    assert world.partner_city.kind == Organisation.Kind.CITY_COUNTY


def test_the_member_list_export_writes_labels_and_reads_back_the_same(
    world: World,
) -> None:
    # given an NGO's representative in Gdynia's LP
    member = add_members(world, 1, sector=Sector.NGO)[0]
    # when the list is exported
    text = export_rows([member])
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    # then the columns are named in Polish and the choices written in words
    assert rows[0][:5] == ["Nazwa", "Rodzaj", "Organizacja", "Sektor", "Rola"]
    assert rows[1][1] == "osoba"
    assert rows[1][3:5] == ["organizacja pozarządowa", "członek"]
    # and the exported file, with the consent a coordinator adds, imports back
    rows[0].append("Zgoda")
    rows[1].append("tak")
    again = io.StringIO()
    csv.writer(again).writerows(rows)
    upload = SimpleUploadedFile("lista.csv", again.getvalue().encode())
    imported = parse_members(upload)
    assert [row.errors for row in imported] == [[]]
    assert imported[0].data["sector"] == "ngo"
    assert imported[0].data["kind"] == "person"
    assert imported[0].data["role"] == "member"


def test_a_members_data_export_names_each_item_and_choice_in_words(
    world: World,
) -> None:
    # given a resident of Gdynia's LP
    member = add_members(world, 1)[0]
    client = _as(world, "city_officer")
    url = reverse("partnerships:member_download", args=[member.pk])
    # when their data is downloaded as CSV and as JSON
    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    data = json.loads(client.get(url).content)
    # then each item is named in Polish and each choice in words
    assert f"Adres e-mail,{member.email}" in text
    assert "Sektor,mieszkaniec" in text
    assert data["Sektor"] == "mieszkaniec"
    assert data["Rodzaj"] == "osoba"
    assert data["Podstawa prawna"].startswith("zgoda")


def test_numbers_are_grouped_with_decimals_only_where_they_mean_something() -> None:
    # given numbers shown on a Polish page; then they are grouped in thousands,
    # money has grosze only when there are any, a quantity only its own decimals
    assert money_shown(Decimal("1850000.00")) == f"1{NBSP}850{NBSP}000{NBSP}zł"
    assert money_shown(Decimal("1850000.50")) == f"1{NBSP}850{NBSP}000,50{NBSP}zł"
    assert quantity_shown(Decimal("3500.00")) == f"3{NBSP}500"
    assert quantity_shown(Decimal("12.50")) == "12,5"
    assert count_shown(1850000) == f"1{NBSP}850{NBSP}000"
    assert count_shown(None) == ""


def test_english_pages_group_numbers_the_english_way() -> None:
    with translation.override("en"):
        assert money_shown(Decimal("1850000")) == f"PLN{NBSP}1,850,000"
        assert quantity_shown(Decimal("3500.25")) == "3,500.25"


def test_an_actions_cost_and_indicator_read_as_polish_numbers(world: World) -> None:
    # given a published MID whose action costs 1 850 000 zł and reaches 3 500 a year
    build_every_state(world)
    mid = Document.objects.get(
        kind=Kind.MID, network__slug="mobilnosc-miejska", state=State.PUBLISHED
    )
    # when the ministry reads it
    page = _page(_as(world, "ministry_admin"), mid.get_absolute_url())
    page = page.replace(NBSP, " ")
    # then the cost has no ",00" and the indicator is grouped, without decimals
    assert f"{COST:,.0f}".replace(",", " ") + " zł" in page
    assert f"Pasażerowie: 0 → {REACH:,}".replace(",", " ") + " os./rok" in page
    assert ",00" not in page


def test_number_inputs_stay_plain_for_the_browser() -> None:
    # given a cost of 1 850 000 zł in a form, on a Polish page
    class CostForm(forms.Form):
        cost = forms.DecimalField(max_digits=14, decimal_places=2)
        people = forms.IntegerField()

    form = CostForm(initial={"cost": Decimal("1850000.00"), "people": 3500})
    # when it is rendered; then the inputs hold plain numbers a browser reads
    assert 'value="1850000.00"' in str(form["cost"])
    assert 'value="3500"' in str(form["people"])


ENGLISH_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October"
    r"|November|December)"
)
OTHER_DATE_FORMS = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b"  # 01.09.2027, 09/01/2027, 01-09-2027
    r"|\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}, \d{4}"
    r"|\b" + ENGLISH_MONTH + r" \d{1,2}, \d{4}"  # September 1, 2027
)


def test_english_pages_write_every_date_one_way(world: World) -> None:
    # given the world in every state, read in English
    build_every_state(world)
    mid = Document.objects.get(
        kind=Kind.MID, network__slug="mobilnosc-miejska", state=State.PUBLISHED
    )
    partnership = gdynia_partnership(world)
    member = partnership.members.filter(erased_at__isnull=True).first()
    assert member is not None
    pages = {
        "ministry_admin": [
            mid.get_absolute_url(),
            reverse("audit:log"),
            reverse("materials:list"),
            world.meetings["network"].get_absolute_url(),
            reverse("partnerships:detail", args=[partnership.pk]),
        ],
        "city_coordinator": [
            reverse("partnerships:member", args=[member.pk]),
            reverse("partnerships:members", args=[partnership.pk]),
            world.network.get_absolute_url(),
        ],
    }
    dates_seen = 0
    for role, urls in pages.items():
        client = _as(world, role)
        client.cookies["django_language"] = "en"
        for url in urls:
            page = _page(client, url)
            # then no page writes a date any other way than "1 September 2027"
            assert not OTHER_DATE_FORMS.search(page), (
                url,
                OTHER_DATE_FORMS.search(page),
            )
            dates_seen += len(
                re.findall(r"\b\d{1,2} " + ENGLISH_MONTH + r" \d{4}", page)
            )
    assert dates_seen >= len(pages["ministry_admin"])
