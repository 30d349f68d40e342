"""GUNICORN_ACCESS_LOG in gunicorn.conf.py: the access log on stdout, or none at all.

The file is run as gunicorn runs it (runpy, with a patched environment), and once through
gunicorn itself to check that a wrong value stops it before any worker starts.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_deploy import load_gunicorn_conf

REPO = Path(__file__).resolve().parent.parent
GUNICORN_CONF = REPO / "gunicorn.conf.py"
# The virtualenv running these tests; not resolved, so a symlinked python keeps its venv.
VENV_BIN = Path(sys.executable).parent


def test_access_log_on_stdout_by_default(monkeypatch):
    assert load_gunicorn_conf(monkeypatch)["accesslog"] == "-"


@pytest.mark.parametrize("value", ["true", "TRUE", " True ", ""])
def test_access_log_true_is_stdout(monkeypatch, value):
    assert load_gunicorn_conf(monkeypatch, GUNICORN_ACCESS_LOG=value)["accesslog"] == "-"


@pytest.mark.parametrize("value", ["false", "False"])
def test_access_log_false_turns_it_off(monkeypatch, value):
    conf = load_gunicorn_conf(monkeypatch, GUNICORN_ACCESS_LOG=value)
    assert conf["accesslog"] is None
    assert conf["errorlog"] == "-"  # errors are still logged


@pytest.mark.parametrize("value", ["no", "0", "off", "stdout"])
def test_access_log_rejects_a_wrong_value_by_name(monkeypatch, value):
    with pytest.raises(SystemExit, match=f"GUNICORN_ACCESS_LOG must be true or false.*{value}"):
        load_gunicorn_conf(monkeypatch, GUNICORN_ACCESS_LOG=value)


def test_gunicorn_itself_stops_on_a_wrong_value():
    """The message reaches gunicorn's stderr and the exit status is not 0."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GUNICORN_") and key != "PORT"
    }
    env["GUNICORN_ACCESS_LOG"] = "maybe"
    result = subprocess.run(
        [str(VENV_BIN / "gunicorn"), "--check-config", "-c", str(GUNICORN_CONF), "pole_site.wsgi"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "GUNICORN_ACCESS_LOG must be true or false, got 'maybe'" in result.stderr
