"""The production settings refuse to start without what production cannot guess
(the signing key, the host names, the mail server, the portal's public address),
naming the variable, and accept signatures made with a retired signing key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import signing

from tests.test_deploy_check import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "EMAIL_URL", "PORTAL_BASE_URL")


def _production(
    code: str, *, without: str = "", **extra: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **PRODUCTION_ENV, **extra}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests only
    if without:
        env.pop(without, None)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("name", REQUIRED)
def test_production_refuses_to_start_without_a_required_variable(name: str) -> None:
    # given the production environment with one required variable missing
    # when the production settings are loaded
    result = _production("print('started')", without=name)
    # then they refuse, naming the variable
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("name", REQUIRED)
def test_production_refuses_to_start_with_a_required_variable_left_empty(
    name: str,
) -> None:
    # given the required variable's line copied from .env.example, never filled in
    # when the production settings are loaded
    result = _production("print('started')", **{name: " "})
    # then they refuse, naming the variable
    assert result.returncode != 0
    assert name in result.stderr.strip().splitlines()[-1], result.stderr


def test_production_uses_the_given_mail_server_and_address() -> None:
    # given every required variable
    # when the production settings are loaded
    result = _production(
        "from django.conf import settings; "
        "print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, "
        "settings.EMAIL_USE_TLS, settings.PORTAL_BASE_URL)"
    )
    # then mail goes to that server and links point at that address
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.pim.invalid",
        "587",
        "True",
        "https://pim.gov.pl",
    ]


def test_a_signature_made_with_the_retired_key_is_still_accepted() -> None:
    # given a value signed (a session, a reset link) before the key was rotated
    old_key = "old-" + "q" * 50
    signed = signing.dumps({"user": 7}, key=old_key, salt="pim")
    # when production runs with a new key and the old one among the fallbacks
    result = _production(
        "from django.core import signing; "
        f"print(signing.loads({signed!r}, salt='pim')['user'])",
        DJANGO_SECRET_KEY_FALLBACKS=f"older-{'z' * 50}, {old_key}",
    )
    # then the signature still verifies
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "7"


def test_a_signature_made_with_a_key_no_longer_listed_is_refused() -> None:
    # given a value signed with a key that was since dropped from the fallbacks
    signed = signing.dumps({"user": 7}, key="gone-" + "q" * 50, salt="pim")
    # when production runs without it
    result = _production(
        "from django.core import signing; "
        f"print(signing.loads({signed!r}, salt='pim')['user'])"
    )
    # then the signature is refused
    assert result.returncode != 0
    assert "BadSignature" in result.stderr
