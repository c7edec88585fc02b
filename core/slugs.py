from django.utils.text import slugify

# NFKD leaves "ł" whole, so slugify alone would drop it ("Łosice" -> "osice").
_POLISH = str.maketrans({"ł": "l", "Ł": "L"})


def polish_slug(text: str) -> str:
    return slugify(text.translate(_POLISH))
