"""gunicorn.conf.py: its defaults, the environment it follows, and GUNICORN_ACCESS_LOG (the
access log on stdout, or none at all).

The file is run as gunicorn runs it (runpy, with a patched environment), and once through
gunicorn itself to check that a wrong value stops it before any worker starts.
"""

import os
import runpy

import pytest

from tests.deploy.helpers import GUNICORN_CONF, VENV_BIN, run


def load_gunicorn_conf(monkeypatch, **env):
    """gunicorn.conf.py's settings, run as gunicorn runs it, in an environment with no
    GUNICORN_* variable nor PORT but `env`."""
    for key in list(os.environ):
        if key.startswith("GUNICORN_") or key == "PORT":
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(GUNICORN_CONF))


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
    result = run(
        [str(VENV_BIN / "gunicorn"), "--check-config", "-c", str(GUNICORN_CONF), "pole_site.wsgi"],
        env,
    )
    assert result.returncode != 0
    assert "GUNICORN_ACCESS_LOG must be true or false, got 'maybe'" in result.stderr


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
