"""Health endpoints as a load balancer or container runtime probes them."""

from django.core.cache import cache
from django.db import OperationalError

import pytest


def test_liveness_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_checks_database_and_cache(client):
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_readiness_says_degraded_but_stays_ready_when_redis_is_down(client, settings):
    # A Redis server that is not there: pages are served uncached, so the instance stays in
    # the balancer (every instance shares that cache) and the probe says what is wrong.
    settings.CACHES = {
        "default": {
            "BACKEND": "pole_site.cache_backends.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "dégradé"}
    cache.close()


@pytest.mark.django_db
def test_readiness_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    response = client.get("/health/ready/")
    assert response.status_code == 503
    assert response.json()["database"] == "indisponible"


@pytest.mark.django_db
def test_probes_by_ip_are_answered_whatever_the_allowed_hosts(client, settings):
    settings.ALLOWED_HOSTS = ["www.example.fr"]
    assert client.get("/health/", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/health/ready/", HTTP_HOST="10.0.0.7:8000").status_code == 200
    # Everything else still enforces the host check.
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400
