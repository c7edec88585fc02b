"""The figures a data set is built from, its presets and results, their validation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from devtools.scale.vocabulary import THEMES

# Every timestamp is an offset from this instant (the data set's "today").
BASE = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC)
MINISTRY_SLUG = "ministerstwo"
MINISTRY_NAME = "Ministerstwo Funduszy i Polityki Regionalnej"
BENCH_MINISTRY = "bench.ministerstwo@scale.example"
BENCH_LEAD = "bench.lider@scale.example"
BENCH_EXPERT = "bench.ekspert@scale.example"
BENCH_MID_COMMENTS = 50
SHEET_VERSIONS = 5  # document versions of a Network Sheet (at most `versions`)
MIN_CALL_THEMES = 8  # themes a call offers at least (some get no network)
MIN_BODY, MAX_BODY = 1000, 4096  # bytes of a section's text
COPY_CHUNK = 1 << 20  # bytes handed to COPY at a time
UNUSABLE_PASSWORD = "!"  # noqa: S105 - what Django's set_unusable_password starts with


@dataclass(frozen=True)
class Figures:
    """How much to build. The defaults are the national scale."""

    organisations: int = 2500
    editions: int = 10
    networks: int = 200
    mids: int = 5000
    versions: int = 20
    lp_members: int = 50_000
    users: int = 20_000
    meetings: int = 2000
    audit_events: int = 1_000_000
    applications: int = 1000
    seed: int = 1


PRESETS: dict[str, Figures] = {
    "national": Figures(),
    "pilot": Figures(
        organisations=33,
        editions=1,
        networks=3,
        mids=33,
        versions=20,
        lp_members=500,
        users=150,
        meetings=20,
        audit_events=5000,
        applications=105,
    ),
}


class ScaleRefused(Exception):
    """The figures are impossible, or the database already holds data."""


@dataclass(frozen=True)
class StepTiming:
    name: str
    seconds: float
    rows: int


@dataclass(frozen=True)
class BenchTargets:
    network_slug: str
    document_id: int
    call_slug: str
    totp_secret: str


@dataclass(frozen=True)
class ScaleResult:
    steps: list[StepTiming]
    counts: dict[str, int]
    bench: BenchTargets


# ---------------------------------------------------------------- validation


def check_figures(figures: Figures) -> None:
    """Refuses figures the data set cannot be built from."""
    cities = figures.organisations - 1 - figures.organisations // 500
    problems = []
    if cities < 1:
        problems.append("at least 2 organisations (the ministry and a city)")
    if figures.editions < 1 or figures.networks < 1:
        problems.append("at least one edition and one network")
    if figures.mids < figures.networks:
        problems.append("at least one MID per network (its lead city)")
    elif cities >= 1 and -(-figures.mids // figures.networks) > cities:
        problems.append("no more MIDs per network than there are cities")
    if figures.versions < 1:
        problems.append("at least one document version per MID")
    if figures.users < _reserved_users(figures):
        problems.append(f"at least {_reserved_users(figures)} users")
    if figures.applications > cities * call_theme_count(figures):
        problems.append("no more applications than cities × themes of the call")
    if (
        min(
            figures.lp_members,
            figures.meetings,
            figures.audit_events,
            figures.applications,
        )
        < 0
    ):
        problems.append("no negative figures")
    if problems:
        raise ScaleRefused("The figures need " + "; ".join(problems) + ".")


def call_theme_count(figures: Figures) -> int:
    """Themes on offer in the call: the latest edition's, and a few more."""
    latest = -(-figures.networks // max(figures.editions, 1))
    return min(len(THEMES), max(MIN_CALL_THEMES, latest))


def account_pools(figures: Figures) -> tuple[int, int, int]:
    """How many ministry staff, experts and LP accounts there are."""
    staff = max(2, figures.users // 1000)
    experts = max(1, figures.networks // 2)
    lp_accounts = min(figures.users // 50, figures.lp_members)
    return staff, experts, lp_accounts


def _reserved_users(figures: Figures) -> int:
    staff, experts, lp_accounts = account_pools(figures)
    return 3 + staff + experts + lp_accounts
