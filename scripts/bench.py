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
  search, feeds, sitemap, site map; --url for others) requested one at a time, all pages in turn
  so that a drift of the machine hits them all alike, after a few unmeasured rounds. First with
  the demo content, then after `load_demo --many` has added fake news items (and as many acts
  and events) up to each step (2 000, then 10 000; VACUUM ANALYZE after each load, as
  autovacuum would). Each row
  gives the median response time and size at every step and the ratio to the demo's time: a page
  whose cost follows the number of items stands out. A page answering anything but 200, or a ratio
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
import shutil
import signal
import sys
import tempfile

from bench_scale import run_scale
from bench_site import create_database, forget_redis_keys, log, prepare_site, site_env
from bench_table import run_load_test, run_table

TABLE_DEFAULTS = {"connections": 20, "duration": 10}
LOAD_TEST_DEFAULTS = {"connections": 50, "duration": 60}


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
        help="palier : nombre total d'actualités (et d'actes, d'événements) fictifs ajoutés "
        "à la démo (répétable : --many 2000 --many 10000 ; chaque palier n'ajoute que la "
        "différence)",
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
