from typing import cast

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm
from organisations.models import Membership


class InvitationForm(PortalForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=())

    def __init__(self, *args: object, roles: list[Membership.Role], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [(role.value, role.label) for role in roles]


class RoleForm(PortalForm):
    role = forms.ChoiceField(label=_("New role"), choices=Membership.Role.choices)
    expected_role = forms.ChoiceField(
        choices=Membership.Role.choices, widget=forms.HiddenInput
    )


class AcceptInvitationForm(PortalForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_again = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password and password != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        elif isinstance(password, str):
            try:
                password_validation.validate_password(password)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
