"""The page cache across real gunicorn servers sharing one cache, as production runs it.

Two servers of two workers each serve one database; editors' changes are made from a third
process (`manage.py shell`), as the admin or the scheduler would. Every invalidation path
must reach every worker of both servers at once, in both cache modes (files without
REDIS_URL, Redis with it); Redis unreachable or hanging must cost nothing but speed; a
database outage must leave the cached pages readable. Select with `-k servers`.
"""

import re
import socket
import statistics
import time
import urllib.parse

import pytest

pytestmark = pytest.mark.live

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def everywhere(servers, path, attempts=6):
    """Each server asked several times in a row, so that each of its workers answers."""
    return [server.get(path) for server in servers for _ in range(attempts)]


def shows(text):
    return lambda status, headers, body: status == 200 and text in body.decode()


def lacks(text):
    return lambda status, headers, body: status == 200 and text not in body.decode()


# Instead of a check: the page must differ from what it was just before the edit.
CHANGED = object()


def label(answer):
    return answer[1].get("X-Page-Cache")


EDITS = [
    (
        "a site setting (phone in the footer)",
        "from pages.models import SiteIdentitySettings\n"
        "from wagtail.models import Site\n"
        "s = SiteIdentitySettings.for_site(Site.objects.get(is_default_site=True))\n"
        "s.phone = '02 35 12 34 56'\n"
        "s.save()",
        "/",
        shows("02 35 12 34 56"),
    ),
    (
        "a news item published",
        "from news.models import NewsPage\n"
        "p = NewsPage.objects.live().order_by('-date').first()\n"
        "p.title = 'Titre republié'\n"
        "p.save_revision().publish()",
        "/actualites/",
        shows("Titre republié"),
    ),
    (
        "a snippet (theme renamed)",
        "from news.models import Theme\n"
        "t = Theme.objects.order_by('pk').first()\n"
        "t.name = 'Thème renommé'\n"
        "t.save()",
        "/actualites/",
        shows("Thème renommé"),
    ),
    (
        "a document renamed",
        "from wagtail.documents import get_document_model\n"
        "for d in get_document_model().objects.all():\n"
        "    d.title = 'Document renommé'\n"
        "    d.save()",
        "/actualites/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/",
        shows("Document renommé"),
    ),
    (
        "an image's focal point moved (the hero's crop, so its rendition, changes)",
        "from wagtail.images import get_image_model\n"
        "for i in get_image_model().objects.all():\n"
        "    i.set_focal_point(None)\n"
        "    i.focal_point_x, i.focal_point_y = 10, 10\n"
        "    i.focal_point_width = i.focal_point_height = 20\n"
        "    i.save()",
        "/",
        CHANGED,
    ),
    (
        "a news item unpublished",
        "from news.models import NewsPage\n"
        "NewsPage.objects.live().order_by('-date').first().unpublish()",
        "/actualites/",
        lacks("Titre republié"),
    ),
    (
        "a page moved",
        "from wagtail.models import Page\n"
        "page = Page.objects.get(url_path__endswith='/mentions-legales/')\n"
        "page.move(Page.objects.get(url_path__endswith='/le-pole/'), pos='last-child')",
        "/mentions-legales/",
        lambda status, headers, body: status == 301,
    ),
    (
        "a page deleted",
        "from wagtail.models import Page\n"
        "Page.objects.get(url_path__endswith='/plan-du-site/').delete()",
        "/plan-du-site/",
        lambda status, headers, body: status == 404,
    ),
    (
        "a redirect added",
        "from wagtail.contrib.redirects.models import Redirect\n"
        "Redirect.add_redirect('/ancienne-page', redirect_to='/le-pole/')",
        "/ancienne-page",
        lambda status, headers, body: status == 301 and headers["Location"] == "/le-pole/",
    ),
]


@pytest.mark.parametrize("mode", ["files", "redis"])
def test_every_edit_reaches_every_worker_of_every_server_at_once(live_site, mode, request):
    if mode == "redis" and not redis_answers():
        pytest.skip("no Redis server on 127.0.0.1:6379")
    env = {"REDIS_URL": REDIS_URL} if mode == "redis" else {}
    if env:  # Redis database 15 is the tests' own: leave nothing in it
        request.addfinalizer(
            lambda: live_site.shell("from django.core.cache import cache\ncache.clear()", **env)
        )
    servers = [live_site.start(**env), live_site.start(**env)]
    first = servers[0].get("/")
    assert label(first) in {"MISS", "HIT"}
    # The second server reads what the first one stored.
    assert {label(a) for a in everywhere(servers[1:], "/")} == {"HIT"}
    for what, code, path, check in EDITS:
        before = everywhere(servers, path)[-1]  # cached before the edit
        servers[0].get("/")
        if check is CHANGED:
            check = lambda status, headers, body, before=before[2]: (  # noqa: E731
                status == 200 and body != before
            )
        live_site.shell(code, **env)
        # The home page, cached before, is rendered anew by the other server...
        assert label(servers[1].get("/")) == "MISS", f"{mode}: {what}"
        # ... and, no delay, no retry: the very first answer of every worker is fresh.
        answers = everywhere(servers, path)
        assert all(check(*answer) for answer in answers), f"{mode}: {what} on {path}"


def contact_form(server):
    status, headers, body = server.get("/contact/")
    html = body.decode()
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    data = {"csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)}
    data["csrfmiddlewaretoken"] = data["csrfmiddlewaretoken"].group(1)
    for field in re.finditer(r"<(input|textarea)([^>]*)>", html):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', field.group(2)))
        name, kind = attrs.get("name"), attrs.get("type", "textarea")
        if not name or name in data or kind == "hidden" or name == "site-web":
            continue
        data[name] = {"email": "visiteur@example.org", "checkbox": "on"}.get(kind, "Bonjour")
    return cookie, data


def send_message(server, address):
    cookie, data = contact_form(server)
    return server.get(
        "/contact/",
        method="POST",
        data=urllib.parse.urlencode(data).encode(),
        headers={
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": address,
        },
    )[0]


def stored_messages(site):
    code = (
        "from wagtail.contrib.forms.models import FormSubmission\n"
        "print(FormSubmission.objects.count())"
    )
    return int(site.shell(code).split()[-1])


def test_the_contact_rate_limit_is_exact_across_workers_and_servers(live_site):
    servers = [live_site.start(workers=3), live_site.start(workers=3)]
    try:
        before = stored_messages(live_site)
        statuses = [send_message(servers[i % 2], "203.0.113.50") for i in range(8)]
        assert statuses.count(200) == 5, statuses
        assert statuses.count(429) == 3, statuses
        assert stored_messages(live_site) == before + 5
    finally:
        for server in servers:
            server.stop()


def test_redis_unreachable_costs_speed_only(live_site):
    server = live_site.start(REDIS_URL="redis://127.0.0.1:1/0")
    try:
        answers = [server.get(path) for path in ["/", "/actualites/", "/le-pole/"] * 10]
        assert {status for status, _, _ in answers} == {200}
        assert {label(answer) for answer in answers} == {None}  # served uncached
        status, _, body = server.get("/health/ready/")
        assert (status, body) == (200, b'{"database": "ok", "cache": "d\\u00e9grad\\u00e9"}')
        before = stored_messages(live_site)
        assert send_message(server, "203.0.113.60") == 200
        assert stored_messages(live_site) == before + 1
        # One warning per worker at most, not one per request.
        assert 1 <= server.logs().count("Cache Redis injoignable") <= 2
    finally:
        server.stop()


def test_a_hanging_redis_costs_milliseconds(live_site):
    """A Redis that accepts connections and never answers costs one time-out per worker every
    few seconds: pages then cost what they cost when Redis refuses connections at once (no
    cache at all). Measured against such a server, request by request in turn, so that the
    machine's load hits both alike."""
    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        port = silent.getsockname()[1]
        hanging = live_site.start(workers=1, REDIS_URL=f"redis://127.0.0.1:{port}/0")
        uncached = live_site.start(workers=1, REDIS_URL="redis://127.0.0.1:1/0")
        try:
            hanging.get("/")  # the first call waits for the socket time-out, once
            timings = {hanging: [], uncached: []}
            for _ in range(15):
                for server, spent in timings.items():
                    started = time.monotonic()
                    assert server.get("/actualites/")[0] == 200
                    spent.append(time.monotonic() - started)
            slow, normal = (statistics.median(timings[s]) for s in (hanging, uncached))
            assert slow < normal * 1.5 + 0.02, timings
        finally:
            hanging.stop()
            uncached.stop()


def test_cached_pages_stay_readable_while_postgresql_is_down(live_site):
    if not live_site.postgres:
        pytest.skip("takes a PostgreSQL database offline; SQLite has no server to stop")
    server = live_site.start(PAGE_CACHE_SECONDS="1")
    try:
        assert server.get("/le-pole/")[0] == 200
        time.sleep(1.2)  # the copy is now past its freshness: only an outage serves it
        live_site.take_database_offline()
        status, headers, body = server.get("/le-pole/")
        assert status == 200
        assert headers["X-Page-Cache"] == "STALE"
        assert "Le Pôle" in body.decode() or "Pôle" in body.decode()
        status, headers, _ = server.get("/partenaires/")  # never cached
        assert status == 503
        assert headers["Retry-After"]
    finally:
        live_site.bring_database_online()
        server.stop()
    # Back to normal once the database answers again.
    server = live_site.start()
    try:
        assert server.get("/partenaires/")[0] == 200
    finally:
        server.stop()
