"""Every form of the portal survives a round trip through the browser unchanged.

Each form class of the apps (found by walking them, so a new form is covered the
day it is written) is built with stored values — dates, date-times, decimals,
choices — and rendered in Polish as a page would render it. The rendered controls
are read back as Chromium would send them (a date input holding anything but
`YYYY-MM-DD` is blanked, a number input anything but `1234.5`, a select without a
chosen option sends its first one), submitted unchanged, and the cleaned values
must equal the stored ones. How each form is built is in tests/support/form_cases.py
(BUILT); a form it cannot build is named in NOT_BUILT with the reason; a form
that is neither built nor named fails the test.
"""

import datetime
import pkgutil
from collections.abc import Iterator
from importlib import import_module
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.db.models import Model, QuerySet
from django.template.loader import render_to_string
from django.urls import get_resolver
from django.utils import translation

from core.forms import InputPolicy
from tests.support.form_cases import BUILT, NOT_BUILT
from tests.support.submitted import as_submitted
from tests.support.world import World

pytestmark = pytest.mark.django_db


# ----------------------------------------------------------------- which forms


def _project_apps() -> list[str]:
    root = str(settings.BASE_DIR)
    return [
        config.name
        for config in apps.get_app_configs()
        if config.path.startswith(root) and ".venv" not in config.path
    ]


def _subclasses(cls: type[Any]) -> Iterator[type[Any]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def portal_forms() -> set[type[forms.BaseForm]]:
    """Every form class defined in the apps: their forms modules, and whatever
    else their URLs import (a form kept beside its views)."""
    names = _project_apps()
    for name in names:
        package = import_module(name)
        if any(m.name == "forms" for m in pkgutil.iter_modules(package.__path__)):
            import_module(f"{name}.forms")
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    return {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in names and ".tests" not in cls.__module__
    }


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


# ----------------------------------------------------------------- comparing


def _same(value: Any) -> Any:
    """A value as stored, whatever shape the form holds it in."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple):
        return sorted(str(_same(one)) for one in value)
    if value is None or value is False:  # an empty field, an unticked box
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")  # line endings are the browser's choice
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC)
    return value


def _stored(form: forms.BaseForm) -> dict[str, Any]:
    """What the unbound form shows for each field a browser sends back."""
    values = {}
    for name, one in form.fields.items():
        if isinstance(one, forms.FileField) or isinstance(
            one.widget, forms.PasswordInput
        ):
            continue
        values[name] = form.get_initial_for_field(one, name)
    return values


# ----------------------------------------------------------------- the tests


def test_every_form_is_built_here_or_named_with_a_reason() -> None:
    # given every form class of the apps
    found = {_name(cls) for cls in portal_forms()}
    # then each is either built by this test or named with why it is not
    unaccounted = found - BUILT.keys() - NOT_BUILT.keys()
    assert not unaccounted, f"add to BUILT or NOT_BUILT: {sorted(unaccounted)}"
    # and neither table names a form that no longer exists
    assert not (BUILT.keys() | NOT_BUILT.keys()) - found


def test_every_form_follows_the_input_policy() -> None:
    # given every form class of the apps
    # then each takes its date and number inputs from core.forms' policy
    outside = sorted(
        _name(cls) for cls in portal_forms() if not issubclass(cls, InputPolicy)
    )
    assert not outside, f"derive from core.forms.PortalForm/PortalModelForm: {outside}"


@pytest.mark.parametrize("name", sorted(BUILT))
def test_stored_values_survive_a_round_trip_through_the_browser(
    name: str, world: World
) -> None:
    # given the form built with stored values, rendered in Polish as a page would
    case = BUILT[name](world)
    with translation.override("pl"):
        form = case.make(None, None)
        stored = _stored(form)
        html = render_to_string("_form.html", {"form": form})
        # when what the browser shows is submitted unchanged
        data = as_submitted(html)
        files = {key: upload() for key, upload in case.files.items()}
        bound = case.make(data, files)
        # then the form accepts it
        assert bound.is_valid(), (bound.errors.as_data(), dict(data.lists()))
    # and every value comes back as it was stored
    changed = {}
    for field_name, value in stored.items():
        back = bound.cleaned_data.get(field_name)
        back = case.cleaned_as.get(field_name, lambda same: same)(back)
        if _same(back) != _same(value):
            changed[field_name] = (value, back, data.getlist(field_name))
    assert not changed, f"changed on the way (stored, back, sent): {changed}"
