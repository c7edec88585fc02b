"""Steps: section templates, documents with their versions, and comments."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from typing import Any

from devtools.scale.figures import BASE, BENCH_MID_COMMENTS, SHEET_VERSIONS
from devtools.scale.vocabulary import COMMENTS, THEMES
from devtools.scale.world import (
    DocState,
    World,
    at_time,
    edited_body,
    section_body,
    weighted_choice,
)
from devtools.scale.writer import Writer
from documents.default_templates import DEFAULTS, Default
from documents.models import (
    Comment,
    Document,
    DocumentVersion,
    Kind,
    Section,
    SectionTemplate,
    SectionVersion,
    State,
    Transition,
)

# Two optional sections the ministry added to the MID of every edition (as staff may
# through the templates page): a MID of 15 sections, as the benchmark's page asks.
ADDED_MID_SECTIONS = (
    Default(
        "communication",
        "Komunikacja z mieszkańcami",
        "Communication with residents",
        "Jak miasto informuje mieszkańców o działaniach i zbiera ich opinie.",
        required=False,
    ),
    Default(
        "sustainability",
        "Trwałość rezultatów",
        "Sustainability of results",
        "Co zostanie po zakończeniu działań i kto będzie za to odpowiadał.",
        required=False,
    ),
)


def add_templates(world: World, writer: Writer) -> int:
    """The programme's default section templates for every edition, the MID's with
    the two sections the ministry added."""
    templates: list[SectionTemplate] = []
    for edition in world.editions:
        for kind in (Kind.SHEET, Kind.MID, Kind.PLAN):
            defaults = DEFAULTS[kind] + (ADDED_MID_SECTIONS if kind == Kind.MID else ())
            for position, default in enumerate(defaults):
                templates.append(
                    SectionTemplate(
                        id=len(templates) + 1,
                        edition_id=edition.id,
                        kind=kind,
                        key=default.key,
                        position=position,
                        name_pl=default.name_pl,
                        name_en=default.name_en,
                        guidance=default.guidance,
                        content=default.content,
                        required=default.required,
                    )
                )
                world.templates.setdefault((edition.id, kind), []).append(
                    (len(templates), default.content)
                )
    return writer.bulk(templates)


def _mid_state(rng: random.Random, latest: bool) -> str:
    if latest:
        return weighted_choice(
            rng,
            (
                (State.IN_REVIEW, 40),
                (State.DRAFT, 30),
                (State.CHANGES_REQUESTED, 15),
                (State.APPROVED, 15),
            ),
        )
    return weighted_choice(
        rng, ((State.PUBLISHED, 70), (State.ACCEPTED, 15), (State.APPROVED, 15))
    )


def _plan_documents(world: World) -> None:
    """Decides every document's shape (ids, edits, state, times) once; the COPY
    passes below read it, so no body of text is ever held for long."""
    rng, figures = world.rng, world.figures
    latest = len(world.editions) - 1
    section = version = snapshot = 1
    bench = world.bench_network
    for net in world.networks:
        edition = world.editions[net.edition]
        docs: list[tuple[str, int | None]] = [(Kind.SHEET, None)]
        docs += [(Kind.MID, organisation) for organisation in net.members]
        for kind, organisation in docs:
            templates = world.templates[edition.id, kind]
            text = [
                i
                for i, (_pk, content) in enumerate(templates)
                if content == SectionTemplate.Content.RICH_TEXT
            ]
            count = figures.versions
            state: str
            if kind == Kind.SHEET:
                count = min(SHEET_VERSIONS, figures.versions)
                state = State.APPROVED if net.edition == latest else State.PUBLISHED
            elif net is bench and organisation == net.members[0]:
                state = State.IN_REVIEW
            else:
                state = _mid_state(rng, net.edition == latest)
            edits = [rng.randrange(len(text)) for _ in range(count)]
            created = at_time(
                net.starts_on + datetime.timedelta(days=rng.randint(7, 20))
            )
            until = min(at_time(net.ends_on), BASE) - datetime.timedelta(days=3)
            authors = (
                world.people_of(organisation)
                if organisation
                else world.people_of(net.members[0]) + world.experts[net.id][:1]
            )
            doc = DocState(
                id=len(world.documents) + 1,
                kind=kind,
                network=net,
                organisation=organisation,
                templates=[pk for pk, _content in templates],
                text=text,
                first_section=section,
                first_version=version,
                first_snapshot=snapshot,
                edits=edits,
                state=state,
                authors=authors,
                created_at=created,
                step=(until - created) / (count + 2),
            )
            world.documents.append(doc)
            section += len(templates)
            version += len(text) + count
            snapshot += count


def _steps_to(state: str) -> list[tuple[str, str, str]]:
    """The workflow steps (name, from, to) that bring a draft to `state`."""
    path = {
        State.DRAFT: [],
        State.IN_REVIEW: ["submit"],
        State.CHANGES_REQUESTED: ["submit", "request_changes"],
        State.APPROVED: ["submit", "approve"],
        State.ACCEPTED: ["submit", "approve", "accept"],
        State.PUBLISHED: ["submit", "approve", "accept", "publish"],
    }[State(state)]
    targets = {
        "submit": State.IN_REVIEW,
        "request_changes": State.CHANGES_REQUESTED,
        "approve": State.APPROVED,
        "accept": State.ACCEPTED,
        "publish": State.PUBLISHED,
    }
    steps, source = [], str(State.DRAFT)
    for name in path:
        steps.append((name, source, str(targets[name])))
        source = str(targets[name])
    return steps


def add_documents(world: World, writer: Writer) -> int:
    """Sheets and MIDs with their sections, append-only section versions (text of
    1–4 KB, each document version changing one section), document versions whose
    sections are the then-current versions, and the workflow history. One
    transaction: sections and versions point at each other."""
    _plan_documents(world)
    seed = world.figures.seed
    documents = world.documents

    def document_rows() -> Iterator[tuple[Any, ...]]:
        for doc in documents:
            last = doc.first_snapshot + len(doc.edits) - 1
            yield (
                doc.id,
                doc.kind,
                doc.network.id,
                doc.organisation,
                doc.state,
                len(doc.edits),
                last if doc.state == State.PUBLISHED else None,
                False,
                doc.created_at,
                doc.finished_at,
            )

    def section_rows() -> Iterator[tuple[Any, ...]]:
        for doc in documents:
            current = doc.current_versions()
            revisions = [1 + doc.edits.count(j) for j in range(len(doc.text))]
            for i, template in enumerate(doc.templates):
                text = doc.text.index(i) if i in doc.text else None
                yield (
                    doc.first_section + i,
                    doc.id,
                    template,
                    0 if text is None else revisions[text],
                    None if text is None else current[text],
                )

    def version_rows() -> Iterator[tuple[Any, ...]]:
        for doc in documents:
            # Each document's text has its own generator: a pass never depends on
            # how much text another document got.
            rng = random.Random(f"{seed}:{doc.id}")  # noqa: S311 - test data, not secrets
            city = world.names.get(doc.organisation or doc.network.members[0], "")
            theme = THEMES[doc.network.theme][0]
            bodies = [section_body(rng, city, theme) for _ in doc.text]
            numbers = [1] * len(doc.text)
            for j, body in enumerate(bodies):
                yield (
                    doc.first_version + j,
                    doc.first_section + doc.text[j],
                    1,
                    body,
                    [],
                    doc.authors[j % len(doc.authors)],
                    doc.created_at + datetime.timedelta(minutes=j),
                    "",
                )
            for k, j in enumerate(doc.edits):
                bodies[j] = edited_body(rng, bodies[j], city, theme)
                numbers[j] += 1
                yield (
                    doc.first_version + len(doc.text) + k,
                    doc.first_section + doc.text[j],
                    numbers[j],
                    bodies[j],
                    [],
                    doc.authors[(k + 1) % len(doc.authors)],
                    doc.version_time(k + 1) - datetime.timedelta(minutes=30),
                    "",
                )

    def snapshot_rows() -> Iterator[tuple[Any, ...]]:
        for doc in documents:
            for k in range(len(doc.edits)):
                submitted = k == len(doc.edits) - 1 and doc.state != State.DRAFT
                yield (
                    doc.first_snapshot + k,
                    doc.id,
                    k + 1,
                    DocumentVersion.Reason.SUBMITTED
                    if submitted
                    else DocumentVersion.Reason.SAVED,
                    "" if submitted else f"Wersja robocza {k + 1}",
                    State.DRAFT,
                    doc.authors[k % len(doc.authors)],
                    doc.version_time(k + 1),
                )

    def snapshot_section_rows() -> Iterator[tuple[int, int, int]]:
        pk = 0
        for doc in documents:
            current = [doc.first_version + j for j in range(len(doc.text))]
            for k, j in enumerate(doc.edits):
                current[j] = doc.first_version + len(doc.text) + k
                for version in current:
                    pk += 1
                    yield (pk, doc.first_snapshot + k, version)

    def transition_rows() -> Iterator[tuple[Any, ...]]:
        pk = 0
        for doc in documents:
            when = doc.version_time(len(doc.edits))
            for name, source, target in _steps_to(doc.state):
                pk += 1
                when += datetime.timedelta(hours=1)
                if name == "submit":
                    actor = (
                        world.coordinator_of(doc.organisation)
                        if doc.organisation
                        else world.coordinator_of(doc.network.members[0])
                    )
                elif name in ("approve", "request_changes"):
                    actor = world.experts[doc.network.id][0]
                else:
                    actor = world.bench_ministry
                yield (
                    pk,
                    doc.id,
                    name,
                    source,
                    target,
                    actor,
                    "Proszę uzupełnić diagnozę i wskaźniki."
                    if name == "request_changes"
                    else "",
                    doc.first_snapshot + len(doc.edits) - 1
                    if name == "submit"
                    else None,
                    when,
                )

    rows = writer.copy(
        Document,
        (
            "id",
            "kind",
            "network",
            "organisation",
            "state",
            "versions_made",
            "published_version",
            "consultation_open",
            "created_at",
            "last_activity_at",
        ),
        document_rows(),
    )
    rows += writer.copy(
        Section, ("id", "document", "template", "revision", "current"), section_rows()
    )
    rows += writer.copy(
        SectionVersion,
        ("id", "section", "number", "body", "records", "author", "created_at", "note"),
        version_rows(),
    )
    rows += writer.copy(
        DocumentVersion,
        (
            "id",
            "document",
            "number",
            "reason",
            "note",
            "state",
            "created_by",
            "created_at",
        ),
        snapshot_rows(),
    )
    rows += writer.copy(
        DocumentVersion.sections.through,
        ("id", "documentversion", "sectionversion"),
        snapshot_section_rows(),
    )
    return rows + writer.copy(
        Transition,
        (
            "id",
            "document",
            "name",
            "source",
            "target",
            "actor",
            "comment",
            "version",
            "created_at",
        ),
        transition_rows(),
    )


def bench_document(world: World) -> DocState:
    net = world.bench_network
    return next(
        d
        for d in world.documents
        if d.network is net and d.organisation == net.members[0]
    )


def add_comments(world: World, writer: Writer) -> int:
    """A few threads on MIDs under review, and exactly BENCH_MID_COMMENTS on the
    bench MID (threads, replies, some resolved)."""
    rng = world.rng
    bench = bench_document(world)
    rows: list[tuple[Any, ...]] = []

    def thread(doc: DocState, count: int, replies: int, resolved: int) -> None:
        current = doc.current_versions()
        when = doc.version_time(len(doc.edits)) + datetime.timedelta(hours=3)
        reviewers = world.experts[doc.network.id]
        if doc is bench:
            reviewers = [world.bench_expert]
        tops: list[tuple[int, int, int]] = []  # (id, section, version)
        for i in range(count):
            pk = len(rows) + 1
            is_reply = i >= count - replies and bool(tops)
            when += datetime.timedelta(minutes=rng.randint(5, 90))
            if is_reply:
                parent, section, version = rng.choice(tops)
                author = rng.choice(doc.authors)
            else:
                parent = None
                j = rng.randrange(len(doc.text))
                section, version = doc.first_section + doc.text[j], current[j]
                tops.append((pk, section, version))
                author = reviewers[i % len(reviewers)]
            done = not is_reply and len(tops) <= resolved
            rows.append(
                (
                    pk,
                    doc.id,
                    section,
                    parent,
                    version,
                    "" if is_reply or rng.random() < 0.5 else "Diagnoza opiera się",
                    rng.choice(COMMENTS),
                    author,
                    when,
                    when + datetime.timedelta(days=2) if done else None,
                    author if done else None,
                )
            )

    thread(bench, BENCH_MID_COMMENTS, replies=15, resolved=10)
    for doc in world.documents:
        if doc is bench or doc.kind != Kind.MID:
            continue
        if doc.state in (State.IN_REVIEW, State.CHANGES_REQUESTED, State.APPROVED):
            count = rng.randint(0, 4)
            if count:
                thread(doc, count, replies=count // 2, resolved=count // 3)
    return writer.copy(
        Comment,
        (
            "id",
            "document",
            "section",
            "parent",
            "section_version",
            "quote",
            "body",
            "author",
            "created_at",
            "resolved_at",
            "resolved_by",
        ),
        rows,
    )
