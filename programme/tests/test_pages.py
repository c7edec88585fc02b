"""The programme's pages: versions, drafts, the public page, the editors'
preview and refusals, sanitised text."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import InternalError, transaction
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from core.errors import DomainError
from programme.models import Page, PageVersion
from programme.services import PageText, StaleVersion, page_create, page_version_save
from programme.tests.factories import faq_question, news_item, page_save, single_page
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _login(client: Client, world: World, role: str) -> Client:
    client.force_login(world.user(role))
    return client


def test_a_fresh_install_has_every_programme_page_published(
    client: Client, db: None
) -> None:
    # given a fresh database (migration 0003 seeded the pages)
    # when anyone opens each page / then it is there, in Polish
    about = client.get(reverse("programme:about")).content.decode()
    assert "Cele szczegółowe" in about and "Plan Ulepszeń" in about
    assert "cookies" in client.get(reverse("programme:privacy")).content.decode()
    assert "sieć tematyczna" in client.get(reverse("programme:faq")).content.decode()
    news = client.get(reverse("programme:news")).content.decode()
    assert "Portal Partnerskiej Inicjatywy Miast" in news


def test_every_page_links_the_programme_pages_in_its_footer(client: Client) -> None:
    # given the home page / when anyone opens it
    html = client.get(reverse("portal:home")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    # then its footer links about, the declaration, privacy, the FAQ and the news
    for name in ("about", "accessibility", "privacy", "faq", "news"):
        assert f'href="{reverse(f"programme:{name}")}"' in footer, name


def test_a_published_save_replaces_the_public_text_and_a_draft_does_not(
    world: World, client: Client
) -> None:
    # given the seeded about page, and a published version 2
    about = single_page(Page.Kind.ABOUT)
    page_save(world, about, title="O programie", body="<p>Tekst drugi</p>")

    # when a draft version 3 is saved
    draft = page_save(
        world, about, publish=False, title="O programie", body="<p>Szkic trzeci</p>"
    )

    # then the public sees version 2
    html = client.get(reverse("programme:about")).content.decode()
    assert "Tekst drugi" in html and "Szkic trzeci" not in html
    # and every version stays, each viewable by the ministry
    assert list(about.versions.values_list("number", flat=True)) == [3, 2, 1]
    staff = _login(Client(), world, "ministry_staff")
    old = staff.get(reverse("programme:page_version", args=[about.pk, 2]))
    assert "Tekst drugi" in old.content.decode()
    assert draft.number == 3


def test_a_save_based_on_an_older_version_is_refused(world: World) -> None:
    # given the about page, saved meanwhile by someone else (version 2)
    about = single_page(Page.Kind.ABOUT)
    page_save(world, about)

    # when an editor opened on version 1 saves
    with pytest.raises(StaleVersion):
        page_version_save(
            page=about,
            text=PageText(title="Stary", body="<p>x</p>"),
            publish=True,
            expected_revision=1,
            actor=world.user("ministry_admin"),
        )

    # then nothing is saved over the newer version
    assert about.versions.count() == 2


def test_ministry_staff_may_read_versions_but_never_save(world: World) -> None:
    # given the ministry staff
    about = single_page(Page.Kind.ABOUT)
    # when they try to save / then the service refuses, and nothing is written
    with pytest.raises(PermissionDenied):
        page_version_save(
            page=about,
            text=PageText(title="T", body="<p>x</p>"),
            publish=True,
            expected_revision=1,
            actor=world.user("ministry_staff"),
        )
    with pytest.raises(PermissionDenied):
        page_create(
            kind=Page.Kind.NEWS,
            text=PageText(title="T", body="<p>x</p>"),
            publish=True,
            actor=world.user("ministry_staff"),
        )
    assert about.versions.count() == 1


def test_a_page_cannot_be_published_without_content(world: World) -> None:
    with pytest.raises(DomainError):
        page_save(world, single_page(Page.Kind.PRIVACY), body="<p> </p>")


def test_hostile_text_is_stored_sanitised_and_shown_escaped(
    world: World, client: Client
) -> None:
    # given a news item typed with a script, an event handler and a javascript link
    version = news_item(
        world,
        title='<img src=x onerror="alert(1)">Nabór',
        body=(
            '<p onclick="alert(2)">Treść<script>alert(3)</script>'
            '<a href="javascript:alert(4)">link</a></p>'
        ),
    )

    # then only the safe subset is stored
    assert "script" not in version.body and "onclick" not in version.body
    assert "javascript" not in version.body
    # and every page and feed shows the title as text
    for url in (
        version.page.get_absolute_url(),
        reverse("programme:news"),
        reverse("programme:news_rss"),
        reverse("programme:news_atom"),
    ):
        content = client.get(url).content.decode()
        assert "<img src=x" not in content, url
        assert "<script>alert" not in content, url


def test_text_stored_raw_past_the_service_is_sanitised_on_the_page(
    world: World, client: Client
) -> None:
    # given a version written straight into the table, with a script
    about = single_page(Page.Kind.ABOUT)
    PageVersion.objects.create(
        page=about,
        number=2,
        title="O programie",
        body="<p>Dobry</p><script>alert(1)</script><img src=x onerror=alert(2)>",
        is_published=True,
    )
    # when it is shown / then only what the sanitiser keeps reaches the page
    html = client.get(reverse("programme:about")).content.decode()
    assert "Dobry" in html
    assert "alert(1)" not in html and "onerror" not in html


def test_versions_are_append_only_in_the_database(world: World) -> None:
    version = single_page(Page.Kind.ABOUT).versions.get()
    with pytest.raises(InternalError), transaction.atomic():
        PageVersion.objects.filter(pk=version.pk).update(title="Przepisany")


def test_every_save_writes_an_audit_event(world: World) -> None:
    # when the ministry saves the about page, a question and a news item
    page_save(world, single_page(Page.Kind.ABOUT))
    faq_question(world)
    news_item(world, publish=False)
    # then each save is one audit event, saying which page and version
    events = AuditEvent.objects.filter(action=AuditEvent.Action.PROGRAMME_PAGE_SAVED)
    assert sorted((e.details["page"], e.details["version"]) for e in events) == [
        ("about", 2),
        ("faq", 1),
        ("news", 1),
    ]


def test_the_preview_shows_the_sanitised_text_without_saving(
    world: World,
) -> None:
    # given the ministry admin in the editor of the about page
    client = _login(Client(), world, "ministry_admin")
    about = single_page(Page.Kind.ABOUT)
    url = reverse("programme:page_edit", args=[about.pk])
    assert client.get(url).status_code == 200

    # when they press "Preview" with a text holding a script
    response = client.post(
        url,
        {
            "action": "preview",
            "revision": "1",
            "title": "O programie",
            "body": "<h2>Cele</h2><p>Nowe cele</p><script>alert(1)</script>",
            "title_en": "",
            "body_en": "",
        },
    )

    # then the text is shown as the public would see it, without the script
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Cele</h2>" in html and "<script>alert(1)" not in html
    # and nothing was saved
    assert about.versions.count() == 1


def test_publishing_from_the_editor_saves_a_new_version_and_shows_it(
    world: World,
) -> None:
    # given the ministry admin in the editor of a new news item
    client = _login(Client(), world, "ministry_admin")
    # when they press "Save and publish"
    response = client.post(
        reverse("programme:news_create"),
        {
            "action": "publish",
            "revision": "0",
            "title": "Nabór 2026",
            "body": "<p>Ruszył nabór.</p>",
            "title_en": "Call 2026",
            "body_en": "<p>The call is open.</p>",
        },
    )
    # then it is saved and the public sees it, under an address from its title
    page = Page.objects.get(kind=Page.Kind.NEWS, slug="nabor-2026")
    assert response.status_code == 302
    public = Client().get(page.get_absolute_url()).content.decode()
    assert "Ruszył nabór." in public
    # and in English for those who read the portal in English
    reader = Client()
    reader.cookies["django_language"] = "en"
    english = reader.get(page.get_absolute_url())
    assert "The call is open." in english.content.decode()


def test_a_news_item_never_takes_the_address_of_the_editor(world: World) -> None:
    version = news_item(world, title="Nowa")
    assert version.page.slug != "nowa"


def test_the_feeds_list_published_news_but_not_drafts(
    world: World, client: Client
) -> None:
    # given a published news item and a draft
    news_item(world, title="Opublikowana wiadomość")
    news_item(world, title="Szkic wiadomości", publish=False)
    # when the feeds are read
    rss = client.get(reverse("programme:news_rss"))
    atom = client.get(reverse("programme:news_atom"))
    # then both are feeds listing the published item only
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for feed in (rss, atom):
        body = feed.content.decode()
        assert "Opublikowana wiadomość" in body and "Szkic wiadomości" not in body


def test_the_faq_lists_published_questions(world: World, client: Client) -> None:
    faq_question(world, title="Pytanie opublikowane")
    faq_question(world, title="Pytanie w szkicu", publish=False)
    html = client.get(reverse("programme:faq")).content.decode()
    assert "Pytanie opublikowane" in html and "Pytanie w szkicu" not in html


@pytest.mark.parametrize("role", ["ministry_admin", "ministry_staff"])
def test_the_ministry_list_offers_editing_only_to_the_admin(
    world: World, role: str
) -> None:
    client = _login(Client(), world, role)
    html = client.get(reverse("programme:manage")).content.decode()
    about = single_page(Page.Kind.ABOUT)
    editing = reverse("programme:page_edit", args=[about.pk])
    assert (editing in html) == (role == "ministry_admin")
    assert reverse("programme:page_versions", args=[about.pk]) in html


def test_a_withdrawn_news_item_leaves_the_public_pages_until_published_again(
    world: World, client: Client
) -> None:
    # given a published news item
    version = news_item(world, title="Spotkanie w Gdyni")
    page = version.page

    # when the ministry withdraws it
    page_version_save(
        page=page,
        text=PageText(title="Spotkanie w Gdyni", body="<p>Odwołane.</p>"),
        publish=False,
        withdraw=True,
        expected_revision=1,
        actor=world.user("ministry_admin"),
    )

    # then the public no longer finds it, in the list, the feeds or at its address
    assert client.get(page.get_absolute_url()).status_code == 404
    for name in ("programme:news", "programme:news_rss", "programme:news_atom"):
        assert "Spotkanie w Gdyni" not in client.get(reverse(name)).content.decode()
    # and the audit log says so
    event = AuditEvent.objects.filter(
        action=AuditEvent.Action.PROGRAMME_PAGE_SAVED
    ).latest("pk")
    assert event.details["withdrawn"] is True

    # when a version is published again / then it is back
    page_save(world, page, title="Spotkanie w Gdyni", body="<p>Nowy termin.</p>")
    assert "Nowy termin." in client.get(page.get_absolute_url()).content.decode()


def test_the_about_page_cannot_be_withdrawn(world: World) -> None:
    about = single_page(Page.Kind.ABOUT)
    with pytest.raises(DomainError):
        page_version_save(
            page=about,
            text=PageText(title="O programie", body="<p>x</p>"),
            publish=False,
            withdraw=True,
            expected_revision=1,
            actor=world.user("ministry_admin"),
        )
    assert about.versions.count() == 1


def test_the_editor_offers_withdrawal_only_for_a_public_question_or_news_item(
    world: World,
) -> None:
    client = _login(Client(), world, "ministry_admin")
    question = faq_question(world).page
    about = single_page(Page.Kind.ABOUT)
    withdraw = 'value="withdraw"'
    for page, offered in ((question, True), (about, False)):
        html = client.get(reverse("programme:page_edit", args=[page.pk])).content
        assert (withdraw in html.decode()) == offered


@pytest.mark.parametrize(
    ("role", "linked"),
    [("ministry_admin", True), ("ministry_staff", True), ("city_coordinator", False)],
)
def test_my_portal_links_the_programme_pages_for_the_ministry(
    world: World, role: str, linked: bool
) -> None:
    client = _login(Client(), world, role)
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert (f'href="{reverse("programme:manage")}"' in html) == linked


@pytest.mark.parametrize("feed", ["programme:news_rss", "programme:news_atom"])
def test_a_control_character_typed_into_a_news_item_does_not_break_the_feeds(
    world: World, client: Client, feed: str
) -> None:
    # given a news item whose title and text carry characters XML cannot hold
    # (pasted from another program: a vertical tab, an escape)
    news_item(world, title="Nabór\x0b 2026\x1b", body="<p>Treść\x0b naboru\x1b</p>")
    # when the feed is read
    response = client.get(reverse(feed))
    # then it is a feed with the item, the characters left out
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nabór 2026" in body and "\x0b" not in body and "\x1b" not in body
