"""Polish is the default language: its catalogue must be complete and compiled."""

import ast
import gettext
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
_STRING = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$')


def read_po(path: Path) -> list[dict[str, str]]:
    """The catalogue's entries (header excluded), each with its flags."""
    entries: list[dict[str, str]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        key = ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif match := _STRING.match(line):
                key = match.group(1)
                entry[key] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def test_polish_catalogue_has_no_untranslated_or_fuzzy_entry() -> None:
    entries = read_po(PO)
    untranslated = [
        entry["msgid"]
        for entry in entries
        if any(key.startswith("msgstr") and not value for key, value in entry.items())
    ]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert len(entries) > 100
    assert untranslated == []
    assert fuzzy == []


def test_compiled_polish_catalogue_matches_the_source() -> None:
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in read_po(PO):
        if "msgid_plural" in entry:
            got = compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            assert got == entry["msgstr[0]"], entry["msgid"]
        elif "msgctxt" in entry:
            assert (
                compiled.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"]
            )
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
