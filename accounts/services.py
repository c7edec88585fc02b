import functools
import uuid
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.selectors import ERASED_ACCOUNTS
from core.page_cache import new_generation

# RFC 2606 reserves ".invalid": no mail is ever delivered there, and no person can
# own such an address.
ERASED_EMAIL_DOMAIN = "erased.invalid"


def user_create(*, email: str, full_name: str, password: str | None) -> User:
    """Creates an account whose login is `email`; `password=None` leaves it unusable
    until one is set.

    The address counts as confirmed, though not every caller has proof that the
    person reads that mailbox: it came either from an invitation link mailed there
    and followed, or from a city that gives an LP member an account
    (partnerships.services.member_account_give) with the address the member gave
    the city, which holds their consent record. Either way the account can only be
    entered through a link mailed to that address (the invitation, or the link to
    set a password). Seats given by e-mail look people up by confirmed addresses
    only (accounts.selectors)."""
    with transaction.atomic():
        user = User.objects.create_user(
            email=email, password=password, full_name=full_name
        )
        primary_email_confirm(user=user)
    return user


def primary_email_confirm(*, user: User) -> EmailAddress:
    """Records the account's login address as confirmed and primary (allauth's
    record, which sign-in with mandatory verification and the e-mail page read)."""
    EmailAddress.objects.filter(user=user, primary=True).exclude(
        email__iexact=user.email
    ).update(primary=False)
    address, _created = EmailAddress.objects.update_or_create(
        user=user,
        email=user.email,
        defaults={"verified": True, "primary": True},
    )
    return address


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
    # After the commit: reading every live session inside the transaction would
    # hold the row locks (the caller's too) for as long. It is safe to wait: the
    # unusable password already invalidates the sessions at their next request.
    transaction.on_commit(functools.partial(_end_sessions, user.pk), robust=True)
    # No kept page part (a document's comment threads) names them any more.
    new_generation(ERASED_ACCOUNTS)


def _end_sessions(user_id: int) -> None:
    # Sessions are not indexed by person: the live ones are read through once
    # (an erasure is rare). Deleting them also clears the cached copies in Redis.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    wanted = str(user_id)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator(chunk_size=500):
        if str(session.get_decoded().get(SESSION_KEY)) == wanted:
            store(session_key=session.session_key).delete()
