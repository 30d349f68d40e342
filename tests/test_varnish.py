"""deploy/varnish/default.vcl in front of the real site, and the purges the site sends it.

Varnish (Debian's varnishd) runs the repository's VCL, its backend port pointed at a gunicorn
serving the production settings on a throwaway database with the demo content (PostgreSQL
next to DATABASE_URL when it is one, else a temporary SQLite file). Everything runs in
subprocesses on 127.0.0.1 and is stopped and removed at the end. Skipped without varnishd
(`apt-get install varnish`). Select or skip with `-k varnish`.
"""

import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from scripts.prodenv import stop_process
from tests.live_site import HOST, LiveSite, free_port

REPO = Path(__file__).resolve().parent.parent
VCL = REPO / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if os.access("/usr/sbin/varnishd", os.X_OK) else None
)
# The demo's Site is the live site's public address (SITE_URL, http://127.0.0.1): the host
# visitors ask for and its purges carry.
SITE_HOST = HOST
BOOT_TIMEOUT = 30
EDITOR = "varnish-editor"
EDITOR_PASSWORD = secrets.token_urlsafe(16)

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        VARNISHD is None, reason="varnishd is not installed (apt-get install varnish)"
    ),
]


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8", "replace")

    @property
    def cache(self):
        return self.headers.get("X-Varnish-Cache")

    @property
    def cookies(self):
        cookies = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return {name: morsel.value for name, morsel in cookies.items()}


def request(port, path, method="GET", headers=None, body=None):
    """One request to 127.0.0.1:port for the site's host, redirects not followed."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(
            method, path, body=body, headers={"Host": f"{SITE_HOST}:{port}", **(headers or {})}
        )
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


# --- The stack: the live site (tests/live_site.py) behind varnishd ----------------------------


class Varnish:
    """varnishd in the foreground, the repository's VCL pointed at gunicorn's port."""

    def __init__(self, folder, port, backend_port):
        self.port = port
        self.log_path = folder / "varnishd.log"
        text, count = re.subn(r'\.port = "8000";', f'.port = "{backend_port}";', VCL.read_text())
        assert count == 1, "default.vcl declares one backend on port 8000"
        vcl = folder / "default.vcl"
        vcl.write_text(text)
        argv = [
            VARNISHD,
            "-F",  # in the foreground: this process is the one to stop
            "-n",
            str(folder / "varnish"),
            "-j",
            "none",  # no privilege separation: runs as whoever runs the tests
            "-a",
            f"{HOST}:{port}",
            "-T",
            f"{HOST}:0",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
        ]
        with self.log_path.open("w") as output:
            self.process = subprocess.Popen(
                argv, stdout=output, stderr=output, start_new_session=True
            )
        deadline = time.monotonic() + BOOT_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                pytest.fail(f"varnishd stopped ({self.process.returncode}):\n{self.logs()}")
            with contextlib.suppress(OSError):
                if request(port, "/health/").status == 200:
                    return
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"varnishd does not answer after {BOOT_TIMEOUT} s:\n{self.logs()}")

    def logs(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        stop_process(self.process)


class Stack:
    def __init__(self, site, varnish, env):
        self.site = site
        self.varnish = varnish
        self.env = env
        self.port = varnish.port

    def get(self, path, **kwargs):
        return request(self.port, path, **kwargs)

    def shell(self, code):
        return self.site.shell(code, **self.env)

    def shell_json(self, code):
        return json.loads(self.shell(code).strip().splitlines()[-1])


@pytest.fixture(scope="module")
def stack(_live_demo, tmp_path_factory):
    folder = tmp_path_factory.mktemp("varnish")
    site = varnish = None
    try:
        site = LiveSite.copy_of(_live_demo, folder / "site")
        varnish_port = free_port()
        # The site's settings for the servers and the editor's commands: the demo's host, and
        # purges sent to this Varnish.
        env = {
            "DJANGO_ALLOWED_HOSTS": SITE_HOST,
            "FRONTEND_CACHE": "http",
            "FRONTEND_CACHE_LOCATION": f"http://{HOST}:{varnish_port}",
            # Signing in is by password alone here: what is tested is the cache, not the login.
            "ADMIN_REQUIRE_2FA": "false",
        }
        site.manage(
            "createsuperuser",
            "--noinput",
            "--username",
            EDITOR,
            "--email",
            "editor@example.invalid",
            DJANGO_SUPERUSER_PASSWORD=EDITOR_PASSWORD,
        )
        gunicorn = site.start(**env)
        varnish = Varnish(folder, varnish_port, gunicorn.port)
        yield Stack(site, varnish, env)
    finally:
        if varnish is not None:
            varnish.stop()
        if site is not None:
            site.close()


@pytest.fixture(scope="module")
def article(stack):
    """The newest news item, the first of the listing and of its feed."""
    return stack.shell_json(
        "import json\n"
        "from news.models import published_news\n"
        "page = published_news().first()\n"
        "print(json.dumps({'pk': page.pk, 'url': page.get_url(), 'title': page.title}))"
    )


def log_in(stack):
    """An editor's cookies, from the admin's login form through Varnish."""
    form = stack.get("/admin/login/")
    assert form.status == 200
    cookies = form.cookies
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    done = stack.get(
        "/admin/login/",
        method="POST",
        body=urlencode(
            {"username": EDITOR, "password": EDITOR_PASSWORD, "csrfmiddlewaretoken": token}
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
    )
    assert done.status == 302, done.text[:2000]
    cookies.update(done.cookies)
    assert "sessionid" in cookies
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


# --- The tests ------------------------------------------------------------------------------


def test_anonymous_pages_are_cached(stack, article):
    for path in ("/", "/actualites/", article["url"], "/actualites/rss/"):
        first = stack.get(path)
        assert first.status == 200, path
        assert "public" in first.headers["Cache-Control"], path
        assert "s-maxage=" in first.headers["Cache-Control"], path
        second = stack.get(path)
        assert second.status == 200, path
        assert second.cache == "HIT", f"{path}: {second.headers}"
        assert second.text == first.text, path
        assert second.headers["X-Varnish"], "Varnish's own header is kept"
        assert "x-url" not in second.headers and "x-host" not in second.headers


def test_a_cookie_other_than_the_session_does_not_split_the_cache(stack):
    stack.get("/actualites/")
    response = stack.get("/actualites/", headers={"Cookie": "csrftoken=abc; other=1"})
    assert response.cache == "HIT"


def test_logged_in_editor_never_gets_a_cached_page(stack):
    cookie = log_in(stack)
    for path in ("/", "/actualites/", "/", "/actualites/", "/admin/"):
        response = stack.get(path, headers={"Cookie": cookie})
        assert response.status == 200, path
        assert response.cache == "MISS", path
        assert "private" in response.headers["Cache-Control"], path
    # What the editor was sent was not stored for anonymous visitors either.
    assert "public" in stack.get("/").headers["Cache-Control"]


def test_publishing_a_news_item_purges_it_its_listing_and_feeds(stack, article):
    paths = [article["url"], "/actualites/", "/actualites/?page=1", "/actualites/rss/", "/"]
    sitemaps = ["/sitemap.xml", "/sitemap-actualites.xml", "/sitemap-actualites.xml?p=1"]
    for path in paths + sitemaps:
        stack.get(path)
        assert stack.get(path).cache == "HIT", path

    title = f"Titre publie par le test {secrets.token_hex(3)}"
    stack.shell(
        "from news.models import NewsPage\n"
        f"page = NewsPage.objects.get(pk={article['pk']})\n"
        f"page.title = {title!r}\n"
        "page.save_revision().publish()\n"
    )

    for path in paths:
        response = stack.get(path)
        assert response.status == 200, path
        assert response.cache == "MISS", f"{path} was not purged"
        assert title in response.text, path
        assert stack.get(path).cache == "HIT", path
    for path in sitemaps:
        assert stack.get(path).cache == "MISS", f"{path} was not purged"


def test_a_snippet_change_empties_the_whole_site(stack, article):
    paths = ["/", "/actualites/?type=actualite", article["url"], "/partenaires/"]
    for path in paths:
        stack.get(path)
        assert stack.get(path).cache == "HIT", path
    stack.shell("from news.models import Theme\nTheme.objects.first().save()\n")
    for path in paths:
        assert stack.get(path).cache == "MISS", path


def test_purge_drops_query_variants_and_ban_needs_a_prefix(stack):
    # 127.0.0.1 is in the ACL: a PURGE of the listing drops its query-string variants too.
    stack.get("/actualites/?type=actualite")
    assert stack.get("/actualites/?type=actualite").cache == "HIT"
    assert stack.get("/actualites/", method="PURGE").status == 200
    assert stack.get("/actualites/?type=actualite").cache == "MISS"

    assert stack.get("/", method="BAN").status == 400
    stack.get("/")
    assert stack.get("/", method="BAN", headers={"X-Ban-Prefix": "/"}).status == 200
    assert stack.get("/").cache == "MISS"


def test_an_embargoed_release_reaches_varnish_when_the_scheduler_publishes_it(stack):
    """Nothing cached shows a release under embargo; the scheduler's publication purges what
    must now show it."""
    paths = ["/", "/actualites/", "/espace-presse/", "/espace-presse/rss/", "/sitemap.xml"]
    title = f"Communique sous embargo {secrets.token_hex(3)}"
    release = stack.shell_json(
        "import datetime, json\n"
        "from django.utils import timezone\n"
        "from news.models import NewsIndexPage, NewsPage\n"
        f"page = NewsPage(title={title!r}, news_type='communique', live=False,\n"
        "                date=timezone.localdate())\n"
        "NewsIndexPage.objects.get().add_child(instance=page)\n"
        "page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)\n"
        "page.save_revision().publish()\n"
        "print(json.dumps({'go_live_at': page.go_live_at.timestamp(), 'url': page.url}))"
    )

    def shows(text):
        return title in text or release["url"] in text

    for path in paths:
        stack.get(path)
        response = stack.get(path)
        assert response.cache == "HIT", path
        assert not shows(response.text), path
    time.sleep(max(0, release["go_live_at"] - time.time()) + 0.5)
    for path in paths:  # its time has come, but the scheduler has not run yet
        assert not shows(stack.get(path).text), path
    stack.shell(
        "from django.core.management import call_command\ncall_command('publish_scheduled')"
    )
    for path in paths:
        response = stack.get(path)
        assert response.cache == "MISS", f"{path} was not purged"
        assert shows(response.text), path
