"""collectstatic and gunicorn as the image runs them, against a database that refuses
connections: the probes, the 503 page, the security headers, the static files."""

import gzip
import importlib.util
import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.deploy.helpers import (
    HOST,
    ONE_YEAR,
    REPO,
    VENV_BIN,
    build_run_containing,
    free_port,
    gunicorn_argv,
    healthcheck_argv,
    production_env,
    run,
)


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The build stage's collectstatic RUN, writing to a temporary STATIC_ROOT."""
    root = tmp_path_factory.mktemp("staticfiles")
    result = run(
        ["sh", "-c", build_run_containing("collectstatic")],
        env=production_env(STATIC_ROOT=str(root)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="module")
def manifest(static_root):
    return json.loads((static_root / "staticfiles.json").read_text())["paths"]


def test_collectstatic_writes_hashed_compressed_files(static_root, manifest):
    hashed = manifest["css/main.css"]
    assert re.fullmatch(r"css/main\.[0-9a-f]{12}\.css", hashed)
    css = (static_root / hashed).read_bytes()
    assert gzip.decompress((static_root / f"{hashed}.gz").read_bytes()) == css
    if importlib.util.find_spec("brotli"):
        assert (static_root / f"{hashed}.br").is_file()
    assert (static_root / "staticfiles.json").is_file()  # STATIC_ROOT was honoured


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    stdout: Path
    stderr: Path

    def logs(self):
        return f"--- stdout\n{self.stdout.read_text()}\n--- stderr\n{self.stderr.read_text()}"


@dataclass
class Response:
    status: int
    headers: object
    body: bytes

    @property
    def text(self):
        return self.body.decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# No proxy from the environment, no redirect followed: we check the 301 itself.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def fetch(server, path, *, https=True, headers=None):
    """GET through the proxy's eyes: Host is the site's, X-Forwarded-Proto https by default."""
    request_headers = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {})}
    request_headers.update(headers or {})
    request = urllib.request.Request(  # noqa: S310 (fixed http:// URL)
        f"http://127.0.0.1:{server.port}{path}", headers=request_headers
    )
    try:
        with _OPENER.open(request, timeout=10) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, error.headers, error.read())


@pytest.fixture(scope="module")
def server(static_root, tmp_path_factory):
    """gunicorn exactly as the image's CMD starts it, production settings, database down."""
    logs = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = production_env(
        PORT=str(port),
        GUNICORN_WORKERS="2",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(logs / "media"),
        DJANGO_SECURE_SSL_REDIRECT="true",
    )
    with (logs / "stdout").open("w") as stdout, (logs / "stderr").open("w") as stderr:
        process = subprocess.Popen(
            gunicorn_argv(), cwd=REPO, env=env, stdout=stdout, stderr=stderr, start_new_session=True
        )
    running = Server(port, process, logs / "stdout", logs / "stderr")
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited with {process.returncode}\n{running.logs()}")
            try:
                if fetch(running, "/health/").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer within 15 s\n{running.logs()}")
            time.sleep(0.1)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_gunicorn_boots_the_configured_workers(server):
    # The first worker may answer /health/ before the second has said it booted.
    deadline = time.monotonic() + 10
    while server.stderr.read_text().count("Booting worker") < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    errors = server.stderr.read_text()
    assert f"Listening at: http://0.0.0.0:{server.port}" in errors
    assert errors.count("Booting worker") == 2, server.logs()


def test_health_answers_without_database(server):
    response = fetch(server, "/health/")
    assert (response.status, response.text) == (200, "ok")
    assert "no-store" in response.headers["Cache-Control"]


def test_health_is_exempt_from_the_https_redirect(server):
    response = fetch(server, "/health/", https=False)
    assert (response.status, response.text) == (200, "ok")


def test_readiness_reports_the_database_unavailable(server):
    response = fetch(server, "/health/ready/")
    assert response.status == 503
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.body)["database"] == "indisponible"


def test_pages_get_the_503_page_while_the_database_is_down(server):
    response = fetch(server, "/")
    assert response.status == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Service momentanément indisponible" in response.text
    assert "Traceback" not in response.text
    # The page links the hashed stylesheet, which only a manifest build can resolve.
    assert "/static/css/main." in response.text


def test_html_responses_carry_the_security_headers(server):
    headers = fetch(server, "/").headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= ONE_YEAR
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]


def test_hashed_css_is_served_by_whitenoise_with_a_long_cache(server, static_root, manifest):
    path = f"/static/{manifest['css/main.css']}"
    response = fetch(server, path)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.body == (static_root / manifest["css/main.css"]).read_bytes()
    cache_control = response.headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= ONE_YEAR
    assert "immutable" in cache_control
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    compressed = fetch(server, path, headers={"Accept-Encoding": "gzip"})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.body) == response.body


def test_plain_http_is_redirected_to_https(server):
    response = fetch(server, "/", https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/"


def test_dockerfile_healthcheck_command_passes(server):
    """The HEALTHCHECK's command, with `python` from this virtualenv."""
    program, *args = healthcheck_argv()
    argv = [str(VENV_BIN / program), *args]
    result = run(argv, env=production_env(PORT=str(server.port)), timeout=10)
    assert result.returncode == 0, result.stderr
    # Nothing listening: unhealthy, with the exit status 1 Docker expects (2 is reserved).
    result = run(argv, env=production_env(PORT=str(free_port())), timeout=10)
    assert result.returncode == 1


def test_probes_by_ip_over_http_are_answered(server):
    """A load balancer probes the container by IP, over plain HTTP, whatever ALLOWED_HOSTS says."""
    for path, status in (("/health/", 200), ("/health/ready/", 503)):
        response = fetch(server, path, https=False, headers={"Host": "10.0.0.7:8000"})
        assert response.status == status


def test_access_log_goes_to_stdout(server):
    probe = uuid.uuid4().hex
    assert fetch(server, f"/health/?probe={probe}").status == 200
    deadline = time.monotonic() + 5
    while probe not in server.stdout.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    [line] = [line for line in server.stdout.read_text().splitlines() if probe in line]
    assert f'"GET /health/?probe={probe} HTTP/1.1" 200' in line
    assert probe not in server.stderr.read_text()
