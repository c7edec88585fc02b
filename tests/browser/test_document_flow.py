"""The network's documents in Chromium, the whole chain: the lead city drafts the
Network Sheet with a partner (submitting waits until every required section is
written: the review panel names the ones still empty), the expert requests changes
with a section comment, the lead fixes it and the expert approves, the ministry
accepts and publishes; a partner city writes its MID with three actions and the
expert approves it; the Improvement Plan cites two cities' MID sections; the public
sees only the published Sheet. axe on every page of the flow, the editor and the
comparison included."""

from typing import Any

import pytest
from django.urls import reverse

from documents.models import Document, Kind, Section, State
from documents.tests.builders import complete
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, log_in, signed_in_tab
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _section(document: Document, key: str) -> Section:
    return Section.objects.get(document=document, template__key=key)


def _write(tab: Any, document: Document, key: str, text: str) -> None:
    """Opens a section's editor, types `text` at its end and saves."""
    section = _section(document, key)
    tab.goto(reverse("documents:section_edit", args=[document.pk, section.pk]))
    tab.locator(".rich-editor-area").click()
    tab.keyboard.press("Control+End")
    tab.keyboard.type(text)
    assert_accessible(tab)
    tab.locator("form.editor-form button[type=submit]").click()
    tab.wait_for_url(f"**{document.get_absolute_url()}#sekcja-*")


def _step(tab: Any, document: Document, step: str, comment: str = "") -> None:
    tab.goto(document.get_absolute_url())
    # The review panel: one comment, a button per step.
    button = tab.locator(f"button[formaction$='/krok/{step}/']")
    form = tab.locator("form.step-form")
    if comment:
        if not form.locator("textarea").is_visible():
            form.locator("details:not(.confirm) > summary").click()
        form.locator("textarea").fill(comment)
    if not button.is_visible():  # a step that cannot be undone asks first
        form.locator("details.confirm", has=button).locator("summary").click()
    click_to_load(button)
    assert tab.locator(".message-success").is_visible()


def _start(tab: Any, kind: str, organisation: str = "") -> Document:
    tab.goto(reverse("portal:workspace", args=["rewitalizacja"]))
    selector = f"form[action$='/dokumenty/rozpocznij/']:has(input[value='{kind}'])"
    if organisation:
        selector += f":has(input[value='{organisation}'])"
    tab.locator(selector).locator("button").click()
    tab.wait_for_url("**/dokumenty/*/")
    assert_accessible(tab)
    return Document.objects.get(pk=int(tab.url.rstrip("/").split("/")[-1]))


def _add_action(tab: Any, mid: Document, number: int) -> None:
    tab.goto(mid.get_absolute_url())
    click_to_load(tab.locator("a[href$='/pozycje/nowa/']"))
    tab.locator("#id_title").fill(f"Działanie {number}: zielone podwórka")
    tab.locator("#id_owner").fill("Wydział Rewitalizacji")
    tab.locator("#id_starts_on").fill("2027-03-01")
    tab.locator("#id_ends_on").fill("2027-10-31")
    tab.locator("#id_cost").fill("120000")
    tab.locator("#id_wskazniki-0-name").fill("Powierzchnia zieleni")
    tab.locator("#id_wskazniki-0-unit").fill("m²")
    tab.locator("#id_wskazniki-0-baseline").fill("100")
    tab.locator("#id_wskazniki-0-target").fill("800")
    if number == 1:  # a mistake first: the end before the start
        tab.locator("#id_ends_on").fill("2027-01-01")
        click_to_load(tab.locator("main form button[type=submit]"))
        assert tab.locator("#id_ends_on_errors").is_visible()
        assert tab.locator("#id_title").input_value() == "Działanie 1: zielone podwórka"
        assert_accessible(tab)
        tab.locator("#id_ends_on").fill("2027-10-31")
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url(f"**{mid.get_absolute_url()}#sekcja-*")


def test_the_whole_chain_from_network_sheet_to_improvement_plan(
    browser: Any, live_server: Any, world: World
) -> None:
    # given the lead city's coordinator on the network's workspace
    lead = signed_in_tab(browser, live_server, "lead_coordinator@example.pl")
    lead.goto(reverse("portal:workspace", args=["rewitalizacja"]))
    assert_accessible(lead)
    # when the lead starts the Sheet and writes with a partner city
    sheet = _start(lead, Kind.SHEET)
    _write(lead, sheet, "problems", "Pustostany i wykluczenie w śródmieściach.")
    partner = signed_in_tab(browser, live_server, "city_officer@example.pl")
    _write(partner, sheet, "goals", "Wspólna metoda rewitalizacji z mieszkańcami.")
    lead.goto(sheet.get_absolute_url())
    assert "Wspólna metoda rewitalizacji" in lead.locator("main").inner_text()
    # the Sheet cannot be submitted yet: the review panel names each required
    # section still empty, with a link to it, instead of the step
    refusal = lead.locator("#step-refusal")
    assert "„Ryzyka”" in refusal.inner_text()
    assert "„Cele i oczekiwane produkty”" not in refusal.inner_text()
    assert lead.locator("button[formaction$='/krok/submit/']").count() == 0
    assert_accessible(lead)
    click_to_load(refusal.locator("a", has_text="Ryzyka"))
    assert lead.url.endswith(f"#sekcja-{_section(sheet, 'risks').pk}")
    # once the rest is written (the schedule too), the lead submits it
    complete(sheet, world.user("lead_coordinator"))
    _step(lead, sheet, "submit")

    # then the expert finds it in the queue, comments on a section, asks for changes
    expert = signed_in_tab(browser, live_server, "expert@example.pl")
    expert.goto(reverse("documents:queue"))
    assert_accessible(expert)
    click_to_load(expert.locator(f"a[href='{sheet.get_absolute_url()}']"))
    assert_accessible(expert)
    problems = _section(sheet, "problems")
    block = expert.locator(f"#sekcja-{problems.pk}")
    block.locator(".comments > details > summary").click()
    block.locator(f"#s{problems.pk}_quote").fill("Pustostany")
    block.locator(f"#s{problems.pk}_body").fill("Dodajcie dane o liczbie pustostanów.")
    click_to_load(block.locator(".comments > details button[type=submit]"))
    assert "Dodajcie dane" in expert.locator(f"#sekcja-{problems.pk}").inner_text()
    assert_accessible(expert)
    _step(expert, sheet, "request_changes", "Proszę uzupełnić dane w sekcji 1.")

    # and the lead fixes the section, resolves the thread and submits again
    _write(lead, sheet, "problems", " W 2026 r. 1240 pustostanów.")
    lead.goto(sheet.get_absolute_url())
    click_to_load(
        lead.locator(f"#sekcja-{problems.pk} form[action*='/rozwiaz/'] button")
    )
    assert lead.locator(f"#sekcja-{problems.pk} .thread.resolved").count() == 1
    _step(lead, sheet, "submit")
    # the comparison of the two submitted versions shows the words added
    lead.goto(reverse("documents:compare", args=[sheet.pk]) + "?od=1&do=2")
    assert "1240" in " ".join(lead.locator("ins").all_inner_texts())
    assert_accessible(lead)
    lead.goto(reverse("documents:versions", args=[sheet.pk]))
    assert_accessible(lead)
    _step(expert, sheet, "approve")

    # when the ministry accepts and publishes it
    ministry_context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    ministry = ministry_context.new_page()
    log_in(ministry, "ministry_staff@example.pl", world.totp_secrets["ministry_staff"])
    ministry.goto(reverse("documents:queue"))
    assert_accessible(ministry)
    _step(ministry, sheet, "accept")
    _step(ministry, sheet, "publish")
    assert Document.objects.get(pk=sheet.pk).state == State.PUBLISHED

    # then Gdynia writes its MID with three actions, and the expert approves it
    coordinator = signed_in_tab(browser, live_server, "city_coordinator@example.pl")
    mid = _start(coordinator, Kind.MID, "gdynia")
    _write(coordinator, mid, "challenge", "Ożywienie Śródmieścia Gdyni.")
    _write(coordinator, mid, "barriers", "Brak podstawy prawnej najmu społecznego.")
    for number in (1, 2, 3):
        _add_action(coordinator, mid, number)
    coordinator.goto(mid.get_absolute_url())
    assert coordinator.locator("table.records tbody tr").count() == 3
    assert_accessible(coordinator)
    complete(mid, world.user("city_coordinator"))  # the other required sections
    _step(coordinator, mid, "submit")
    _step(expert, mid, "approve")

    # and the lead's own MID cites the same barrier
    katowice_mid = _start(lead, Kind.MID, "katowice")
    _write(lead, katowice_mid, "barriers", "Bariery w ustawie o rewitalizacji.")

    # when the expert adds a recommendation to the Improvement Plan citing both
    plan = _start(expert, Kind.PLAN)
    recommendations = _section(plan, "recommendations")
    expert.goto(reverse("documents:record_add", args=[plan.pk, recommendations.pk]))
    assert_accessible(expert)
    expert.locator("#id_title").fill("Najem społeczny w ustawie o rewitalizacji")
    expert.locator("#id_barrier").fill("Brak podstawy prawnej.")
    for cited in (_section(mid, "barriers"), _section(katowice_mid, "barriers")):
        expert.locator(f"input[name=evidence][value='{cited.pk}']").check()
    expert.locator("#id_proposed_change").fill("Nowelizacja ustawy.")
    expert.locator("#id_change_type").select_option("legal")
    expert.locator("#id_addressee").fill("Ministerstwo")
    expert.locator("#id_priority").select_option("high")
    expert.locator("#id_expected_impact").fill("Więcej mieszkań w centrach.")
    expert.locator("main form button[type=submit]").click()
    expert.wait_for_url(f"**{plan.get_absolute_url()}#sekcja-*")
    text = expert.locator(f"#sekcja-{recommendations.pk}").inner_text()
    assert "Gdynia" in text and "Katowice" in text
    # and Gdynia's MID shows the recommendation that cites its barriers section
    coordinator.goto(mid.get_absolute_url())
    barriers = coordinator.locator(f"#sekcja-{_section(mid, 'barriers').pk}")
    assert "Najem społeczny" in barriers.inner_text()

    # then the public sees the published Sheet only
    public = browser.new_context(base_url=live_server.url, locale="pl-PL").new_page()
    public.goto(reverse("documents:public_network", args=["rewitalizacja"]))
    assert_accessible(public)
    links = public.locator("main ul a")
    assert links.count() == 1
    click_to_load(links.first)
    assert "1240 pustostanów" in public.locator("main").inner_text()
    assert_accessible(public)
    public.goto(mid.get_absolute_url())
    assert "/konto/" in public.url  # drafts ask for a login
    response = public.goto(reverse("documents:public", args=[mid.pk]))
    assert response is not None and response.status == 404
