from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import user_by_verified_email
from core.forms import DateInput, PortalForm
from networks.editions import EditionDraft, ThemeDraft
from networks.signals import CALL_TEMPLATE, SECTION_TEMPLATES, Offer


class ExpertAssignForm(PortalForm):
    email = forms.EmailField(
        label=_("Expert's e-mail address"),
        help_text=_("The expert must already have an account in the portal."),
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        # Only the account that confirmed the address: one that merely added it
        # to its settings must not become the network's expert.
        user = user_by_verified_email(email)
        if user is None or not user.is_active:
            raise forms.ValidationError(
                _("There is no active account with this e-mail address.")
            )
        return user


class EditionForm(PortalForm):
    name = forms.CharField(label=_("Name in Polish"), max_length=120)
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=120,
        required=False,
        help_text=_("Shown on pages in English; if empty, the Polish name is."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    is_current = forms.BooleanField(
        label=_("The current edition"),
        required=False,
        help_text=_(
            "The edition the portal runs now (the home page, the ministry's "
            "overview). Marking this one un-marks the edition that was current."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("An edition cannot end before it starts."))
        return data

    def draft(self) -> EditionDraft:
        data = self.cleaned_data
        return EditionDraft(
            name=data["name"],
            name_en=data["name_en"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            is_current=data["is_current"],
        )


# How preparing the next edition asks about each part the apps offer to copy.
PART_FIELDS = {
    SECTION_TEMPLATES: (
        _("Section templates of the documents"),
        _(
            "What the Network Sheet, the MID and the other documents ask authors "
            "to write, copied as they are; they can be changed afterwards."
        ),
    ),
    CALL_TEMPLATE: (
        _("Call to copy as the new edition's draft"),
        _(
            "Copied with its themes, questions, evaluation criteria and rules of "
            "who may apply; unpublished, its dates moved by the time between the "
            "two editions' starts."
        ),
    ),
}


class EditionPrepareForm(EditionForm):
    """The next edition's names and dates, and which parts of the earlier one to
    copy (one choice per part an app offers)."""

    def __init__(self, *args: Any, offers: list[Offer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["is_current"].initial = False
        self.parts = [offer.part for offer in offers]
        for offer in offers:
            label, help_text = PART_FIELDS[offer.part]
            self.fields[offer.part] = forms.ChoiceField(
                label=label,
                help_text=help_text,
                choices=offer.choices,
                initial=offer.initial,
                required=False,
            )

    def chosen(self) -> dict[str, str]:
        return {part: self.cleaned_data.get(part) or "" for part in self.parts}


class ThemeForm(PortalForm):
    name_pl = forms.CharField(label=_("Name in Polish"), max_length=200)
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        required=False,
        help_text=_("Shown on pages in English; if empty, the Polish name is."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What a network of this theme works on, for the call pages."),
    )

    def draft(self) -> ThemeDraft:
        data = self.cleaned_data
        return ThemeDraft(
            name_pl=data["name_pl"],
            name_en=data["name_en"],
            description=data["description"],
        )
