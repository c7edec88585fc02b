"""What the hostile-input crawler (tests/browser/test_hostile_input.py) types, and
how it tells that a hostile value came back out unescaped.

Every payload carries a marker made from a number K unique to the field it was typed
into: `<b data-pwn=K>` in text, `<svg/onload=window.__pwned(K)>` where spaces are
not allowed (e-mail addresses, links). A marker found raw in a page's source
(not as `&lt;b data-pwn=`) is a stored or reflected injection; a call of
`window.__pwned` or a dialog in Chromium is script execution.

This module holds no browser code: the payloads, the checks of served text,
spreadsheets, e-mails and print HTML, and the crawl plan read from the permission
matrix. The browser side is tests/support/hostile_browser.py.
"""

import csv
import datetime
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.urls import resolve
from openpyxl import load_workbook

from documents.models import Document
from documents.tests import builders
from documents.tests.builders import PATH
from tests.support.matrix import Case
from tests.support.world import ROLES, World

# `PIM_HOSTILE_FULL=1`: every form is sent once per payload; otherwise each field
# gets one payload, rotated over the fields so the whole set is used in every run.
FULL = os.environ.get("PIM_HOSTILE_FULL") == "1"

Payload = Callable[[int], str]


def _tag(k: int) -> str:
    return f"<b data-pwn={k}>"


def _svg(k: int) -> str:
    return f"<svg/onload=window.__pwned({k})>"


PAYLOADS: dict[str, Payload] = {
    "script tag": lambda k: f"<script>window.__pwned({k})</script>{_tag(k)}",
    "event handler": lambda k: f'<img src=x onerror="window.__pwned({k})">{_tag(k)}',
    "attribute break": lambda k: f'"><svg onload=window.__pwned({k})>{_tag(k)}',
    "quote break": lambda k: f"'{_svg(k)}{_tag(k)} onmouseover=alert({k}) '",
    "svg script": lambda k: f"<svg><script>alert({k})</script></svg>{_tag(k)}",
    "javascript link": lambda k: f"javascript:window.__pwned({k})//{_tag(k)}",
    "sql": lambda k: f"'); DROP TABLE documents_document;--{_tag(k)}",
    "template": lambda k: f"{{{{ 7*7 }}}} {{% debug %}} {{{{ request }}}}{_tag(k)}",
    "broken unicode": lambda k: (
        f"\u202eevil\u202c \u200b\u200d\ufeff e\u0301\u0301\u0301\u0301 {_tag(k)}"
    ),
    "formula": lambda k: f'=HYPERLINK("https://zlo.example/","{_tag(k)}")',
    "plus formula": lambda k: f"+1+cmd|' /C calc'!A0 {_tag(k)}",
    "minus formula": lambda k: f"-2+3 {_tag(k)}",
    "at formula": lambda k: f"@SUM(1+9) {_tag(k)}",
    # PostgreSQL refuses NUL in text: the form must say so, not answer 500.
    "nul": lambda k: f"przed\x00po {_tag(k)}",
    # No field is that long: refused with a field error, or kept; never a 500.
    "100 kB": lambda k: _tag(k) + "A" * 100_000,
}
SHORT: Payload = _tag  # for fields too short for any payload
E_MAILS: tuple[Payload, ...] = (
    lambda k: f'"{_svg(k)}"@example.com',
    lambda k: f"pwn{k}@example.com",  # valid, so the form goes through
)
LINKS: tuple[Payload, ...] = (
    lambda k: f"javascript:window.__pwned({k})",
    lambda k: f'https://example.com/?q="{_svg(k)}',
)
FILE_NAME = '<img src=x onerror="window.__pwned({k})">{k}.{ext}'

# The source of a page must never contain these (`&lt;b data-pwn=` is fine).
RAW = re.compile(
    r"<b data-pwn=\d+|<svg/onload=window|<svg onload=window|"
    r"<img src=x onerror=|<script>window\.__pwned|<script>alert|"
    r"""href\s*=\s*["']?\s*javascript:""",
    re.IGNORECASE,
)
# A marker shown as text, as it should be: proof the values were stored and shown.
ESCAPED = re.compile(r"&lt;b data-pwn=(\d+)")
# Escaped twice: the person would read `&lt;` (a text e-mail autoescaped).
TWICE = re.compile(r"&amp;lt;b data-pwn=|&lt;b data-pwn=")
FORMULA_START = ("=", "+", "-", "@")


class Counter:
    """Hands out the markers: one number per field filled, never reused."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def payload_for(k: int) -> tuple[str, str]:
    """The payload (name, text) a field numbered k gets in the sampled crawl."""
    name = list(PAYLOADS)[k % len(PAYLOADS)]
    return name, PAYLOADS[name](k)


def raw_payloads(text: str) -> list[str]:
    """The unescaped payload markers in served text, with a little context."""
    return [
        text[max(0, found.start() - 60) : found.end() + 20]
        for found in RAW.finditer(text)
    ]


def formula_cells(content: bytes, content_type: str) -> list[str]:
    """Cells of a CSV or XLSX file a spreadsheet would run as a formula."""
    if "spreadsheetml" in content_type:
        book = load_workbook(io.BytesIO(content), read_only=True)
        cells: Iterator[object] = (
            cell
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    else:
        text = content.decode("utf-8-sig", errors="replace")
        cells = (cell for row in csv.reader(io.StringIO(text)) for cell in row)
    return [
        cell[:80]
        for cell in cells
        if isinstance(cell, str) and cell.startswith(FORMULA_START)
    ]


def mail_problems(message: EmailMessage) -> list[str]:
    """A raw marker in an e-mail's HTML, or an escaped one in its plain text (the
    subject and the text part are plain text: a name shown verbatim is right)."""
    problems = [f"text escaped: {hit}" for hit in TWICE.findall(str(message.body))]
    if isinstance(message, EmailMultiAlternatives):
        for content, mimetype in message.alternatives:
            if mimetype == "text/html":
                problems += [f"html: {hit}" for hit in raw_payloads(str(content))]
    return problems


@dataclass(frozen=True)
class Target:
    """A GET page of the matrix and the roles it answers 200."""

    name: str
    url: str
    roles: tuple[str, ...]


@dataclass
class Plan:
    """The pages to crawl, built one by one as the crawl reaches them (a page's
    objects are made just before it is crawled, in the state it needs)."""

    world: World
    cases: list[tuple[str, Case]]
    built: list[Target] = field(default_factory=list)
    unbuilt: dict[str, str] = field(default_factory=dict)  # name: why

    def targets(self) -> Iterator[Target]:
        for name, case in self.cases:
            try:
                url = case.url(self.world)
            except AssertionError as error:
                self.unbuilt[name] = f"its document is past the state it needs: {error}"
                continue
            roles = tuple(role for role in ROLES if case.expect[role] == 200)
            self.built.append(Target(name, url, roles))
            yield self.built[-1]


DOCUMENT_BUILDERS = {builders.network_sheet, builders.gdynia_mid, builders.advance}


def _progress() -> int:
    """How far the world's documents have moved along their workflow."""
    return sum(
        len(PATH[state]) for state in Document.objects.values_list("state", flat=True)
    )


def _rank(case: Case, world: World) -> int:
    """Where the case's page lies on the documents' one-way road: its URL is built
    in a transaction that is rolled back, to see the states it needs. (Only cases
    written with the documents' builders can move a document.)"""
    names = getattr(case.url, "__globals__", {}).values()
    if not {id(builder) for builder in DOCUMENT_BUILDERS} & {id(v) for v in names}:
        return 0
    try:
        with transaction.atomic():
            case.url(world)
            reached = _progress()
            transaction.set_rollback(True)
    except AssertionError:  # a builder that cannot reach its state from here
        return 10_000
    return reached


def crawl_plan(world: World, matrix: dict[str, list[Case]]) -> Plan:
    """Every GET page of the matrix that answers 200 to some role. Documents only
    move forward (draft, in review, published), so the pages come in the order of
    the states they need: a draft's pages before the published ones."""
    cases = [
        (name, case)
        for name, cases in matrix.items()
        for case in cases
        if case.method == "get" and 200 in case.expect.values()
    ]
    return Plan(world, sorted(cases, key=lambda pair: _rank(pair[1], world)))


def url_name(path: str) -> str:
    """`namespace:name` of a path of the portal ("" if it is none)."""
    try:
        match = resolve(path.split("?")[0])
    except Exception:
        return ""
    return match.view_name


class _Forms(HTMLParser):
    """The forms inside <main> that have a field a person types or chooses in."""

    FILLABLE = ("textarea", "select")
    NOT_TYPED = ("hidden", "submit", "button", "reset", "image", "password")

    def __init__(self) -> None:
        super().__init__()
        self.in_main = 0
        self.form: dict[str, str] | None = None
        self.forms: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "main":
            self.in_main += 1
        elif tag == "form" and self.in_main:
            self.form = values
        elif self.form is not None and (
            tag in self.FILLABLE
            or (tag == "input" and values.get("type", "text") not in self.NOT_TYPED)
        ):
            self.forms.append(self.form)
            self.form = None  # counted once

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main -= 1
        elif tag == "form":
            self.form = None


def fillable_forms(html: str) -> list[dict[str, str]]:
    """The attributes of each form in <main> with a field to fill."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def future(days: int) -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=days)
