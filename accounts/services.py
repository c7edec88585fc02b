import uuid
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.cached import accounts_erased
from accounts.models import User

# RFC 2606 reserves ".invalid": no mail is ever delivered there, and no person can
# own such an address.
ERASED_EMAIL_DOMAIN = "erased.invalid"


def user_create(*, email: str, full_name: str, password: str | None) -> User:
    """Creates an account; `password=None` leaves it unusable until one is set."""
    return User.objects.create_user(email=email, password=password, full_name=full_name)


@transaction.atomic
def account_anonymise(*, user: User, shown_as: str) -> None:
    """Closes the account for good and erases who held it: it can no longer sign in
    (deactivated, no password, no second factor, every session ended), its e-mail
    becomes a random undeliverable address and its name `shown_as` (what the
    comments it wrote are signed with from now on). The row itself stays, because
    comments and audit events point to it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.email = f"{uuid.uuid4().hex}@{ERASED_EMAIL_DOMAIN}"
    user.full_name = shown_as
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "full_name", "is_active", "password"])
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    _end_sessions(user)
    accounts_erased()


def _end_sessions(user: User) -> None:
    # Sessions are not indexed by person: the live ones are read through once
    # (an erasure is rare). The unusable password already invalidates them at the
    # next request; deleting them also clears the cached copies in Redis.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    wanted = str(user.pk)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator(chunk_size=500):
        if str(session.get_decoded().get(SESSION_KEY)) == wanted:
            store(session_key=session.session_key).delete()
