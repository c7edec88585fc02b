"""Tables that never widen the page (issue #18, WCAG 2.1 1.4.10 Reflow).

Every table of the portal sits in a region that scrolls sideways on a narrow screen
(static/css/portal.css, `.table-scroll`, draws the shadow that shows more is to the
side). The region can be reached with Tab and scrolled with the arrow keys, and a
screen reader names it after the table's caption:

    {% load portal_tables %}
    {% scroll_table %}<table class="data"><caption>…</caption>…</table>
    {% end_scroll_table %}

Tables inside a document's rich text (already sanitised, see documents/richtext.py)
get the same region through the `scroll_tables` filter.
"""

import hashlib
from html.parser import HTMLParser

from django import template
from django.template.base import Parser, Token
from django.template.context import Context
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

CAPTION = "<caption>"


def scroll_region(table_html: SafeString) -> SafeString:
    """The table (rendered by a template, with one `<caption>`) inside its region,
    named by the caption. The id is the table's own digest, so a cached page part
    renders the same text every time and two tables of one page differ."""
    if CAPTION not in table_html:
        raise template.TemplateSyntaxError(
            "scroll_table: the table needs a <caption>, which names its region"
        )
    label_id = "tabela-" + hashlib.sha256(table_html.encode()).hexdigest()[:12]
    # Our own template's markup: the values inside it are already escaped.
    named = mark_safe(  # noqa: S308
        table_html.replace(CAPTION, f'<caption id="{label_id}">', 1)
    )
    return format_html(
        '<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{}">'
        "{}</div>",
        label_id,
        named,
    )


class ScrollTableNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        return scroll_region(self.nodelist.render(context))


@register.tag("scroll_table")
def scroll_table(parser: Parser, token: Token) -> ScrollTableNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("scroll_table takes no arguments")
    nodelist = parser.parse(("end_scroll_table",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist)


class _TableWrapper(HTMLParser):
    """Copies HTML as it is, opening a region before each <table> and closing it
    after its </table>. Reads tags as a parser does, so a `<table>` written inside
    an attribute's value is left alone."""

    def __init__(self, opening: str) -> None:
        super().__init__(convert_charrefs=False)
        self.opening = opening
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.out.append(self.opening)
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag == "table":
            self.out.append("</div>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")


@register.filter
def scroll_tables(html: str) -> SafeString:
    """Sanitised rich text with each of its tables in a scrolling region. Text not
    marked safe is escaped first: only the sanitiser's output passes as HTML."""
    safe = conditional_escape(html)
    if "<table" not in safe:
        return safe
    opening = format_html(
        '<div class="table-scroll" role="region" tabindex="0" aria-label="{}">',
        gettext("Table in the text"),
    )
    wrapper = _TableWrapper(opening)
    wrapper.feed(safe)
    wrapper.close()
    # The sanitiser's own markup, copied as it came, plus the regions' tags.
    return mark_safe("".join(wrapper.out))  # noqa: S308
