"""`make audit`: a fixable vulnerability fails CI; no fix yet, or no network, only warns."""

import json
import subprocess
from pathlib import Path

import pytest

from scripts import audit


def pip_audit_answers(monkeypatch, stdout="", stderr="", returncode=0):
    result = subprocess.CompletedProcess([], returncode, stdout=stdout, stderr=stderr)
    monkeypatch.setattr(audit, "run_pip_audit", lambda requirements: result)


def report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_a_vulnerability_with_a_fix_fails(monkeypatch, capsys):
    vulnerable = {
        "name": "django",
        "version": "5.2.0",
        "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["5.2.1"]}],
    }
    pip_audit_answers(
        monkeypatch, report(vulnerable, {"name": "pillow", "version": "13.0.0"}), "", 1
    )
    assert audit.main([]) == 1
    assert "django 5.2.0 : PYSEC-2099-1, corrigé en 5.2.1" in capsys.readouterr().out


def test_a_vulnerability_without_a_fix_only_warns(monkeypatch, capsys):
    unfixed = {"name": "rich", "version": "15.0.0", "vulns": [{"id": "GHSA-x", "fix_versions": []}]}
    pip_audit_answers(monkeypatch, report(unfixed), "", 1)
    assert audit.main([]) == 0
    assert "AVERTISSEMENT : rich 15.0.0 : GHSA-x, sans correctif publié." in capsys.readouterr().out


def test_no_network_only_warns(monkeypatch, capsys):
    error = "requests.exceptions.ConnectionError: Max retries exceeded with url: /pypi/django"
    pip_audit_answers(monkeypatch, "", f"Traceback...\n{error}\n", 1)
    assert audit.main([]) == 0
    assert "service d'avis injoignable" in capsys.readouterr().err


def test_any_other_failure_fails(monkeypatch):
    pip_audit_answers(monkeypatch, "", "pip-audit: error: unrecognized arguments\n", 2)
    assert audit.main([]) == 2


def test_a_clean_audit_passes(monkeypatch, capsys):
    pip_audit_answers(monkeypatch, report({"name": "django", "version": "5.2.19", "vulns": []}))
    assert audit.main([]) == 0
    assert "1 paquets audités" in capsys.readouterr().out


@pytest.mark.parametrize("path", ["constraints.txt"])
def test_every_pin_is_exact(path):
    """pip-audit reads the file as is (--no-deps): a range would audit nothing precise."""
    lines = Path(path).read_text().splitlines()
    pins = [line for line in lines if line and not line.startswith("#")]
    assert pins and all(line.count("==") == 1 for line in pins)
