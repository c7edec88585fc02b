"""A national-size data set for load tests and benchmarks (`manage.py generate_scale`).

What it builds, at the default ("national") figures: 2 500 organisations in all 16
voivodeships (the ministry, a few expert bodies, cities and unions), 10 yearly
editions, 200 thematic networks with about 25 member cities each, a Network Sheet per
network and a MID per member city (the edition's default templates, Polish text of
1–4 KB per section, 20 document versions per MID, each changing one section), comment
threads, Local Partnerships with 50 000 members, 20 000 accounts with their
memberships, role groups and object permissions, thematic experts, 2 000 meetings, a
recruitment call with 1 000 applications and 1 000 000 audit events over ten years.

It is deterministic: one `random.Random(seed)`, primary keys assigned here, every
timestamp derived from BASE, never from the clock — the same seed and figures give the
same rows. It is fast: the large tables go through PostgreSQL COPY from a streamed
buffer, and the rows the permission services would write (role groups, guardian
object permissions) are written in bulk with exactly the same content.

The bench accounts (see BENCH_*) are the same in every preset; the benchmark scripts
log in as them.
"""

from devtools.scale.build import generate, table_counts
from devtools.scale.documents import ADDED_MID_SECTIONS
from devtools.scale.figures import (
    BENCH_EXPERT,
    BENCH_LEAD,
    BENCH_MID_COMMENTS,
    BENCH_MINISTRY,
    MAX_BODY,
    MIN_BODY,
    PRESETS,
    BenchTargets,
    Figures,
    ScaleRefused,
    ScaleResult,
    StepTiming,
    check_figures,
)

__all__ = [
    "ADDED_MID_SECTIONS",
    "BENCH_EXPERT",
    "BENCH_LEAD",
    "BENCH_MID_COMMENTS",
    "BENCH_MINISTRY",
    "MAX_BODY",
    "MIN_BODY",
    "PRESETS",
    "BenchTargets",
    "Figures",
    "ScaleRefused",
    "ScaleResult",
    "StepTiming",
    "check_figures",
    "generate",
    "table_counts",
]
