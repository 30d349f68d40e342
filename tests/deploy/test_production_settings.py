"""The production settings: `check --deploy` clean, and no start without what they require."""

import pytest

from tests.deploy.helpers import (
    free_port,
    gunicorn_argv,
    manage,
    production_env,
    run,
)


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


@pytest.mark.parametrize(("value", "expected"), [(None, "True"), ("false", "False")])
def test_production_requires_a_second_factor_unless_told_otherwise(value, expected):
    code = "from django.conf import settings; print(settings.ADMIN_REQUIRE_2FA)"
    result = manage("shell", "-c", code, env=production_env(ADMIN_REQUIRE_2FA=value))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
