"""The production image built from the Dockerfile and run by a Docker engine, as a server would.

The image is built once for the module (layers cached by the engine, so a rebuild after a code
change takes seconds), on PYTHON_IMAGE when set (`make docker-test` builds a Debian 12 base
locally: scripts/debian_base_image.sh), else the Dockerfile's default. The release steps
(migrate, load_demo) run in throwaway containers against a database of their own on the
PostgreSQL of DATABASE_URL, writing the demo's images and documents into a named volume; then
one container serves them with production settings, its root filesystem read-only as in
deploy/compose.yaml, on the host's network (the engine runs without a bridge here).

Marker `docker`: skipped when no engine answers or DATABASE_URL is not PostgreSQL, a failure
under REQUIRE_DOCKER=1 (CI).
"""

import hashlib
import http.client
import os
import re
import secrets
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.live_site import free_port, request

REPO = Path(__file__).resolve().parent.parent.parent
HOST = "www.example.fr"
# What the reverse proxy adds: the site then answers as over HTTPS (no redirect).
PROXY_HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}
# The Dockerfile's user, and the stop timeout the README gives `docker run`.
SITE_UID = "1000"
STOP_TIMEOUT = 30
# Large enough for the site, small enough to notice a build tool or cache left in the image.
MAX_IMAGE_MB = 450

pytestmark = pytest.mark.docker


def docker(*args, check=True, timeout=600):
    result = subprocess.run(  # noqa: S603 (the docker CLI, our arguments)
        ["docker", *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(f"docker {args[0]} failed:\n{result.stdout}{result.stderr}")
    return result


def missing_docker_reason():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL is not PostgreSQL: the container needs a database server"
    try:
        if docker("info", check=False, timeout=20).returncode != 0:
            return "no Docker engine answers (dockerd --bridge=none --iptables=false)"
    except FileNotFoundError:
        return "the docker CLI is not installed (apt-get install docker.io)"
    return None


@pytest.fixture(scope="module", autouse=True)
def _docker_engine():
    reason = missing_docker_reason()
    if reason:
        if os.environ.get("REQUIRE_DOCKER") == "1":
            pytest.fail(f"{reason} (REQUIRE_DOCKER=1)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def image():
    tag = "pole-site:test"
    base = os.environ.get("PYTHON_IMAGE")
    build_args = ["--build-arg", f"PYTHON_IMAGE={base}"] if base else []
    docker("build", "--network", "host", *build_args, "-t", tag, str(REPO), timeout=1200)
    return tag


@pytest.fixture(scope="module")
def database_url():
    """A database of its own, on DATABASE_URL's server, dropped at the end."""
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    name = f"pole_docker_{secrets.token_hex(4)}"
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(url._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def media_volume():
    name = f"pole-test-media-{secrets.token_hex(4)}"
    docker("volume", "create", name)
    yield name
    docker("volume", "rm", "-f", name, check=False)


@pytest.fixture(scope="module")
def env_file(tmp_path_factory, database_url):
    """prod.env as the README describes it, for a server on a free port of the host."""
    port = free_port()
    path = tmp_path_factory.mktemp("docker") / "prod.env"
    path.write_text(
        f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}\n"
        f"DJANGO_ALLOWED_HOSTS={HOST}\n"
        f"CSRF_TRUSTED_ORIGINS=https://{HOST}\n"
        f"DATABASE_URL={database_url}\n"
        f"PORT={port}\n"
        "GUNICORN_WORKERS=2\n"
    )
    return path, port


def run_args(image, env_file, media_volume):
    """The options every container of the site gets, as in deploy/compose.yaml."""
    return [
        "--network",
        "host",
        "--read-only",
        "--tmpfs",
        "/tmp",  # noqa: S108 (the container's own /tmp, in memory)
        "--env-file",
        str(env_file),
        "-v",
        f"{media_volume}:/app/media",
        image,
    ]


@pytest.fixture(scope="module")
def server(image, env_file, media_volume):
    """The release steps, then the site's container; (container name, port)."""
    path, port = env_file
    for step in (["migrate", "--noinput"], ["load_demo"]):
        docker("run", "--rm", *run_args(image, path, media_volume), "python", "manage.py", *step)
    name = f"pole-test-{secrets.token_hex(4)}"
    docker(
        "run",
        "-d",
        "--name",
        name,
        "--stop-timeout",
        str(STOP_TIMEOUT),
        # The image's HEALTHCHECK command, probed every second instead of every 30.
        "--health-interval",
        "1s",
        *run_args(image, path, media_volume),
    )
    try:
        wait_for(lambda: get(port, "/health/")[0] == 200, f"{name} to answer", name)
        yield name, port
    finally:
        docker("rm", "-f", name, check=False)


def wait_for(condition, what, container, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    logs = docker("logs", container, check=False)
    raise AssertionError(f"timed out waiting for {what}:\n{logs.stdout}{logs.stderr}")


def get(port, path, headers=PROXY_HEADERS):
    """(status, headers, body) of a GET as the reverse proxy would send it."""
    return request(port, path, headers=headers)


def links(html, pattern):
    return list(dict.fromkeys(re.findall(pattern, html.decode())))


def inspect(container, template):
    return docker("inspect", "-f", template, container).stdout.strip()


def test_health_probe_answers(server):
    _, port = server
    status, _, body = get(port, "/health/", headers={})
    assert (status, body) == (200, b"ok")


def test_docker_reports_the_container_healthy(server):
    name, _ = server
    wait_for(lambda: inspect(name, "{{.State.Health.Status}}") == "healthy", "healthy", name)


def test_home_and_an_article_with_production_settings(server):
    _, port = server
    status, headers, home = get(port, "/")
    assert status == 200
    assert "Pôle Métropolitain" in home.decode()
    assert "max-age" in headers["Strict-Transport-Security"]
    # Plain HTTP straight to the container is sent to HTTPS, as production settings require.
    assert get(port, "/", headers={"Host": HOST})[0] == 301
    _, _, listing = get(port, "/actualites/")
    articles = links(listing, r'href="(/actualites/(?!rss/|atom/)[a-z0-9-]+/)"')
    assert articles, "the news listing links to its articles"
    status, _, article = get(port, articles[0])
    assert status == 200
    assert "<article" in article.decode()


def test_a_document_downloads(server):
    _, port = server
    _, _, listing = get(port, "/actualites/")
    for article in links(listing, r'href="(/actualites/(?!rss/|atom/)[a-z0-9-]+/)"'):
        documents = links(get(port, article)[2], r'href="(/documents/[^"]+)"')
        if documents:
            break
    else:
        pytest.fail("no demo article links to a document")
    status, headers, body = get(port, documents[0])
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")


def test_images_are_served_from_the_media_volume(server, image, media_volume):
    _, port = server
    _, _, home = get(port, "/")
    rendition = links(home, r'src="/media/(images/[^"]+\.(?:png|jpg|webp|avif))"')[0]
    status, headers, body = get(port, f"/media/{rendition}")
    assert status == 200
    assert headers["Content-Type"].startswith("image/")
    # The very file of the volume, written there by the release step's container.
    digest = (
        "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())"  # noqa: E501
    )
    stored = docker(
        "run", "--rm", "-v", f"{media_volume}:/media:ro", image,
        "python", "-c", digest, f"/media/{rendition}",
    )  # fmt: skip
    assert stored.stdout.strip() == hashlib.sha256(body).hexdigest()


def test_runs_as_an_unprivileged_user_that_cannot_change_the_code(server, image):
    name, _ = server
    assert inspect(name, "{{.Config.User}}") == f"{SITE_UID}:{SITE_UID}"
    assert docker("exec", name, "id", "-u").stdout.strip() == SITE_UID
    # gunicorn itself (PID 1, the master) runs as that user.
    assert docker("exec", name, "stat", "-c", "%u", "/proc/1").stdout.strip() == SITE_UID
    for path in ("/app/manage.py", "/app/pole_site/settings/production.py"):
        result = docker("exec", name, "sh", "-c", f"echo >> {path}", check=False)
        assert result.returncode != 0, f"{path} is writable"
    # Even in a container whose root filesystem is writable, the code belongs to root.
    result = docker("run", "--rm", image, "sh", "-c", "touch /app/manage.py", check=False)
    assert result.returncode != 0
    assert "Permission denied" in result.stderr
    # The media volume is the one place it writes.
    docker("exec", name, "sh", "-c", "touch /app/media/.write-test && rm /app/media/.write-test")


def test_image_size_is_printed_and_small(image):
    size = int(docker("image", "inspect", "-f", "{{.Size}}", image).stdout)
    print(f"\nimage {image}: {size / 1e6:.0f} MB")
    assert size < MAX_IMAGE_MB * 1e6


def slow_request(port, stopping, result):
    """A GET whose last header line arrives 2 s after `stopping` is set, so that it is in
    flight during the stop; `result` gets the whole response."""
    with socket.create_connection(("127.0.0.1", port), timeout=STOP_TIMEOUT) as sock:
        sock.sendall(f"GET /health/ HTTP/1.0\r\nHost: {HOST}\r\n".encode())
        stopping.wait()
        time.sleep(2)
        sock.sendall(b"Accept: text/plain\r\n\r\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        result.append(b"".join(chunks))


def keep_asking(port, stopped, cut):
    """Home page requests until the server goes away. A connection refused or closed before
    any answer is the listener closing; a response that starts and does not finish is a cut."""
    while not stopped.is_set():
        try:
            get(port, "/")
        except http.client.IncompleteRead as error:
            cut.append(repr(error))
            return
        except OSError:
            return


def test_stops_gracefully_without_cutting_a_request(server):
    """Last in the module: it stops the container."""
    name, port = server
    stopping, stopped = threading.Event(), threading.Event()
    responses, cut = [], []
    threads = [threading.Thread(target=slow_request, args=(port, stopping, responses))]
    threads += [threading.Thread(target=keep_asking, args=(port, stopped, cut)) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(1)  # the slow request's first lines reached a worker, the others are running
    started = time.monotonic()
    stopping.set()
    docker("stop", name, timeout=STOP_TIMEOUT + 30)
    took = time.monotonic() - started
    stopped.set()
    for thread in threads:
        thread.join(10)
    assert responses, "the request in flight got no answer"
    assert responses[0].startswith(b"HTTP/1.0 200")
    assert responses[0].endswith(b"ok")
    assert cut == []
    # gunicorn left by itself on SIGTERM (exit 0), long before Docker's SIGKILL (137).
    assert inspect(name, "{{.State.ExitCode}}") == "0"
    assert took < STOP_TIMEOUT
    print(f"\nstopped in {took:.1f} s, a request in flight answered")
