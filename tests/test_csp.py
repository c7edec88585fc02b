"""The Content-Security-Policy: every HTML page of the permission matrix carries the
strict policy, and nothing in the portal's templates, the HTML it builds in Python
or its scripts needs an exception from it (inline scripts, style attributes, event
handler attributes, javascript: addresses, eval)."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.support.world import ROLES, World
from tests.test_permission_matrix import MATRIX

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".venv", "var", "staticfiles", "node_modules", ".git", "migrations"}

REQUIRED = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}
# Images: the portal's own, and data: for allauth's TOTP QR code (an SVG data URI).
IMAGES = {"'self'", "data:"}
# <script> elements that hold data, not code: CSP does not run them (allauth's).
DATA_SCRIPTS = {"application/json", "application/ld+json"}


def _directives(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


class _InlineCode(HTMLParser):
    """What in a rendered page would need an exception from the policy."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "style":
            self.found.append("<style> element")
        if (
            tag == "script"
            and "src" not in given
            and given.get("type") not in DATA_SCRIPTS
        ):
            self.found.append("<script> without src")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")


def _inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    return parser.found


def _html_pages() -> list[tuple[str, int]]:
    """(matrix entry, case number) of every GET case."""
    return [
        (name, number)
        for name, cases in sorted(MATRIX.items())
        for number, case in enumerate(cases)
        if case.method == "get"
    ]


@pytest.mark.django_db
def test_every_html_page_of_the_matrix_carries_the_strict_policy(world: World) -> None:
    # given every GET page of the permission matrix, as every role
    checked, wrong = 0, []
    for name, number in _html_pages():
        case = MATRIX[name][number]
        # each case builds its objects (e.g. a document in a given state) afresh,
        # as the matrix test does with a world of its own
        cache.clear()
        built = transaction.savepoint()
        url = case.url(world)
        for role in ROLES:
            client = Client()
            user = world.users[role]
            if user is not None:
                client.force_login(user)
            savepoint = transaction.savepoint()
            # when the page is asked for
            # (the environ: WSGI keys, e.g. REMOTE_ADDR, as the matrix test gives)
            response = cast(Any, client).get(url, case.data, **case.environ)
            transaction.savepoint_rollback(savepoint)
            if response.status_code != 200 or not response.get(
                "Content-Type", ""
            ).startswith("text/html"):
                continue
            checked += 1
            # then it carries every required directive and nothing unsafe
            header = response.get("Content-Security-Policy", "")
            directives = _directives(header) if header else {}
            problems = [
                f"{directive}: {directives.get(directive)}"
                for directive, sources in REQUIRED.items()
                if directives.get(directive) != sources
            ]
            if not directives.get("img-src", set()) <= IMAGES:
                problems.append(f"img-src: {directives['img-src']}")
            if "unsafe-" in header:
                problems.append("an unsafe- source")
            # ... and the page itself needs no exception from it
            if not response.streaming:
                problems += _inline_code(response.content.decode())
            if problems:
                wrong.append((url, role, problems))
        transaction.savepoint_rollback(built)
    assert checked > 100, f"only {checked} HTML pages answered 200"
    assert not wrong, "\n".join(map(str, wrong))


@pytest.mark.django_db
def test_a_download_carries_the_policy_too(world: World) -> None:
    # given a meeting's iCalendar file, as someone the matrix lets download it
    case = MATRIX["meetings:ics"][0]
    role = next(role for role in ROLES if case.expect[role] == 200)
    client = Client()
    client.force_login(world.user(role))
    # when it is downloaded
    response = client.get(case.url(world))
    # then it carries the policy as well (harmless on anything but HTML)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_email_page_with_a_change_pending_needs_no_inline_style(
    world: World,
) -> None:
    # given a person who asked to change their address (allauth's page then holds
    # a form of its own for re-sending or cancelling, which it hides inline)
    person = world.user("city_officer")
    EmailAddress.objects.create(
        user=person, email="nowy-adres@example.pl", verified=False, primary=False
    )
    client = Client()
    client.force_login(person)
    # when they open the e-mail page
    response = client.get(reverse("account_email"))
    # then nothing on it needs an exception from the policy
    assert response.status_code == 200
    assert "nowy-adres@example.pl" in response.content.decode()
    assert _inline_code(response.content.decode()) == []


# --------------------------------------------------------------- the source scan

TEMPLATE_PATTERNS = {
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "<style> element": re.compile(r"<style\b", re.IGNORECASE),
    "<script> without src": re.compile(
        r"<script\b(?![^>]*\bsrc\s*=)(?![^>]*application/(?:ld\+)?json)[^>]*>",
        re.IGNORECASE,
    ),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"'{]", re.IGNORECASE),
    "javascript: address": re.compile(r"javascript:", re.IGNORECASE),
}
SCRIPT_PATTERNS = {
    "eval": re.compile(r"\beval\s*\(|\bnew\s+Function\s*\("),
    "string timer": re.compile(r"\bset(?:Timeout|Interval)\s*\(\s*[\"'`]"),
    "style attribute": re.compile(
        r"setAttribute\(\s*[\"']style[\"']|\.style\s*=|\sstyle\s*=", re.IGNORECASE
    ),
    "javascript: address": re.compile(r"[\"'`]javascript:", re.IGNORECASE),
    "inline handler": re.compile(r"setAttribute\(\s*[\"']on[a-z]+[\"']"),
}
# Django template comments say why; they never reach the page.
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
HTML_IN_PYTHON = re.compile(r"<[a-z][a-z0-9]*[\s>/]", re.IGNORECASE)


def _files(suffix: str) -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob(f"*{suffix}")
        if not SKIPPED_DIRS & set(path.relative_to(ROOT).parts)
    )


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group(0).count("\n")  # keeps the line numbers right


def _scan(
    path: Path, text: str, patterns: dict[str, re.Pattern[str]], first_line: int = 1
) -> list[str]:
    where = path.relative_to(ROOT)
    return [
        f"{where}:{first_line + text.count(chr(10), 0, found.start())}: "
        f"{what}: {found.group(0).strip()}"
        for what, pattern in patterns.items()
        for found in pattern.finditer(text)
    ]


def _python_html(path: Path) -> list[tuple[int, str]]:
    """(line, text) of the string literals in a module that look like HTML,
    docstrings and other bare strings (comments, in effect) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in bare
        and HTML_IN_PYTHON.search(node.value)
    ]


def _is_test(path: Path) -> bool:
    """Tests and their helpers (tests/support/) hold hostile markup on purpose;
    the benchmarks build none."""
    parts = path.relative_to(ROOT).parts
    return "tests" in parts or path.name.startswith("test_") or parts[0] == "bench"


def test_no_template_or_html_built_in_python_needs_inline_code() -> None:
    # given every template and every HTML string literal of the portal's code
    found = []
    for path in _files(".html"):
        text = TEMPLATE_COMMENT.sub(_blank, path.read_text(encoding="utf-8"))
        found += _scan(path, text, TEMPLATE_PATTERNS)
    for path in _files(".py"):
        if _is_test(path):
            continue
        for line, literal in _python_html(path):
            found += _scan(path, literal, TEMPLATE_PATTERNS, first_line=line)
    # then none carries a style attribute, an inline script or handler, or a
    # javascript: address
    assert not found, "\n".join(found)


def test_no_script_of_the_portal_needs_eval_or_inline_styles() -> None:
    # given the portal's own scripts
    found = []
    for path in _files(".js"):
        if "static" in path.relative_to(ROOT).parts:
            found += _scan(path, path.read_text(encoding="utf-8"), SCRIPT_PATTERNS)
    # then none evaluates strings or writes style attributes
    assert not found, "\n".join(found)


def test_the_scan_finds_what_it_looks_for() -> None:
    # given a template with each kind of inline code
    template = (
        '<span style="color: red">a</span>\n<script>alert(1)</script>\n'
        '<a href="javascript:x()">b</a>\n<img src=x onerror="y()">\n'
        '<script src="/static/a.js"></script>{# <style> in a comment #}\n'
    )
    # when it is scanned, as source and as a rendered page
    template = TEMPLATE_COMMENT.sub(_blank, template)
    found = _scan(ROOT / "t.html", template, TEMPLATE_PATTERNS)
    # then each one is found, on its line, and the script with src is not
    assert [problem.split(": ")[0] for problem in found] == [
        "t.html:1",
        "t.html:2",
        "t.html:4",
        "t.html:3",
    ]
    assert _inline_code(template) == [
        '<span style="color: red">',
        "<script> without src",
        "<a href=javascript:x()>",
        "<img onerror=…>",
    ]
