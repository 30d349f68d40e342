"""Throughput and latency of the site as production serves it, with and without the page cache,
and how each page's rendering time grows with the number of news items.

Run by hand (`make bench`, or `.venv/bin/python scripts/bench.py --help`); not part of the
test suite. It answers two questions on this machine, and by default prints both tables:
"what does the whole-page cache buy, and how far are pages from a static file?" (the wrk
table) and "which page slows down when ten years of news pile up?" (the scale table). Every
figure of a table is measured in one run, side by side:

- Two gunicorns run at once from the same throwaway database, with gunicorn.conf.py and the
  production settings (DEBUG off, whitenoise after collectstatic into a temporary folder),
  3 sync workers each, bound to 127.0.0.1 only: one with the page cache as deployed
  (PAGE_CACHE_SECONDS unset, its default), one with PAGE_CACHE_SECONDS=0. Only one is loaded
  at a time.
- `wrk` (apt-get install wrk) loads a static file (the hashed css/main.css, through the same
  gunicorn and whitenoise), the home page, the news listing and the newest news article of the
  demo, each first on one server then on the other, for --rounds rounds, the order swapped
  every round: slow drifts of the machine (another job, CPU frequency) hit both modes alike.
  The table gives the median over rounds of req/s, p50 and p99 latency, the errors of all
  rounds (HTTP status >= 400 as wrk counts them, socket errors and requests slower than
  --timeout; every page is first checked to answer 200 without a redirect) and each row's req/s
  as a share of the static file's on the same server, the ceiling of this stack. Requests
  carry Accept-Encoding: gzip, br like a browser's.
- gunicorn runs without its access log (GUNICORN_ACCESS_LOG=false) because the log costs CPU
  per request; --access-log turns it on (written to a file), and --compare-access-log measures
  what it costs: two cached servers, log off and on, alternated on the static file and the home
  page.
- Workers are recycled as gunicorn.conf.py says (GUNICORN_MAX_REQUESTS): at the thousands of
  req/s a cached page reaches, every worker restarts every few seconds, and a restart costs
  about a second of CPU; --max-requests 0 measures without it, to tell the two costs apart.
- --load-test: the cached server only, 50 connections for 60 s spread over the home page, the
  listing and the article, and the error count: the "no error under load" check.
- The scale table (after the wrk table, or alone with --scale): one gunicorn with
  PAGE_CACHE_SECONDS=0, so that the rendering is measured, not the cache; each page type
  (home, listing and its filters, a deep listing page, press room, a demo article, a partner,
  search, feeds, sitemap, site map; --url for others) requested one at a time, all pages in
  turn so that a drift of the machine hits them all alike, after a few unmeasured rounds. First
  with the demo content, then after `load_demo --many` has added fake news items up to each
  step (2 000, then 10 000; VACUUM ANALYZE after each load, as autovacuum would). Each row gives the
  median response time and size at every step and the ratio to the demo's time: a page whose
  cost follows the number of items stands out. A page answering anything but 200, or a ratio
  above --max-ratio, makes the run exit with 1.

Everything happens in a throwaway database that this script creates and drops:

- PostgreSQL (recommended, as in production): DATABASE_URL is an *admin* connection, e.g.
  postgres://postgres@127.0.0.1:5432/postgres, whose role may create databases; a database
  named pole_bench_<random> is created next to it and dropped at the end.
- Otherwise (no DATABASE_URL, or a sqlite:// one): a temporary SQLite file. Your own
  database is never touched either way.

The shared cache is the settings' file cache (no REDIS_URL), in the temporary folder
(CACHE_DIR); --redis-url gives both servers a Redis instead, as in production (the settings
prefix the keys with the throwaway database's name, and they expire). Query counts are the test
suite's job (tests/news), not this script's. The machine's own load skews everything: run it on
a quiet one.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
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
WARMUP_SECONDS = 3  # one wrk run per page and server before the measured rounds
# Between two wrk runs: a worker recycled at the end of one run (GUNICORN_MAX_REQUESTS)
# boots in about a second of CPU, which must not land in the next run.
PAUSE_SECONDS = 2
ACCEPT_ENCODING = "gzip, br"

TABLE_DEFAULTS = {"connections": 20, "duration": 10}
LOAD_TEST_DEFAULTS = {"connections": 50, "duration": 60}
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


def seconds(text):
    """`10` or `10s`, as wrk writes durations."""
    value = int(text.removesuffix("s"))
    if value < 1:
        raise argparse.ArgumentTypeError("au moins 1 s")
    return value


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("au moins 1")
    return value


def step_list(text):
    """`2000,10000`: the numbers of fake news items of the scale table's steps."""
    return [positive(part) for part in text.split(",")]


def ratio(text):
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("un nombre positif, p. ex. 3 ou 2.5")
    return value


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Requêtes par seconde et latences (wrk) d'un fichier statique et des pages "
        "publiques, avec et sans le cache de pages, puis temps de réponse de chaque type de "
        "page avec la démo et avec des milliers d'actualités fictives ; en réglages de "
        "production sur une base jetable.",
        epilog="DATABASE_URL : connexion d'administration PostgreSQL (recommandé), "
        "p. ex. postgres://postgres@127.0.0.1:5432/postgres ; sinon SQLite temporaire.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--load-test",
        action="store_true",
        help="serveur avec cache seul, 50 connexions pendant 60 s sur l'accueil, la liste et "
        "un article mêlés ; compte les erreurs",
    )
    mode.add_argument(
        "--compare-access-log",
        action="store_true",
        help="coût du journal d'accès : deux serveurs avec cache, journal coupé et activé, "
        "sur le fichier statique et l'accueil (ou les --url)",
    )
    mode.add_argument(
        "--scale",
        action="store_true",
        help="le tableau de croissance seul (sans le tableau wrk qui le précède par défaut)",
    )
    parser.add_argument(
        "--url",
        action="append",
        help="chemin mesuré à la place des pages par défaut (répétable) : de /, /actualites/ "
        "et d'un article dans le tableau wrk, où le fichier statique reste la référence ; de "
        "tous les types de page dans le tableau de croissance",
    )
    parser.add_argument(
        "-c", "--connections", type=int, help="connexions wrk (20 ; 50 avec --load-test)"
    )
    parser.add_argument(
        "-d", "--duration", type=seconds, help="secondes par mesure wrk (10 ; 60 avec --load-test)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="tours de mesures alternées (3)")
    parser.add_argument("-t", "--threads", type=int, default=2, help="threads wrk (2)")
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=2,
        help="une réponse plus lente compte comme une erreur (2 s, le défaut de wrk)",
    )
    parser.add_argument(
        "--access-log", action="store_true", help="journal d'accès de gunicorn activé (coupé)"
    )
    parser.add_argument("--workers", type=int, default=3, help="workers gunicorn (3)")
    parser.add_argument(
        "--max-requests",
        type=int,
        help="GUNICORN_MAX_REQUESTS des serveurs (celui de gunicorn.conf.py, 1000 ; "
        "0 : pas de recyclage des workers, pour mesurer ce qu'il coûte)",
    )
    parser.add_argument(
        "--redis-url",
        help="cache partagé Redis pour les deux serveurs, p. ex. redis://127.0.0.1:6379/15 "
        "(sinon le cache par défaut des réglages sans REDIS_URL)",
    )
    scale = parser.add_argument_group(
        "tableau de croissance (make bench, --scale)",
        "Serveur sans cache de pages, requêtes une à une, toutes les pages à tour de rôle.",
    )
    scale.add_argument(
        "-n",
        "--requests",
        type=int,
        default=30,
        help="requêtes mesurées par page et par palier (30)",
    )
    scale.add_argument(
        "--warmup", type=int, default=5, help="requêtes de chauffe par page et par palier (5)"
    )
    scale.add_argument(
        "-m",
        "--many",
        type=positive,
        action="append",
        help="palier : nombre total d'actualités fictives ajoutées à la démo (répétable : "
        "--many 2000 --many 10000 ; chaque palier n'ajoute que la différence)",
    )
    scale.add_argument(
        "--steps",
        type=step_list,
        help="les paliers d'un coup, p. ex. 2000,10000 (le défaut)",
    )
    scale.add_argument(
        "--max-ratio",
        type=ratio,
        help="code de sortie 1 si le temps médian d'une page dépasse ce multiple de son temps "
        "avec la démo, p. ex. 3 (pas de limite)",
    )
    args = parser.parse_args(argv)
    defaults = LOAD_TEST_DEFAULTS if args.load_test else TABLE_DEFAULTS
    args.connections = args.connections or defaults["connections"]
    args.duration = args.duration or defaults["duration"]
    args.steps = sorted({*(args.steps or []), *(args.many or [])}) or [2000, 10000]
    if any(not url.startswith("/") or url.startswith("//") for url in args.url or []):
        parser.error("--url est un chemin du site, p. ex. /espace-presse/")
    if min(args.requests, args.workers, args.rounds, args.threads, args.connections) < 1:
        parser.error("--requests, --workers, --rounds, --threads et --connections ≥ 1")
    if args.warmup < 0 or (args.max_requests or 0) < 0:
        parser.error("--warmup et --max-requests ≥ 0")
    if args.connections < args.threads:
        parser.error("wrk veut au moins une connexion par thread (--connections ≥ --threads)")
    if not args.scale and not shutil.which("wrk"):
        parser.error("wrk introuvable : apt-get install wrk")
    return args


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


# --- wrk ------------------------------------------------------------------------------------

# Prints wrk's summary as one JSON line; latencies in microseconds. wrk counts as "status"
# errors the responses with a status of 400 or more, as "timeout" those slower than --timeout.
WRK_DONE = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50_us": %.0f, "p99_us": %.0f, "max_us": %.0f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""

# Each connection asks for the paths in turn (only when there are several).
WRK_PATHS = """
local paths = {%s}
local next_path = 0
request = function()
  next_path = next_path %% #paths + 1
  return wrk.format(nil, paths[next_path])
end
"""


def wrk_script(folder, paths):
    script = WRK_DONE
    if len(paths) > 1:
        script += WRK_PATHS % ", ".join(json.dumps(path) for path in paths)
    path = Path(folder) / f"wrk-{secrets.token_hex(4)}.lua"
    path.write_text(script)
    return path


def wrk(args, folder, port, paths, duration):
    """One wrk run; returns its summary (req/s, p50/p99/max in ms, errors by kind)."""
    argv = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={duration}s",
        f"--timeout={args.timeout}s",
        f"--header=Accept-Encoding: {ACCEPT_ENCODING}",
        f"--script={wrk_script(folder, paths)}",
        f"http://{HOST}:{port}{paths[0]}",
    ]
    result = subprocess.run(  # noqa: S603 (fixed argv: wrk from PATH)
        argv, capture_output=True, text=True, timeout=duration + 60, check=False
    )
    summary = None
    for line in result.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            summary = json.loads(line.removeprefix("WRK_JSON "))
    if result.returncode != 0 or summary is None:
        raise SystemExit(f"wrk a échoué ({result.returncode}) :\n{result.stdout}{result.stderr}")
    errors = {kind: summary[kind] for kind in ("status", "connect", "read", "write", "timeout")}
    return {
        "rps": summary["requests"] / (summary["duration_us"] / 1e6),
        "requests": summary["requests"],
        "p50": summary["p50_us"] / 1000,
        "p99": summary["p99_us"] / 1000,
        "max": summary["max_us"] / 1000,
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
    }


# gunicorn's access log line: `127.0.0.1 - - [date] "GET / HTTP/1.1" 200 ...`.
ACCESS_LINE = re.compile(r'^\S+ - \S+ \[[^]]+\] "')


def log_problems(server, since):
    """Lines the server logged after byte `since` besides its access log: with the log levels
    set to warning, only warnings and errors (with their tracebacks)."""
    with server.log_path.open(errors="replace") as log_file:
        log_file.seek(since)
        return [line.rstrip() for line in log_file if not ACCESS_LINE.match(line)]


# --- The modes ------------------------------------------------------------------------------


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


def page_list(args, server, env):
    """[(label, path)]: the static file first (the reference), then the pages."""
    if args.url:
        pages = [(url, url) for url in args.url]
    else:
        article = newest_article_path(server)
        pages = [("accueil", "/"), ("liste", "/actualites/"), ("article", article)]
    return [("statique", static_css_path(env)), *pages]


def warm_up(args, folder, servers, pages):
    """Each page on each server: checked (200, no redirect), then a short wrk run; returns the
    X-Page-Cache header each answers afterwards."""
    cache_header = {}
    for _label, path in pages:
        for mode, server in servers.items():
            server.get_ok(path)
            wrk(args, folder, server.port, [path], WARMUP_SECONDS)
            headers, _body, _seconds = server.get_ok(path)
            cache_header[mode, path] = headers.get("X-Page-Cache", "absent")
    return cache_header


def machine_line():
    return (
        f"charge de la machine : {os.getloadavg()[0]:.1f} pour {os.cpu_count()} processeurs "
        "(une machine chargée fausse la mesure)"
    )


def server_line(args):
    cache = f"Redis {args.redis_url}" if args.redis_url else "cache par défaut sans REDIS_URL"
    if args.max_requests is None:
        recycling = "max_requests de gunicorn.conf.py"
    else:
        recycling = f"max_requests {args.max_requests}"
    if args.compare_access_log:
        access_log = "coupé sur l'un, activé (dans un fichier) sur l'autre"
    else:
        access_log = "activé (dans un fichier)" if args.access_log else "coupé"
    return (
        f"gunicorn (réglages de production, {args.workers} workers sync, {recycling}, journal "
        f"d'accès {access_log}), {cache}\n"
        f"wrk {args.threads} threads, {args.connections} connexions, {args.duration} s par "
        f"mesure, délai {args.timeout} s"
    )


def run_table(args, database, folder, env):
    modes = [LOG_OFF, LOG_ON] if args.compare_access_log else [CACHED, UNCACHED]
    with contextlib.ExitStack() as stack:
        servers = start_servers(args, database, folder, modes, stack)
        pages = page_list(args, servers[modes[-1]], env)
        if args.compare_access_log and not args.url:
            pages = pages[:2]  # the static file and the home page
        log("Chauffe…")
        cache_header = warm_up(args, folder, servers, pages)
        log_sizes = {mode: server.log_path.stat().st_size for mode, server in servers.items()}
        runs = {(path, mode): [] for _label, path in pages for mode in modes}
        for round_number in range(args.rounds):
            # The order is swapped every round, so that neither mode always runs first.
            order = modes if round_number % 2 == 0 else modes[::-1]
            for label, path in pages:
                for mode in order:
                    time.sleep(PAUSE_SECONDS)
                    result = wrk(args, folder, servers[mode].port, [path], args.duration)
                    runs[path, mode].append(result)
                    log(
                        f"  tour {round_number + 1}/{args.rounds} {label} {mode} : "
                        f"{result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, "
                        f"p99 {result['p99']:.1f} ms, erreurs {result['errors']} "
                        f"{result['errors_by_kind'] if result['errors'] else ''}"
                    )
        server_errors = {
            mode: log_problems(server, log_sizes[mode]) for mode, server in servers.items()
        }
    report_table(args, database, pages, modes, runs, cache_header, server_errors)


def report_table(args, database, pages, modes, runs, cache_header, server_errors):
    print(
        f"\n{database.description}\n{server_line(args)}\n"
        f"médianes de {args.rounds} tours alternés ; erreurs : total des tours "
        "(statut ≥ 400, erreurs de socket, délais dépassés)\n"
        f"{machine_line()}\n"
    )
    for label, path in pages:
        print(f"- {label} : {path}")
    print()
    print("| page | mode | req/s | p50 ms | p99 ms | erreurs | req/s / statique |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    static_path = pages[0][1]
    for label, path in pages:
        for mode in modes:
            results = runs[path, mode]
            rps = statistics.median(r["rps"] for r in results)
            static_rps = statistics.median(r["rps"] for r in runs[static_path, mode])
            p50 = statistics.median(r["p50"] for r in results)
            p99 = statistics.median(r["p99"] for r in results)
            errors = sum(r["errors"] for r in results)
            shown_mode = f"{mode} (X-Page-Cache : {cache_header[mode, path]})"
            print(
                f"| {label} | {shown_mode} | {rps:.0f} | {p50:.1f} | {p99:.1f} | {errors} "
                f"| {rps / static_rps:.2f} |"
            )
    if modes == [LOG_OFF, LOG_ON]:
        print()
        for label, path in pages:
            # Round by round: the two runs of a round are a few seconds apart.
            ratios = [
                on["rps"] / off["rps"]
                for off, on in zip(runs[path, LOG_OFF], runs[path, LOG_ON], strict=True)
            ]
            print(
                f"journal d'accès activé, {label} : {statistics.median(ratios) - 1:+.0%} de req/s "
                f"(médiane des tours ; de {min(ratios) - 1:+.0%} à {max(ratios) - 1:+.0%})"
            )
    report_server_errors(server_errors)


def report_server_errors(server_errors):
    for mode, lines in server_errors.items():
        if lines:
            print(
                f"\nJournal de gunicorn ({mode}) : {len(lines)} ligne(s) d'avertissement ou "
                "d'erreur pendant les mesures ; les premières :"
            )
            print("\n".join(lines[:40]))


def run_load_test(args, database, folder, env):
    with contextlib.ExitStack() as stack:
        servers = start_servers(args, database, folder, [CACHED], stack)
        server = servers[CACHED]
        paths = [path for _label, path in page_list(args, server, env)[1:]]
        log("Chauffe…")
        cache_header = warm_up(args, folder, servers, [(path, path) for path in paths])
        log_size = server.log_path.stat().st_size
        log(f"Charge : {args.connections} connexions pendant {args.duration} s…")
        result = wrk(args, folder, server.port, paths, args.duration)
        server_errors = {CACHED: log_problems(server, log_size)}
    kinds = ", ".join(f"{kind} {count}" for kind, count in result["errors_by_kind"].items())
    print(
        f"\n{database.description}\n{server_line(args)}\n{machine_line()}\n\n"
        f"Pages à tour de rôle : {', '.join(paths)}\n"
        f"X-Page-Cache après chauffe : "
        f"{', '.join(cache_header[CACHED, path] for path in paths)}\n\n"
        f"{result['requests']} requêtes en {args.duration} s : {result['rps']:.0f} req/s, "
        f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, max {result['max']:.0f} ms\n"
        f"erreurs : {result['errors']} ({kinds})"
    )
    report_server_errors(server_errors)
    if result["errors"] or server_errors[CACHED]:
        raise SystemExit(1)


# The scale table: uncached response times as the news items pile up.

# The theme and the partner with the most news items, whose filtered listing and partner page
# are the costliest of their kind, and the listing's newest real item (the fake ones are named
# demo-charge-<n> by news/demo.py).
SCALE_TARGETS = """
import json
from django.db.models import Count
from news.models import LISTING_ORDER, NewsPage, Theme
from partners.models import PartnerPage
news = NewsPage.objects.live().public()
article = news.exclude(slug__startswith="demo-charge-").order_by(*LISTING_ORDER).first()
theme = Theme.objects.annotate(items=Count("newspage")).order_by("-items", "slug").first()
partner = (
    PartnerPage.objects.live().public()
    .annotate(items=Count("news_items")).order_by("-items", "path").first()
)
print(json.dumps({
    "article": article and article.get_url(),
    "theme": theme and theme.slug,
    "partner": partner and partner.slug,
    "partner_page": partner and partner.get_url(),
}))
"""


def scale_pages(args, env):
    """[(label, path)]: --url, else one of each page type, resolved from the demo database.

    Resolved once, before any fake item exists: the article is a real one, the same at every
    step."""
    if args.url:
        return [(url, url) for url in args.url]
    output = manage(env, "shell", "--no-imports", "-c", SCALE_TARGETS, label="pages mesurées")
    targets = json.loads(output.splitlines()[-1])
    missing = [name for name, value in targets.items() if not value]
    if missing:
        raise SystemExit(f"La démo n'a pas de quoi mesurer : {', '.join(missing)}")
    return [
        ("accueil", "/"),
        ("liste", "/actualites/"),
        ("liste, année 2021", "/actualites/?annee=2021"),
        ("liste, communiqués", "/actualites/?type=communique"),
        ("liste, thème", f"/actualites/?theme={targets['theme']}"),
        ("liste, partenaire", f"/actualites/?partenaire={targets['partner']}"),
        ("liste, page 40", "/actualites/?page=40"),
        ("espace presse", "/espace-presse/"),
        ("article de la démo", targets["article"]),
        ("partenaire", targets["partner_page"]),
        ("recherche", "/recherche/?q=pole"),
        ("flux RSS", "/actualites/rss/"),
        ("flux Atom", "/actualites/atom/"),
        ("flux RSS presse", "/espace-presse/rss/"),
        ("sitemap.xml", "/sitemap.xml"),
        ("plan du site", "/plan-du-site/"),
    ]


def time_pages(args, env, folder, paths):
    """One fresh uncached server: `args.warmup` unmeasured rounds, then `args.requests`
    measured ones, each round requesting every path once, in turn.

    Returns ({path: {"ms": [...], "bytes": [...], "failure": None or why}}, the server's
    warnings and errors). A path that fails once is dropped from the following rounds, the
    others are still measured."""
    results = {path: {"ms": [], "bytes": [], "failure": None} for path in paths}
    server = Server(env, folder, UNCACHED)
    try:
        for round_number in range(args.warmup + args.requests):
            for path, result in results.items():
                if result["failure"]:
                    continue
                try:
                    status, _headers, body, seconds = get(server.port, path)
                except (OSError, http.client.HTTPException) as error:
                    result["failure"] = f"{type(error).__name__} : {error}"
                    continue
                if status != 200:
                    result["failure"] = f"statut {status}"
                elif round_number >= args.warmup:
                    result["ms"].append(seconds * 1000)
                    result["bytes"].append(len(body))
        return results, log_problems(server, 0)
    finally:
        server.stop()


def run_scale(args, database, folder, env):
    """The demo, then fake news items added up to each step; returns the process's exit code."""
    env = site_env(args, database, folder, PORT=str(free_port()), **MODE_ENV[UNCACHED])
    pages = scale_pages(args, env)
    paths = [path for _label, path in pages]
    steps = []  # (label, news items, results, server problems)
    added = 0
    for target in [0, *args.steps]:
        label = f"+{target}" if target else "démo"
        if target > added:
            manage(env, "load_demo", "--many", str(target - added))
            database.analyze()
            added = target
        started = time.monotonic()
        results, problems = time_pages(args, env, folder, paths)
        log(
            f"  palier {label} : {len(paths)} page(s) × {args.warmup + args.requests} requêtes : "
            f"{time.monotonic() - started:.0f} s"
        )
        steps.append((label, count_news(env), results, problems))
    return report_scale(args, database, pages, steps)


def report_scale(args, database, pages, steps):
    items = " ; ".join(f"{label} : {count} actualités" for label, count, _r, _p in steps)
    print(
        f"\nTemps de réponse sans cache de pages, selon le nombre d'actualités\n"
        f"{database.description}, VACUUM ANALYZE après chaque chargement\n"
        f"gunicorn (réglages de production, {args.workers} workers sync, PAGE_CACHE_SECONDS=0), "
        "redémarré à chaque palier\n"
        f"requêtes une à une, les pages à tour de rôle : {args.warmup} de chauffe puis "
        f"{args.requests} mesurées, par page et par palier\n"
        f"{items}\n"
        "médiane en ms ; ×démo : rapport à la médiane avec la démo ; Ko : taille du corps de "
        f"la réponse (Accept-Encoding: {ACCEPT_ENCODING})\n"
        f"{machine_line()}\n"
    )
    if not args.url:
        for label, path in pages:
            print(f"- {label} : {path}")
        print()
    header = ["page", "démo ms", "Ko"]
    for label, _count, _results, _problems in steps[1:]:
        header += [f"{label} ms", "×démo", "Ko"]
    print("| " + " | ".join(header) + " |")
    print("| --- |" + " ---: |" * (len(header) - 1))
    failures = []
    ratios = []  # (ratio, page label, step label)
    for page_label, path in pages:
        row = [page_label]
        demo_ms = None
        for number, (step_label, _count, results, _problems) in enumerate(steps):
            result = results[path]
            if result["failure"]:
                page = page_label if page_label == path else f"{page_label} ({path})"
                failures.append(f"{page}, {step_label} : {result['failure']}")
                row += ["échec", "–"] if number == 0 else ["échec", "–", "–"]
                continue
            ms = statistics.median(result["ms"])
            kilobytes = f"{statistics.median(result['bytes']) / 1000:.1f}"
            if number == 0:
                demo_ms = ms
                row += [f"{ms:.1f}", kilobytes]
                continue
            shown_ratio = "–"
            if demo_ms is not None:
                ratios.append((ms / demo_ms, page_label, step_label))
                shown_ratio = f"×{ms / demo_ms:.2f}"
            row += [f"{ms:.1f}", shown_ratio, kilobytes]
        print("| " + " | ".join(row) + " |")
    if ratios:
        worst, page_label, step_label = max(ratios)
        print(f"\npire rapport : ×{worst:.2f} ({page_label}, {step_label})")
    too_slow = [r for r in ratios if args.max_ratio is not None and r[0] > args.max_ratio]
    if too_slow:
        print(f"\nAu-delà de ×{args.max_ratio:g} :")
        for value, page_label, step_label in sorted(too_slow, reverse=True):
            print(f"- {page_label}, {step_label} : ×{value:.2f}")
    if failures:
        print("\nPages en échec (plus demandées pendant le reste du palier) :")
        print("\n".join(f"- {failure}" for failure in failures))
    report_server_errors({f"palier {label}": problems for label, _c, _r, problems in steps})
    return 1 if failures or too_slow else 0


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


def main(argv=None):
    args = parse_args(argv)
    # A SIGTERM (make interrupted, a CI timeout) unwinds like Ctrl-C: gunicorn stopped, the
    # database dropped, the temporary folder removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    folder = tempfile.mkdtemp(prefix="pole-bench-")
    database = None
    exit_code = 0
    try:
        database = create_database(folder)
        log(f"Base jetable : {database.description}")
        env = prepare_site(args, database, folder)
        if args.load_test:
            run_load_test(args, database, folder, env)
        else:
            if not args.scale:
                run_table(args, database, folder, env)
            if not args.compare_access_log:
                exit_code = run_scale(args, database, folder, env)
    finally:
        if database is not None and args.redis_url:
            try:
                forget_redis_keys(site_env(args, database, folder))
            except BaseException as error:  # noqa: BLE001 - say what to clean up, keep the cause
                log(f"Clés Redis du site jetable non supprimées de {args.redis_url} : {error}")
        if database is not None:
            try:
                database.drop()
            except Exception as error:  # noqa: BLE001 - say what to clean up, keep the cause
                log(f"Impossible de supprimer {database.description} : {error}")
        shutil.rmtree(folder, ignore_errors=True)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
