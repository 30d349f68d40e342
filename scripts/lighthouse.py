"""Lighthouse scores of the site as production serves it, on a phone (`make lighthouse`).

The demo is loaded into a throwaway database, collected static files and gunicorn with the
production settings serve it on 127.0.0.1 (uploaded images too, which nginx serves in
production), and Lighthouse (npm, with Debian's Chromium) audits nine pages with its default
mobile preset: simulated slow 4G and a mid-range phone's CPU. The table gives each category's
score, the median of --runs runs; the command fails when one is under --min-score, except
where a page's purpose rules a 100 out (see EXPECTED_BELOW).

    make lighthouse                          # the table; fails under 100
    make lighthouse LIGHTHOUSE_ARGS="--runs 1 --min-score 90"
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_site import (
    REPO,
    Server,
    create_database,
    free_port,
    log,
    manage,
    newest_article_path,
    site_env,
)

LIGHTHOUSE = REPO / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = {
    "performance": "Performance",
    "accessibility": "Accessibilité",
    "best-practices": "Bonnes pratiques",
    "seo": "SEO",
}
# Search results are kept out of search engines on purpose (noindex, and robots.txt disallows
# /recherche/): Lighthouse's SEO category counts that against the page.
EXPECTED_BELOW = {("/recherche/?q=p%C3%B4le", "seo")}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median), 3")
    parser.add_argument("--min-score", type=int, default=100, help="lowest passing score")
    parser.add_argument(
        "--min-performance",
        type=int,
        help=(
            "lowest passing performance score (default: --min-score). Performance is timed "
            "on a simulated phone, so another process using the CPU moves it by a point or "
            "two; the other categories do not vary between runs"
        ),
    )
    parser.add_argument("--reports", help="folder where each page's last JSON report is kept")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", ""), help="Redis (else a file cache)"
    )
    args = parser.parse_args(argv)
    if args.min_performance is None:
        args.min_performance = args.min_score
    # What bench_site.site_env reads.
    args.workers, args.access_log, args.max_requests = 2, False, None
    return args


def audit(url, folder, keep=None, attempts=3):
    """One Lighthouse run; its category scores out of 100. The JSON report is copied to
    `keep` when given. Lighthouse now and then fails to record a trace (NO_NAVSTART): such a
    run is made again, up to `attempts` times."""
    for attempt in range(1, attempts + 1):
        try:
            return _audit(url, folder, keep)
        except subprocess.CalledProcessError:
            if attempt == attempts:
                raise
            log(f"  {url} : Lighthouse a échoué, nouvel essai")
    return None


def _audit(url, folder, keep):
    report = Path(folder) / "report.json"
    subprocess.run(  # noqa: S603 (fixed argv: the npm package's binary)
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--locale=fr",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        timeout=180,
    )
    if keep:
        Path(keep).write_bytes(report.read_bytes())
    categories = json.loads(report.read_text())["categories"]
    return {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}


def main(argv=None):
    args = parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse manque : make lighthouse l'installe (npm).")
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        database = create_database(folder)
        stack.callback(database.drop)
        port = free_port()
        address = f"http://127.0.0.1:{port}"
        env = site_env(args, database, folder, PORT=str(port), SITE_URL=address)
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
            manage(env, *command)
        manage(env, "set_site_url", address)
        server = Server(env, folder, "lighthouse")
        stack.callback(server.stop)
        paths = [
            "/",
            "/actualites/",
            newest_article_path(server),
            "/partenaires/polepharma/",
            "/actes/",
            "/actes/deliberation-2021-05-12-feuilles-de-route-2021/",
            "/agenda/",
            "/agenda/conseil-syndical-2021-05-12/",
            "/recherche/?q=p%C3%B4le",
        ]
        rows, failures = [], []
        if args.reports:
            Path(args.reports).mkdir(parents=True, exist_ok=True)
        for number, path in enumerate(paths, start=1):
            keep = Path(args.reports) / f"{number}.json" if args.reports else None
            runs = [audit(address + path, folder, keep) for _ in range(args.runs)]
            scores = {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}
            rows.append((path, scores))
            log(f"  {path} : " + ", ".join(f"{n} {s:g}" for n, s in scores.items()))
            failures += [
                f"{path} {name} {score:g}"
                for name, score in scores.items()
                if score < (args.min_performance if name == "performance" else args.min_score)
                and (path, name) not in EXPECTED_BELOW
            ]
    print(f"\nLighthouse, préréglage mobile, médiane de {args.runs} passage(s) :\n")
    print("| page | " + " | ".join(CATEGORIES.values()) + " |")
    print("| --- |" + " --- |" * len(CATEGORIES))
    for path, scores in rows:
        print(f"| `{path}` | " + " | ".join(f"{scores[n]:g}" for n in CATEGORIES) + " |")
    if failures:
        print("\nSous le seuil : " + " ; ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
