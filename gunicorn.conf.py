"""Gunicorn settings for the production image (Dockerfile CMD: gunicorn pole_site.wsgi -c ...).

Everything is sized from the environment so one image fits a small VM and a larger host;
each choice, and the variable that overrides it:

- bind 0.0.0.0:$PORT (PORT, default 8000): inside a container the proxy reaches us over the
  container network, so listen on every interface of the container; PORT is the usual PaaS name.
- workers (GUNICORN_WORKERS, default 2 x CPUs + 1, at most 8): gunicorn's rule of thumb for
  sync workers. CPUs are those this process may use (affinity and cgroup quota), not the host's,
  and the cap keeps a container on a big host from starting dozens of ~150 MB Wagtail workers.
- threads (GUNICORN_THREADS, default 1): plain sync workers. More than 1 switches gunicorn to
  gthread workers, useful when requests wait on I/O (slow database, SMTP) rather than CPU.
- timeout (GUNICORN_TIMEOUT, default 30 s): a worker silent that long is killed and replaced, so
  one stuck request cannot hold a worker forever. Keep the proxy's read timeout at or above it.
- graceful_timeout (GUNICORN_GRACEFUL_TIMEOUT, default 25 s): time given to requests in flight
  on SIGTERM or a reload. Below 30 s so that `docker stop --time 30` (or compose's
  stop_grace_period: 30s) never SIGKILLs a worker mid-request; docker's own default is 10 s.
- keepalive (GUNICORN_KEEPALIVE, default 5 s): behind a reverse proxy that reuses connections,
  a little longer than gunicorn's 2 s default; ignored by sync workers, used by gthread.
- max_requests + jitter (GUNICORN_MAX_REQUESTS 1000, GUNICORN_MAX_REQUESTS_JITTER 500): recycle
  each worker after 1000 to 1500 requests so slow memory growth (image processing, caches)
  cannot accumulate. Under even load the workers reach their count together: a wide jitter
  spreads the restarts, and preload_app makes each one cheap.
- preload_app: the site is imported once, in the master, and each worker is forked from it.
  A worker restarting after max_requests is then ready in milliseconds instead of spending a
  second of CPU importing Django and Wagtail; measured with `make bench BENCH_ARGS=--load-test`
  (50 connections, 60 s), recycling without it stalled the workers together and timed out
  requests. The import opens no connection (Django, Redis and the file cache connect on first
  use), so forked workers share nothing but memory. Code changes need a restart, not a HUP.
- accesslog "-" and errorlog "-": access lines on stdout, errors on stderr, where `docker logs`
  and the container runtime collect them; nothing is written inside the container.
  GUNICORN_ACCESS_LOG=false (default true) drops the access log, e.g. when the reverse proxy
  already logs every request: each line costs the worker a little time (scripts/bench.py
  --access-log measures it); errors are still logged.
- forwarded_allow_ips (GUNICORN_FORWARDED_ALLOW_IPS, default 127.0.0.1): the proxy addresses
  whose X-Forwarded-* headers gunicorn trusts for wsgi.url_scheme. Set it to the proxy's
  address or network (e.g. 172.18.0.0/16) when the proxy runs in another container.
  Django itself trusts X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER), so the port must only be
  reachable through a proxy that overwrites that header.
- worker_tmp_dir /dev/shm when it exists: the worker heartbeat file is fchmod'ed every second;
  on an overlay or disk-backed /tmp that can block a worker, in memory it cannot.
- control socket off (GUNICORN_CONTROL_SOCKET=path turns it on): gunicorn >= 25 otherwise
  creates $HOME/.gunicorn/gunicorn.ctl, which the site never uses and which two instances
  on one machine (tests, a developer's laptop) would take from each other.
"""

import math
import os
from pathlib import Path


def _env_int(name, default, minimum=0):
    """An integer environment variable; a wrong value stops gunicorn with its name."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise SystemExit(f"{name} must be at least {minimum}, got {value}")
    return value


def _env_bool(name, default):
    """`true` or `false` (any case); a wrong value stops gunicorn with its name."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in {"true", "false"}:
        raise SystemExit(f"{name} must be true or false, got {os.environ[name]!r}")
    return raw == "true"


def _available_cpus():
    """CPUs this process may really use: its affinity mask, then any cgroup v2 CPU quota."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cpus = min(cpus, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, cpus)


MAX_DEFAULT_WORKERS = 8

bind = f"0.0.0.0:{_env_int('PORT', 8000, minimum=1)}"
workers = _env_int(
    "GUNICORN_WORKERS", min(2 * _available_cpus() + 1, MAX_DEFAULT_WORKERS), minimum=1
)
threads = _env_int("GUNICORN_THREADS", 1, minimum=1)
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 25)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 500)
preload_app = True

# None is gunicorn's own default: no access log at all, not even formatted.
accesslog = "-" if _env_bool("GUNICORN_ACCESS_LOG", True) else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

_SHM = "/dev/shm"  # noqa: S108 (in-memory, not a shared temp file: gunicorn's own advice)
if os.path.isdir(_SHM):
    worker_tmp_dir = _SHM

if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

proc_name = "pole_site"
