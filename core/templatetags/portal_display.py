"""Stored values as people read them, in templates (core/display.py):

    {{ code|choice_label:"organisations.Organisation.kind" }}
    {{ call.eligible_kinds|choice_labels:"organisations.Organisation.kind"|join:", " }}
    {{ activity.reach|count }}   {{ indicator.target|quantity }}   {{ cost|money }}

A model's own choice field needs none of these: `get_<field>_display` shows it."""

from collections.abc import Iterable

from django import template

from core import display

register = template.Library()


@register.filter
def choice_label(code: str, field: str) -> str:
    return display.choice_label(code, field)


@register.filter
def choice_labels(codes: Iterable[str], field: str) -> list[str]:
    return display.choice_labels(codes, field)


@register.filter
def count(value: display.Number | None) -> str:
    return display.count_shown(value)


@register.filter
def quantity(value: display.Number | None) -> str:
    return display.quantity_shown(value)


@register.filter
def money(value: display.Number | None) -> str:
    return display.money_shown(value)
