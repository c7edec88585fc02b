from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_for(
    client: Client,
    url: str,
    *,
    cached: bool = True,
    before: Callable[[], object] | None = None,
) -> int:
    """How many SQL queries one GET of `url` runs (the page must answer 200), once
    per-process caches (content types, permissions) are warm. `cached=False`: a
    first visit, with nothing in the Redis cache (no cached public page part; for a
    signed-in client, no cached session either). `before`: run just before the
    counted GET (to forget one cached part only, say)."""
    client.get(url)
    if not cached:
        cache.clear()
    if before is not None:
        before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


# At most this many SQL queries for each of the main pages (issue #9: the network
# list and page, the workspace, a MID, the review queue, the calendar, the people
# list and the recruitment dashboard), whatever the size of the data.
PAGE_QUERY_BUDGET = 12
