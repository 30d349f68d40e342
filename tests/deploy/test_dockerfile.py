"""The Dockerfile's structure, as the README describes the image."""

import re
import sys
import tomllib

from tests.deploy.helpers import (
    PRODUCTION,
    REPO,
    build_run_containing,
    cmd_argv,
    dockerfile_stages,
    healthcheck_argv,
    instructions,
    production_env,
    run,
)


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
