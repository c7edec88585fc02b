"""The programme's year in Chromium, in order, from an empty database as a new
install has it (migrations only: no pilot data, no demo accounts):

the first ministry admin comes from `manage.py create_ministry_admin` and signs in
with a password and TOTP; imports GUS's territorial register (30 gminas: 3 bad rows
shown, 27 imported; a second run imports none); creates the edition "PIM 2026–2028"
with a new theme "Miasto cyfrowe" and opens a call; two cities that were not in the
portal before the import get coordinators, apply and are accepted; the network goes
active; the lead passes to the other city (the old lead loses the Sheet's lead steps,
the new one gains them); a third city's membership ends; a Local Partnership ends
and the retention reminder fires at the configured age; a new information clause is
published and the next join request records it. axe on every page."""

import datetime
import io
import time
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from documents.models import Document, Kind
from networks.models import Network, NetworkMembership
from organisations.models import Organisation
from partnerships.models import ConsentClause, JoinRequest, LocalPartnership
from partnerships.tasks import (
    erase_partnership_data_after_retention,
    remind_partnership_retention,
)
from recruitment.models import Application, Call
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load
from tests.support.world import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TERC_SAMPLE = (
    Path(__file__).resolve().parents[2] / "organisations/tests/data/terc_sample.csv"
)
ADMIN = "anna.kowalska@mfipr.gov.pl"


def _fresh_code(secret: str) -> str:
    """A TOTP code with time left in its 30-second period, as a person would wait
    for."""
    into_period = time.time() % 30
    if into_period > 22:
        time.sleep(30.5 - into_period)
    return totp_code(secret)


def _tab(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    context.set_default_timeout(15_000)
    return context.new_page()


def _accept_invitation(tab: Any, link: str, name: str, password: str) -> None:
    tab.goto(link[link.index("/zaproszenie/") :].strip())
    assert_accessible(tab)
    tab.get_by_label("Imię i nazwisko").fill(name)
    tab.locator("#id_password").fill(password)
    tab.get_by_label("Hasło (powtórz)").fill(password)
    click_to_load(tab.locator("main form").get_by_role("button"))


def _invitation_link(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    return next(line for line in message.body.splitlines() if "/zaproszenie/" in line)


def _asking(tab: Any, action: str) -> Any:
    """The form posting to a URL ending in `action`; when its step asks first
    (templates/_confirm.html, the form inside the question), the question opened."""
    selector = f"form[action$='{action}']"
    question = tab.locator(f"details.confirm:has({selector})")
    if question.count() and question.get_attribute("open") is None:
        question.locator("summary").click()
    return tab.locator(selector)


def test_the_ministry_runs_a_new_edition_from_a_fresh_install(
    browser: Any, live_server: Any
) -> None:
    today = timezone.localdate()
    assert not Organisation.objects.exists()  # a new install: migrations only

    # given the first ministry admin, invited from the server's command line
    out = io.StringIO()
    call_command("create_ministry_admin", ADMIN, stdout=out)
    link = next(line for line in out.getvalue().splitlines() if "/zaproszenie/" in line)
    admin = _tab(browser, live_server)
    _accept_invitation(admin, link, "Anna Kowalska", "Program-PIM-2026!")
    # who sets up TOTP before anything else
    admin.wait_for_url("**" + reverse("mfa_activate_totp"))
    assert_accessible(admin)
    secret = admin.locator("#authenticator_secret").input_value()
    admin.locator("#id_code").fill(_fresh_code(secret))
    click_to_load(admin.locator("main form button[type=submit]").first)
    admin.goto(reverse("audit:log"))
    assert admin.url.endswith(reverse("audit:log"))
    assert_accessible(admin)

    # when they import GUS's register: 3 bad rows shown, 27 gminas imported
    admin.goto(reverse("organisations:list"))
    assert_accessible(admin)
    click_to_load(admin.get_by_role("link", name="Import rejestru terytorialnego"))
    assert_accessible(admin)
    admin.get_by_label("Plik TERC z GUS (CSV)").set_input_files(str(TERC_SAMPLE))
    click_to_load(admin.get_by_role("button", name="Sprawdź plik"))
    assert_accessible(admin)
    summary = admin.locator("[role=status]").inner_text()
    assert "nowe gminy: 27" in summary
    assert "wiersze z błędami, pominięte: 3" in summary
    errors = admin.locator(
        "table:has(caption:has-text('Wiersze pliku, których nie można'))"
    )
    assert errors.locator("tbody tr").count() == 3
    click_to_load(admin.get_by_role("button", name="Importuj 27 gmin"))
    assert "Dodane gminy: 27" in admin.locator("main").inner_text()
    assert Organisation.objects.exclude(kind="ministry").count() == 27
    # and a second run imports none
    admin.goto(reverse("organisations:teryt_import"))
    admin.get_by_label("Plik TERC z GUS (CSV)").set_input_files(str(TERC_SAMPLE))
    click_to_load(admin.get_by_role("button", name="Sprawdź plik"))
    assert "nowe gminy: 0" in admin.locator("[role=status]").inner_text()
    assert admin.get_by_role("button", name="Importuj").count() == 0
    assert Organisation.objects.exclude(kind="ministry").count() == 27

    # when they create the edition "PIM 2026–2028" and the theme "Miasto cyfrowe"
    admin.goto(reverse("networks:editions"))
    assert_accessible(admin)
    click_to_load(admin.get_by_role("link", name="Nowa edycja"))
    assert_accessible(admin)
    admin.locator("#id_name").fill("PIM 2026–2028")
    admin.locator("#id_name_en").fill("PIM 2026–2028")
    admin.locator("#id_starts_on").fill(str(today - datetime.timedelta(days=300)))
    admin.locator("#id_ends_on").fill(str(today + datetime.timedelta(days=730)))
    click_to_load(admin.get_by_role("button", name="Zapisz edycję"))
    assert_accessible(admin)
    admin.goto(reverse("networks:theme_create"))
    assert_accessible(admin)
    admin.locator("#id_name_pl").fill("Miasto cyfrowe")
    admin.locator("#id_name_en").fill("Digital city")
    admin.locator("#id_description").fill("Usługi miejskie dostępne dla każdego.")
    click_to_load(admin.get_by_role("button", name="Zapisz temat"))
    assert_accessible(admin)
    assert "Miasto cyfrowe" in admin.locator("main").inner_text()

    # and open a call for it
    now = timezone.now()
    admin.goto(reverse("recruitment:call_create"))
    assert_accessible(admin)
    admin.locator("#id_title").fill("Nabór PIM 2026")
    admin.locator("#id_opens_at").fill(_local(now - datetime.timedelta(hours=1)))
    admin.locator("#id_closes_at").fill(_local(now + datetime.timedelta(days=14)))
    admin.locator("#id_is_published").check()
    admin.get_by_label("Miasto cyfrowe").check()
    admin.locator("#id_min_partners").fill("1")
    click_to_load(admin.locator("main form button[type=submit]"))
    call = Call.objects.get(title="Nabór PIM 2026")
    assert call.edition.name == "PIM 2026–2028" and call.edition.is_current
    assert_accessible(admin)

    # when two cities new to the portal (from the register) get coordinators
    lublin = _coordinator(admin, browser, live_server, "lublin", "Lublin")
    gdansk = _coordinator(admin, browser, live_server, "gdansk", "Gdańsk")
    # and apply: Lublin to lead, Gdańsk as a partner
    for tab, track in ((lublin, "lead"), (gdansk, "partner")):
        tab.goto(call.get_absolute_url())
        assert_accessible(tab)
        # who may apply, in words
        assert "Kto może się zgłosić" in tab.locator("main").inner_text()
        tab.locator("#id_theme").select_option(label="Miasto cyfrowe")
        tab.locator("#id_track").select_option(track)
        tab.locator("form[action$='/zglos/'] button").click()
        tab.wait_for_url("**/zgloszenia/*/")
        assert_accessible(tab)
        click_to_load(tab.locator("main form[enctype] button[value=submit]"))
        assert tab.locator(".message-success").is_visible()
    applications = Application.objects.filter(call=call)
    assert {a.status for a in applications} == {"submitted"}

    # then the ministry accepts both before the call closes (it asks first)
    for application in applications.order_by("track"):  # the lead first
        admin.goto(application.get_absolute_url())
        assert_accessible(admin)
        admin.locator("details.confirm summary", has_text="Zapisz decyzję").click()
        admin.locator("#id_decision").select_option("accepted")
        admin.locator("#id_justification").fill("Zgłoszenie spełnia kryteria.")
        click_to_load(admin.locator("form[action$='/decyzja/'] button"))
        assert admin.locator(".message-success").is_visible()
    network = Network.objects.get(theme__name_pl="Miasto cyfrowe")
    assert network.status == Network.Status.PLANNED

    # when the ministry records that the network went active two months ago (the
    # accepted cities' memberships started with it: the test's clock cannot wait)
    # and adds Radom as a partner from a month ago
    members_page = reverse("networks:members", args=[network.slug])
    admin.goto(members_page)
    assert_accessible(admin)
    status_form = _asking(admin, "/status/")
    status_form.locator("#status_date").fill(str(today - datetime.timedelta(days=60)))
    click_to_load(status_form.get_by_role("button", name="Tak, aktywuj"))
    assert Network.objects.get(pk=network.pk).status == Network.Status.ACTIVE
    NetworkMembership.objects.filter(network=network).update(
        valid_from=today - datetime.timedelta(days=60)
    )
    radom = Organisation.objects.get(slug="radom")
    admin.locator("#add_organisation").select_option(str(radom.pk))
    admin.locator("#add_role").select_option("partner")
    admin.locator("#add_date").fill(str(today - datetime.timedelta(days=30)))
    click_to_load(admin.get_by_role("button", name="Dodaj do sieci"))
    assert_accessible(admin)
    assert network.memberships.filter(organisation=radom, valid_to=None).exists()

    # and Lublin, the lead, starts the Network Sheet: its lead steps are Lublin's
    sheet = _start_sheet(lublin, network)
    assert _offers_lead_steps(lublin, sheet)
    assert not _offers_lead_steps(gdansk, sheet)

    # when the ministry hands the lead to Gdańsk
    admin.goto(members_page)
    gdansk_org = Organisation.objects.get(slug="gdansk")
    handover = _asking(admin, "/lider/")
    handover.locator("#lead_organisation").select_option(str(gdansk_org.pk))
    handover.locator("#lead_date").fill(str(today))
    click_to_load(handover.get_by_role("button", name="Przekaż przywództwo").last)
    assert_accessible(admin)
    lead = network.memberships.get(role="lead", valid_to=None)
    assert lead.organisation == gdansk_org
    # then the old lead loses the Sheet's lead steps and the new lead gains them
    assert not _offers_lead_steps(lublin, sheet)
    assert _offers_lead_steps(gdansk, sheet)
    # and both cities' coordinators are told
    told = {
        address
        for message in mail.outbox
        if "Gdańsk jest miastem liderem" in message.subject
        for address in message.to
    }
    assert {"koordynator@lublin.example.pl", "koordynator@gdansk.example.pl"} <= told

    # when Radom's membership ends
    admin.goto(members_page)
    ending = _asking(admin, f"/czlonkowie/{_current(network, radom).pk}/zakoncz/")
    ending.locator("input[name=date]").fill(str(today))
    click_to_load(ending.get_by_role("button", name="Tak, zakończ członkostwo"))
    assert_accessible(admin)
    assert not network.memberships.filter(organisation=radom, valid_to=None).exists()
    assert network.memberships.filter(organisation=radom).exists()  # history kept
    admin.goto(network.get_absolute_url())
    assert_accessible(admin)
    assert "Radom" in admin.locator("main").inner_text()  # in the history

    _partnerships(browser, live_server, admin, lublin, gdansk, network, today)


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _coordinator(
    admin: Any, browser: Any, live_server: Any, slug: str, name: str
) -> Any:
    """The ministry invites the city's coordinator, who sets a password."""
    email = f"koordynator@{slug}.example.pl"
    admin.goto(reverse("organisations:invite", args=[slug]))
    assert_accessible(admin)
    admin.get_by_label("Adres e-mail").fill(email)
    admin.get_by_label("Imię i nazwisko").fill(f"Koordynator {name}")
    admin.locator("#id_role").select_option("coordinator")
    click_to_load(admin.locator("main form").get_by_role("button"))
    assert email in admin.locator("main").inner_text()
    tab = _tab(browser, live_server)
    _accept_invitation(
        tab, _invitation_link(email), f"Koordynator {name}", "Miasto-PIM-2026!"
    )
    tab.wait_for_url("**" + reverse("portal:dashboard"))
    assert name in tab.locator("main").inner_text()
    return tab


def _current(network: Network, organisation: Organisation) -> NetworkMembership:
    return network.memberships.get(organisation=organisation, valid_to=None)


def _start_sheet(tab: Any, network: Network) -> Document:
    tab.goto(reverse("portal:workspace", args=[network.slug]))
    assert_accessible(tab)
    selector = (
        f"form[action$='/dokumenty/rozpocznij/']:has(input[value='{Kind.SHEET}'])"
    )
    tab.locator(selector).locator("button").click()
    tab.wait_for_url("**/dokumenty/*/")
    assert_accessible(tab)
    return Document.objects.get(network=network, kind=Kind.SHEET)


def _offers_lead_steps(tab: Any, sheet: Document) -> bool:
    """The lead's step on a draft Sheet: submitting it for review, offered, or,
    while required sections are empty, named with the sections it waits for."""
    tab.goto(sheet.get_absolute_url())
    assert_accessible(tab)
    offered = tab.locator("button[formaction$='/krok/submit/']").count() > 0
    waiting = tab.locator("#step-refusal li").count() > 0
    return offered or waiting


def _partnerships(
    browser: Any,
    live_server: Any,
    admin: Any,
    lublin: Any,
    gdansk: Any,
    network: Network,
    today: datetime.date,
) -> None:
    """The Local Partnerships' part of the year: one ends and its data's retention
    runs out; a new information clause is published and the next request to join
    another records it."""
    # given Lublin's open Local Partnership, which a resident joins
    lublin_lp = _form_partnership(lublin, network, "Partnerstwo Lublin Cyfrowy")
    _ask_to_join(browser, live_server, lublin_lp, "Zofia Sąsiedzka")
    lublin.goto(lublin_lp.get_absolute_url())
    click_to_load(lublin.locator("button[name=decision][value=accept]"))
    member = lublin_lp.members.get()
    assert member.name == "Zofia Sąsiedzka"

    # when the city ends its LP
    lublin.goto(lublin_lp.get_absolute_url())
    click_to_load(lublin.get_by_role("link", name="Zakończ Lokalne Partnerstwo"))
    assert_accessible(lublin)
    ending = _asking(lublin, "/zakonczenie/")
    ending.locator("#id_ended_on").fill(str(today))
    click_to_load(ending.get_by_role("button", name="Tak, zakończ Partnerstwo"))
    assert_accessible(lublin)
    lublin_lp.refresh_from_db()
    assert lublin_lp.status == LocalPartnership.Status.ENDED
    assert lublin_lp.ended_on == today
    # then the public page takes no more requests to join, and says so
    lublin.goto(reverse("partnerships:public", args=[lublin_lp.pk]))
    assert lublin.locator("#id_consent").count() == 0
    assert "zakończyło się" in lublin.locator("main").inner_text()

    # and the retention reminder fires at the configured age, not a day before
    # (the end day moved back: the test's clock cannot wait 70 days)
    with override_settings(
        PARTNERSHIP_RETENTION_DAYS=100, PARTNERSHIP_RETENTION_NOTICE_DAYS=30
    ):
        for age, told in ((69, 0), (70, 1)):
            LocalPartnership.objects.filter(pk=lublin_lp.pk).update(
                ended_on=today - datetime.timedelta(days=age)
            )
            mail.outbox.clear()
            assert remind_partnership_retention() == told
        assert [m.to for m in mail.outbox] == [["koordynator@lublin.example.pl"]]
        assert "Zofia" not in mail.outbox[0].body  # no resident's data in it
        # and once the period is over, the members' data are erased
        LocalPartnership.objects.filter(pk=lublin_lp.pk).update(
            ended_on=today - datetime.timedelta(days=101),
            retention_notice_sent_on=today - datetime.timedelta(days=31),
        )
        assert erase_partnership_data_after_retention() == 1
    member.refresh_from_db()
    assert member.erased_at is not None and "Zofia" not in member.name

    # when the ministry publishes a new version of the information clause
    admin.goto(reverse("partnerships:clauses"))
    assert_accessible(admin)
    click_to_load(admin.get_by_role("link", name="Napisz nową wersję"))
    assert_accessible(admin)
    admin.locator("#id_controller").fill("Minister Funduszy i Polityki Regionalnej")
    admin.locator("#id_dpo_contact").fill("iod@mfipr.gov.pl")
    admin.locator("#id_purposes").fill("Prace Lokalnego Partnerstwa.")
    admin.locator("#id_retention").fill("Do końca Partnerstwa i 5 lat po nim.")
    admin.locator("#id_rights").fill(
        "Dostęp, sprostowanie, usunięcie, skarga do PUODO."
    )
    admin.locator("#id_valid_from").fill(str(today))
    click_to_load(admin.locator("button[name=step][value=preview]"))
    assert_accessible(admin)
    click_to_load(admin.locator("button[name=step][value=publish]"))
    assert_accessible(admin)
    newest = ConsentClause.objects.order_by("-valid_from", "-pk").first()
    assert newest is not None and newest.dpo_contact == "iod@mfipr.gov.pl"

    # then the next request to join, to Gdańsk's LP, records it
    gdansk_lp = _form_partnership(gdansk, network, "Partnerstwo Gdańsk Cyfrowy")
    _ask_to_join(browser, live_server, gdansk_lp, "Jan Portowy")
    request = JoinRequest.objects.get(partnership=gdansk_lp)
    assert request.consent_clause == newest


def _form_partnership(tab: Any, network: Network, name: str) -> LocalPartnership:
    tab.goto(reverse("portal:workspace", args=[network.slug]))
    click_to_load(tab.locator("a[href*='/partnerstwa/nowe/']"))
    assert_accessible(tab)
    tab.locator("#id_name").fill(name)
    tab.locator("#id_formula").select_option("open")
    tab.locator("#id_goals").fill("Miasto cyfrowe razem z mieszkańcami.")
    tab.locator("#id_is_public").check()
    click_to_load(tab.locator("main form button[type=submit]"))
    assert_accessible(tab)
    return LocalPartnership.objects.get(name=name)


def _ask_to_join(
    browser: Any, live_server: Any, partnership: LocalPartnership, name: str
) -> None:
    """A resident, without an account, asks to join through the public page."""
    resident = _tab(browser, live_server)
    resident.goto(reverse("partnerships:public", args=[partnership.pk]))
    assert_accessible(resident)
    resident.locator("#id_name").fill(name)
    resident.locator("#id_email").fill("mieszkaniec@example.pl")
    resident.locator("#id_sector").select_option("resident")
    resident.locator("#id_consent").check()
    click_to_load(resident.locator("main form button[type=submit]"))
    assert resident.locator(".message-success").is_visible()
    resident.context.close()
