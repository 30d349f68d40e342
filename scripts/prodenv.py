"""The environment of a production container, for what runs the site outside Docker.

scripts/bench.py and tests/test_deploy.py both start gunicorn with the production settings.
They share this one list of the variables the settings and gunicorn.conf.py read, so that a
variable exported in the caller's shell (a developer's REDIS_URL, PAGE_CACHE_SECONDS=0, a
GUNICORN_WORKERS) never leaks into what they measure or test: add a new variable here once.
"""

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

PRODUCTION = "pole_site.settings.production"
# The virtualenv running the caller; not resolved, so a symlinked python keeps its venv.
VENV_BIN = Path(sys.executable).parent

# Variables the settings or gunicorn.conf.py read: never inherited. Whole families by prefix
# (a new GUNICORN_ or REDIS_ setting is covered at once), the others by name.
APP_VARIABLE_PREFIXES = (
    "DJANGO_",
    "GUNICORN_",
    "DB_",
    "REDIS_",
    "PAGE_CACHE_",
    "CACHE_CONTROL_",
    "FRONTEND_CACHE",
    "CLOUDFLARE_",
    "CLOUDFRONT_",
    "EMAIL_",
    "ADMIN_",
    "LOGIN_",
    "SEARCH_",
    "SECURITY_TXT_",
)
APP_VARIABLES = {
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "CACHE_DIR",
    "WAGTAILADMIN_BASE_URL",
    "SITE_URL",
    "DEFAULT_FROM_EMAIL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "LOG_LEVEL",
    "PORT",
    "WEB_CONCURRENCY",
    "FORWARDED_ALLOW_IPS",
}


def production_env(**overrides):
    """The caller's environment without the site's variables, plus production settings and a
    fresh secret key; then `overrides`, where None removes a variable."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in APP_VARIABLES and not key.startswith(APP_VARIABLE_PREFIXES)
    }
    env.update(
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),  # 67 random characters
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def stop_process(process, timeout=15):
    """Stop a server started with start_new_session=True: SIGTERM (gunicorn and varnishd
    finish what they are doing), then SIGKILL to its whole process group if it lingers."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
