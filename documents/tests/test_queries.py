"""Query budgets: the document pages run the same number of queries whatever the
number of sections, comments, versions or documents, and never more than the budget;
and what the MID page writes out by hand to stay fast still matches its forms."""

from collections.abc import Callable

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.test.html import parse_html
from django.urls import reverse
from django.utils import translation

from core.listing import PAGE_SIZE
from documents.forms import CommentForm
from documents.models import Comment, Document, Kind, Section, SectionTemplate, State
from documents.page_sections import sections_changed
from documents.services import (
    comment_add,
    document_version_create,
    section_template_add,
)
from documents.tests.builders import add_action, gdynia_mid, section, write
from organisations.models import Organisation
from tests.support.queries import PAGE_QUERY_BUDGET, queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _grow(world: World, mid: Document, *, comments: int, versions: int) -> None:
    officer = world.user("city_officer")
    sections = list(Section.objects.filter(document=mid))
    Comment.objects.bulk_create(
        Comment(
            document=mid,
            section=sections[n % len(sections)],
            body=f"Uwaga {n}",
            author=world.user("expert"),
        )
        for n in range(comments)
    )
    for number in range(versions):
        document_version_create(document=mid, actor=officer, note=f"v{number}")


def _client(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _forgetting_sections(document: Document, capture) -> Callable[[], None]:  # type: ignore[no-untyped-def]
    """For `queries_for(before=…)`: a visit that finds the document's sections not
    cached (the session and everything else warm)."""

    def forget() -> None:
        with capture(execute=True):
            sections_changed(document.pk)

    return forget


def test_the_document_page_does_not_grow_with_sections_comments_and_versions(
    world: World, django_capture_on_commit_callbacks
) -> None:
    # given Gdynia's MID with 13 sections, 2 comments, 1 version and an action
    mid = gdynia_mid(world)
    officer = world.user("city_officer")
    add_action(mid, officer)
    comment_add(section=section(mid, "challenge"), body="Uwaga", actor=officer)
    _grow(world, mid, comments=1, versions=1)
    url = reverse("documents:detail", args=[mid.pk])
    # (a first visit reads and renders the sections; the next ones find them cached)
    first = _forgetting_sections(mid, django_capture_on_commit_callbacks)
    small = queries_for(_client(world, "city_officer"), url, before=first)
    small_cached = queries_for(_client(world, "city_officer"), url)

    # when it has 15 sections (all written), 50 comments and 30 versions
    for key in ("budzet", "ewaluacja"):
        section_template_add(
            edition=world.network.edition,
            kind=Kind.MID,
            values={
                "key": key,
                "position": 20,
                "name_pl": key,
                "content": SectionTemplate.Content.RICH_TEXT,
            },
            actor=world.user("ministry_staff"),
        )
    for target in Section.objects.filter(
        document=mid, template__content=SectionTemplate.Content.RICH_TEXT
    ).select_related("template"):
        write(mid, target.template.key, f"<p>{target.template.key}</p>", officer)
    add_action(mid, officer, "Drugie działanie")
    _grow(world, mid, comments=48, versions=29)
    assert mid.sections.count() == 15
    assert mid.comments.count() == 50
    assert mid.versions.count() == 30
    large = queries_for(_client(world, "city_officer"), url, before=first)
    large_cached = queries_for(_client(world, "city_officer"), url)

    # then the page costs the same, within the budget, and less once cached
    assert (large, large_cached) == (small, small_cached)
    assert small_cached < small <= PAGE_QUERY_BUDGET
    # and so it does for the expert and the ministry, who are not the city's people
    for role in ("expert", "ministry_staff"):
        client = _client(world, role)
        assert queries_for(client, url, before=first) <= PAGE_QUERY_BUDGET, role
        assert queries_for(client, url) < PAGE_QUERY_BUDGET, role
    # and so do the versions list and the comparison of the newest two
    versions_url = reverse("documents:versions", args=[mid.pk])
    assert queries_for(_client(world, "expert"), versions_url) <= small


def test_the_review_queue_does_not_grow_with_documents(world: World) -> None:
    client = _client(world, "expert")
    url = reverse("documents:queue")

    def waiting(count: int) -> None:
        cities = Organisation.objects.bulk_create(
            Organisation(name=f"Miasto {n}", slug=f"miasto-{count}-{n}")
            for n in range(count)
        )
        Document.objects.bulk_create(
            Document(
                kind=Kind.MID,
                network=world.network,
                organisation=city,
                state=State.IN_REVIEW,
            )
            for city in cities
        )

    waiting(2)
    small = queries_for(client, url)
    waiting(58)
    large = queries_for(client, url)
    assert Document.objects.filter(state=State.IN_REVIEW).count() == 60
    assert large == small
    assert small <= PAGE_QUERY_BUDGET
    # and a long queue comes in pages, the total in the caption
    page = client.get(url).content.decode()
    assert page.count('<th scope="row">') == PAGE_SIZE
    assert "60 dokumentów" in page
    assert 'rel="next"' in page
    last = (60 - 1) // PAGE_SIZE + 1
    rows = client.get(url, {"page": last}).content.decode().count('<th scope="row">')
    assert rows == 60 - (last - 1) * PAGE_SIZE


def test_the_blank_comment_forms_written_out_match_the_comment_form(
    world: World,
) -> None:
    # given Gdynia's MID, whose page writes out each section's blank comment form
    mid = gdynia_mid(world)
    target = section(mid, "challenge")
    page = parse_html(
        _client(world, "city_officer")
        .get(reverse("documents:detail", args=[mid.pk]))
        .content.decode()
    )

    # when the section's CommentForm is rendered the usual way
    with translation.override("pl"):
        fields = parse_html(
            render_to_string(
                "_form.html", {"form": CommentForm(auto_id=f"s{target.pk}_%s")}
            )
        )

    # then the page shows exactly those fields, with what the asterisk means
    legend, *field_rows = fields.children
    assert len(field_rows) == len(CommentForm.base_fields)
    for field in field_rows:
        assert page.count(field) == 1, field
    # (the legend is the same in every form of the page that has a required field)
    assert page.count(legend) >= 1, legend
