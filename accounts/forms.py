from allauth.account.forms import ResetPasswordForm

from accounts.selectors import user_by_verified_email
from core.forms import InputPolicy


class ConfirmedAddressResetPasswordForm(InputPolicy, ResetPasswordForm):
    """A reset link goes only to a confirmed address of the account. allauth falls
    back to unconfirmed ones (an address someone added to an account and never
    confirmed), which would let whoever added it take the account over."""

    def clean_email(self) -> str:
        email = super().clean_email()
        owner = user_by_verified_email(email)
        self.users = [owner] if owner is not None and owner.is_active else []
        return email
