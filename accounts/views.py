from allauth.account.decorators import reauthentication_required
from allauth.account.views import password_change as allauth_password_change

# allauth asks for the current password on its form; before that, like for a change
# of the e-mail, the person re-authenticates (with the authenticator app's code
# where they have one: accounts.adapter), so that a taken-over session cannot set a
# password of its own. Asked on opening the form, so that a new password typed into
# it is never kept in the session while the person re-authenticates.
password_change = reauthentication_required(
    allauth_password_change, app="allauth.account"
)
