"""scripts/bench.py's throwaway site: its database, its settings, the gunicorns serving it.

Imported by bench.py and its siblings by bare name, as they all run from scripts/.
"""

import contextlib
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from prodenv import VENV_BIN, production_env, stop_process

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
BOOT_TIMEOUT = 30  # seconds for gunicorn to answer /health/
REQUEST_TIMEOUT = 30  # seconds for one request (gunicorn's own worker timeout)
COMMAND_TIMEOUT = 600  # seconds for one manage.py command (2 000 pages take well under that)
ACCEPT_ENCODING = "gzip, br"
CACHED, UNCACHED = "avec cache", "sans cache"
LOG_OFF, LOG_ON = "avec cache, journal coupé", "avec cache, journal activé"
# What each server's environment changes from site_env.
MODE_ENV = {
    CACHED: {},
    UNCACHED: {"PAGE_CACHE_SECONDS": "0"},
    LOG_OFF: {"GUNICORN_ACCESS_LOG": "false"},
    LOG_ON: {"GUNICORN_ACCESS_LOG": "true"},
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# No proxy from the environment (the traffic stays on the loopback interface), and no redirect
# followed: a page must answer 200 itself.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --- The throwaway database -----------------------------------------------------------------


class PostgresDatabase:
    """A database created on the server of the admin URL, dropped by `drop`."""

    engine = "PostgreSQL"

    def __init__(self, admin_url):
        import psycopg  # the project's PostgreSQL driver

        self.psycopg = psycopg
        self.admin_url = admin_url
        self.name = f"pole_bench_{secrets.token_hex(4)}"
        parts = urlsplit(admin_url)
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.description = f"PostgreSQL {parts.hostname}:{parts.port or 5432}/{self.name}"
        self._execute("CREATE DATABASE {}")

    def _execute(self, statement):
        from psycopg import sql

        with self.psycopg.connect(self.admin_url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def analyze(self):
        """The state autovacuum keeps a production database in (it may be off here): fresh
        planner statistics, dead rows and index pending lists cleared; then a checkpoint, so
        that writing out what was just loaded does not overlap the measures."""
        with self.psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
            conn.execute("VACUUM ANALYZE")
            # A role without pg_checkpoint skips it: the measures may then overlap the writes.
            with contextlib.suppress(self.psycopg.errors.InsufficientPrivilege):
                conn.execute("CHECKPOINT")

    def drop(self):
        # WITH (FORCE) (PostgreSQL 13+) closes what a killed worker may have left open.
        self._execute("DROP DATABASE IF EXISTS {} WITH (FORCE)")


class SqliteDatabase:
    engine = "SQLite"

    def __init__(self, folder):
        path = Path(folder) / "bench.sqlite3"
        self.url = f"sqlite:///{path}"
        self.description = f"SQLite {path} (PostgreSQL recommandé : voir --help)"

    def analyze(self):
        pass  # Django leaves SQLite without statistics, as it runs in development

    def drop(self):
        pass  # inside the temporary folder, removed with it


def create_database(folder):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return PostgresDatabase(url)
    if url and not url.startswith("sqlite:"):
        raise SystemExit(f"DATABASE_URL non prise en charge : {urlsplit(url).scheme}://…")
    return SqliteDatabase(folder)


# --- The site -------------------------------------------------------------------------------


def site_env(args, database, folder, **overrides):
    """Production settings on the throwaway database, HTTP on loopback, files in `folder`."""
    settings = {
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DATABASE_URL": database.url,
        "REDIS_URL": args.redis_url,
        "STATIC_ROOT": str(Path(folder) / "static"),
        "MEDIA_ROOT": str(Path(folder) / "media"),
        # The file cache used without REDIS_URL, shared by both servers as by the workers.
        "CACHE_DIR": str(Path(folder) / "cache"),
        "LOG_LEVEL": "WARNING",
        # wrk sends thousands of searches from one address: what is measured is the search,
        # not the limit that turns a robot away after 30 a minute.
        "SEARCH_RATE_LIMIT": "0",
        "GUNICORN_WORKERS": str(args.workers),
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_ACCESS_LOG": "true" if args.access_log else "false",
        "GUNICORN_MAX_REQUESTS": None if args.max_requests is None else str(args.max_requests),
    }
    return production_env(**{**settings, **overrides})


def manage(env, *args, label=None):
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 (fixed argv: this venv's python, manage.py)
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(
            f"manage.py {' '.join(args)} a échoué ({result.returncode}) :\n"
            f"{result.stdout}{result.stderr}"
        )
    log(f"  {label or 'manage.py ' + ' '.join(args)} : {time.monotonic() - started:.1f} s")
    return result.stdout


def count_news(env):
    code = "from news.models import NewsPage; print(NewsPage.objects.live().public().count())"
    output = manage(env, "shell", "--no-imports", "-c", code, label="compte des actualités")
    return int(output.split()[-1])


def get(port, path):
    """One GET, redirects not followed; returns (status, headers, body, seconds)."""
    request = urllib.request.Request(  # noqa: S310 (http, loopback)
        f"http://{HOST}:{port}{path}", headers={"Accept-Encoding": ACCEPT_ENCODING}
    )
    started = time.perf_counter()
    try:
        with OPENER.open(request, timeout=REQUEST_TIMEOUT) as response:
            body = response.read()
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as error:
        with error:
            body = error.read()
            status, headers = error.code, error.headers
    return status, headers, body, time.perf_counter() - started


class Server:
    """gunicorn as the image's CMD starts it, but bound to 127.0.0.1 only."""

    def __init__(self, env, folder, name):
        self.name = name
        self.port = int(env["PORT"])
        self.log_path = Path(folder) / f"gunicorn-{self.port}.log"
        argv = [
            str(VENV_BIN / "gunicorn"),
            "pole_site.wsgi",
            "-c",
            "gunicorn.conf.py",
            # The command line wins over gunicorn.conf.py's 0.0.0.0.
            "--bind",
            f"{HOST}:{self.port}",
        ]
        with self.log_path.open("w") as output:
            self.process = subprocess.Popen(  # noqa: S603 (fixed argv)
                argv, cwd=REPO, env=env, stdout=output, stderr=output, start_new_session=True
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self):
        deadline = time.monotonic() + BOOT_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"gunicorn s'est arrêté ({self.process.returncode}) :\n{self.logs()}"
                )
            with contextlib.suppress(OSError):
                if get(self.port, "/health/")[0] == 200:
                    return
            time.sleep(0.1)
        raise SystemExit(f"gunicorn ne répond pas après {BOOT_TIMEOUT} s :\n{self.logs()}")

    def get_ok(self, path):
        """The response to `path`, which must be a 200 (no redirect)."""
        status, headers, body, seconds = get(self.port, path)
        if status != 200:
            raise SystemExit(f"{path} répond {status} ({self.name}) :\n{self.logs()}")
        return headers, body, seconds

    def logs(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        stop_process(self.process)


def static_css_path(env):
    """/static/ path of the hashed css/main.css, from collectstatic's manifest."""
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    return "/static/" + json.loads(manifest.read_text())["paths"]["css/main.css"]


def newest_article_path(server):
    """The first news article the listing links to: the newest, the one most visitors open."""
    _headers, body, _seconds = server.get_ok("/actualites/")
    html = body.decode()
    for path in re.findall(r'href="(/actualites/[a-z0-9-]+/)"', html):
        # The listing also links its feeds.
        if path not in {"/actualites/rss/", "/actualites/atom/"}:
            return path
    raise SystemExit("aucun lien vers une actualité dans /actualites/")


# --- Preparing and serving the site ---------------------------------------------------------


def prepare_site(args, database, folder):
    """Migrated throwaway database with the demo, static files collected; returns site_env."""
    env = site_env(args, database, folder)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo")
    database.analyze()
    return env


def start_servers(args, database, folder, modes, stack):
    servers = {}
    for mode in modes:
        env = site_env(args, database, folder, PORT=str(free_port()), **MODE_ENV[mode])
        servers[mode] = Server(env, folder, mode)
        stack.callback(servers[mode].stop)
    return servers


# The settings prefix the cache keys with one name per database; the page cache's generation
# key never expires, so the throwaway site's keys are deleted rather than left to expire.
FORGET_REDIS_KEYS = """
import redis
from django.conf import settings
cache = settings.CACHES["default"]
client = redis.Redis.from_url(cache["LOCATION"])
keys = list(client.scan_iter(cache["KEY_PREFIX"] + ":*"))
print(client.delete(*keys) if keys else 0)
"""


def forget_redis_keys(env):
    """Deletes the throwaway site's keys, and only those, from the --redis-url database."""
    manage(env, "shell", "--no-imports", "-c", FORGET_REDIS_KEYS, label="clés Redis supprimées")
