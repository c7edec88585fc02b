from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class ExpertAssignForm(forms.Form):
    email = forms.EmailField(
        label=_("Expert's e-mail address"),
        help_text=_("The expert must already have an account in the portal."),
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("There is no active account with this e-mail address.")
            )
        return user
