"""What a person reads on a page or in a download, and the raw choice codes that
must never be part of it (tests/test_raw_code_scan.py).

The codes are collected from every model field with choices in the portal's apps,
so a new choice is checked the day it is added. A code that is also an ordinary
word of the page's language (Polish, the default), or that cannot be told from a
number, is allowed, each with its reason."""

import csv
import io
import json
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpResponseBase
from openpyxl import load_workbook

from organisations.models import Voivodeship

# Codes allowed in visible text, with why: each is an ordinary word of the page's
# language or is indistinguishable from other text. Matching is case-sensitive and
# by whole word, so "MID" (the label's acronym) is not the code "mid".
ALLOWED: dict[str, str] = {
    "pl": "a language code; also every visible .pl domain in addresses",
    "en": "a language code, two letters that occur in words' fragments",
    "plan": "a Polish word (plan działań, Plan Usprawnień)",
    "partner": "a Polish word (partner, the city's role in a network)",
    "online": "the Polish label of the format is the same word (spotkanie online)",
    **{
        code: "a voivodeship's TERYT number: digits, indistinguishable from numbers"
        for code in Voivodeship.values
    },
}


def choice_codes() -> dict[str, set[str]]:
    """Every stored code of a choice field of the portal's own models, with the
    fields that hold it ("app.Model.field")."""
    codes: dict[str, set[str]] = {}
    for model in apps.get_models():
        config = apps.get_app_config(model._meta.app_label)
        if not str(config.path).startswith(str(settings.BASE_DIR)):
            continue  # Django's and the libraries' models
        if ".venv" in str(config.path):
            continue
        for field in model._meta.get_fields():
            inner = getattr(field, "base_field", None)
            flat = getattr(field, "flatchoices", None) or getattr(
                inner, "flatchoices", None
            )
            if not getattr(field, "choices", None) and not getattr(
                inner, "choices", None
            ):
                continue
            for value, _label in flat or ():
                if isinstance(value, str) and value:
                    codes.setdefault(value, set()).add(
                        f"{model._meta.label}.{field.name}"
                    )
    return codes


def code_pattern(codes: Iterable[str]) -> re.Pattern[str]:
    checked = sorted((c for c in codes if c not in ALLOWED), key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, checked)) + r")(?![\w-])"
    )


class _VisibleText(HTMLParser):
    """The text a browser shows: not attributes (input values, URLs, classes),
    not scripts, styles or a textarea's content (what a person typed). Text marked
    as another language than Polish (an English version of a programme page,
    `lang="en"`) is not read either: there an English code is an ordinary word."""

    SKIPPED = {"script", "style", "textarea", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._foreign: list[str] = []  # the open element marked foreign, nested
        self._foreign_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self._skipping += 1
        if self._foreign and tag == self._foreign[0]:
            self._foreign_depth += 1
        elif not self._foreign:
            lang = (dict(attrs).get("lang") or "pl").lower()
            if not lang.startswith("pl") and tag != "html":
                self._foreign, self._foreign_depth = [tag], 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1
        if self._foreign and tag == self._foreign[0]:
            self._foreign_depth -= 1
            if not self._foreign_depth:
                self._foreign = []

    def handle_data(self, data: str) -> None:
        if not self._skipping and not self._foreign:
            self.parts.append(data)


ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return ADDRESSES.sub(" ", " ".join(parser.parts))


def _ics_text(body: str) -> str:
    """The values a calendar program shows: the events' titles, places and
    descriptions, and the calendar's name (not the protocol's own words)."""
    unfolded = re.sub(r"\r?\n[ \t]", "", body)
    shown = ("SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES", "X-WR-CALNAME")
    values = [
        line.split(":", 1)[1]
        for line in unfolded.splitlines()
        if ":" in line and line.split(":", 1)[0].split(";")[0] in shown
    ]
    return ADDRESSES.sub(" ", "\n".join(values).replace("\\n", "\n"))


def _json_text(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(f"{key} {_json_text(item)}" for key, item in value.items())
    if isinstance(value, list):
        return " ".join(_json_text(item) for item in value)
    return "" if value is None else str(value)


def shown_text(response: HttpResponseBase) -> str | None:
    """What a person reads in the answer: a page's visible text, a spreadsheet's
    cells, a calendar's events, a JSON file's keys and values; None for what is not
    read as text (a PDF, a ZIP, an image)."""
    kind = response.get("Content-Type", "").split(";")[0].strip()
    body = (
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
        if response.streaming
        else response.content  # type: ignore[attr-defined]
    )
    if kind == "text/html":
        return visible_text(body.decode())
    if kind == "text/csv":
        rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
        return ADDRESSES.sub(" ", "\n".join(" | ".join(row) for row in rows))
    if kind.endswith("spreadsheetml.sheet"):
        book = load_workbook(io.BytesIO(body), read_only=True)
        cells = [
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        return ADDRESSES.sub(" ", "\n".join(cells))
    if kind == "text/calendar":
        return _ics_text(body.decode())
    if kind == "application/json":
        return ADDRESSES.sub(" ", _json_text(json.loads(body)))
    if kind.startswith("text/"):
        return ADDRESSES.sub(" ", body.decode())
    return None


def raw_codes_in(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Each raw code found, with a few words around it."""
    return [
        text[max(0, found.start() - 40) : found.end() + 40].replace("\n", " ")
        for found in pattern.finditer(text)
    ]
