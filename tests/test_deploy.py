"""What the production image runs, exercised outside Docker (no Docker engine needed).

The Dockerfile's own commands are read from it and run here: the dependency list, the
collectstatic step, gunicorn with gunicorn.conf.py (its CMD) and the HEALTHCHECK. gunicorn
serves production settings against a database that refuses connections, which is also how
the site must behave while PostgreSQL is down. Everything runs in subprocesses: no test
database, nothing written to the work tree. Select or skip with `-k deploy` / `-k "not deploy"`.
"""

import gzip
import importlib.util
import json
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import prodenv

REPO = Path(__file__).resolve().parent.parent
# The virtualenv running these tests; not resolved, so a symlinked python keeps its venv.
VENV_BIN = Path(sys.executable).parent
DOCKERFILE = REPO / "Dockerfile"
GUNICORN_CONF = REPO / "gunicorn.conf.py"

PRODUCTION = "pole_site.settings.production"
HOST = "www.example.fr"
# Nothing listens on port 1: every connection is refused at once.
REFUSING_DATABASE = "postgres://postgres@127.0.0.1:1/nothing"
ONE_YEAR = 365 * 24 * 60 * 60


def production_env(**overrides):
    """The environment of a production container; a None override removes the variable."""
    defaults = {
        "DJANGO_ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "DATABASE_URL": REFUSING_DATABASE,
    }
    return prodenv.production_env(**{**defaults, **overrides})


def run(args, env, timeout=60):
    return subprocess.run(
        args, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def manage(*args, env):
    return run([sys.executable, "manage.py", *args], env)


# --- The Dockerfile, read as text ---------------------------------------------------------


@dataclass
class Instruction:
    keyword: str
    args: str


def dockerfile_stages():
    """The Dockerfile as {stage name: [Instruction]}; ARGs before the first FROM under ""."""
    text = DOCKERFILE.read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    stages = {"": []}
    current = ""
    for line in joined.splitlines():
        if not line.strip():
            continue
        keyword, _, args = line.strip().partition(" ")
        keyword = keyword.upper()
        args = re.sub(r"\s+", " ", args).strip()
        if keyword == "FROM":
            match = re.fullmatch(r"(\S+) AS (\S+)", args, flags=re.IGNORECASE)
            assert match, f"every FROM names its stage: FROM {args}"
            current = match.group(2)
            stages[current] = []
        stages[current].append(Instruction(keyword, args))
    return stages


def instructions(stage, keyword):
    return [i.args for i in dockerfile_stages()[stage] if i.keyword == keyword]


def build_run_containing(word):
    [command] = [args for args in instructions("build", "RUN") if word in args]
    return command


def cmd_argv():
    [cmd] = instructions("runtime", "CMD")
    return json.loads(cmd)


def healthcheck_argv():
    [healthcheck] = instructions("runtime", "HEALTHCHECK")
    _options, _, command = healthcheck.partition(" CMD ")
    return json.loads(command)


class TestDockerfile:
    """Cheap guards on the structure the README promises."""

    def test_two_stages_on_python_311_slim_bookworm(self):
        stages = dockerfile_stages()
        assert list(stages) == ["", "build", "runtime"]
        assert instructions("", "ARG") == ["PYTHON_IMAGE=python:3.11-slim-bookworm"]
        for stage in ("build", "runtime"):
            assert instructions(stage, "FROM") == [f"${{PYTHON_IMAGE}} AS {stage}"]

    def test_build_stage_installs_runtime_dependencies_and_collects_static(self):
        install = build_run_containing("pip install")
        assert "--no-cache-dir" in install
        assert "-c constraints.txt" in install
        assert "tomllib" in install
        assert "optional-dependencies" not in install  # no test extras
        collect = build_run_containing("collectstatic")
        assert f"DJANGO_SETTINGS_MODULE={PRODUCTION}" in collect
        assert "--noinput" in collect
        key = re.search(r"DJANGO_SECRET_KEY=(\S+)", collect).group(1)
        assert len(key) >= 50, "production settings refuse a shorter key"

    def test_runtime_stage_is_minimal_and_runs_as_pole(self):
        runtime_runs = " ".join(instructions("runtime", "RUN"))
        assert "pip install" not in runtime_runs
        assert "collectstatic" not in runtime_runs
        assert "--uid 1000" in runtime_runs
        assert instructions("runtime", "COPY")[0] == "--from=build /opt/venv /opt/venv"
        users = instructions("runtime", "USER")
        assert users and users[-1].split(":")[0] not in {"root", "0"}
        assert users[-1] == "1000:1000"  # pole, numeric for runAsNonRoot checks
        assert "useradd --uid 1000 --gid pole" in runtime_runs

    def test_runtime_environment_port_and_media_volume(self):
        env = " ".join(instructions("runtime", "ENV"))
        for setting in (
            "PYTHONUNBUFFERED=1",
            "PYTHONDONTWRITEBYTECODE=1",
            f"DJANGO_SETTINGS_MODULE={PRODUCTION}",
            "PORT=8000",
            "MEDIA_ROOT=/app/media",
        ):
            assert setting in env
        assert instructions("runtime", "EXPOSE") == ["8000"]
        assert instructions("runtime", "VOLUME") == ['["/app/media"]']
        assert "chown pole:pole /app/media" in " ".join(instructions("runtime", "RUN"))

    def test_no_secret_baked_into_the_image(self):
        for stage, stage_instructions in dockerfile_stages().items():
            for instruction in stage_instructions:
                if instruction.keyword in {"ENV", "ARG"}:
                    assert "SECRET" not in instruction.args, (stage, instruction)

    def test_healthcheck_probes_health_over_loopback(self):
        [healthcheck] = instructions("runtime", "HEALTHCHECK")
        assert "--interval=" in healthcheck and "--timeout=" in healthcheck
        argv = healthcheck_argv()
        assert argv[:2] == ["python", "-c"]
        assert "'http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/health/'" in argv[2]
        assert "os.environ.get('PORT'" in argv[2]
        assert "curl" not in healthcheck and "wget" not in healthcheck

    def test_cmd_is_gunicorn_and_nothing_migrates(self):
        assert cmd_argv() == ["gunicorn", "pole_site.wsgi", "-c", "gunicorn.conf.py"]
        for stage_instructions in dockerfile_stages().values():
            for instruction in stage_instructions:
                if instruction.keyword in {"CMD", "ENTRYPOINT"}:
                    assert "migrate" not in instruction.args
        assert not instructions("runtime", "ENTRYPOINT")

    def test_dependency_list_is_pyprojects_runtime_dependencies(self):
        """Runs the build stage's `python -c` and compares with pyproject.toml."""
        code = re.search(r"python -c '([^']+)'", build_run_containing("pip install")).group(1)
        listed = run([sys.executable, "-c", code], env=production_env())
        assert listed.returncode == 0, listed.stderr
        project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
        assert listed.stdout.split() == project["dependencies"]
        constraints = {
            line.split("==")[0].lower().replace("_", "-"): line.split("==")[1]
            for line in (REPO / "constraints.txt").read_text().splitlines()
            if "==" in line and not line.startswith("#")
        }
        for requirement in project["dependencies"]:
            name, version = requirement.split("==")
            name = re.sub(r"\[.*\]", "", name).lower().replace("_", "-")
            assert constraints.get(name) == version, f"{requirement} missing from constraints.txt"

    def test_dockerignore_keeps_local_state_out_of_the_image(self):
        ignored = (REPO / ".dockerignore").read_text().splitlines()
        for entry in (".venv", ".git", "media", "staticfiles", "db.sqlite3", "**/__pycache__"):
            assert entry in ignored


# --- Settings -----------------------------------------------------------------------------


def test_check_deploy_reports_no_issue():
    result = manage("check", "--deploy", env=production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in result.stdout, output
    assert "WARNINGS:" not in output


def test_check_deploy_refuses_a_local_public_address():
    """Search engines would be sent to this machine: CI's --fail-level WARNING stops there."""
    env = production_env(SITE_URL="http://127.0.0.1:8000")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "pages.W001" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_SECRET_KEY", None),
        ("DJANGO_SECRET_KEY", "too-short"),
        ("DJANGO_ALLOWED_HOSTS", None),
        ("DJANGO_ALLOWED_HOSTS", " , "),
    ],
)
def test_production_settings_refuse_to_start_without(variable, value):
    result = manage("check", env=production_env(**{variable: value}))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_gunicorn_exits_when_a_required_variable_is_missing():
    """The container stops at boot instead of serving with an unsafe default."""
    env = production_env(DJANGO_SECRET_KEY=None, PORT=str(free_port()), GUNICORN_WORKERS="1")
    result = run(gunicorn_argv(), env, timeout=30)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# --- gunicorn.conf.py ---------------------------------------------------------------------


def load_gunicorn_conf(monkeypatch, **env):
    for key in list(os.environ):
        if key.startswith("GUNICORN_") or key == "PORT":
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_conf_defaults(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    assert conf["bind"] == "0.0.0.0:8000"
    assert 3 <= conf["workers"] <= conf["MAX_DEFAULT_WORKERS"]
    assert conf["threads"] == 1
    assert conf["timeout"] == 30
    assert conf["graceful_timeout"] < 30
    assert conf["max_requests"] > 0 and conf["max_requests_jitter"] > 0
    assert conf["accesslog"] == "-" and conf["errorlog"] == "-"
    assert conf["forwarded_allow_ips"] == "127.0.0.1"
    assert conf["control_socket_disable"] is True
    shm = "/dev/shm"  # noqa: S108
    assert conf.get("worker_tmp_dir") == (shm if os.path.isdir(shm) else None)


def test_gunicorn_conf_follows_the_environment(monkeypatch):
    conf = load_gunicorn_conf(
        monkeypatch,
        PORT="9000",
        GUNICORN_WORKERS="3",
        GUNICORN_THREADS="4",
        GUNICORN_TIMEOUT="60",
        GUNICORN_FORWARDED_ALLOW_IPS="172.18.0.0/16",
    )
    assert conf["bind"] == "0.0.0.0:9000"
    assert (conf["workers"], conf["threads"], conf["timeout"]) == (3, 4, 60)
    assert conf["forwarded_allow_ips"] == "172.18.0.0/16"


def test_gunicorn_conf_rejects_a_wrong_value_by_name(monkeypatch):
    with pytest.raises(SystemExit, match="GUNICORN_WORKERS"):
        load_gunicorn_conf(monkeypatch, GUNICORN_WORKERS="lots")


def test_gunicorn_conf_only_sets_real_gunicorn_settings(monkeypatch):
    """gunicorn silently ignores unknown names in a config file: catch typos here."""
    from gunicorn.config import Config

    known = set(Config().settings)
    conf = load_gunicorn_conf(monkeypatch)
    names = {
        name
        for name, value in conf.items()
        if not name.startswith("_") and name.islower() and not callable(value)
    } - {"math", "os"}
    assert names
    assert names <= known, names - known


# --- collectstatic and gunicorn, as in the image ------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("", 0))
        return sock.getsockname()[1]


def gunicorn_argv():
    """The Dockerfile's CMD, with gunicorn taken from this virtualenv."""
    argv = cmd_argv()
    return [str(VENV_BIN / argv[0]), *argv[1:]]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The build stage's collectstatic RUN, writing to a temporary STATIC_ROOT."""
    root = tmp_path_factory.mktemp("staticfiles")
    result = run(
        ["sh", "-c", build_run_containing("collectstatic")],
        env=production_env(STATIC_ROOT=str(root)),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="module")
def manifest(static_root):
    return json.loads((static_root / "staticfiles.json").read_text())["paths"]


def test_collectstatic_writes_hashed_compressed_files(static_root, manifest):
    hashed = manifest["css/main.css"]
    assert re.fullmatch(r"css/main\.[0-9a-f]{12}\.css", hashed)
    css = (static_root / hashed).read_bytes()
    assert gzip.decompress((static_root / f"{hashed}.gz").read_bytes()) == css
    if importlib.util.find_spec("brotli"):
        assert (static_root / f"{hashed}.br").is_file()
    assert (static_root / "staticfiles.json").is_file()  # STATIC_ROOT was honoured


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    stdout: Path
    stderr: Path

    def logs(self):
        return f"--- stdout\n{self.stdout.read_text()}\n--- stderr\n{self.stderr.read_text()}"


@dataclass
class Response:
    status: int
    headers: object
    body: bytes

    @property
    def text(self):
        return self.body.decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# No proxy from the environment, no redirect followed: we check the 301 itself.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def fetch(server, path, *, https=True, headers=None):
    """GET through the proxy's eyes: Host is the site's, X-Forwarded-Proto https by default."""
    request_headers = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if https else {})}
    request_headers.update(headers or {})
    request = urllib.request.Request(  # noqa: S310 (fixed http:// URL)
        f"http://127.0.0.1:{server.port}{path}", headers=request_headers
    )
    try:
        with _OPENER.open(request, timeout=10) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, error.headers, error.read())


@pytest.fixture(scope="module")
def server(static_root, tmp_path_factory):
    """gunicorn exactly as the image's CMD starts it, production settings, database down."""
    logs = tmp_path_factory.mktemp("gunicorn")
    port = free_port()
    env = production_env(
        PORT=str(port),
        GUNICORN_WORKERS="2",
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(logs / "media"),
        DJANGO_SECURE_SSL_REDIRECT="true",
    )
    with (logs / "stdout").open("w") as stdout, (logs / "stderr").open("w") as stderr:
        process = subprocess.Popen(
            gunicorn_argv(), cwd=REPO, env=env, stdout=stdout, stderr=stderr, start_new_session=True
        )
    running = Server(port, process, logs / "stdout", logs / "stderr")
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                pytest.fail(f"gunicorn exited with {process.returncode}\n{running.logs()}")
            try:
                if fetch(running, "/health/").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer within 15 s\n{running.logs()}")
            time.sleep(0.1)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_gunicorn_boots_the_configured_workers(server):
    # The first worker may answer /health/ before the second has said it booted.
    deadline = time.monotonic() + 10
    while server.stderr.read_text().count("Booting worker") < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    errors = server.stderr.read_text()
    assert f"Listening at: http://0.0.0.0:{server.port}" in errors
    assert errors.count("Booting worker") == 2, server.logs()


def test_health_answers_without_database(server):
    response = fetch(server, "/health/")
    assert (response.status, response.text) == (200, "ok")
    assert "no-store" in response.headers["Cache-Control"]


def test_health_is_exempt_from_the_https_redirect(server):
    response = fetch(server, "/health/", https=False)
    assert (response.status, response.text) == (200, "ok")


def test_readiness_reports_the_database_unavailable(server):
    response = fetch(server, "/health/ready/")
    assert response.status == 503
    assert response.headers["Content-Type"] == "application/json"
    assert json.loads(response.body)["database"] == "indisponible"


def test_pages_get_the_503_page_while_the_database_is_down(server):
    response = fetch(server, "/")
    assert response.status == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Service momentanément indisponible" in response.text
    assert "Traceback" not in response.text
    # The page links the hashed stylesheet, which only a manifest build can resolve.
    assert "/static/css/main." in response.text


def test_html_responses_carry_the_security_headers(server):
    headers = fetch(server, "/").headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    hsts = headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= ONE_YEAR
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]


def test_hashed_css_is_served_by_whitenoise_with_a_long_cache(server, static_root, manifest):
    path = f"/static/{manifest['css/main.css']}"
    response = fetch(server, path)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert response.body == (static_root / manifest["css/main.css"]).read_bytes()
    cache_control = response.headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= ONE_YEAR
    assert "immutable" in cache_control
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    compressed = fetch(server, path, headers={"Accept-Encoding": "gzip"})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.body) == response.body


def test_plain_http_is_redirected_to_https(server):
    response = fetch(server, "/", https=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/"


def test_dockerfile_healthcheck_command_passes(server):
    """The HEALTHCHECK's command, with `python` from this virtualenv."""
    program, *args = healthcheck_argv()
    argv = [str(VENV_BIN / program), *args]
    result = run(argv, env=production_env(PORT=str(server.port)), timeout=10)
    assert result.returncode == 0, result.stderr
    # Nothing listening: unhealthy, with the exit status 1 Docker expects (2 is reserved).
    result = run(argv, env=production_env(PORT=str(free_port())), timeout=10)
    assert result.returncode == 1


def test_probes_by_ip_over_http_are_answered(server):
    """A load balancer probes the container by IP, over plain HTTP, whatever ALLOWED_HOSTS says."""
    for path, status in (("/health/", 200), ("/health/ready/", 503)):
        response = fetch(server, path, https=False, headers={"Host": "10.0.0.7:8000"})
        assert response.status == status


def test_access_log_goes_to_stdout(server):
    probe = uuid.uuid4().hex
    assert fetch(server, f"/health/?probe={probe}").status == 200
    deadline = time.monotonic() + 5
    while probe not in server.stdout.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    [line] = [line for line in server.stdout.read_text().splitlines() if probe in line]
    assert f'"GET /health/?probe={probe} HTTP/1.1" 200' in line
    assert probe not in server.stderr.read_text()


@pytest.mark.parametrize(("value", "expected"), [(None, "True"), ("false", "False")])
def test_production_requires_a_second_factor_unless_told_otherwise(value, expected):
    code = "from django.conf import settings; print(settings.ADMIN_REQUIRE_2FA)"
    result = manage("shell", "-c", code, env=production_env(ADMIN_REQUIRE_2FA=value))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
