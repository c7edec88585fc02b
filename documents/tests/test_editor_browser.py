"""The rich-text editor (static/js/editor.js) driven in Chromium, keyboard first.

The page is built in the browser with `set_content`: no server, no database."""

import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.axe import assert_accessible

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "static"
LABELS = {
    "toolbar": "Formatowanie",
    "paragraph": "Akapit",
    "h2": "Nagłówek 2",
    "h3": "Nagłówek 3",
    "bold": "Pogrubienie",
    "italic": "Kursywa",
    "ul": "Lista punktowana",
    "ol": "Lista numerowana",
    "link": "Odnośnik",
    "unlink": "Usuń odnośnik",
    "table": "Wstaw tabelę",
    "clear": "Usuń formatowanie",
    "url": "Adres odnośnika",
    "link_text": "Tekst odnośnika (pusty: adres)",
    "insert": "Wstaw",
    "cancel": "Anuluj",
    "rows": "Wiersze",
    "columns": "Kolumny",
}
# Not in LABELS: the editor falls back to its English message.
INVALID_URL_MESSAGE = "Enter an address starting with http://, https:// or mailto:"


def editor_html(body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="pl">
<head><meta charset="utf-8"><title>Edycja sekcji — Portal PIM</title></head>
<body>
<main>
  <h1>Edycja sekcji</h1>
  <form method="post" action="/sekcje/1/">
    <div class="field">
      <label for="id_body">Treść sekcji</label>
      <p id="id_body_helptext">Tekst sekcji dokumentu.</p>
      <textarea id="id_body" name="body" data-rich-editor
        data-editor-labels='{html.escape(json.dumps(LABELS, ensure_ascii=False))}'
        aria-describedby="id_body_helptext">{html.escape(body)}</textarea>
    </div>
    <button type="submit">Zapisz</button>
  </form>
</main>
</body>
</html>"""


@pytest.fixture
def editor(browser: Any) -> Iterator[Any]:
    """A page whose textarea holds `<p>Zobacz portal ministerstwa</p>`, enhanced."""
    context = browser.new_context(locale="pl-PL")
    context.set_default_timeout(5_000)
    tab = context.new_page()
    tab.set_content(editor_html("<p>Zobacz portal ministerstwa</p>"))
    tab.add_style_tag(path=str(STATIC / "css" / "editor.css"))
    tab.add_script_tag(path=str(STATIC / "js" / "editor.js"))
    yield tab
    context.close()


def textarea_value(page: Any) -> str:
    return page.locator("#id_body").input_value()


def focused_id(page: Any) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def focused_name(page: Any) -> str:
    return page.evaluate("document.activeElement && document.activeElement.textContent")


def test_bold_can_be_applied_and_typed_with_the_keyboard_only(editor: Any) -> None:
    # Given an enhanced editor and nothing focused yet
    area = editor.locator("#id_body_editor")
    bold = editor.get_by_role("button", name="Pogrubienie", exact=True)
    expect(editor.locator("#id_body")).to_be_hidden()

    # When Tab enters the toolbar (one stop) and the arrows reach "Pogrubienie"
    editor.keyboard.press("Tab")
    assert focused_name(editor) == "Akapit"
    editor.keyboard.press("ArrowLeft")  # wraps to the last button
    assert focused_name(editor) == "Usuń formatowanie"
    editor.keyboard.press("Home")
    for _ in range(3):
        editor.keyboard.press("ArrowRight")
    assert focused_name(editor) == "Pogrubienie"
    assert editor.locator("[role=toolbar] button[tabindex='0']").count() == 1

    # ... and Enter turns bold on, sending the focus back to the text, where we type
    editor.keyboard.press("Enter")
    assert focused_id(editor) == "id_body_editor"
    editor.keyboard.type(" ważne")

    # Then the textarea holds the bold text and the button shows it is pressed
    value = textarea_value(editor)
    assert "<b>" in value or "<strong>" in value
    assert "ważne</b>" in value or "ważne</strong>" in value
    assert "Zobacz portal ministerstwa" in value
    expect(bold).to_have_attribute("aria-pressed", "true")

    # When the caret moves back into plain text, the button is released
    editor.keyboard.press("Home")
    expect(bold).to_have_attribute("aria-pressed", "false")
    expect(area).to_be_focused()

    # And Tab from the toolbar goes to the text, Shift+Tab back to the remembered button
    editor.keyboard.press("Shift+Tab")
    assert focused_name(editor) == "Pogrubienie"
    editor.keyboard.press("Tab")
    expect(area).to_be_focused()


def test_link_dialog_rejects_unsafe_addresses_and_links_the_selection(
    editor: Any,
) -> None:
    # Given the word "ministerstwa" selected with the keyboard
    area = editor.locator("#id_body_editor")
    area.focus()
    editor.keyboard.press("End")
    for _ in range(len("ministerstwa")):
        editor.keyboard.press("Shift+ArrowLeft")
    assert editor.evaluate("getSelection().toString()") == "ministerstwa"

    # When the link button is reached from the text and activated
    editor.keyboard.press("Shift+Tab")
    editor.keyboard.press("End")
    for _ in range(3):
        editor.keyboard.press("ArrowLeft")
    assert focused_name(editor) == "Odnośnik"
    editor.keyboard.press("Enter")
    dialog = editor.get_by_role("dialog", name="Odnośnik")
    expect(dialog).to_be_visible()
    url = dialog.get_by_label("Adres odnośnika")
    expect(url).to_be_focused()

    # ... and a javascript: address is confirmed with Enter
    editor.keyboard.type("javascript:alert(1)")
    editor.keyboard.press("Enter")

    # Then an alert explains the problem, and the dialog stays open
    expect(dialog.get_by_role("alert")).to_have_text(INVALID_URL_MESSAGE)
    expect(dialog).to_be_visible()
    expect(url).to_have_attribute("aria-invalid", "true")
    assert "<a" not in textarea_value(editor)

    # When a safe address is typed and "Wstaw" is pressed with the keyboard
    editor.keyboard.press("Control+A")
    editor.keyboard.type("https://example.pl")
    editor.keyboard.press("Tab")
    assert focused_name(editor) == "Wstaw"
    editor.keyboard.press("Enter")

    # Then the word is a link in the textarea, and the focus is back in the text
    expect(dialog).to_be_hidden()
    assert '<a href="https://example.pl">ministerstwa</a>' in textarea_value(editor)
    expect(area).to_be_focused()


def test_escape_closes_the_link_dialog_and_restores_the_selection(editor: Any) -> None:
    # Given "portal" selected and the link dialog open
    editor.locator("#id_body_editor").focus()
    editor.keyboard.press("Home")
    for _ in range(len("Zobacz ")):
        editor.keyboard.press("ArrowRight")
    for _ in range(len("portal")):
        editor.keyboard.press("Shift+ArrowRight")
    editor.get_by_role("button", name="Odnośnik", exact=True).click()
    dialog = editor.get_by_role("dialog", name="Odnośnik")
    expect(dialog).to_be_visible()

    # When Escape is pressed
    editor.keyboard.press("Escape")

    # Then the dialog is closed, nothing changed, and the same words are selected
    expect(dialog).to_be_hidden()
    expect(editor.locator("#id_body_editor")).to_be_focused()
    # (the dialog's "close" event, which restores the selection, comes a moment
    # after Escape: wait for it rather than race it)
    editor.wait_for_function("getSelection().toString() === 'portal'", timeout=5_000)
    assert editor.evaluate("getSelection().toString()") == "portal"
    assert textarea_value(editor) == "<p>Zobacz portal ministerstwa</p>"


def test_table_dialog_inserts_a_table_with_column_headers(editor: Any) -> None:
    # Given the caret at the end of the text
    editor.locator("#id_body_editor").focus()
    editor.keyboard.press("End")

    # When a 2 × 3 table is requested through the dialog
    editor.get_by_role("button", name="Wstaw tabelę", exact=True).click()
    dialog = editor.get_by_role("dialog", name="Wstaw tabelę")
    rows = dialog.get_by_role("spinbutton", name="Wiersze")
    expect(rows).to_be_focused()
    expect(rows).to_have_value("3")
    rows.fill("2")
    dialog.get_by_role("spinbutton", name="Kolumny").fill("3")
    dialog.get_by_role("button", name="Wstaw", exact=True).click()

    # Then the textarea holds one header row of 3 th scope="col" and 1 body row
    expect(dialog).to_be_hidden()
    shape = editor.evaluate(
        """() => {
            const t = document.createElement('template');
            t.innerHTML = document.getElementById('id_body').value;
            const table = t.content.querySelector('table');
            return {
                headers: table.querySelectorAll('thead th[scope="col"]').length,
                headerRows: table.querySelectorAll('thead tr').length,
                bodyRows: table.querySelectorAll('tbody tr').length,
                bodyCells: table.querySelectorAll('tbody td').length,
                emptyCellsHaveBr: [...table.querySelectorAll('th, td')]
                    .every((cell) => cell.innerHTML === '<br>'),
            };
        }"""
    )
    assert shape == {
        "headers": 3,
        "headerRows": 1,
        "bodyRows": 1,
        "bodyCells": 3,
        "emptyCellsHaveBr": True,
    }
    # And the caret waits in the first header cell
    assert editor.evaluate("getSelection().anchorNode.closest('th') !== null")


def test_enhanced_editor_and_open_link_dialog_meet_wcag_21_aa(editor: Any) -> None:
    # Given the enhanced editor
    area = editor.get_by_role("textbox", name="Treść sekcji")
    # (described by the field's help and by how to move in and out of a table)
    expect(area).to_have_attribute("aria-describedby", "id_body_helptext id_body_keys")
    expect(editor.get_by_role("toolbar", name="Formatowanie")).to_have_attribute(
        "aria-controls", "id_body_editor"
    )

    # Then axe finds no WCAG 2.1 A/AA violation
    assert_accessible(editor)

    # When the link dialog is open and shows its error
    area.focus()
    editor.get_by_role("button", name="Odnośnik", exact=True).click()
    dialog = editor.get_by_role("dialog", name="Odnośnik")
    dialog.get_by_label("Adres odnośnika").fill("ftp://example.pl")
    dialog.get_by_role("button", name="Wstaw", exact=True).click()
    expect(dialog.get_by_role("alert")).to_be_visible()

    # Then axe still finds none
    assert_accessible(editor)


def test_typing_updates_the_textarea_and_fires_input_and_change(editor: Any) -> None:
    # Given listeners counting the form's events from the textarea
    editor.evaluate(
        """() => {
            window.seen = [];
            const form = document.querySelector('form');
            for (const type of ['input', 'change']) {
                form.addEventListener(
                    type, (e) => window.seen.push(type + ':' + e.target.id)
                );
            }
        }"""
    )

    # When text is typed in the area and the focus leaves it
    editor.locator("#id_body_editor").focus()
    editor.keyboard.press("End")
    editor.keyboard.type("!")
    editor.get_by_role("button", name="Zapisz", exact=True).focus()

    # Then the textarea value follows and only the textarea's events reach the form
    assert textarea_value(editor) == "<p>Zobacz portal ministerstwa!</p>"
    seen = editor.evaluate("window.seen")
    assert seen[0] == "input:id_body"
    assert seen[-1] == "change:id_body"
    assert set(seen) == {"input:id_body", "change:id_body"}


def test_submit_and_htmx_requests_carry_the_latest_text(editor: Any) -> None:
    # Given the area changed by a script, without any input event
    editor.evaluate(
        """() => {
            document.getElementById('id_body_editor').innerHTML = '<p>Nowa treść</p>';
            window.submitted = null;
            document.querySelector('form').addEventListener('submit', (e) => {
                e.preventDefault();
                window.submitted = new FormData(e.target).get('body');
            });
        }"""
    )

    # When htmx configures a request from the form, with the old parameters
    parameters = editor.evaluate(
        """() => {
            const parameters = {body: 'stara treść'};
            document.querySelector('form').dispatchEvent(new CustomEvent(
                'htmx:configRequest', {bubbles: true, detail: {parameters}}
            ));
            return parameters;
        }"""
    )

    # Then the request carries the new text
    assert parameters == {"body": "<p>Nowa treść</p>"}

    # And a submitted form carries it too
    editor.evaluate(
        "document.getElementById('id_body_editor').innerHTML = '<p>Ostatnia</p>'"
    )
    editor.get_by_role("button", name="Zapisz", exact=True).click()
    assert editor.evaluate("window.submitted") == "<p>Ostatnia</p>"


def test_paste_inserts_plain_text_only(editor: Any) -> None:
    # Given the caret at the end of the text
    editor.locator("#id_body_editor").focus()
    editor.keyboard.press("End")

    # When Word-like HTML is pasted
    editor.evaluate(
        """() => {
            const data = new DataTransfer();
            data.setData('text/html', '<p class="MsoNormal"><b>Wklejone</b></p>');
            data.setData('text/plain', ' wklejone');
            document.getElementById('id_body_editor').dispatchEvent(
                new ClipboardEvent('paste', {
                    clipboardData: data, bubbles: true, cancelable: true,
                })
            );
        }"""
    )

    # Then only the plain text arrives
    assert textarea_value(editor) == "<p>Zobacz portal ministerstwa wklejone</p>"


def test_repeated_htmx_load_does_not_enhance_twice(editor: Any) -> None:
    # Given an enhanced editor
    assert editor.locator("[role=toolbar]").count() == 1

    # When htmx announces the body as loaded, twice
    for _ in range(2):
        editor.evaluate(
            """() => document.body.dispatchEvent(new CustomEvent('htmx:load', {
                bubbles: true, detail: {elt: document.body},
            }))"""
        )

    # Then there is still exactly one toolbar and one editable area
    assert editor.locator("[role=toolbar]").count() == 1
    assert editor.locator(".rich-editor-area").count() == 1


def test_htmx_swapped_textarea_is_enhanced_on_htmx_load(editor: Any) -> None:
    # Given a new field swapped into the page by htmx
    editor.evaluate(
        """() => {
            const part = document.createElement('div');
            part.innerHTML = '<label for="id_summary">Streszczenie</label>'
                + '<textarea id="id_summary" name="summary" data-rich-editor>'
                + '</textarea>';
            document.querySelector('form').append(part);
            part.dispatchEvent(new CustomEvent('htmx:load', {
                bubbles: true, detail: {elt: part},
            }));
        }"""
    )

    # Then it is enhanced too, named by its label, with English fallback labels
    expect(editor.get_by_role("textbox", name="Streszczenie")).to_be_visible()
    expect(editor.locator("#id_summary")).to_be_hidden()
    expect(editor.get_by_role("button", name="Bold", exact=True)).to_have_count(1)
    assert editor.locator("[role=toolbar]").count() == 2


def _table_2_by_2(editor: Any) -> None:
    """A table of a header row and one body row, two columns, the caret in its
    first cell (the table dialog, as a person would)."""
    editor.locator("#id_body_editor").focus()
    editor.keyboard.press("End")
    editor.get_by_role("button", name="Wstaw tabelę", exact=True).click()
    dialog = editor.get_by_role("dialog", name="Wstaw tabelę")
    dialog.get_by_role("spinbutton", name="Wiersze").fill("2")
    dialog.get_by_role("spinbutton", name="Kolumny").fill("2")
    dialog.get_by_role("button", name="Wstaw", exact=True).click()
    expect(dialog).to_be_hidden()


def _cell_at_caret(editor: Any) -> int:
    return editor.evaluate(
        """() => {
            const node = getSelection().anchorNode;
            const cell = (node.closest ? node : node.parentElement).closest('th,td');
            const cells = document.querySelectorAll(
                '#id_body_editor th, #id_body_editor td');
            return [...cells].indexOf(cell);
        }"""
    )


def test_tab_moves_among_table_cells_and_leaves_the_editor_after_the_last(
    editor: Any,
) -> None:
    # Given a 2 × 2 table with the caret in its first cell
    _table_2_by_2(editor)
    assert _cell_at_caret(editor) == 0
    # and the way out said next to the editor while the caret is in the table
    hint = editor.locator(".rich-editor-hint")
    expect(hint).to_be_visible()
    expect(editor.locator("#id_body_editor")).to_have_attribute(
        "aria-describedby", "id_body_helptext id_body_keys"
    )

    # When Tab and Shift+Tab are pressed, the caret moves among the cells
    editor.keyboard.type("Działanie")
    editor.keyboard.press("Tab")
    assert _cell_at_caret(editor) == 1
    editor.keyboard.press("Shift+Tab")
    assert _cell_at_caret(editor) == 0
    for expected in (1, 2, 3):
        editor.keyboard.press("Tab")
        assert _cell_at_caret(editor) == expected
    expect(editor.locator("#id_body_editor")).to_be_focused()
    assert '<th scope="col">Działanie</th>' in textarea_value(editor)

    # When Tab is pressed in the last cell, then the focus leaves the editor
    editor.keyboard.press("Tab")
    expect(editor.get_by_role("button", name="Zapisz")).to_be_focused()


def test_escape_then_tab_leaves_the_editor_from_any_table_cell(editor: Any) -> None:
    # Given the caret in the first cell of a table
    _table_2_by_2(editor)
    # When Escape and then Tab are pressed
    editor.keyboard.press("Escape")
    editor.keyboard.press("Tab")
    # Then the focus is out of the editor, on the form's next control
    expect(editor.get_by_role("button", name="Zapisz")).to_be_focused()
    # and Ctrl+M does the same
    editor.locator("#id_body_editor td").first.click()
    editor.keyboard.press("Control+m")
    editor.keyboard.press("Tab")
    expect(editor.get_by_role("button", name="Zapisz")).to_be_focused()


def test_a_link_made_with_nothing_selected_asks_for_its_text(editor: Any) -> None:
    # Given the caret at the end of the text, nothing selected
    editor.locator("#id_body_editor").focus()
    editor.keyboard.press("End")
    editor.keyboard.type(" ")
    # When the link dialog opens
    editor.get_by_role("button", name="Odnośnik", exact=True).click()
    dialog = editor.get_by_role("dialog", name="Odnośnik")
    # Then it asks for the link's text too, and the words typed become the link
    text = dialog.get_by_label("Tekst odnośnika (pusty: adres)")
    expect(text).to_be_visible()
    dialog.get_by_label("Adres odnośnika").fill("https://example.pl/mid")
    text.fill("strona MID")
    text.press("Enter")
    expect(dialog).to_be_hidden()
    assert '<a href="https://example.pl/mid">strona MID</a>' in textarea_value(editor)
    assert_accessible(editor)


def test_a_link_over_selected_words_does_not_ask_for_text(editor: Any) -> None:
    # Given a word selected
    editor.locator("#id_body_editor").focus()
    editor.keyboard.press("End")
    for _ in range(len("ministerstwa")):
        editor.keyboard.press("Shift+ArrowLeft")
    # When the link dialog opens, then the selected words are the text
    editor.get_by_role("button", name="Odnośnik", exact=True).click()
    dialog = editor.get_by_role("dialog", name="Odnośnik")
    expect(dialog.get_by_label("Tekst odnośnika (pusty: adres)")).to_be_hidden()
