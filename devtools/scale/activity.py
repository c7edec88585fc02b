"""Steps: meetings, the recruitment call with its applications, audit events."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from audit.models import AuditEvent
from devtools.scale.figures import BASE, call_theme_count
from devtools.scale.vocabulary import (
    AGENDA,
    AUDIT_ACTIONS,
    MEETING_TITLES,
    SENTENCES,
    THEMES,
)
from devtools.scale.world import World, at_time, weighted_choice
from devtools.scale.writer import Writer
from meetings.models import AgendaItem, Meeting
from organisations.models import (
    Membership,
    Organisation,
)
from recruitment.models import (
    Answer,
    Application,
    Assignment,
    Call,
    CallTheme,
    Criterion,
    Question,
    Score,
    Track,
)


def add_meetings(world: World, writer: Writer) -> int:
    """Joint, network and Local Partnership meetings, over every edition."""
    rng, figures = world.rng, world.figures
    meetings: list[tuple[Any, ...]] = []
    agenda: list[tuple[Any, ...]] = []
    for m in range(figures.meetings):
        net = world.networks[m % len(world.networks)]
        edition = world.editions[net.edition]
        kind = weighted_choice(
            rng,
            (
                (Meeting.Kind.JOINT, 5),
                (Meeting.Kind.NETWORK, 35),
                (Meeting.Kind.LOCAL_PARTNERSHIP, 60),
            ),
        )
        host = world.ministry if kind == Meeting.Kind.JOINT else rng.choice(net.members)
        day = edition.starts_on + datetime.timedelta(
            days=rng.randrange((edition.ends_on - edition.starts_on).days)
        )
        starts = at_time(day, rng.choice((9, 10, 12, 16, 17)))
        mode = weighted_choice(
            rng,
            (
                (Meeting.Mode.IN_PERSON, 60),
                (Meeting.Mode.ONLINE, 25),
                (Meeting.Mode.HYBRID, 15),
            ),
        )
        past = starts < BASE
        minutes_status = (
            Meeting.MinutesStatus.APPROVED
            if past and rng.random() < 0.8
            else Meeting.MinutesStatus.NONE
        )
        organiser = world.coordinator_of(host) if host != world.ministry else 1
        meetings.append(
            (
                m + 1,
                kind,
                MEETING_TITLES[kind].format(
                    e=edition.name, t=THEMES[net.theme][0], m=world.names[host]
                ),
                "Omówimy postęp prac i kolejne kroki.",
                edition.id,
                None if kind == Meeting.Kind.JOINT else net.id,
                host,
                starts,
                starts + datetime.timedelta(hours=rng.choice((2, 3, 4, 6))),
                mode,
                "" if mode == Meeting.Mode.ONLINE else f"Urząd, {world.names[host]}",
                ""
                if mode == Meeting.Mode.IN_PERSON
                else f"https://spotkania.scale.example/{m + 1}",
                rng.random() < 0.3,
                "Przyjęto porządek; omówiono postęp prac."
                if minutes_status == Meeting.MinutesStatus.APPROVED
                else "",
                minutes_status,
                organiser if minutes_status == Meeting.MinutesStatus.APPROVED else None,
                starts + datetime.timedelta(days=7)
                if minutes_status == Meeting.MinutesStatus.APPROVED
                else None,
                organiser,
                starts - datetime.timedelta(days=21),
                1,
            )
        )
        for position, title in enumerate(AGENDA[: rng.randint(2, len(AGENDA))]):
            agenda.append((len(agenda) + 1, m + 1, position + 1, title, 30, ""))
    rows = writer.copy(
        Meeting,
        (
            "id",
            "kind",
            "title",
            "description",
            "edition",
            "network",
            "host",
            "starts_at",
            "ends_at",
            "mode",
            "place",
            "online_link",
            "is_public",
            "minutes",
            "minutes_status",
            "minutes_approved_by",
            "minutes_approved_at",
            "created_by",
            "created_at",
            "version",
        ),
        meetings,
    )
    return rows + writer.copy(
        AgendaItem,
        ("id", "meeting", "position", "title", "duration_minutes", "presenter"),
        agenda,
    )


def add_recruitment(world: World, writer: Writer) -> str:
    """The latest edition's call: its themes, questions, criteria, applications
    in every status, evaluator assignments and scores. Returns the call's slug."""
    rng, figures = world.rng, world.figures
    edition = world.latest
    year = edition.starts_on.year
    slug = f"nabor-{edition.slug}"
    opens = at_time(datetime.date(year - 1, 10, 1))
    writer.copy(
        Call,
        (
            "id",
            "edition",
            "title",
            "slug",
            "description",
            "opens_at",
            "closes_at",
            "is_published",
            "eligible_kinds",
            "min_partners",
            "max_partners",
            "min_voivodeships",
            "one_network_per_city",
            "created_at",
        ),
        [
            (
                1,
                edition.id,
                f"Nabór do {edition.name}",
                slug,
                "Nabór miast do sieci tematycznych.",
                opens,
                opens + datetime.timedelta(days=60),
                True,
                "{"
                + ",".join(
                    k
                    for k in Organisation.Kind.values
                    if k
                    not in (Organisation.Kind.MINISTRY, Organisation.Kind.EXPERT_BODY)
                )
                + "}",
                5,
                30,
                3,
                True,
                opens - datetime.timedelta(days=30),
            )
        ],
    )
    nets = [n for n in world.networks if n.edition == len(world.editions) - 1]
    call_themes: list[CallTheme] = []
    seen: set[int] = set()
    for net in nets:
        if net.theme not in seen:
            seen.add(net.theme)
            call_themes.append(
                CallTheme(
                    id=len(call_themes) + 1,
                    call_id=1,
                    theme_id=world.themes[net.theme],
                    network_id=net.id,
                )
            )
    for theme in range(len(THEMES)):
        if len(call_themes) >= call_theme_count(figures):
            break
        if theme not in seen:
            seen.add(theme)
            call_themes.append(
                CallTheme(
                    id=len(call_themes) + 1, call_id=1, theme_id=world.themes[theme]
                )
            )
    writer.bulk(call_themes)
    questions = [
        Question(
            id=i + 1,
            call_id=1,
            position=i + 1,
            text=text,
            kind=Question.Kind.LONG_TEXT,
            required=True,
        )
        for i, text in enumerate(
            (
                "Dlaczego miasto chce dołączyć do sieci?",
                "Jakie wyzwanie miasto chce podjąć?",
                "Kto będzie koordynatorem po stronie miasta?",
            )
        )
    ]
    writer.bulk(questions)
    criteria = [
        Criterion(
            id=i + 1,
            call_id=1,
            position=i + 1,
            name=name,
            scale_max=5,
            weight=Decimal(weight),
        )
        for i, (name, weight) in enumerate(
            (
                ("Trafność wyzwania", "2"),
                ("Gotowość organizacyjna", "1"),
                ("Zaangażowanie partnerów", "1"),
                ("Spójność ze strategią miasta", "1"),
            )
        )
    ]
    writer.bulk(criteria)
    pairs = rng.sample(
        range(len(world.cities) * len(call_themes)), figures.applications
    )
    applications: list[tuple[Any, ...]] = []
    answers: list[tuple[Any, ...]] = []
    assignments: list[tuple[Any, ...]] = []
    scores: list[tuple[Any, ...]] = []
    evaluators = world.ministry_staff or [world.bench_ministry]
    for a, pair in enumerate(pairs):
        organisation = world.cities[pair // len(call_themes)]
        theme = pair % len(call_themes) + 1
        status = weighted_choice(
            rng,
            (
                (Application.Status.SUBMITTED, 70),
                (Application.Status.DRAFT, 20),
                (Application.Status.WITHDRAWN, 10),
            ),
        )
        created = opens + datetime.timedelta(hours=rng.randint(1, 1000))
        submitted = (
            created + datetime.timedelta(hours=rng.randint(1, 400))
            if status != Application.Status.DRAFT
            else None
        )
        decision = ""
        if status == Application.Status.SUBMITTED and rng.random() < 0.4:
            decision = rng.choice(Application.Decision.values[1:])
        applications.append(
            (
                a + 1,
                1,
                organisation,
                theme,
                rng.choice(Track.values),
                status,
                1,
                submitted,
                None,
                decision,
                "Zgodnie z oceną ekspertów." if decision else "",
                opens + datetime.timedelta(days=90) if decision else None,
                world.coordinator_of(organisation),
                created,
            )
        )
        for question in questions:
            answers.append(
                (len(answers) + 1, a + 1, question.pk, rng.choice(SENTENCES), "", "")
            )
        if status != Application.Status.SUBMITTED:
            continue
        for evaluator in rng.sample(evaluators, min(2, len(evaluators))):
            done = rng.random() < 0.6
            values = [rng.randint(0, 5) for _ in criteria]
            weights = [Decimal(c.weight) for c in criteria]
            weighted = sum(
                (Decimal(v) * w for v, w in zip(values, weights, strict=True)),
                Decimal(0),
            )
            score = (weighted / (5 * sum(weights, Decimal(0))) * 100).quantize(
                Decimal("0.01")
            )
            assignments.append(
                (
                    len(assignments) + 1,
                    a + 1,
                    evaluator,
                    False,
                    "",
                    rng.choice(Application.Decision.values[1:]) if done else "",
                    "Wniosek kompletny." if done else "",
                    (submitted or opens) + datetime.timedelta(days=20)
                    if done
                    else None,
                    score if done else None,
                )
            )
            if done:
                for criterion, value in zip(criteria, values, strict=True):
                    scores.append(
                        (len(scores) + 1, len(assignments), criterion.pk, value, "")
                    )
    writer.copy(
        Application,
        (
            "id",
            "call",
            "organisation",
            "theme",
            "track",
            "status",
            "version",
            "submitted_at",
            "completion_until",
            "decision",
            "justification",
            "decided_at",
            "created_by",
            "created_at",
        ),
        applications,
    )
    writer.copy(
        Answer,
        ("id", "application", "question", "text", "file", "file_name"),
        answers,
    )
    writer.copy(
        Assignment,
        (
            "id",
            "application",
            "evaluator",
            "conflict_of_interest",
            "conflict_note",
            "recommendation",
            "comment",
            "submitted_at",
            "score",
        ),
        assignments,
    )
    writer.copy(Score, ("id", "assignment", "criterion", "value", "comment"), scores)
    return slug


def add_audit(world: World, writer: Writer) -> int:
    """Audit events over the ten years before BASE, in time order (append-only)."""
    rng, figures = world.rng, world.figures
    total = figures.audit_events
    span = datetime.timedelta(days=3652)
    start = BASE - span
    users = figures.users
    organisations = figures.organisations
    networks = len(world.networks)
    actions = [a for a, _ in AUDIT_ACTIONS]
    weights = [w for _, w in AUDIT_ACTIONS]
    roles = Membership.Role.values

    def rows() -> Iterator[tuple[Any, ...]]:
        picks = rng.choices(actions, weights, k=min(total, 100_000))
        for i in range(total):
            action = picks[i % len(picks)]
            when = start + span * ((i + rng.random()) / total)
            organisation = rng.randint(1, organisations)
            network = (
                rng.randint(1, networks)
                if action.startswith(("document", "network", "expert"))
                else None
            )
            subject = None
            email = ""
            details: dict[str, Any] = {}
            if action == AuditEvent.Action.DOCUMENT_STEP:
                details = {
                    "document": rng.randint(1, len(world.documents)),
                    "step": "submit",
                }
            elif action.startswith("invitation"):
                email = f"osoba.{rng.randint(1, users)}@scale.example"
                details = {"role": rng.choice(roles)}
            elif action != AuditEvent.Action.NETWORK_MEMBERSHIP_STARTED:
                subject = rng.randint(1, users)
                details = {"role": rng.choice(roles)}
            yield (
                i + 1,
                when,
                None if rng.random() < 0.03 else rng.randint(1, users),
                action,
                organisation,
                network,
                subject,
                email,
                details,
                f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            )

    return writer.copy(
        AuditEvent,
        (
            "id",
            "created_at",
            "actor",
            "action",
            "organisation",
            "network",
            "subject",
            "subject_email",
            "details",
            "ip_address",
        ),
        rows(),
    )
