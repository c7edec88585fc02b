"""core.forms: date, date-time and number inputs hold what a browser can read back
(ISO, unlocalised) on a Polish page, however the form declared its fields."""

import datetime
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import translation

from core.forms import PortalForm


class _Stored(PortalForm):
    # Declared as Django's defaults give them: a text-type date input, a
    # localised number.
    starts_on = forms.DateField()
    meets_at = forms.DateTimeField()
    cost = forms.DecimalField(max_digits=14, decimal_places=2, localize=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A field added once the form is built follows the policy too.
        self.fields["joined_on"] = forms.DateField()


STORED = {
    "starts_on": datetime.date(2027, 9, 1),
    "meets_at": datetime.datetime(2027, 9, 1, 10, 30, tzinfo=ZoneInfo("Europe/Warsaw")),
    "cost": Decimal("1850000.00"),
    "joined_on": datetime.date(2024, 3, 15),
}


def _values(html: str) -> dict[str, tuple[str, str]]:
    return {
        name: (kind, value)
        for kind, name, value in re.findall(
            r'<input type="([^"]+)" name="([^"]+)" value="([^"]*)"', html
        )
    }


def test_a_polish_page_renders_iso_dates_and_plain_numbers_into_inputs() -> None:
    # given a form with stored dates, a date-time and a decimal
    form = _Stored(initial=STORED)
    # when it is rendered in Polish
    with translation.override("pl"):
        html = str(form)
    # then the inputs are typed for the browser and hold ISO, unlocalised values
    assert _values(html) == {
        "starts_on": ("date", "2027-09-01"),
        "meets_at": ("datetime-local", "2027-09-01T10:30"),
        "cost": ("number", "1850000.00"),
        "joined_on": ("date", "2024-03-15"),
    }


def test_what_the_inputs_hold_is_read_back_unchanged() -> None:
    # given what a browser sends back from those inputs
    sent = {
        name: value
        for name, (_kind, value) in _values(str(_Stored(initial=STORED))).items()
    }
    # when the form reads it on a Polish page
    with translation.override("pl"):
        form = _Stored(sent)
        valid = form.is_valid()
    # then every value is the stored one
    assert valid, form.errors
    assert form.cleaned_data == STORED
