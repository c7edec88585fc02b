"""The rich-text gate of the programme's documents: what survives `sanitise`, what the
plain text of a section is, and how two versions compare. No database needed."""

import re
from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString
from hypothesis import example, given, settings
from hypothesis import strategies as st

from documents.richtext import has_changes, plain_text, sanitise, word_diff

# The safe subset as the programme's documents define it, written out here rather
# than imported: widening the sanitiser has to be a deliberate change of this test.
ALLOWED = {
    "h2": set(),
    "h3": set(),
    "h4": set(),
    "p": set(),
    "br": set(),
    "ul": set(),
    "ol": set(),
    "li": set(),
    "strong": set(),
    "em": set(),
    "b": set(),
    "i": set(),
    "u": set(),
    "s": set(),
    "blockquote": set(),
    "a": {"href", "title", "rel"},
    "table": set(),
    "caption": set(),
    "thead": set(),
    "tbody": set(),
    "tfoot": set(),
    "tr": set(),
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
SAFE_SCHEMES = {"http", "https", "mailto"}
REL = 'rel="noopener noreferrer nofollow"'


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """These tests touch no cache: the suite-wide reset (which needs Redis) is
    replaced by nothing, so they run without any service."""


class Elements(HTMLParser):
    """Every element of a piece of HTML, with its attributes (values unescaped)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def scheme_of(href: str) -> str | None:
    """The scheme a browser would see in an href, or None for a relative address.
    Browsers ignore spaces, tabs, newlines and control characters inside a URL's
    scheme, and treat it case-insensitively."""
    url = re.sub(r"[\x00-\x20\x7f]", "", href).lower()
    match = re.match(r"([^/?#]*?):", url)
    return match.group(1) if match else None


def assert_only_safe_subset(html: str) -> None:
    for tag, attributes in Elements(html).found:
        assert tag in ALLOWED, f"<{tag}> in {html!r}"
        for name, value in attributes.items():
            assert not name.startswith("on"), f"{name} in {html!r}"
            assert name in ALLOWED[tag], f"<{tag} {name}> in {html!r}"
            if name == "href":
                scheme = scheme_of(value)
                assert scheme is None or scheme in SAFE_SCHEMES, f"{value!r}"


# ---------------------------------------------------------------- hostile markup


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
        "<script>document.write('<p>Tekst</p>')</script>",
        "<style>p { background: url(http://evil.example/) }</style>",
        "<iframe src=http://evil.example/>ramka</iframe>",
        "<iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'></iframe>",
        "<object data=http://evil.example/x.swf>obiekt</object>",
        "<embed src=http://evil.example/x.swf>",
        "<template><script>alert(1)</script></template>",
        "<noscript><p>bez skryptów</p></noscript>",
        "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
        "<textarea>pole</textarea><select><option>opcja</option></select>",
    ],
)
def test_scripts_styles_frames_and_their_content_never_survive(hostile: str) -> None:
    # Given a harmless paragraph around hostile markup
    html = f"<p>Przed</p>{hostile}<p>Po</p>"

    # When it is sanitised
    clean = sanitise(html)

    # Then the hostile element is gone with everything inside it, the text around it
    # stays
    assert clean == "<p>Przed</p><p>Po</p>"


@pytest.mark.parametrize(
    "hostile",
    [
        '<p onclick="alert(1)">Tekst</p>',
        '<p OnClIcK="alert(1)">Tekst</p>',
        "<p ONLOAD=alert(1)>Tekst</p>",
        '<a href="https://example.org/" onmouseover="alert(1)">Tekst</a>',
        "<strong onerror=alert(1)>Tekst</strong>",
        "<td onclick=alert(1)>Tekst</td>",
        '<body onload="alert(1)">Tekst</body>',
        "<img src=x onerror=alert(1)>Tekst",
        "<p/onclick=alert(1)>Tekst</p>",
        '<h2 onfocus="alert(1)" autofocus tabindex=0>Tekst</h2>',
    ],
)
def test_event_handlers_never_survive(hostile: str) -> None:
    # Given markup carrying an event handler, in any case or position
    # When it is sanitised
    clean = sanitise(hostile)

    # Then no attribute starting with "on" is left, but the text is
    assert "Tekst" in clean
    assert not re.search(r"\son\w*=", clean, re.IGNORECASE)
    assert "alert" not in clean
    assert_only_safe_subset(clean)


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "   javascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav&#9;ascript:alert(1)",
        "jav&Tab;ascript:alert(1)",
        "java\nscript:alert(1)",
        "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
        "&#x6A;avascript&colon;alert(1)",
        "\x01javascript:alert(1)",
        "javascript :alert(1)",
        "java script:alert(1)",
        "java\x00script:alert(1)",
        "jav\u00a0ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "VbScRiPt:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_links_to_anything_but_web_pages_and_email_lose_their_address(
    href: str,
) -> None:
    # Given a link whose address runs code or leaves the web, however disguised
    html = f'<p><a href="{href}">Kliknij</a></p>'

    # When it is sanitised
    clean = sanitise(html)

    # Then the link text stays, the address does not
    assert "Kliknij" in clean
    assert "href" not in clean
    assert_only_safe_subset(clean)


@pytest.mark.parametrize(
    "hostile",
    [
        "<img src=http://tracker.example/pixel.gif>",
        "<IMG SRC='https://tracker.example/pixel.gif' alt=''>",
        "<img srcset='http://tracker.example/a.png 2x'>",
        "<svg><image href='http://tracker.example/a.png'/></svg>",
        "<svg><image xlink:href='http://tracker.example/a.png'></image></svg>",
        "<picture><source srcset='http://tracker.example/a.png'></picture>",
        "<video src=http://tracker.example/v.mp4 poster=http://tracker.example/p.png>",
        "<audio src=http://tracker.example/a.mp3></audio>",
    ],
)
def test_images_and_media_never_survive(hostile: str) -> None:
    # Given an external image (which would tell its host who reads the document)
    html = f"<p>Tekst{hostile}</p>"

    # When it is sanitised
    clean = sanitise(html)

    # Then nothing refers to the outside any more
    assert clean == "<p>Tekst</p>"


@pytest.mark.parametrize(
    "html",
    [
        '<p style="background:url(http://tracker.example/x.png)">Tekst</p>',
        "<p STYLE=\"behavior:url('x.htc')\">Tekst</p>",
        '<p style="width: expression(alert(1))">Tekst</p>',
        '<p class="alert alert-danger" id="login">Tekst</p>',
        '<p data-x="1" dir="rtl" lang="en" title="t" tabindex="1">Tekst</p>',
    ],
)
def test_styles_classes_ids_and_other_attributes_never_survive(html: str) -> None:
    # Given a paragraph carrying its own look or identity
    # When it is sanitised
    clean = sanitise(html)

    # Then it is a bare paragraph: the look of a document is the portal's
    assert clean == "<p>Tekst</p>"


@pytest.mark.parametrize(
    "hostile",
    [
        "<base href='http://evil.example/'>",
        "<meta http-equiv='refresh' content='0;url=http://evil.example/'>",
        "<link rel=stylesheet href=http://evil.example/x.css>",
        "<form action=http://evil.example/><input name=password type=password>"
        "<button formaction=http://evil.example/>OK</button></form>",
        "<input type=image src=http://evil.example/x.png>",
    ],
)
def test_page_level_and_form_elements_never_survive(hostile: str) -> None:
    # Given elements that would redirect the page, restyle it or collect passwords
    html = f"<p>Tekst</p>{hostile}"

    # When it is sanitised
    clean = sanitise(html)

    # Then none of them is left (a button's label is harmless text)
    assert_only_safe_subset(clean)
    assert "evil.example" not in clean
    assert clean.startswith("<p>Tekst</p>")
    for tag in ("base", "meta", "link", "form", "input", "button"):
        assert f"<{tag}" not in clean


# ----------------------------------------------------------------- what survives

SAFE_DOCUMENT = (
    "<h2>Cele sieci</h2>"
    "<h3>Cel 1</h3>"
    "<h4>Działania</h4>"
    "<p>Tekst <strong>ważny</strong>, <em>podkreślony</em>, <b>gruby</b>, "
    "<i>pochyły</i>, <u>podkreślony</u> i <s>skreślony</s>.<br>Nowa linia.</p>"
    "<ul><li>pierwszy</li><li>drugi</li></ul>"
    "<ol><li>jeden</li><li>dwa</li></ol>"
    "<blockquote><p>Cytat</p></blockquote>"
    "<table><caption>Budżet</caption>"
    '<thead><tr><th scope="col">Rok</th><th scope="col" colspan="2">Kwota</th></tr>'
    "</thead>"
    '<tbody><tr><th scope="row">2026</th><td>100 zł</td><td rowspan="2">–</td></tr>'
    "</tbody>"
    "<tfoot><tr><td>Razem</td><td>100 zł</td></tr></tfoot></table>"
    '<p><a href="https://pim.example.pl/sieci/" title="Sieci" '
    f"{REL}>sieci</a>, "
    f'<a href="http://example.org/" {REL}>strona</a>, '
    f'<a href="mailto:biuro@example.pl" {REL}>e-mail</a>, '
    f'<a href="/dokumenty/1/" {REL}>dokument</a>, '
    f'<a href="#cele" {REL}>cele</a></p>'
)


def test_the_safe_subset_survives_unchanged() -> None:
    # Given a section using every kind of formatting the documents allow
    # When it is sanitised
    clean = sanitise(SAFE_DOCUMENT)

    # Then nothing is lost or altered
    assert clean == SAFE_DOCUMENT


def test_links_get_rel_noopener_noreferrer_nofollow() -> None:
    # Given links with no rel, and one claiming its own
    html = (
        '<p><a href="https://example.org/">a</a>'
        '<a href="mailto:x@example.org" rel="opener" target="_blank">b</a></p>'
    )

    # When they are sanitised
    clean = sanitise(html)

    # Then each has exactly the portal's rel, and no target
    assert clean == (
        f'<p><a href="https://example.org/" {REL}>a</a>'
        f'<a href="mailto:x@example.org" {REL}>b</a></p>'
    )


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ('colspan="2"', ' colspan="2"'),
        ('colspan="50"', ' colspan="50"'),
        ('colspan=" 07 "', ' colspan="7"'),
        ('colspan="51"', ""),
        ('colspan="0"', ""),
        ('colspan="100000"', ""),
        ('colspan="-1"', ""),
        ('colspan="2; x"', ""),
        ('colspan="²"', ""),
        ('rowspan="3"', ' rowspan="3"'),
        ('rowspan="999"', ""),
    ],
)
def test_table_spans_are_limited_to_1_to_50(given: str, kept: str) -> None:
    # Given a table cell with a span (a huge one stalls layout of the page and PDF)
    html = f"<table><tbody><tr><td {given}>x</td></tr></tbody></table>"

    # When it is sanitised
    clean = sanitise(html)

    # Then a span between 1 and 50 is kept (in canonical form), others dropped
    assert clean == f"<table><tbody><tr><td{kept}>x</td></tr></tbody></table>"


def test_header_scope_must_be_a_real_scope() -> None:
    # Given header cells with a valid, an upper-case and a made-up scope
    html = (
        "<table><tbody><tr><th scope=col>a</th><th scope=ROW>b</th>"
        "<th scope=everything>c</th></tr></tbody></table>"
    )

    # When they are sanitised
    clean = sanitise(html)

    # Then real scopes stay (lower-cased) and the made-up one is dropped
    assert clean == (
        '<table><tbody><tr><th scope="col">a</th><th scope="row">b</th>'
        "<th>c</th></tr></tbody></table>"
    )


def test_other_tags_are_unwrapped_keeping_their_text() -> None:
    # Given a heading level and inline containers the documents do not use
    html = "<h1>Tytuł</h1><p>Tekst <span>w</span> <font color=red>środku</font></p>"

    # When it is sanitised
    clean = sanitise(html)

    # Then their text stays, the tags do not
    assert clean == "Tytuł<p>Tekst w środku</p>"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t ",
        "<p></p>",
        "<p> </p><p>&nbsp;</p>",
        "<p><br></p><ul><li></li></ul>",
        "<script>alert(1)</script>",
        "<img src=http://tracker.example/x.png>",
        "<table><tbody><tr><td></td></tr></tbody></table>",
    ],
)
def test_a_text_with_nothing_visible_is_empty(html: str) -> None:
    # Given input that shows nothing once sanitised
    # When it is sanitised
    # Then the section is really empty
    assert sanitise(html) == ""


def test_surrounding_whitespace_is_trimmed() -> None:
    # Given a text with blank lines around it (as editors and pastes leave)
    # When it is sanitised
    # Then the stored form starts and ends with the markup
    assert sanitise("\n\n  <p>Tekst</p>\n  ") == "<p>Tekst</p>"


# ---------------------------------------------------------------------- fuzzing

TAGS = [
    "script", "img", "a", "svg", "iframe", "table", "tr", "td", "th", "tbody",
    "p", "h1", "h2", "div", "span", "style", "image", "math", "form", "input",
    "base", "meta", "object", "embed", "li", "ul", "strong", "textarea", "noscript",
    "template", "caption", "select", "option", "b", "blockquote", "br", "video",
]  # fmt: skip
ATTRIBUTES = [
    "onclick", "OnClIcK", "onerror", "ONLOAD", "onmouseover", "style", "class", "id",
    "href", "HREF", "src", "srcset", "title", "scope", "colspan", "rowspan",
    "xlink:href", "formaction", "action", "srcdoc", "data", "background", "rel",
    "target", "http-equiv", "content", "poster",
]  # fmt: skip
SCHEMES = ["javascript", "data", "vbscript", "http", "https", "mailto", "file", ""]
URL_RESTS = [
    "alert(1)", "//evil.example/x", "text/html,<script>alert(1)</script>",
    "x@example.org", "/relative", "#frag", "msgbox(1)", "",
]  # fmt: skip
# What a browser ignores inside a scheme, written plainly or as an entity.
NOISE = ["", " ", "\t", "\n", "\x00", "\x0b", "&#x09;", "&#9;", "&Tab;", "&NewLine;",
         "&#x0A;", "&#0000009;", "&#x0"]  # fmt: skip


@st.composite
def urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(SCHEMES))
    # Mixed case, noise and entity-encoded letters in the scheme
    letters = []
    for letter in scheme:
        letter = letter.upper() if draw(st.booleans()) else letter
        if draw(st.integers(0, 5)) == 0:
            letter = (
                f"&#{ord(letter)};" if draw(st.booleans()) else f"&#x{ord(letter):x};"
            )
        letters.append(letter + draw(st.sampled_from(NOISE)))
    colon = draw(st.sampled_from([":", ":", "&colon;", "&#58;", "&#x3A;"]))
    rest = draw(st.sampled_from(URL_RESTS))
    lead = draw(st.sampled_from(["", " ", "  ", "\x01", "\n", "&#32;"]))
    return lead + "".join(letters) + (colon if scheme else "") + rest


attribute_values = st.one_of(
    urls(),
    st.sampled_from(["1", "2", "50", "51", "0", "-1", "999999", "col", "row", "x"]),
    st.text(alphabet="ab <>\"'&;=/:x", max_size=12),
)


@st.composite
def attributes(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(ATTRIBUTES))
    value = draw(attribute_values)
    quote = draw(st.sampled_from(['"', "'", ""]))
    # A quoted value cannot contain its quote; an unquoted one ends at space or ">".
    cleaned = value.replace(quote, "") if quote else re.sub(r"[\s>]", "", value)
    value = cleaned or "x"
    separator = draw(st.sampled_from([" ", "\n", "/", "  "]))
    return f"{separator}{name}={quote}{value}{quote}"


texts = st.text(alphabet="Ala ma kota<>&;\"'#=/\n", max_size=20)


@st.composite
def elements(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    tag = draw(st.sampled_from(TAGS))
    tag = tag.upper() if draw(st.integers(0, 4)) == 0 else tag
    attrs = "".join(draw(st.lists(attributes(), max_size=3)))
    inner = "".join(draw(st.lists(children, max_size=3)))
    closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", f"</{tag} >"]))
    return f"<{tag}{attrs}>{inner}{closing}"  # closing "" leaves the tag unclosed


@st.composite
def links(draw: st.DrawFn) -> str:
    # Links are where addresses survive, so they get a leaf of their own.
    href = draw(urls()).replace('"', "")
    name = draw(st.sampled_from(["href", "HREF", "hReF"]))
    attrs = "".join(draw(st.lists(attributes(), max_size=2)))
    return f'<a {name}="{href}"{attrs}>{draw(texts)}</a>'


fragments = st.recursive(
    st.one_of(
        texts,
        links(),
        st.builds(lambda t: f"<{t}>", st.sampled_from(TAGS)),
        st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
        st.sampled_from(["<!-- c -->", "<!--", "<![CDATA[x]]>", "&", "&amp;", "<"]),
    ),
    elements,
    max_leaves=12,
)
documents = st.lists(fragments, max_size=6).map("".join)


@given(documents)
@settings(max_examples=300, deadline=None)
# Found by fuzzing: nh3 alone keeps this address (as a relative one).
@example('<a href="javascript :alert(1)">x</a>')
def test_fuzzed_markup_sanitises_to_the_safe_subset_only(html: str) -> None:
    # Given any mixture of hostile and harmless markup, nested or left unclosed
    # When it is sanitised
    clean = sanitise(html)

    # Then only allowed tags and attributes remain, no event handler, and every link
    # points to a web page, an e-mail address or within the portal
    assert_only_safe_subset(clean)


@given(documents)
@settings(max_examples=300, deadline=None)
# Found by fuzzing: a single nh3 pass leaves list items that a second parse re-nests.
@example("aa<li><table></table><table></li><li><table></table></li>")
def test_sanitising_twice_changes_nothing(html: str) -> None:
    # Given any mixture of markup, sanitised once
    once = sanitise(html)

    # When the stored form is sanitised again (every save sanitises)
    twice = sanitise(once)

    # Then it is the same: an unchanged section never becomes a "new" version
    assert twice == once


# ------------------------------------------------------------------- plain text


def test_plain_text_puts_blocks_on_their_own_lines() -> None:
    # Given a section with headings, paragraphs, a list, a line break and a table
    html = (
        "<h2>Cele</h2><p>Pierwszy <strong>ważny</strong>\n  akapit</p>"
        "<ul><li>jeden</li><li>dwa</li></ul><p>a<br>b</p>"
        "<table><tbody><tr><th>Rok</th><td>Kwota</td></tr></tbody></table>"
    )

    # When its plain text is taken
    text = plain_text(html)

    # Then each block is a line, inline markup and source line breaks are not
    assert text == "Cele\nPierwszy ważny akapit\njeden\ndwa\na\nb\nRok\tKwota"


def test_plain_text_unescapes_entities_and_skips_scripts() -> None:
    # Given escaped characters, and (in unsanitised input) a script
    html = "<p>A &amp; B &lt;script&gt; &quot;C&quot;</p><script>alert(1)</script>"

    # When its plain text is taken
    # Then the characters are themselves and the script's code is not text
    assert plain_text(html) == 'A & B <script> "C"'


# ------------------------------------------------------------------- comparison


def test_a_changed_word_is_deleted_on_the_left_and_inserted_on_the_right() -> None:
    # Given two versions differing in one word
    old = "<p>Sieć planuje trzy spotkania w roku.</p>"
    new = "<p>Sieć planuje cztery spotkania w roku.</p>"

    # When they are compared
    left, right = word_diff(old, new)

    # Then only that word is marked, on each side
    assert left == "Sieć planuje <del>trzy</del> spotkania w roku."
    assert right == "Sieć planuje <ins>cztery</ins> spotkania w roku."
    assert isinstance(left, SafeString)
    assert isinstance(right, SafeString)
    assert has_changes(old, new)


def test_comparison_keeps_line_breaks_and_marks_added_text() -> None:
    # Given a paragraph added after an existing one
    old = "<p>Pierwszy.</p>"
    new = "<p>Pierwszy.</p><p>Drugi akapit.</p>"

    # When they are compared
    left, right = word_diff(old, new)

    # Then the existing text is unmarked and the new paragraph is inserted
    assert left == "Pierwszy."
    assert right == "Pierwszy.<br><ins>Drugi akapit.</ins>"


def test_markup_written_as_text_is_escaped_in_the_comparison() -> None:
    # Given a section that talks about HTML (stored escaped, as text)
    old = "<p>Nie wklejaj &lt;script&gt;alert(1)&lt;/script&gt; do treści.</p>"
    new = "<p>Nigdy nie wklejaj &lt;script&gt;alert(1)&lt;/script&gt; do treści.</p>"

    # When the versions are compared
    left, right = word_diff(old, new)

    # Then the text shows escaped, never as a tag
    assert "<script" not in left + right
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in left
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in right
    assert Elements(left + right).found == [("del", {}), ("ins", {})]


def test_formatting_and_links_of_the_versions_never_reach_the_comparison() -> None:
    # Given versions with formatting and a link (the comparison shows text only)
    old = '<p><strong>Tekst</strong> <a href="https://example.org/">link</a></p>'
    new = "<p><em>Tekst</em> link</p>"

    # When they are compared
    left, right = word_diff(old, new)

    # Then there are no tags but line breaks and marks, and nothing changed in text
    assert (left, right) == ("Tekst link", "Tekst link")
    assert not has_changes(old, new)


def test_identical_versions_have_no_marks() -> None:
    # Given the same text twice
    html = "<h2>Cele</h2><p>Ala &amp; kot</p>"

    # When it is compared with itself
    left, right = word_diff(html, html)

    # Then both sides are the plain text, nothing marked
    assert left == right == "Cele<br>Ala &amp; kot"
    assert "<del>" not in left
    assert "<ins>" not in right
    assert not has_changes(html, html)


def test_an_empty_side_is_all_deleted_or_all_inserted() -> None:
    # Given a section that was empty and then written
    # When the versions are compared
    left, right = word_diff("", "<p>Nowy tekst</p>")

    # Then everything is inserted, nothing deleted
    assert (left, right) == ("", "<ins>Nowy tekst</ins>")


def test_a_30000_word_section_still_shows_the_change() -> None:
    # Given a very long section (300 paragraphs of 100 words) with one word changed
    words = [f"słowo{n % 997}" for n in range(30_000)]
    old = "".join(
        "<p>" + " ".join(words[i : i + 100]) + "</p>" for i in range(0, 30_000, 100)
    )
    changed = list(words)
    changed[15_050] = "ZMIANA"
    new = "".join(
        "<p>" + " ".join(changed[i : i + 100]) + "</p>" for i in range(0, 30_000, 100)
    )

    # When they are compared (line by line: too long for word by word)
    left, right = word_diff(old, new)

    # Then exactly the changed paragraph is marked on each side
    assert left.count("<del>") == 1
    assert right.count("<ins>") == 1
    assert "ZMIANA" in right.split("<ins>")[1].split("</ins>")[0]
    assert "słowo95" in left.split("<del>")[1].split("</del>")[0]


def test_a_long_repetitive_section_compares_quickly() -> None:
    # Given 15 000 copies of one word, changed at both ends (the worst case for
    # aligning word by word)
    old = " ".join(["tak"] * 15_000)
    new = "nie " + " ".join(["tak"] * 14_998) + " nie"

    # When they are compared
    left, right = word_diff(old, new)

    # Then the change is still shown
    assert "<del>" in left
    assert "<ins>" in right
