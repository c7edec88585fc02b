"""The vocabulary of the permission matrix (tests/test_permission_matrix.py):
what each role must get from each URL. Apps declare their entries in
`<app>/tests/matrix.py` as `MATRIX: dict[str, list[Case]]`."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import reverse

from tests.support.world import ROLES, World

OUR_APPS = (
    "accounts",
    "organisations",
    "networks",
    "audit",
    "meetings",
    "materials",
    "partnerships",
    "documents",
    "pdfs",
    "recruitment",
    "programme",
)


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return {**everyone(status), "anonymous": anonymous}


def only(allowed: dict[str, int], anonymous: int = 302) -> dict[str, int]:
    """404 for every signed-in role not listed (forbidden looks like missing)."""
    return {**signed_in(404, anonymous), **allowed}


@dataclass(frozen=True)
class Case:
    url: Callable[[World], str]
    expect: dict[str, int]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    writes: bool = False
    # WSGI environ of the request (e.g. REMOTE_ADDR: the test client's is loopback)
    environ: dict[str, str] = field(default_factory=dict)


def to(name: str, *args: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=args)


def post(url: Callable[[World], str], expect: dict[str, int], **data: str) -> Case:
    return Case(url, expect, "post", data, writes=True)


def database_state() -> list[tuple[str, list[Any]]]:
    """Every row of the portal's own tables: what a denied write must not change."""
    return [
        (model._meta.label, sorted(model._default_manager.values_list(), key=repr))
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
    ]
