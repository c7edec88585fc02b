from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import user_by_verified_email
from core.forms import PortalForm


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
