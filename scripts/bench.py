"""Response times of public pages with the demo content, then with many more news items.

Run by hand (`make bench`, or `.venv/bin/python scripts/bench.py --help`); not part of the
test suite. Everything happens in a throwaway database that this script creates and drops:

- PostgreSQL (recommended, as in production): DATABASE_URL is an *admin* connection, e.g.
  postgres://postgres@127.0.0.1:5432/postgres, whose role may create databases; a database
  named pole_bench_<random> is created next to it and dropped at the end.
- Otherwise (no DATABASE_URL, or a sqlite:// one): a temporary SQLite file. Your own
  database is never touched either way.

The site is served as in production: gunicorn with gunicorn.conf.py and the production
settings (DEBUG off, whitenoise after collectstatic into a temporary folder), bound to
127.0.0.1 only. The script requests the page one request at a time with urllib, after a
warm-up, and reports the median and 90th percentile; with several `--url`, it takes them in
turn (e.g. ten different searches, 50 requests in all); then it adds the fake news items
(`manage.py load_demo --many M`), restarts gunicorn and measures again. Query counts are
the test suite's job (tests/news), not this script's.
"""

import argparse
import contextlib
import os
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

REPO = Path(__file__).resolve().parent.parent
# The virtualenv running this script; not resolved, so a symlinked python keeps its venv.
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
BOOT_TIMEOUT = 30  # seconds for gunicorn to answer /health/
REQUEST_TIMEOUT = 30  # seconds for one request (gunicorn's own worker timeout)
COMMAND_TIMEOUT = 600  # seconds for one manage.py command (2 000 pages take well under that)

# Variables the settings or gunicorn.conf.py read: never inherited from the caller's shell.
APP_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_HSTS_SECONDS",
    "DJANGO_SERVE_MEDIA",
    "LOG_LEVEL",
    "PORT",
    "WEB_CONCURRENCY",
}

# No proxy from the environment: the traffic stays on the loopback interface.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Temps de réponse médian et p90 d'une page, avec le contenu de démonstration "
        "puis avec M actualités fictives (base jetable, gunicorn en réglages de production).",
        epilog="DATABASE_URL : connexion d'administration PostgreSQL (recommandé), "
        "p. ex. postgres://postgres@127.0.0.1:5432/postgres ; sinon SQLite temporaire.",
    )
    parser.add_argument(
        "--url",
        action="append",
        help="chemin mesuré (/actualites/) ; répétable : les chemins sont demandés à tour de rôle",
    )
    parser.add_argument(
        "-n", "--requests", type=int, default=50, help="requêtes mesurées par palier (50)"
    )
    parser.add_argument("--warmup", type=int, default=5, help="requêtes de chauffe (5)")
    parser.add_argument(
        "-m", "--many", type=int, default=2000, help="actualités fictives ajoutées (2000)"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers gunicorn (2)")
    args = parser.parse_args(argv)
    args.url = args.url or ["/actualites/"]
    if any(not url.startswith("/") or url.startswith("//") for url in args.url):
        parser.error("--url est un chemin du site, p. ex. /espace-presse/")
    if args.requests < 1 or args.warmup < 0 or args.many < 0 or args.workers < 1:
        parser.error("--requests et --workers ≥ 1, --warmup et --many ≥ 0")
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
        """Fresh planner statistics, as autovacuum keeps them in production (it may be off here)."""
        with self.psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
            conn.execute("ANALYZE")

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


def site_env(database, folder, port, workers):
    """Production settings on the throwaway database, HTTP on loopback, files in `folder`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in APP_VARIABLES and not key.startswith("GUNICORN_")
    }
    env.update(
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
        DJANGO_SETTINGS_MODULE="pole_site.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_HSTS_SECONDS="0",
        DATABASE_URL=database.url,
        STATIC_ROOT=str(Path(folder) / "static"),
        MEDIA_ROOT=str(Path(folder) / "media"),
        LOG_LEVEL="WARNING",
        PORT=str(port),
        GUNICORN_WORKERS=str(workers),
        GUNICORN_LOG_LEVEL="warning",
    )
    return env


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


def fetch(port, path):
    """One GET; returns (status, seconds), the body read to the end."""
    request = urllib.request.Request(f"http://{HOST}:{port}{path}")  # noqa: S310 (http, loopback)
    started = time.perf_counter()
    try:
        with OPENER.open(request, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        with error:
            error.read()
            status = error.code
    return status, time.perf_counter() - started


class Server:
    """gunicorn as the image's CMD starts it, but bound to 127.0.0.1 only."""

    def __init__(self, env, folder):
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
                if fetch(self.port, "/health/")[0] == 200:
                    return
            time.sleep(0.1)
        raise SystemExit(f"gunicorn ne répond pas après {BOOT_TIMEOUT} s :\n{self.logs()}")

    def logs(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# --- Measuring ------------------------------------------------------------------------------


def measure(env, folder, paths, requests, warmup):
    """Response times in ms of `requests` GETs of `paths` in turn, after `warmup` unmeasured
    rounds of them all."""
    server = Server(env, folder)
    try:
        for path in paths * warmup:
            status, _seconds = fetch(server.port, path)
            if status != 200:
                raise SystemExit(f"{path} répond {status} :\n{server.logs()}")
        times = []
        for number in range(requests):
            path = paths[number % len(paths)]
            status, seconds = fetch(server.port, path)
            if status != 200:
                raise SystemExit(f"{path} répond {status} :\n{server.logs()}")
            times.append(seconds * 1000)
        return times
    finally:
        server.stop()


def p90(times):
    if len(times) < 2:
        return times[0]
    return statistics.quantiles(times, n=10, method="inclusive")[-1]


def report(args, database, rows):
    load = os.getloadavg()[0]
    print(
        f"\n{', '.join(args.url)} — {database.description}\n"
        f"gunicorn (réglages de production, {args.workers} workers), requêtes une à une "
        f"après {args.warmup} de chauffe\n"
        f"charge de la machine : {load:.1f} pour {os.cpu_count()} processeurs "
        f"(une machine chargée fausse la mesure)\n"
    )
    print(f"{'actualités':>10}  {'requêtes':>8}  {'médiane ms':>10}  {'p90 ms':>8}")
    for items, times in rows:
        print(
            f"{items:>10}  {len(times):>8}  {statistics.median(times):>10.1f}  {p90(times):>8.1f}"
        )
    if len(rows) == 2:
        (few, few_times), (many, many_times) = rows
        print(
            f"\nrapport {many}/{few} actualités : médiane ×"
            f"{statistics.median(many_times) / statistics.median(few_times):.2f}, "
            f"p90 ×{p90(many_times) / p90(few_times):.2f}"
        )


def main(argv=None):
    args = parse_args(argv)
    # A SIGTERM (make interrupted, a CI timeout) unwinds like Ctrl-C: gunicorn stopped, the
    # database dropped, the temporary folder removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    folder = tempfile.mkdtemp(prefix="pole-bench-")
    database = None
    try:
        database = create_database(folder)
        log(f"Base jetable : {database.description}")
        env = site_env(database, folder, free_port(), args.workers)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo")
        database.analyze()
        rows = [(count_news(env), measure(env, folder, args.url, args.requests, args.warmup))]
        if args.many:
            manage(env, "load_demo", "--many", str(args.many))
            database.analyze()
            rows.append(
                (count_news(env), measure(env, folder, args.url, args.requests, args.warmup))
            )
        report(args, database, rows)
    finally:
        if database is not None:
            try:
                database.drop()
            except Exception as error:  # noqa: BLE001 - say what to clean up, keep the cause
                log(f"Impossible de supprimer {database.description} : {error}")
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
