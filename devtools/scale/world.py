"""The state the steps share (editions, networks, documents) and small helpers."""

from __future__ import annotations

import base64
import datetime
import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from devtools.scale.figures import MAX_BODY, MIN_BODY, Figures
from devtools.scale.vocabulary import (
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    SENTENCES,
    SURNAMES,
)

# ---------------------------------------------------------------- state


@dataclass
class NetState:
    id: int
    edition: int  # index into World.editions
    theme: int  # index into THEMES
    slug: str
    starts_on: datetime.date
    ends_on: datetime.date
    members: list[int] = field(default_factory=list)  # organisation ids, lead first


@dataclass(frozen=True)
class EditionState:
    id: int
    name: str
    slug: str
    starts_on: datetime.date
    ends_on: datetime.date


@dataclass
class DocState:
    id: int
    kind: str
    network: NetState
    organisation: int | None
    templates: list[int]  # template ids, in order
    text: list[int]  # indexes (into templates) of the text sections
    first_section: int
    first_version: int  # first SectionVersion id
    first_snapshot: int  # first DocumentVersion id
    edits: list[int]  # per document version: the text section it changes
    state: str
    authors: list[int]
    created_at: datetime.datetime
    step: datetime.timedelta  # time between document versions

    def version_time(self, number: int) -> datetime.datetime:
        return self.created_at + self.step * number

    @property
    def finished_at(self) -> datetime.datetime:
        return self.version_time(len(self.edits)) + datetime.timedelta(hours=2)

    def current_versions(self) -> list[int]:
        """The SectionVersion id current in each text section at the end."""
        current = [self.first_version + j for j in range(len(self.text))]
        for k, section in enumerate(self.edits):
            current[section] = self.first_version + len(self.text) + k
        return current


@dataclass
class World:
    figures: Figures
    rng: random.Random
    ministry: int = 0
    cities: list[int] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    editions: list[EditionState] = field(default_factory=list)
    themes: list[int] = field(default_factory=list)
    networks: list[NetState] = field(default_factory=list)
    staff: dict[int, list[int]] = field(default_factory=dict)  # org → active people
    coordinators: dict[int, list[int]] = field(default_factory=dict)
    ministry_staff: list[int] = field(default_factory=list)
    experts: dict[int, list[int]] = field(default_factory=dict)  # network → users
    lp_accounts: list[int] = field(default_factory=list)
    partnerships: list[tuple[int, int, NetState]] = field(default_factory=list)
    templates: dict[tuple[int, str], list[tuple[int, str]]] = field(
        default_factory=dict
    )  # (edition id, kind) → [(id, content)]
    documents: list[DocState] = field(default_factory=list)
    bench_ministry: int = 1
    bench_lead: int = 2
    bench_expert: int = 3

    @property
    def latest(self) -> EditionState:
        return self.editions[-1]

    @property
    def bench_network(self) -> NetState:
        return next(n for n in self.networks if n.edition == len(self.editions) - 1)

    def people_of(self, organisation: int | None) -> list[int]:
        if organisation is None:
            return [self.bench_ministry]
        return self.staff.get(organisation) or [self.bench_ministry]

    def coordinator_of(self, organisation: int) -> int:
        found = self.coordinators.get(organisation)
        return found[0] if found else self.bench_ministry


def at_time(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, minute, tzinfo=datetime.UTC
    )


def weighted_choice(rng: random.Random, table: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def bench_totp_secret(seed: int) -> str:
    """The bench ministry account's TOTP secret (base32), derived from the seed."""
    digest = hashlib.sha256(f"pim-scale-bench-{seed}".encode()).digest()
    return base64.b32encode(digest[:20]).decode()


def person_name(rng: random.Random) -> str:
    surname_m, surname_f = rng.choice(SURNAMES)
    if rng.random() < 0.5:
        return f"{rng.choice(FIRST_NAMES_F)} {surname_f}"
    return f"{rng.choice(FIRST_NAMES_M)} {surname_m}"


def _paragraph(rng: random.Random) -> str:
    return "<p>" + " ".join(rng.choices(SENTENCES, k=rng.randint(2, 5))) + "</p>"


def section_body(rng: random.Random, city: str, theme: str) -> str:
    """Polish prose of 1–4 KB."""
    return _fit(rng, [], rng.randint(MIN_BODY, MAX_BODY - 500), city, theme)


def edited_body(rng: random.Random, body: str, city: str, theme: str) -> str:
    """The body with one paragraph rewritten, or one added: still 1–4 KB."""
    paragraphs = body.split("\n")
    if rng.random() < 0.5:
        paragraphs.pop(rng.randrange(len(paragraphs)))
    return _fit(rng, paragraphs, MIN_BODY, city, theme)


def _fit(
    rng: random.Random, paragraphs: list[str], target: int, city: str, theme: str
) -> str:
    """Adds paragraphs until `target` bytes, dropping the oldest past MAX_BODY."""
    size = len("\n".join(paragraphs).encode())
    while size < target or not paragraphs:
        new = _paragraph(rng).replace("{m}", city).replace("{t}", theme)
        paragraphs.append(new)
        size += len(new.encode()) + 1
        while size > MAX_BODY and len(paragraphs) > 1:
            size -= len(paragraphs.pop(0).encode()) + 1
    return "\n".join(paragraphs)
