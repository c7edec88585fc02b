"""What a browser sends when a form's rendered controls are submitted unchanged
(tests/test_form_round_trip.py): HTML's value sanitisation included, so a date
input holding anything but `YYYY-MM-DD` sends nothing, as in Chromium."""

import re
from html.parser import HTMLParser
from typing import Any

from django.http import QueryDict

_DATE = re.compile(r"\d{4,}-\d\d-\d\d")
_DATETIME = re.compile(r"\d{4,}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d{1,3})?)?")
_NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")
_NOT_SENT = {"submit", "button", "reset", "image", "file"}


def _sanitised(kind: str, value: str) -> str:
    """The value a browser keeps in an input of this type (HTML's value
    sanitisation): anything it cannot read becomes empty."""
    if kind == "date":
        return value if _DATE.fullmatch(value) else ""
    if kind == "datetime-local":
        return value if _DATETIME.fullmatch(value) else ""
    if kind == "number":
        return value if _NUMBER.fullmatch(value) else ""
    if kind in ("text", "email", "url", "tel", "search", "password"):
        value = value.replace("\r", "").replace("\n", "")
        return value.strip() if kind in ("email", "url") else value
    return value


class _Controls(HTMLParser):
    """What submitting the rendered controls unchanged sends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sent: list[tuple[str, str]] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        self._option: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = {key: value if value is not None else "" for key, value in attrs}
        name = at.get("name")
        if tag == "input" and name and "disabled" not in at:
            kind = at.get("type", "text").lower()
            if kind in _NOT_SENT:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in at:
                    self.sent.append((name, at.get("value", "on")))
                return
            self.sent.append((name, _sanitised(kind, at.get("value", ""))))
        elif tag == "textarea" and name:
            self._textarea = (name, [])
        elif tag == "select" and name:
            self._select = (name, "multiple" in at, [])
        elif tag == "option" and self._select is not None:
            self._option = [at.get("value"), "selected" in at, []]

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts).replace("\r\n", "\n")
            text = text.removeprefix("\n")  # the parser drops a first line break
            self.sent.append((name, text.replace("\n", "\r\n")))  # as submitted
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select:
            value, chosen, text = self._option
            self._select[2].append(("".join(text) if value is None else value, chosen))
            self._option = None
        elif tag == "select" and self._select is not None:
            name, multiple, options = self._select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]  # a select always sends one
            self.sent.extend((name, one) for one in chosen[: None if multiple else 1])
            self._select = None


def as_submitted(html: str) -> QueryDict:
    controls = _Controls()
    controls.feed(html)
    data = QueryDict(mutable=True)
    for name, value in controls.sent:
        data.appendlist(name, value)
    return data
