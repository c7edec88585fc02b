"""How fast the portal's main pages are at pilot and at national scale, against a bare
Django view served by the same processes.

    .venv/bin/python bench/pages.py [--requests 200] [--concurrency 4] [--rounds 3]
        [--regenerate] [--scales pilot national] [--pages workspace mid ...]

For each scale it prepares a database of its own on the embedded PostgreSQL
(`pim_bench_pilot`: `generate_scale --preset pilot`; `pim_bench_national`:
`generate_scale` with its default, national figures), generated once and kept for the
next runs (--regenerate builds them again, timing `generate_scale`). Then it starts
the portal with the production settings (bench/settings.py adds only the bare view
and an X-Queries header) for each scale, each under its own gunicorn on loopback with
2 sync workers, with a real Redis, logs in as the role each page is for, and sends
every page a bounded load: REQUESTS requests, CONCURRENCY at a time, after a warm-up
— at one scale, then at the other, in ROUNDS rounds (so that a drift of the machine
falls on both scales alike).

Prints per page and scale the median over the rounds of the throughput, its ratio
to the bare view's, p50 and p95 latency, the queries per request, then the p50 ratio
national / pilot, and checks
the targets of issue #9: ratio >= 0.05, p50 national <= 1.3 x pilot, at most 12
queries per request and the same number at both scales (the ministry's overview,
which lists every network of the current edition, to the query targets only). Exits
1 when one fails.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import stack  # noqa: E402

BIN = Path(sys.executable).parent
SCALES = {"pilot": ["--preset", "pilot"], "national": []}
BENCH_PASSWORD = "bench-pages-only"  # noqa: S105 - accounts of a throwaway database

# (label, role logged in or None, key of the path found by `targets`)
PAGES = [
    ("bare Django view (reference)", None, "bare"),
    ("public network list", None, "network_list"),
    ("network public page", None, "network_detail"),
    ("network workspace", "lead", "workspace"),
    ("MID document page", "lead", "mid"),
    ("expert's review queue", "expert", "queue"),
    ("calendar", "lead", "calendar"),
    ("people list", "lead", "people"),
    ("recruitment dashboard", "ministry", "dashboard"),
    ("ministry's programme overview", "ministry", "overview"),
]
# Pages that list all of something by design (the overview: every network of the
# current edition, 3 in the pilot, 20 at national scale): their time follows the
# rows shown, so the p50 growth target does not apply; their queries still must
# not grow.
LISTS_EVERYTHING = {"overview"}
ROLE_EMAILS = {
    "lead": "bench.lider@scale.example",
    "expert": "bench.ekspert@scale.example",
    "ministry": "bench.ministerstwo@scale.example",
}

MIN_RATIO = 0.05
MAX_P50_GROWTH = 1.3
MAX_QUERIES = 12


@dataclass(frozen=True)
class Measure:
    throughput: float  # requests per second
    p50: float  # seconds
    p95: float
    queries: tuple[int, ...]  # the distinct per-request counts seen


def selected(args: argparse.Namespace) -> list[tuple[str, str | None, str]]:
    return [
        page
        for page in PAGES
        if page[2] == "bare" or not args.pages or page[2] in args.pages
    ]


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ inside Django


def targets() -> None:
    """(Run in a subprocess with the bench settings and a scale's database.) Prints
    the pages' paths, a session cookie per role and the data set's size, as JSON."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from audit.models import AuditEvent
    from documents.models import Document, Kind, SectionVersion
    from networks.models import Network, NetworkMembership
    from organisations.models import Membership, Organisation
    from recruitment.models import Call

    lead = User.objects.get(email=ROLE_EMAILS["lead"])
    organisation = Membership.objects.get(user=lead, is_active=True).organisation
    network = (
        Network.objects.filter(
            memberships__organisation=organisation,
            memberships__role=NetworkMembership.Role.LEAD,
        )
        .order_by("-edition__starts_on", "pk")
        .first()
    )
    call = Call.objects.order_by("-pk").first()
    if network is None or call is None:
        sys.exit("No bench data: the lead's network or the call is missing.")
    mid = Document.objects.get(
        kind=Kind.MID, network=network, organisation=organisation
    )
    paths = {
        "bare": "/bench/bare",
        "network_list": reverse("networks:list"),
        "network_detail": reverse("networks:detail", args=[network.slug]),
        "workspace": reverse("portal:workspace", args=[network.slug]),
        "mid": reverse("documents:detail", args=[mid.pk]),
        "queue": reverse("documents:queue"),
        "calendar": reverse("meetings:calendar"),
        "people": reverse("organisations:people", args=[organisation.slug]),
        "dashboard": reverse("recruitment:dashboard", args=[call.slug]),
        "overview": reverse("portal:overview"),
    }
    cookies = {}
    for role, email in ROLE_EMAILS.items():
        client = Client()
        client.force_login(User.objects.get(email=email))
        cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    size = {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "networks": Network.objects.count(),
        "documents": Document.objects.count(),
        "section versions": SectionVersion.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }
    print(json.dumps({"paths": paths, "cookies": cookies, "size": size}))


# ------------------------------------------------------------------ outside Django


def database_drop(name: str) -> None:
    import psycopg2

    with stack.postgres("postgres") as admin_url:
        connection = psycopg2.connect(admin_url)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.close()


def has_bench_data(database_url: str) -> bool:
    import psycopg2

    connection = psycopg2.connect(database_url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT to_regclass('accounts_user') IS NOT NULL AND EXISTS "
                "(SELECT 1 FROM accounts_user WHERE email = %s)",
                [ROLE_EMAILS["lead"]],
            )
            row = cursor.fetchone()
    except psycopg2.Error:
        return False
    finally:
        connection.close()
    return bool(row and row[0])


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def generate(scale: str, env: dict[str, str]) -> None:
    manage("migrate", "--no-input", "-v", "0", env=env)
    log(f"{scale}: generate_scale {' '.join(SCALES[scale])}")
    started = time.monotonic()
    manage("generate_scale", *SCALES[scale], "--password", BENCH_PASSWORD, env=env)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    log(
        f"{scale}: generate_scale took {time.monotonic() - started:.0f} s "
        f"(peak memory of the bench's children so far: {peak:.0f} MB)"
    )


@contextlib.contextmanager
def portal(env: dict[str, str]) -> Iterator[int]:
    """gunicorn with the production settings on a free loopback port, 2 workers."""
    port = stack.free_port()
    logfile = (ROOT / "var" / "bench" / "gunicorn.log").open("ab")
    process = subprocess.Popen(
        [
            *[str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "pim_portal.wsgi"],
            *["--bind", f"127.0.0.1:{port}", "--workers", "2"],
        ],
        cwd=ROOT,
        env=env,
        stdout=logfile,
        stderr=logfile,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if get(port, "/bench/bare", None)[0] == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit("gunicorn did not start; see var/bench/gunicorn.log")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        logfile.close()


def get(port: int, path: str, cookie: str | None) -> tuple[int, int, float]:
    """One request as the TLS proxy would pass it: status, queries, seconds."""
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    elapsed = time.perf_counter() - started
    return response.status, int(response.getheader("X-Queries") or -1), elapsed


def load(
    port: int, path: str, cookie: str | None, requests: int, concurrency: int
) -> Measure:
    def one(_: int) -> tuple[int, float]:
        status, queries, elapsed = get(port, path, cookie)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return queries, elapsed

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(max(requests // 10, concurrency))))  # warm-up
        started = time.perf_counter()
        results = list(pool.map(one, range(requests)))
        wall = time.perf_counter() - started
    latencies = sorted(elapsed for _queries, elapsed in results)
    return Measure(
        throughput=requests / wall,
        p50=statistics.median(latencies),
        p95=statistics.quantiles(latencies, n=20)[18],
        queries=tuple(sorted({queries for queries, _elapsed in results})),
    )


@dataclass(frozen=True)
class Served:
    port: int
    found: dict[str, Any]  # paths, cookies and size, from `targets`


@contextlib.contextmanager
def served(scale: str, redis_url: str, args: argparse.Namespace) -> Iterator[Served]:
    """A scale's database (generated if missing) served by its own gunicorn."""
    name = f"pim_bench_{scale}"
    scale_index = list(SCALES).index(scale)
    if args.regenerate:
        database_drop(name)
    with stack.postgres(name) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "EMAIL_URL": "dummymail://",
            "PORTAL_BASE_URL": "http://127.0.0.1",
            "DATABASE_URL": database_url,
            # Redis databases per scale (the broker's, the cache's): cached page
            # parts must not cross over.
            "REDIS_URL": redis_url.rsplit("/", 1)[0] + f"/{2 * scale_index}",
            "CACHE_REDIS_URL": redis_url.rsplit("/", 1)[0] + f"/{2 * scale_index + 1}",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        if not has_bench_data(database_url):
            generate(scale, env)
        manage("collectstatic", "--no-input", "-v", "0", env=env)
        found = json.loads(
            subprocess.run(
                [sys.executable, __file__, "--targets"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        log(
            f"{scale}: " + ", ".join(f"{n} {what}" for what, n in found["size"].items())
        )
        with portal(env) as port:
            yield Served(port, found)


def median_of(rounds: list[Measure]) -> Measure:
    return Measure(
        throughput=statistics.median(m.throughput for m in rounds),
        p50=statistics.median(m.p50 for m in rounds),
        p95=statistics.median(m.p95 for m in rounds),
        queries=tuple(sorted({q for m in rounds for q in m.queries})),
    )


def bench(args: argparse.Namespace) -> dict[str, dict[str, Measure]]:
    """Both scales served at once; each page measured at one scale then the other,
    in ROUNDS rounds: a drift of the machine (another process, the CPU's clock)
    falls on both scales alike. Each figure is the median over the rounds."""
    rounds: dict[str, dict[str, list[Measure]]] = {
        scale: {key: [] for _label, _role, key in selected(args)}
        for scale in args.scales
    }
    with contextlib.ExitStack() as resources:
        redis_url = resources.enter_context(stack.redis("redis-bench", persist=False))
        servers = {
            scale: resources.enter_context(served(scale, redis_url, args))
            for scale in args.scales
        }
        for number in range(1, args.rounds + 1):
            for label, role, key in selected(args):
                for scale, server in servers.items():
                    path = server.found["paths"][key]
                    cookie = server.found["cookies"][role] if role else None
                    log(f"round {number}/{args.rounds}, {scale}: {label} ({path})")
                    rounds[scale][key].append(
                        load(server.port, path, cookie, args.requests, args.concurrency)
                    )
    return {
        scale: {key: median_of(measures) for key, measures in pages.items()}
        for scale, pages in rounds.items()
    }


def report(results: dict[str, dict[str, Measure]], args: argparse.Namespace) -> int:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(
        f"\n{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"gunicorn 2 sync workers per scale; {args.requests} requests per page, "
        f"{args.concurrency} at a time; medians of {args.rounds} rounds\n"
    )
    scales = list(results)
    header = f"{'page':<30}"
    for scale in scales:
        header += f" | {scale + ' req/s':>15} {'ratio':>6}"
        header += f" {'p50 ms':>7} {'p95 ms':>7} {'q':>3}"
    if len(scales) == 2:
        header += f" | {'p50 ' + scales[1] + '/' + scales[0]:>20}"
    print(header)
    print("-" * len(header))
    failures = []
    for label, _role, key in selected(args):
        line = f"{label:<30}"
        for scale in scales:
            measure, bare = results[scale][key], results[scale]["bare"]
            ratio = measure.throughput / bare.throughput
            queries = "/".join(map(str, measure.queries))
            line += (
                f" | {measure.throughput:>15.1f} {ratio:>6.2f}"
                f" {measure.p50 * 1000:>7.1f} {measure.p95 * 1000:>7.1f} {queries:>3}"
            )
            if key != "bare" and ratio < MIN_RATIO:
                failures.append(f"{label}, {scale}: throughput ratio {ratio:.3f}")
            if len(measure.queries) != 1 or measure.queries[0] > MAX_QUERIES:
                failures.append(f"{label}, {scale}: queries {queries}")
        if len(scales) == 2 and key != "bare":
            first, second = (results[scale][key] for scale in scales)
            growth = second.p50 / first.p50
            line += f" | {growth:>20.2f}"
            if growth > MAX_P50_GROWTH and key not in LISTS_EVERYTHING:
                failures.append(f"{label}: p50 grows x{growth:.2f}")
            if first.queries != second.queries:
                failures.append(f"{label}: queries differ between the scales")
        print(line)
    print()
    if failures:
        print("Targets missed:\n  " + "\n  ".join(failures))
        return 1
    print(
        f"All targets hold: ratio >= {MIN_RATIO}, p50 growth <= {MAX_P50_GROWTH}, "
        f"<= {MAX_QUERIES} queries, identical at both scales."
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--scales", nargs="+", choices=list(SCALES), default=list(SCALES)
    )
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=[key for _label, _role, key in PAGES if key != "bare"],
        help="measure only these pages (and the bare view); default: all",
    )
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--targets", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.targets:
        targets()
        return 0
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    results = bench(args)
    return report(results, args)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
