"""Who owns an e-mail address. A seat given by e-mail (an invitation, an expert's
assignment, an LP member's account) goes only to the account that proved it reads
that mailbox: an address merely typed into someone's account settings, and not
confirmed through the link mailed to it, belongs to nobody."""

from allauth.account.models import EmailAddress

from accounts.models import User

# The generation of the names accounts show: a new one starts when an account is
# anonymised, so that no kept page part goes on naming the person (core.page_cache).
ERASED_ACCOUNTS = "accounts:erased"


def user_by_verified_email(email: str) -> User | None:
    """The account holding `email` as a confirmed address, if any."""
    return (
        User.objects.filter(
            emailaddress__email__iexact=email.strip(), emailaddress__verified=True
        )
        .order_by("pk")
        .first()
    )


def has_verified_email(*, user: User, email: str) -> bool:
    """Whether the person confirmed that `email` is theirs."""
    return EmailAddress.objects.filter(
        user=user, email__iexact=email.strip(), verified=True
    ).exists()


def email_is_taken(email: str) -> bool:
    """Whether a new account may not take `email`: it is some account's login, or
    some account's confirmed address."""
    return (
        User.objects.filter(email__iexact=email.strip()).exists()
        or user_by_verified_email(email) is not None
    )
