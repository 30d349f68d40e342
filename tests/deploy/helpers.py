"""What the deploy tests share: the production environment, subprocesses run from the
work tree, and the Dockerfile read as text (its commands are run as written)."""

import json
import re
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts import prodenv

REPO = Path(__file__).resolve().parents[2]
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


def free_port():
    with socket.socket() as sock:
        sock.bind(("", 0))
        return sock.getsockname()[1]


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


def gunicorn_argv():
    """The Dockerfile's CMD, with gunicorn taken from this virtualenv."""
    argv = cmd_argv()
    return [str(VENV_BIN / argv[0]), *argv[1:]]
