"""No page and no download shows a raw choice code ("city_county", "in_review",
"local_partnership") where a person expects a word: every page of the permission
matrix, as each role that may see it, and every export it lists (CSV, XLSX, ICS,
JSON), over a world with data in every state (tests/support/every_state.py).

The codes come from every model field with choices (tests/support/plain_words.py),
so a new choice is checked the day it is added; the pages are read in Polish, the
portal's default, where an English code is never an ordinary word."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import translation

from tests.support.every_state import build_every_state
from tests.support.plain_words import (
    ALLOWED,
    choice_codes,
    code_pattern,
    raw_codes_in,
    shown_text,
    visible_text,
)
from tests.support.world import ROLES, World
from tests.test_permission_matrix import MATRIX

pytestmark = pytest.mark.django_db


def test_the_codes_are_collected_from_every_choice_field() -> None:
    # given the portal's models, when their choice codes are collected
    codes = choice_codes()
    # then they include the codes of the issue, each with the fields holding it
    assert "organisations.Organisation.kind" in codes["city_county"]
    assert "partnerships.PartnershipMember.sector" in codes["resident"]
    assert "documents.Document.state" in codes["published"]
    assert "meetings.Meeting.kind" in codes["local_partnership"]
    # and every allowed code is a real code with a reason
    assert set(ALLOWED) <= set(codes)
    assert all(reason.strip() for reason in ALLOWED.values())


def test_the_scan_finds_a_code_in_text_but_not_in_attributes() -> None:
    # given a page with codes in attributes, an input, a URL and one in its text
    page = (
        '<p class="in_review"><a href="/x?kind=city_county">Miasto</a>'
        '<input value="urban_gmina"> https://example.pl/published '
        "<textarea>draft</textarea> Stan: in_review</p>"
    )
    # when it is scanned
    found = raw_codes_in(visible_text(page), code_pattern(choice_codes()))
    # then only the code a person reads is found
    assert len(found) == 1 and "in_review" in found[0]


def test_no_page_or_download_of_the_matrix_shows_a_raw_code(world: World) -> None:
    # given the world with data in every state, named in Polish words (whatever
    # language an earlier test of this worker left active)
    with translation.override("pl"):
        _scan_every_page(world)


def _scan_every_page(world: World) -> None:
    build_every_state(world)
    pattern = code_pattern(choice_codes())
    found: dict[str, list[str]] = {}  # each code in its words: where it was seen
    unexpected: dict[tuple[str, str], int] = {}
    read = 0
    # when every page and download of the matrix is read by each role that may
    for name in sorted(MATRIX):
        for case in MATRIX[name]:
            if case.method != "get":
                continue
            savepoint = transaction.savepoint()
            try:
                # the case's data named in Polish words, whatever language the
                # last page read left active in this thread
                with translation.override("pl"):
                    url = case.url(world)
                for role in ROLES:
                    if case.expect[role] != 200:
                        continue
                    client = Client()
                    user = world.users[role]
                    if user is not None:
                        client.force_login(user)
                    response = getattr(client, case.method)(
                        url, case.data, **case.environ
                    )
                    if response.status_code != 200:
                        unexpected[(url, role)] = response.status_code
                        continue
                    text = shown_text(response)
                    if text is None:
                        continue
                    read += 1
                    for words in raw_codes_in(text, pattern):
                        found.setdefault(" ".join(words.split()), []).append(
                            f"{url} as {role}"
                        )
            finally:
                transaction.savepoint_rollback(savepoint)
                cache.clear()  # page parts of the rolled-back data go too
    # then none shows a raw code
    assert read > 150
    assert not unexpected, f"pages that did not answer 200: {unexpected}"
    assert not found, "raw codes shown:\n" + "\n".join(
        f"«{words}» on {len(where)} pages, e.g. {where[0]}"
        for words, where in found.items()
    )


def test_the_scan_reads_polish_text_but_not_text_marked_as_english() -> None:
    # given a page with an English version of a text (lang="en"), nested elements
    # of the same kind inside it, and a code in the Polish text after it
    page = (
        '<section lang="en"><section><p>Every network city</p></section>'
        "<p>draft</p></section><p>Stan: in_review</p>"
    )
    # when it is scanned
    found = raw_codes_in(visible_text(page), code_pattern(choice_codes()))
    # then only the code in the Polish text is found
    assert len(found) == 1 and "in_review" in found[0]
