"""The programme pages' rich text on the page: always through the sanitiser.

The stored text was sanitised when it was saved (programme/services.py); it is
sanitised again here, on its way out, so that whatever reached the table some other
way (a seed, a hand-made row) is shown through the same gate. Only the sanitiser's
output is ever marked safe."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from documents.richtext import plain_text, sanitise

register = template.Library()


@register.filter
def rich_text(value: object) -> SafeString:
    # Safe: sanitise() keeps only the documents' safe subset of HTML.
    return mark_safe(sanitise(str(value or "")))  # noqa: S308


@register.filter
def rich_excerpt(value: object, words: int = 40) -> str:
    """The first words of a rich text, as plain text (escaped when shown)."""
    return Truncator(plain_text(sanitise(str(value or "")))).words(words)
