"""The demo site as machines read it: one page of every type, rendered by the test client."""

import pytest

# One address per page type of the demo, and what it is.
PAGES = {
    "home": "/",
    "presentation": "/le-pole/",
    "standard": "/mentions-legales/",
    "site-map": "/plan-du-site/",
    "contact": "/contact/",
    "news-index": "/actualites/",
    "news": "/actualites/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/",
    "press-room": "/espace-presse/",
    "photo-library": "/espace-presse/phototheque/",
    "press-kit": "/espace-presse/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/",
    "partner-index": "/partenaires/",
    "partner": "/partenaires/lsn/",
    "acts-index": "/actes/",
    "meeting": "/actes/conseil-syndical-2021-05-12/",
    "act": "/actes/deliberation-2021-05-12-feuilles-de-route-2021/",
    "event-index": "/agenda/",
    "event-archive": "/agenda/archives/2021/",
    "event": "/agenda/conseil-syndical-2021-05-12/",
    "search": "/recherche/?q=industrie",
}


@pytest.fixture
def rendered(client, demo):
    """{kind: HTML} of every page type, each checked to be served."""
    pages = {}
    for kind, path in PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, path
        pages[kind] = response.content.decode()
    return pages
