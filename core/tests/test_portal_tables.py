"""The one way a table is shown: inside a region that scrolls sideways, reachable
with Tab and named by the table's caption (core/templatetags/portal_tables.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.utils.safestring import mark_safe

from core.templatetags.portal_tables import scroll_tables

TABLE = (
    "{% load portal_tables %}{% scroll_table %}<table class='data'>"
    "<caption>{{ caption }}</caption><tbody><tr><td>{{ cell }}</td></tr></tbody>"
    "</table>{% end_scroll_table %}"
)


def test_a_table_sits_in_a_focusable_region_named_by_its_caption() -> None:
    # when
    html = Template(TABLE).render(Context({"caption": "Sieci", "cell": "<b>x</b>"}))
    # then
    region = re.match(
        r'<div class="table-scroll" role="region" tabindex="0" '
        r'aria-labelledby="(tabela-[0-9a-f]{12})"><table',
        html,
    )
    assert region, html
    assert f'<caption id="{region.group(1)}">Sieci</caption>' in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert html.endswith("</table></div>")


def test_two_tables_of_a_page_get_different_names_and_a_table_always_the_same() -> None:
    # when
    first = Template(TABLE).render(Context({"caption": "A", "cell": "1"}))
    second = Template(TABLE).render(Context({"caption": "B", "cell": "1"}))
    again = Template(TABLE).render(Context({"caption": "A", "cell": "1"}))
    # then
    assert first != second
    assert first == again


def test_a_table_without_a_caption_is_refused() -> None:
    template = Template(
        "{% load portal_tables %}{% scroll_table %}<table></table>"
        "{% end_scroll_table %}"
    )
    with pytest.raises(TemplateSyntaxError, match="caption"):
        template.render(Context({}))


def test_rich_text_tables_get_the_region_and_everything_else_is_kept() -> None:
    # given sanitised text with a table, and "<table>" inside an attribute's value
    body = mark_safe(  # stands for the sanitiser's output
        '<p>Tekst &amp; <a href="/x" title="<table>">link</a></p>'
        "<table><caption>Budżet</caption><tbody><tr><td>1&#160;000</td></tr>"
        "</tbody></table><br>"
    )
    # when
    html = scroll_tables(body)
    # then
    assert html == (
        '<p>Tekst &amp; <a href="/x" title="<table>">link</a></p>'
        '<div class="table-scroll" role="region" tabindex="0" '
        'aria-label="Tabela w tekście">'
        "<table><caption>Budżet</caption><tbody><tr><td>1&#160;000</td></tr>"
        "</tbody></table></div><br>"
    )


def test_rich_text_not_marked_safe_is_escaped_not_wrapped() -> None:
    assert scroll_tables("<table><tr><td>x</td></tr></table>") == (
        "&lt;table&gt;&lt;tr&gt;&lt;td&gt;x&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"
    )


def test_every_table_of_the_portals_templates_is_in_a_scroll_region() -> None:
    # given every template of the portal but the PDF's print template (paper does
    # not scroll)
    root = Path(settings.BASE_DIR)
    templates = [
        path
        for top in root.iterdir()
        if top.is_dir() and not top.name.startswith(".") and top.name != "var"
        for path in top.rglob("*.html")
        if "templates" in path.parts and path.name != "print.html"
    ]
    # then each <table> opens right after {% scroll_table %}
    bare = [
        f"{path.relative_to(root)}: {line.strip()[:60]}"
        for path in templates
        for line in path.read_text().splitlines()
        if re.search(r"(?<!{% scroll_table %})<table", line)
    ]
    assert len(templates) > 50
    assert not bare, bare
