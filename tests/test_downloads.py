"""Every download of personal data or of a draft answers `Cache-Control: no-store`
(core.downloads.no_store), as the person who may download it gets it. The
downloads are taken from the permission matrix's entries; files anyone may see
stay cacheable: a published version's final PDF, a public material, a public
network's calendar."""

import importlib
import time
from typing import Any

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from pdfs.models import Bundle, JobState
from recruitment.models import Answer
from recruitment.tests.matrix import gdynia_application
from tests.support.matrix import OUR_APPS, Case
from tests.support.urls import url_names
from tests.support.world import ROLES, World

pytestmark = pytest.mark.django_db

# Each download: the positions of its matrix cases that are public files.
DOWNLOADS: dict[str, set[int]] = {
    "materials:download": {0},  # the public material
    "meetings:attachment_download": set(),
    "meetings:ics": set(),
    "meetings:user_feed": set(),
    "meetings:network_feed": set(),
    "meetings:public_network_feed": {0},
    "partnerships:export": set(),
    "partnerships:member_download": set(),
    "pdfs:download": {1},  # the published version's final PDF
    "pdfs:bundle_download": set(),
    "recruitment:export": set(),
    "recruitment:answer_file": set(),
    "mfa_download_recovery_codes": set(),
}
# No one gets these in the matrix's world (nothing to download there): their own
# tests below give them something.
NOTHING_IN_THE_MATRIX = {
    "pdfs:bundle_download",
    "recruitment:answer_file",
    "mfa_download_recovery_codes",
}
# What a URL name of a download looks like.
DOWNLOAD_WORDS = ("download", "export", "feed", "ics", "file", "pobierz")


def _matrix() -> dict[str, list[Case]]:
    matrix: dict[str, list[Case]] = {}
    for app in OUR_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.matrix")
        except ModuleNotFoundError:
            continue
        matrix.update(module.MATRIX)
    return matrix


def test_every_download_url_is_listed() -> None:
    looks_like_a_download = {
        name for name in url_names() if any(word in name for word in DOWNLOAD_WORDS)
    }
    assert looks_like_a_download - set(DOWNLOADS) == set()
    assert set(DOWNLOADS) <= set(url_names())


def _client(world: World, role: str) -> Client:
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(set(DOWNLOADS) - NOTHING_IN_THE_MATRIX))
def test_a_private_download_is_not_stored_by_any_cache(name: str, world: World) -> None:
    checked = []
    for position, case in enumerate(_matrix()[name]):
        allowed = [role for role in ROLES if case.expect[role] == 200]
        if not allowed:
            continue
        # the first role that may download it (anonymous first, where it may)
        role = allowed[0]
        response = _client(world, role).get(case.url(world), case.data)
        assert response.status_code == 200, (position, role)
        control = response.get("Cache-Control", "")
        if position in DOWNLOADS[name]:
            assert "no-store" not in control, (position, role, control)
        else:
            assert "no-store" in control, (position, role, control)
            assert "private" in control, (position, role, control)
        checked.append(position)
    assert checked, f"no case of {name} lets anyone download"


def _no_store(response: Any) -> bool:
    assert response.status_code == 200
    return "no-store" in response["Cache-Control"]


def test_the_zip_of_published_mids_is_not_stored(world: World) -> None:
    bundle = Bundle.objects.create(
        network=world.network, requested_by=world.user("ministry_admin")
    )
    bundle.file.save("MID-test.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18))
    Bundle.objects.filter(pk=bundle.pk).update(state=JobState.READY)
    response = _client(world, "ministry_staff").get(
        reverse("pdfs:bundle_download", args=[bundle.pk])
    )
    assert _no_store(response)


def test_an_applications_attached_file_is_not_stored(world: World) -> None:
    application = gdynia_application(world)
    answer = Answer.objects.filter(application=application).first()
    assert answer is not None
    answer.file.save("uchwala.pdf", ContentFile(b"%PDF-1.4 test"))
    response = _client(world, "city_coordinator").get(
        reverse("recruitment:answer_file", args=[application.pk, answer.pk])
    )
    assert _no_store(response)


def test_recovery_codes_are_not_stored(world: World) -> None:
    # given a person with recovery codes who has just confirmed their password
    user = world.user("city_officer")
    RecoveryCodes.activate(user)
    client = _client(world, "city_officer")
    session = client.session
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()
    # when they download them
    response = client.get(reverse("mfa_download_recovery_codes"))
    # then no cache keeps them
    assert response["Content-Disposition"].startswith("attachment")
    assert _no_store(response)
