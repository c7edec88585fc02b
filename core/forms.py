"""The portal's form bases and its one policy for date and number inputs.

A browser's `<input type="date">` takes only `2027-09-01`, `datetime-local` only
`2027-09-01T10:00`, and `<input type="number">` only `1850000.00`, whatever the
page's language. A value rendered in the Polish display format ("01.09.2027",
"1 850 000,00") is blanked by the browser, and the form comes back "required".

So every form of the portal derives from PortalForm or PortalModelForm (or mixes
in InputPolicy): each date, date-time and number field gets an ISO, unlocalised
input the first time it is bound — rendered or cleaned — which covers the fields
a form adds in its own `__init__` too. Display outside inputs stays Polish.
"""

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"
# The minute is the finest step the portal asks for (meetings, call deadlines).
ISO_DATETIME = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATETIME)


def apply_input_policy(field: forms.Field) -> None:
    """Gives the field the input a browser can read back (see the module's doc)."""
    widget = field.widget
    if isinstance(field, forms.IntegerField):  # decimals and floats too
        field.localize = False
        widget.is_localized = False
        if type(widget) is forms.TextInput:  # what `localize=True` gives it
            number = forms.NumberInput(attrs=widget.attrs)
            number.attrs.update(field.widget_attrs(number))  # min, max, step
            number.is_required = widget.is_required
            field.widget = number
    elif isinstance(field, forms.DateTimeField) and isinstance(
        widget, forms.DateTimeInput
    ):
        widget.input_type = DateTimeInput.input_type
        widget.format = ISO_DATETIME
    elif isinstance(field, forms.DateField) and isinstance(widget, forms.DateInput):
        widget.input_type = DateInput.input_type
        widget.format = ISO_DATE


class InputPolicy(forms.BaseForm):
    """Applies the input policy to each field as the form binds it (rendering and
    cleaning both go through here; applying it again changes nothing)."""

    def __getitem__(self, name: str) -> forms.BoundField:
        if name in self.fields:
            apply_input_policy(self.fields[name])
        return super().__getitem__(name)


class PortalForm(InputPolicy, forms.Form):
    pass


class PortalModelForm(InputPolicy, forms.ModelForm):  # type: ignore[type-arg]
    pass
