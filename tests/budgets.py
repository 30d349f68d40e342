"""DESIGN.md's query budget, and how the tests measure what a page costs.

Every query-count test measures the same way: a first GET fills the caches every visitor but
the first after an edit finds warm (header and footer, Wagtail's site root paths, image
renditions), the next one is counted. The budget tests of each app share these so that a
page's cost means the same thing everywhere.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

# At most 12 queries for a public page, uncached (the page cache is off in the test settings).
QUERY_BUDGET = 12


def count_queries(client, url):
    """The response to a GET of `url` and the number of queries it cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def warm_count(client, url, status=200):
    """The queries a GET of `url` costs once a first visit has filled the caches; fails if the
    page does not answer `status`."""
    client.get(url)
    response, count = count_queries(client, url)
    assert response.status_code == status, url
    return count


def assert_within_budget(counts, budget=QUERY_BUDGET):
    """Fail naming every address of `counts` ({url: queries}) that costs more than `budget`."""
    over = {url: count for url, count in counts.items() if count > budget}
    assert not over, f"over {budget} queries: {over}"
