from collections.abc import Collection
from typing import Any

from django.db.models import QuerySet
from django.utils.text import slugify

# NFKD leaves "ł" whole, so slugify alone would drop it ("Łosice" -> "osice").
_POLISH = str.maketrans({"ł": "l", "Ł": "L"})
# slugify drops dashes: "PIM 2026–2028" would read "pim-20262028".
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})


def polish_slug(text: str) -> str:
    return slugify(text.translate(_POLISH))


def free_slug(
    text: str,
    *,
    among: QuerySet[Any],
    fallback: str,
    max_length: int,
    reserved: Collection[str] = (),
) -> str:
    """The address of a new row of `among` named `text`: its name's slug, or with
    -2, -3, … after it where a row (or a path of the app, `reserved`) has it."""
    base = polish_slug(text.translate(_DASHES))[:max_length].strip("-") or fallback
    taken = set(among.filter(slug__startswith=base).values_list("slug", flat=True))
    taken.update(reserved)
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
