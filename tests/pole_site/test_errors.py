"""Error pages: a clear 404, a 500 that needs nothing, a 503 when the database is gone."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.test import RequestFactory

import pytest

from pole_site.error_pages import server_error

REPO = Path(__file__).resolve().parents[2]

# Run in a separate process so that the site really starts against a database that refuses
# connections (nothing listens on port 1), exactly as during an outage.
OUTAGE_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for url in ("/", "/le-pole/", "/admin/login/", "/documents/1/rapport.pdf"):
    response = client.get(url)
    out[url] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode(),
    }
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def outage_responses():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pole_site.settings.test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/injoignable",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", OUTAGE_SCRIPT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("url", ["/", "/le-pole/", "/admin/login/", "/documents/1/rapport.pdf"])
def test_database_outage_gives_a_plain_503(outage_responses, url):
    response = outage_responses[url]
    assert response["status"] == 503
    assert response["retry_after"] == "30"
    assert "Service momentanément indisponible" in response["body"]
    assert "Traceback" not in response["body"]
    assert "OperationalError" not in response["body"]


def test_500_page_renders_without_database_or_context(django_assert_num_queries, db):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Une erreur est survenue" in html


def test_unknown_page_is_a_french_404_with_search(client, home):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'role="search"' in html
    assert html.count("<h1") == 1
