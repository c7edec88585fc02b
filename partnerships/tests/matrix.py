"""Permission-matrix entries for Local Partnerships (merged into
tests/test_permission_matrix.py): Gdynia's LP in Rewitalizacja. Gdynia's people and
the ministry see personal data; the network's expert sees counts only; Katowice
(another city of the same network) sees nothing but the public page."""

from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone

from partnerships.tests.builders import add_members, gdynia_partnership, join_request
from tests.support.matrix import Case, everyone, only, post
from tests.support.world import World

GDYNIA = {"city_coordinator": 200, "city_officer": 200}
MANAGERS = only({"ministry_admin": 200} | GDYNIA)
PERSONAL = only({"ministry_admin": 200, "ministry_staff": 200} | GDYNIA)
COUNTS = only({"ministry_admin": 200, "ministry_staff": 200, "expert": 200} | GDYNIA)
TODAY = timezone.localdate().isoformat()
MANAGERS_WRITE = only(
    {"ministry_admin": 302, "city_coordinator": 302, "city_officer": 302}
)


def lp(name: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[gdynia_partnership(world).pk])


def member(name: str, *args: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[add_members(world, 1)[0].pk, *args])


MATRIX: dict[str, list[Case]] = {
    "partnerships:list": [
        Case(
            lambda world: reverse("partnerships:list"),
            only(
                {
                    role: 200
                    for role in (
                        "ministry_admin",
                        "ministry_staff",
                        "lead_coordinator",
                        "city_coordinator",
                        "city_officer",
                        "expert",
                    )
                }
            ),
        )
    ],
    "partnerships:create": [
        Case(
            lambda world: (
                reverse("partnerships:create") + "?siec=rewitalizacja&miasto=gdynia"
            ),
            MANAGERS,
        )
    ],
    "partnerships:detail": [Case(lp("partnerships:detail"), COUNTS)],
    "partnerships:edit": [Case(lp("partnerships:edit"), MANAGERS)],
    "partnerships:members": [
        Case(lp("partnerships:members"), PERSONAL),
        post(
            lp("partnerships:members"),
            MANAGERS_WRITE,
            kind="person",
            name="Jan Nowy",
            sector="resident",
            role="member",
            joined_on="2026-03-01",
            consent="on",
        ),
    ],
    "partnerships:member": [Case(member("partnerships:member"), PERSONAL)],
    "partnerships:member_download": [
        Case(member("partnerships:member_download"), PERSONAL)
    ],
    "partnerships:member_action": [
        post(member("partnerships:member_action", "usuniecie"), MANAGERS_WRITE),
        post(member("partnerships:member_action", "konto"), MANAGERS_WRITE),
    ],
    "partnerships:join_decide": [
        post(
            lambda world: reverse(
                "partnerships:join_decide", args=[join_request(world).pk]
            ),
            MANAGERS_WRITE,
            decision="accept",
        )
    ],
    "partnerships:activity": [
        post(
            lp("partnerships:activity"),
            MANAGERS_WRITE,
            kind="workshop",
            title="Warsztat",
            held_on="2026-04-01",
            reach="25",
        )
    ],
    "partnerships:import": [Case(lp("partnerships:import"), MANAGERS)],
    # The city (whoever manages its LP) records the LP's end.
    "partnerships:end": [
        Case(lp("partnerships:end"), MANAGERS),
        post(lp("partnerships:end"), MANAGERS_WRITE, ended_on=TODAY),
    ],
    # The information clause's versions: the ministry's roles read them, the
    # ministry admin writes a new one (a preview answers the page; publishing
    # sends the previewed text's digest, see partnerships/tests/test_clauses.py).
    "partnerships:clauses": [
        Case(
            lambda world: reverse("partnerships:clauses"),
            only({"ministry_admin": 200, "ministry_staff": 200}),
        )
    ],
    "partnerships:clause_create": [
        Case(
            lambda world: reverse("partnerships:clause_create"),
            only({"ministry_admin": 200}),
        ),
        post(
            lambda world: reverse("partnerships:clause_create"),
            only({"ministry_admin": 200}),
            step="preview",
            controller="Urząd Miasta",
            dpo_contact="iod@example.pl",
            purposes="Prace Partnerstwa.",
            legal_basis="consent",
            retention="5 lat.",
            rights="Dostęp, sprostowanie, usunięcie.",
            valid_from=TODAY,
        ),
    ],
    "partnerships:export": [Case(lp("partnerships:export"), PERSONAL)],
    # The public page: counts and how to join, for anyone — when the city publishes it.
    "partnerships:public": [
        Case(lp("partnerships:public"), everyone(200)),
        Case(
            lambda world: reverse(
                "partnerships:public",
                args=[gdynia_partnership(world, public=False).pk + 999],
            ),
            everyone(404),
        ),
    ],
}
