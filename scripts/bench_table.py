"""scripts/bench.py's wrk table and load test: what the page cache buys, and errors under load."""

import contextlib
import json
import os
import re
import secrets
import statistics
import subprocess
import time
from pathlib import Path

from bench_site import (
    ACCEPT_ENCODING,
    CACHED,
    HOST,
    LOG_OFF,
    LOG_ON,
    UNCACHED,
    log,
    newest_article_path,
    start_servers,
    static_css_path,
)

WARMUP_SECONDS = 3  # one wrk run per page and server before the measured rounds
# Between two wrk runs: a worker recycled at the end of one run (GUNICORN_MAX_REQUESTS)
# boots in about a second of CPU, which must not land in the next run.
PAUSE_SECONDS = 2


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
