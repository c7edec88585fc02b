"""The version of the accounts that cached parts name: moved on when an account is
anonymised, so that no part kept in Redis (a document's comment threads) goes on
showing the person's name after their data were erased."""

from core.cached_parts import move_on

# Public: a part read with other versions puts it in the same round trip to Redis.
ERASED_ACCOUNTS = "accounts:erased-version"


def accounts_erased() -> None:
    """An account's name and e-mail were erased (rare: every part naming people is
    read again once)."""
    move_on(ERASED_ACCOUNTS)
