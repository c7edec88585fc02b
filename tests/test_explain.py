"""Every key page reads through indexes, not by scanning a table that grows with the
country (issue #9: 2 500 organisations, 20 000 people, 5 000 MIDs with 100 000
versions, a million audit events).

Each page is requested through the test client as a role that sees it, on small but
realistic data built with the services; every SELECT it runs is then explained with
sequential scans disabled (`SET LOCAL enable_seqscan = off`). On small tables
PostgreSQL would happily scan anyway, so this is how the test asks "is there an index
that could answer this?": when there is none, the planner still has to fall back to a
Seq Scan, and the test names the page, the table and the query.

Small tables plan differently from big ones, so inside the same rolled-back
savepoint every growing table is given its national-scale row count
(pg_restore_relation_stats, PostgreSQL 18). Besides Seq Scans, a plan is refused
when it reads a big table (10 000 rows or more at national scale) from end to end
through an index with nothing to seek on, unless that is the ordered walk of a
paginated page that a Limit stops early: a COUNT(*) of the whole table, or a page
whose ORDER BY no index follows.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import Document, Section, State
from documents.services import comment_add, document_version_create
from documents.tests.builders import gdynia_mid, section, write
from meetings.models import Meeting
from organisations.models import Organisation
from recruitment.models import Track
from recruitment.tests.builders import (
    coordinator_of,
    evaluated,
    open_call,
    submitted_application,
)
from tests.support.world import World

pytestmark = pytest.mark.django_db

# Tables that stay small whatever the size of the country: a row per edition, theme,
# document template or call, or Django's and allauth's bookkeeping (content types,
# permissions, one session row read by its key). A Seq Scan over them is fine.
SMALL_TABLES = frozenset(
    {
        "networks_edition",
        "networks_theme",
        "documents_sectiontemplate",
        "recruitment_call",
        "recruitment_calltheme",
        "recruitment_criterion",
        "recruitment_question",
        "django_content_type",
        "auth_permission",
        "django_session",
        "auth_group_permissions",  # global permissions of the ministry's groups
    }
)


# The rows each growing table holds at national scale (issue #9: 2 500
# organisations, 20 000 people, 5 000 MIDs with 100 000 versions, a million audit
# events), so that the plans explained are the ones the country would get.
NATIONAL_SCALE = {
    "organisations_organisation": 2_500,
    "organisations_membership": 25_000,
    "organisations_organisationgroupobjectpermission": 50_000,
    "organisations_organisationuserobjectpermission": 10_000,
    "accounts_user": 20_000,
    "accounts_user_groups": 40_000,
    "auth_group": 10_000,
    "auth_group_permissions": 50_000,
    "audit_auditevent": 1_000_000,
    "networks_network": 300,
    "networks_networkmembership": 6_000,
    "networks_networkexpert": 600,
    "networks_networkgroupobjectpermission": 20_000,
    "networks_networkuserobjectpermission": 5_000,
    "documents_document": 6_000,
    "documents_section": 90_000,
    "documents_sectionversion": 1_000_000,
    "documents_documentversion": 100_000,
    "documents_documentversion_sections": 1_500_000,
    "documents_comment": 200_000,
    "documents_transition": 60_000,
    "documents_action": 60_000,
    "documents_indicator": 120_000,
    "documents_recommendation": 3_000,
    "documents_recommendation_evidence": 10_000,
    "documents_sectiondraft": 20_000,
    "meetings_meeting": 20_000,
    "meetings_registration": 300_000,
    "partnerships_localpartnership": 6_000,
    "partnerships_partnershipmember": 150_000,
    "recruitment_application": 10_000,
    "recruitment_assignment": 30_000,
    "recruitment_score": 150_000,
    "pdfs_renderjob": 150_000,
}


@dataclass(frozen=True)
class Scene:
    world: World
    mid: Document
    call_slug: str


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    url: Callable[[Scene], str]


PAGES = [
    Page("network list", "anonymous", lambda s: reverse("networks:list")),
    Page(
        "network list, filtered",
        "anonymous",
        lambda s: (
            reverse("networks:list")
            + f"?edition={s.world.network.edition_id}&status=active"
        ),
    ),
    Page(
        "network public page", "anonymous", lambda s: s.world.network.get_absolute_url()
    ),
    Page(
        "network workspace",
        "city_officer",
        lambda s: reverse("portal:workspace", args=[s.world.network.slug]),
    ),
    Page(
        "network workspace (expert)",
        "expert",
        lambda s: reverse("portal:workspace", args=[s.world.network.slug]),
    ),
    Page(
        "MID document page",
        "city_officer",
        lambda s: reverse("documents:detail", args=[s.mid.pk]),
    ),
    Page(
        "MID document page (expert)",
        "expert",
        lambda s: reverse("documents:detail", args=[s.mid.pk]),
    ),
    Page(
        "MID versions",
        "city_officer",
        lambda s: reverse("documents:versions", args=[s.mid.pk]),
    ),
    Page("review queue (expert)", "expert", lambda s: reverse("documents:queue")),
    Page(
        "review queue (ministry)",
        "ministry_staff",
        lambda s: reverse("documents:queue"),
    ),
    Page("calendar", "anonymous", lambda s: reverse("meetings:calendar")),
    Page(
        "calendar (city officer)",
        "city_officer",
        lambda s: reverse("meetings:calendar"),
    ),
    Page(
        "organisation people",
        "city_coordinator",
        lambda s: reverse("organisations:people", args=[s.world.partner_city.slug]),
    ),
    Page(
        "organisation people (ministry)",
        "ministry_admin",
        lambda s: reverse("organisations:people", args=[s.world.partner_city.slug]),
    ),
    Page(
        "call dashboard",
        "ministry_staff",
        lambda s: reverse("recruitment:dashboard", args=[s.call_slug]),
    ),
    Page(
        "call ranking",
        "ministry_staff",
        lambda s: reverse("recruitment:ranking", args=[s.call_slug]),
    ),
    Page("audit log", "ministry_admin", lambda s: reverse("audit:log")),
    Page(
        "audit log, by day",
        "ministry_admin",
        lambda s: reverse("audit:log") + "?since=2020-01-01&until=2099-12-31",
    ),
    Page(
        "audit log, filtered",
        "ministry_admin",
        lambda s: (
            reverse("audit:log")
            + "?action=membership_granted&since=2020-01-01&until=2099-12-31"
        ),
    ),
]


@pytest.fixture
def scene(world: World) -> Scene:
    """Gdynia's MID in review with comments and versions, the Sheet approved, PIM3's
    call with submitted and evaluated applications; the services leave audit
    events and object permissions behind as they would in production."""
    officer = world.user("city_officer")
    mid = gdynia_mid(world)
    write(mid, "challenge", "<p>Druga wersja wyzwania.</p>", officer)
    comment_add(section=section(mid, "challenge"), body="Uwaga", actor=officer)
    document_version_create(document=mid, actor=officer, note="Po warsztatach")
    mid = gdynia_mid(world, State.IN_REVIEW)
    comment_add(
        section=section(mid, "barriers"),
        body="Proszę rozwinąć.",
        actor=world.user("expert"),
    )
    call = open_call(world)
    cities = Organisation.objects.filter(slug__in=["katowice", "gdynia", "skawina"])
    for city in cities:
        application = submitted_application(world, city, track=Track.PARTNER)
        evaluated(application, world.user("ministry_staff"), (4, 8))
    assert Section.objects.filter(document=mid).count() > 1
    assert Meeting.objects.exists()
    coordinator_of(world.partner_city, world)
    return Scene(world=world, mid=mid, call_slug=call.slug)


def _captured_selects(scene: Scene, page: Page) -> list[str]:
    client = Client()
    user = scene.world.users[page.role]
    if user is not None:
        client.force_login(user)
    url = page.url(scene)
    client.get(url)  # per-process caches (content types, permissions) warm
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (page.name, url, response.status_code)
    return [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]


def _problems(queries: list[str]) -> list[str]:
    plans = _plans(queries)
    partial = _partial_indexes()
    return [
        f"{problem}\n    in: {sql}"
        for sql, plan in zip(queries, plans, strict=True)
        for problem in _full_reads(plan, partial)
    ]


def _plans(queries: list[str]) -> list[dict[str, Any]]:
    savepoint = transaction.savepoint()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            for table, rows in NATIONAL_SCALE.items():
                # The country's rows over the table's real pages: the planner
                # multiplies this density by the table's size on disk (which
                # earlier tests' rolled-back rows may have grown), and so plans
                # for the whole country. Rolled back with the savepoint, like the SET.
                cursor.execute(
                    "SELECT pg_restore_relation_stats('schemaname', 'public',"
                    " 'relname', %s, 'relpages', greatest(1, pg_relation_size(%s)"
                    " / current_setting('block_size')::int), 'reltuples', %s::real)",
                    [table, table, rows],
                )
            plans = []
            for sql in queries:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
                raw = cursor.fetchone()[0]
                plans.append((json.loads(raw) if isinstance(raw, str) else raw)[0])
    finally:
        transaction.savepoint_rollback(savepoint)
    return [plan["Plan"] for plan in plans]


# Reading every row of a table this small (every network, every expert) is a few
# milliseconds; above it, a page must seek.
WHOLE_TABLE_READ = 10_000

# Nodes that pass rows on one by one, so a Limit above them stops the scan below
# early: an index walked in the page's order under them is no full read.
STREAMING = frozenset(
    {"Limit", "Result", "Unique", "Subquery Scan", "Gather Merge", "Incremental Sort"}
)


def _partial_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text FROM pg_index WHERE indpred IS NOT NULL"
        )
        return {row[0] for row in cursor.fetchall()}


def _full_reads(
    node: dict[str, Any], partial: set[str], walked: bool = False, inner: bool = False
) -> Iterator[str]:
    """Every read of a growing table that does not seek: a Seq Scan (there is no
    index it could use), or a big table's index read from end to end with nothing
    to seek on (COUNT(*) of the whole table, a Sort of all of it) unless it is the
    ordered walk a Limit above stops early (walked). Filtered walks and the inner
    side of joins are left to the planner: with the real statistics of a big
    database it seeks there through the indexes this test already requires."""
    table = node.get("Relation Name")
    kind = node["Node Type"]
    if table is not None and table not in SMALL_TABLES:
        if kind == "Seq Scan":
            yield f"Seq Scan on {table}"
        elif (
            kind in ("Index Scan", "Index Only Scan")
            and "Index Cond" not in node
            and "Filter" not in node
            and node["Index Name"] not in partial
            and NATIONAL_SCALE.get(table, 0) >= WHOLE_TABLE_READ
            and not walked
            and not inner
        ):
            yield f"{kind} of all of {table} (via {node['Index Name']})"
    for position, child in enumerate(node.get("Plans", [])):
        # a nested loop streams its outer side; its inner side is read per row
        streams = kind in STREAMING or (kind == "Nested Loop" and position == 0)
        yield from _full_reads(
            child,
            partial,
            walked=kind == "Limit" or (walked and streams),
            inner=inner or child.get("Parent Relationship") == "Inner",
        )


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_page_reads_growing_tables_through_indexes(scene: Scene, page: Page) -> None:
    # given the page's queries as it runs them
    queries = _captured_selects(scene, page)

    # when PostgreSQL plans them for the whole country, sequential scans disabled
    problems = _problems(queries)

    # then no plan has to read a growing table from end to end
    assert not problems, f"{page.name}:\n" + "\n".join(problems)
