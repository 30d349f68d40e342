"""The site as production runs it, in real processes, for tests that need more than one.

A throwaway database (on the PostgreSQL server of DATABASE_URL, else a SQLite file) holds the
demo; each `Server` is gunicorn with gunicorn.conf.py and the production settings, bound to
127.0.0.1; `manage()` runs a management command against the same database, as an editor's
action in another process would. Everything lives in one temporary folder.

Migrating and loading the demo takes half a minute: the `live_site` fixture (tests/conftest.py)
does it once per test session and gives each test a copy (`LiveSite.copy_of`), made with
PostgreSQL's CREATE DATABASE … TEMPLATE or a file copy in a second or so.
"""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scripts.prodenv import VENV_BIN, production_env, stop_process

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def request(port, path, method="GET", data=None, headers=None, timeout=15):
    """(status, headers, body) of one request, redirects not followed.

    Every server is asked for the same host, without its port, as the reverse proxy in front
    of several servers would.
    """
    req = urllib.request.Request(  # noqa: S310 (http, loopback)
        f"http://{HOST}:{port}{path}",
        data=data,
        method=method,
        headers={"Host": HOST, **(headers or {})},
    )
    try:
        with OPENER.open(req, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


class LiveSite:
    def __init__(self, folder, template=None):
        """An empty database, or a copy of `template`'s (which must have no server running)."""
        self.folder = Path(folder)
        self.static_root = template.static_root if template else self.folder / "static"
        admin_url = os.environ.get("DATABASE_URL", "")
        self.postgres = admin_url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            # CREATE and DROP DATABASE from the maintenance database, as Django's test runner
            # does: DATABASE_URL's own database need not exist.
            self.admin_url = urlunsplit(urlsplit(admin_url)._replace(path="/postgres"))
            self.db_name = f"pole_live_{secrets.token_hex(4)}"
            self.database_url = urlunsplit(urlsplit(admin_url)._replace(path=f"/{self.db_name}"))
            copy = f' TEMPLATE "{template.db_name}"' if template else ""
            self._admin_sql(f'CREATE DATABASE "{self.db_name}"{copy}')
        else:
            self.database_url = f"sqlite:///{self.folder / 'site.sqlite3'}"
            if template:
                shutil.copyfile(template.folder / "site.sqlite3", self.folder / "site.sqlite3")
        if template:
            shutil.copytree(template.folder / "media", self.folder / "media")
        self.servers = []

    @classmethod
    def copy_of(cls, template, folder):
        return cls(folder, template=template)

    def _admin_sql(self, statement):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(statement)

    def take_database_offline(self):
        """New connections refused and open ones closed, as when PostgreSQL stops."""
        self._admin_sql(f'ALTER DATABASE "{self.db_name}" ALLOW_CONNECTIONS false')
        self._admin_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "  # noqa: S608 (our name)
            f"WHERE datname = '{self.db_name}'"
        )

    def bring_database_online(self):
        self._admin_sql(f'ALTER DATABASE "{self.db_name}" ALLOW_CONNECTIONS true')

    def env(self, **overrides):
        return production_env(
            **{
                "DJANGO_ALLOWED_HOSTS": HOST,
                # The address the tests ask for: pages, purges and links all give it.
                "SITE_URL": f"http://{HOST}",
                "DJANGO_SECURE_SSL_REDIRECT": "false",
                "DJANGO_HSTS_SECONDS": "0",
                "DATABASE_URL": self.database_url,
                "STATIC_ROOT": str(self.static_root),
                "MEDIA_ROOT": str(self.folder / "media"),
                "CACHE_DIR": str(self.folder / "cache"),
                "LOG_LEVEL": "WARNING",
                "GUNICORN_ACCESS_LOG": "false",
                "GUNICORN_LOG_LEVEL": "warning",
                **overrides,
            }
        )

    def manage(self, *args, timeout=300, **env):
        result = subprocess.run(  # noqa: S603 (this venv's python, manage.py)
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result.stdout

    def shell(self, code, **env):
        return self.manage("shell", "--no-imports", "-c", code, **env)

    def install_demo(self):
        self.manage("migrate", "--noinput")
        self.manage("load_demo")
        self.manage("collectstatic", "--noinput")

    def start(self, workers=2, **env):
        environment = self.env(GUNICORN_WORKERS=str(workers), PORT=str(free_port()), **env)
        server = Server(environment, log_folder=self.folder)
        self.servers.append(server)
        return server

    def close(self):
        for server in self.servers:
            server.stop()
        if self.postgres:
            self._admin_sql(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')


class Server:
    """gunicorn as the image's CMD starts it, with its output in a file of its own."""

    def __init__(self, env, log_folder):
        self.port = int(env["PORT"])
        self.log = Path(log_folder) / f"gunicorn-{self.port}.log"
        with self.log.open("w") as output:
            self.process = subprocess.Popen(  # noqa: S603 (fixed argv)
                [str(VENV_BIN / "gunicorn"), "pole_site.wsgi", "-c", "gunicorn.conf.py"]
                + ["--bind", f"{HOST}:{self.port}"],
                cwd=REPO,
                env=env,
                stdout=output,
                stderr=output,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn stopped:\n{self.logs()}")
            with contextlib.suppress(OSError):
                if request(self.port, "/health/")[0] == 200:
                    return
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"gunicorn did not answer:\n{self.logs()}")

    def get(self, path, **kwargs):
        return request(self.port, path, **kwargs)

    def logs(self):
        return self.log.read_text(errors="replace")

    def stop(self):
        stop_process(self.process)
