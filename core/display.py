"""Stored values as people read them: a choice's label instead of its code, and
numbers written the way the page's language writes them. One function per kind of
value; templates reach them through the filters in core/templatetags/
portal_display.py, exports call them directly."""

from collections.abc import Iterable
from decimal import Decimal

from django.apps import apps
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

Number = int | Decimal | float


def choice_label(code: str, field: str) -> str:
    """The label of a stored choice, `field` naming the model field that holds such
    codes as "app_label.Model.field" (for a list of codes — a call's eligible kinds
    — the field whose choices they are). A code the field no longer offers is shown
    as stored: it is data, not a code of ours."""
    app_label, model_name, field_name = field.split(".")
    model_field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    labels = dict(model_field.flatchoices)  # type: ignore[union-attr]
    return str(labels.get(code, code))


def choice_labels(codes: Iterable[str], field: str) -> list[str]:
    return [choice_label(code, field) for code in codes]


def _grouped(value: Number, decimals: int) -> str:
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimals,
        grouping=get_format("NUMBER_GROUPING"),
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def count_shown(value: Number | None) -> str:
    """A count of things or people: whole, grouped in thousands ("3 500")."""
    if value is None or value == "":
        return ""
    return _grouped(round(Decimal(value)), 0)


def quantity_shown(value: Number | None) -> str:
    """A measured quantity (an indicator's baseline or target): grouped, with only
    the decimals it has ("3 500", "12,5"), never a trailing ",00"."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return _grouped(number.to_integral_value(), 0)
    decimals = -int(number.normalize().as_tuple().exponent)
    return _grouped(number, decimals)


def money_shown(value: Number | None) -> str:
    """An amount in złoty: grouped, with grosze only when there are any
    ("1 850 000 zł", "1 850 000,50 zł")."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    whole = number == number.to_integral_value()
    amount = _grouped(
        number.to_integral_value() if whole else number, 0 if whole else 2
    )
    # The currency in the language's order, joined by a space that never breaks
    # the line.
    return (_("PLN %(amount)s") % {"amount": amount}).replace(" ", "\xa0")
