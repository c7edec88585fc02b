"""Rich text of the programme's documents: what may be stored, how it reads as plain
text, and how two versions of a section compare.

Every text section of a Network Sheet, a City Action Initiative or an Improvement
Plan is stored as HTML that went through `sanitise` — the one and only gate. Whatever
the editor, a paste from a word processor or a hand-crafted request sends, what is
kept is a small set of formatting that prints and reads the same everywhere:
headings, paragraphs, lists, emphasis, quotations, links and simple tables.
"""

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from html.parser import HTMLParser

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# ------------------------------------------------------------------ the safe subset

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "h2", "h3", "h4",
        "p", "br",
        "ul", "ol", "li",
        "strong", "em", "b", "i", "u", "s",
        "blockquote",
        "a",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip
"""The formatting a section may contain. Anything else is unwrapped: its text stays,
the tag goes (an `<h1>` or a `<div>` becomes plain text in the surrounding block)."""

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "th": frozenset({"scope", "colspan", "rowspan"}),
    "td": frozenset({"colspan", "rowspan"}),
}
"""The attributes kept, per tag. No tag keeps `style`, `class` or `id`: the look of a
document is the portal's, not the author's, and the print-out must match the screen."""

LINK_REL = "noopener noreferrer nofollow"
"""Added to every link: the linked site learns nothing about the portal and gets no
hold on its tab, and search engines give it no credit."""

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
"""The only kinds of link address kept (relative addresses and #fragments too). A link
to anything else — `javascript:`, `data:`, `vbscript:`, `file:` — loses its address."""

REMOVED_WITH_CONTENT: frozenset[str] = frozenset(
    {
        "script", "style", "iframe", "object", "embed", "template",
        "svg", "math", "noscript", "textarea", "select",
    }
)  # fmt: skip
"""Elements dropped together with everything inside them. Unwrapping these would turn
code, CSS or form options into stray text in the document."""

MAX_SPAN = 50
"""The widest colspan/rowspan a table cell may have."""

_SCOPES = frozenset({"row", "col", "rowgroup", "colgroup"})
_SPAN = re.compile(r"[0-9]{1,3}")  # ASCII only: str.isdigit() would accept "²"
_URL_NOISE = re.compile(r"[\s\x00-\x20\x7f-\x9f]")
_URL_EDGES = "".join(map(chr, range(0x21)))  # what browsers trim around an address
_SCHEME = re.compile(r"([^/?#]*?):")  # a colon before any "/", "?" or "#"


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3 has already dropped attributes outside ALLOWED_ATTRIBUTES; this narrows the
    # values. A huge colspan makes browsers and WeasyPrint lay out thousands of
    # phantom columns, so spans are kept small and written canonically.
    if attribute in ("colspan", "rowspan"):
        value = value.strip()
        if _SPAN.fullmatch(value) and 1 <= int(value) <= MAX_SPAN:
            return str(int(value))
        return None
    if attribute == "href":
        # nh3 judges the scheme as written, and lets "javascript :alert(1)" or
        # "java\0script:" through as relative addresses. Browsers read those as
        # harmless paths today, but parsers differ (mail clients, PDF readers, old
        # browsers ignore spaces and control characters): anything that reads as a
        # scheme once they are removed must be one of the allowed ones.
        scheme = _SCHEME.match(_URL_NOISE.sub("", value).lower())
        if scheme and scheme.group(1) not in URL_SCHEMES:
            return None
        return value.strip(_URL_EDGES)
    if attribute == "scope":
        value = value.strip().lower()
        return value if value in _SCOPES else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    # "*" must be given explicitly: left out, nh3 keeps its own defaults (lang and
    # title) on every tag.
    attributes={"*": set()}
    | {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    strip_comments=True,
    link_rel=LINK_REL,
    url_schemes=set(URL_SCHEMES),
)


def sanitise(html: str) -> str:
    """The stored form of a section's text: the input reduced to the safe subset.

    Scripts, event handlers, styles, images, frames, forms and links to anything but
    web pages and e-mail addresses never survive; the text around them does. A text
    with nothing visible left (empty paragraphs, only spaces, only removed content)
    becomes "", so an emptied section really is empty.
    """
    clean = _CLEANER.clean(html)
    # One pass is not always a fixed point: once the elements around them are gone,
    # a heading can be left inside a heading or a list item inside a list item, and
    # parsing that again rebuilds the tree differently. Cleaning until nothing changes
    # (fuzzing needed at most two more passes) makes the stored form stable, so saving
    # an unchanged section never produces a "changed" version.
    for _ in range(10):
        again = _CLEANER.clean(clean)
        if again == clean:
            break
        clean = again
    clean = clean.strip()
    if not plain_text(clean):
        return ""
    return clean


# ----------------------------------------------------------------------- plain text

_BLOCKS = frozenset(
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre",
        "table", "caption", "thead", "tbody", "tfoot", "tr",
        "section", "article", "header", "footer", "figure", "figcaption", "hr",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
# Only the HTML whitespace collapses; a non-breaking space is visible and stays.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0  # depth inside script, style and the like

    def _at_line_start(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")

    def _end_line(self, *, always: bool) -> None:
        # Spaces and cell tabs at the end of a line are invisible: drop them first.
        while self.parts and not self.parts[-1].strip(" \t"):
            self.parts.pop()
        if self.parts:
            self.parts[-1] = self.parts[-1].rstrip(" \t")
        # A block boundary starts a new line once; only <br> makes blank lines.
        if always or not self._at_line_start():
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in REMOVED_WITH_CONTENT:
            self._hidden += 1
        elif self._hidden:
            return
        elif tag == "br":
            self._end_line(always=True)
        elif tag in _BLOCKS:
            self._end_line(always=False)
        elif tag in _CELLS and not self._at_line_start():
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in REMOVED_WITH_CONTENT:
            self._hidden = max(0, self._hidden - 1)
        elif not self._hidden and tag in _BLOCKS:
            self._end_line(always=False)

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        text = _HTML_SPACE.sub(" ", data)
        if self._at_line_start():
            text = text.lstrip(" ")
        if text:
            self.parts.append(text)


def plain_text(html: str) -> str:
    """The visible text of a section, one line per paragraph, heading, list item or
    table row (table cells separated by tabs), entities turned back into characters.

    Used for comparing versions, search and excerpts. Meant for sanitised HTML, but
    harmless on anything: the content of scripts and styles is never text.
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = "".join(collector.parts).split("\n")
    return "\n".join(line.strip(" \t") for line in lines).strip()


def has_text(html: str) -> bool:
    """Whether a section says anything: some visible character once the tags are
    gone — spaces of any kind (non-breaking ones too) and invisible formatting
    characters (zero-width spaces, joiners) do not count. A required section
    without text is empty (documents.selectors.empty_required_sections)."""
    return any(
        not (character.isspace() or unicodedata.category(character) == "Cf")
        for character in plain_text(html)
    )


# ---------------------------------------------------------------------- comparison

MAX_DIFF_TOKENS = 20_000
"""Longer texts (on either side) are compared line by line rather than word by word."""

# SequenceMatcher's work grows with the number of pairs of equal tokens it has to
# consider: two texts of 10 000 words that each repeat one word 5 000 times mean 25
# million pairs and many seconds. Past this many pairs we compare coarser units.
_MAX_PAIRS = 4_000_000

# A word together with the whitespace after it is one unit of the comparison (a
# leading run of whitespace is a unit of its own). Whitespace as separate tokens
# would make " " the most common token by far, and the matcher's cost is quadratic
# in how common a token is: 20 000 tokens took ~8 s that way, a fraction of a
# second this way.
_WORDS = re.compile(r"\S+\s*|\s+")


_Opcode = tuple[str, int, int, int, int]


def _opcodes(old: Sequence[str], new: Sequence[str]) -> tuple[list[_Opcode], bool]:
    """Edit operations turning `old` into `new`, and whether they are exact. When
    aligning the changed middle would take too long (see _MAX_PAIRS), the whole middle
    is one "replace" and the second value is False."""
    # Most edits are local: the common beginning and end are equal without asking the
    # matcher, which then only sees the changed middle.
    size = min(len(old), len(new))
    head = 0
    while head < size and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < size - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_end, new_end = len(old) - tail, len(new) - tail
    old_mid, new_mid = old[head:old_end], new[head:new_end]
    operations: list[_Opcode] = [("equal", 0, head, 0, head)] if head else []
    counts = Counter(new_mid)
    exact = sum(counts[unit] for unit in old_mid) <= _MAX_PAIRS
    if not exact:
        operations.append(("replace", head, old_end, head, new_end))
    elif old_mid or new_mid:
        # autojunk would stop frequent words ("i", "w", "the") from ever matching in
        # a longer text and turn whole paragraphs into one change.
        matcher = difflib.SequenceMatcher(None, old_mid, new_mid, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            operations.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        operations.append(("equal", old_end, len(old), new_end, len(new)))
    return operations, exact


def _render(units: Sequence[str], wrapper: str | None) -> str:
    """Escaped text of a run of units, with line breaks as <br>; a changed run is
    wrapped in <del>/<ins>, except the whitespace it ends with (so the marking does
    not spill into the gap before the next word)."""
    text = "".join(units)
    body = text.rstrip()
    trailing = text[len(body) :]

    def html(piece: str) -> str:
        return str(escape(piece)).replace("\n", "<br>")

    if wrapper is None or not body:
        return html(text)
    return f"<{wrapper}>{html(body)}</{wrapper}>{html(trailing)}"


def _diff(old: list[str], new: list[str]) -> tuple[str, str, bool]:
    """Both sides rendered, and whether the alignment is exact (see _opcodes)."""
    # Units are compared without the whitespace they end with: adding a sentence after
    # "kota." must not mark "kota." as changed because a space now follows it. Each
    # side still shows its own spacing and line breaks.
    operations, exact = _opcodes(
        [unit.rstrip() for unit in old], [unit.rstrip() for unit in new]
    )
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in operations:
        if tag == "equal":
            left.append(_render(old[i1:i2], None))
            right.append(_render(new[j1:j2], None))
        else:  # "replace", "delete" or "insert": one side of a run may be empty
            left.append(_render(old[i1:i2], "del"))
            right.append(_render(new[j1:j2], "ins"))
    return "".join(left), "".join(right), exact


def word_diff(old_html: str, new_html: str) -> tuple[SafeString, SafeString]:
    """Two versions of a section side by side: (older, newer), as HTML to show.

    Words removed from the older version are marked <del> on the left, words added in
    the newer one <ins> on the right; line breaks are kept. Only the visible text is
    compared, and the result is built from escaped text alone — formatting, links or
    markup in the versions never reach the page through the comparison.

    Very long sections (over MAX_DIFF_TOKENS words on either side) are compared line
    by line, so that a comparison page always loads quickly; a changed line is then
    marked as a whole.
    """
    old_text, new_text = plain_text(old_html), plain_text(new_html)
    old_words, new_words = _WORDS.findall(old_text), _WORDS.findall(new_text)
    exact = False
    if max(len(old_words), len(new_words)) <= MAX_DIFF_TOKENS:
        left, right, exact = _diff(old_words, new_words)
    if not exact:
        left, right, _ = _diff(
            old_text.splitlines(keepends=True), new_text.splitlines(keepends=True)
        )
    # Safe: both strings consist of escape()d text and literal <del>, <ins>, <br>.
    return mark_safe(left), mark_safe(right)  # noqa: S308


def has_changes(old_html: str, new_html: str) -> bool:
    """Whether the visible text of two versions of a section differs (a change of
    formatting alone does not count)."""
    return plain_text(old_html) != plain_text(new_html)
