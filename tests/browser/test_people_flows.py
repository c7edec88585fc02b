"""People management in Chromium: the invitation flow end to end, and the
ministry's pages behind two-factor authentication. axe on every page."""

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse

from tests.support.axe import assert_accessible
from tests.support.browser import PASSWORD, click_to_load, log_in
from tests.support.world import World, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_invites_an_officer_who_joins_and_sees_only_their_city(
    page: Any, browser: Any, live_server: Any, world: World
) -> None:
    # given the coordinator of Gdynia on their people page
    log_in(page, "city_coordinator@example.pl")
    page.goto(reverse("organisations:detail", args=["gdynia"]))
    click_to_load(page.get_by_role("link", name="Osoby").first)
    assert_accessible(page)
    # when they invite a new officer, first with a mistyped address
    click_to_load(page.get_by_role("link", name="Zaproś osobę"))
    assert_accessible(page)
    page.get_by_label("Adres e-mail").fill("anna.nowak@example")
    click_to_load(page.locator("main form").get_by_role("button"))
    assert page.locator("#id_email_errors").is_visible()
    assert_accessible(page)
    page.get_by_label("Adres e-mail").fill("anna.nowak@example.pl")
    page.get_by_label("Imię i nazwisko").fill("Anna Nowak")
    click_to_load(page.locator("main form").get_by_role("button"))
    # then the invitation is pending and an e-mail went out
    assert "anna.nowak@example.pl" in page.locator("main").inner_text()
    assert_accessible(page)
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/zaproszenie/" in line
    )
    path = link[link.index("/zaproszenie/") :].strip()

    # when the officer opens the link in their own browser and sets a password
    officer = browser.new_context(base_url=live_server.url, locale="pl-PL")
    tab = officer.new_page()
    tab.goto(path)
    assert_accessible(tab)
    tab.locator("#id_password").fill("Rewitalizacja-2026!")
    tab.get_by_label("Hasło (powtórz)").fill("Rewitalizacja-2026?")
    click_to_load(tab.locator("main form").get_by_role("button"))
    assert tab.locator("#id_password_again_errors").is_visible()
    assert tab.get_by_label("Imię i nazwisko").input_value() == "Anna Nowak"
    assert_accessible(tab)
    tab.locator("#id_password").fill("Rewitalizacja-2026!")
    tab.get_by_label("Hasło (powtórz)").fill("Rewitalizacja-2026!")
    tab.locator("main form").get_by_role("button").click()
    tab.wait_for_url("**" + reverse("portal:dashboard"))
    # then they see their organisation's private pages and nothing of another city
    assert "Gdynia" in tab.locator("main").inner_text()
    tab.goto(reverse("organisations:people", args=["gdynia"]))
    assert "Anna Nowak" in tab.locator("main").inner_text()
    response = tab.goto(reverse("organisations:people", args=["katowice"]))
    assert response.status == 404
    officer.close()

    # and the coordinator sees them as an active officer
    page.reload()
    assert "Anna Nowak" in page.locator("main table").first.inner_text()


def test_ministry_admin_assigns_an_expert_and_reads_the_audit_log(
    page: Any, world: World
) -> None:
    # given the ministry admin, logged in with a TOTP code
    log_in(
        page,
        "ministry_admin@example.pl",
        world.totp_secrets["ministry_admin"],
        on_totp_page=assert_accessible,
    )
    # when they assign an expert to Air quality
    page.goto(reverse("networks:detail", args=["jakosc-powietrza"]))
    click_to_load(page.get_by_role("link", name="Zarządzaj ekspertami"))
    assert_accessible(page)
    page.get_by_label("Adres e-mail eksperta").fill("expert@example.pl")
    click_to_load(page.locator("main form").last.get_by_role("button"))
    assert "expert@example.pl" in page.locator("main table").inner_text()
    assert_accessible(page)
    # then the audit log shows it
    page.goto(reverse("audit:log"))
    assert_accessible(page)
    assert "expert@example.pl" in page.locator("main table").inner_text()
    # and the people page of any city is open to them
    page.goto(reverse("organisations:people", args=["katowice"]))
    assert_accessible(page)


def test_new_ministry_account_sets_up_totp_before_anything_else(
    page: Any, world: World
) -> None:
    # given a ministry admin whose authenticator was removed
    Authenticator.objects.filter(user=world.user("ministry_admin")).delete()
    # when they log in, they are taken to set up TOTP at once (the password they
    # have just typed is not asked for again)
    log_in_without_landing(page, "ministry_admin@example.pl")
    page.wait_for_url("**" + reverse("mfa_activate_totp"))
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code(secret))
    click_to_load(page.locator("main form button[type=submit]").first)
    # then the portal opens to them
    page.goto(reverse("audit:log"))
    assert page.url.endswith(reverse("audit:log"))
    assert Authenticator.objects.filter(user=world.user("ministry_admin")).exists()


def log_in_without_landing(page: Any, email: str) -> None:
    page.goto(reverse("account_login"))
    page.get_by_label("Adres e-mail").fill(email)
    page.get_by_label("Hasło").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Zaloguj się").click()
