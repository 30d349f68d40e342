"""The W3C Nu HTML Checker (vnu, `make validators`) on one page of every type and on the
stylesheet: no error, as a browser and an assistive technology expect well-formed documents.

Needs Java and vnu.jar (npm's vnu-jar package, installed in .validators/ by `make
validators`); without them the test is skipped, or fails under REQUIRE_VALIDATORS=1 (CI).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
VNU = REPO / ".validators" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STYLESHEET = REPO / "static" / "css" / "main.css"


@pytest.fixture(scope="module")
def vnu():
    java = shutil.which("java")
    reason = None
    if java is None:
        reason = "Java is not installed (apt-get install openjdk-17-jre-headless)"
    elif not VNU.exists():
        reason = "vnu.jar is not installed (make validators)"
    if reason:
        if os.environ.get("REQUIRE_VALIDATORS") == "1":
            pytest.fail(f"{reason} (REQUIRE_VALIDATORS=1)", pytrace=False)
        pytest.skip(reason)

    def check(*arguments):
        """vnu's errors for these files, one JVM for all of them."""
        result = subprocess.run(  # noqa: S603 (Java, the checker, our files)
            [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, arguments)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
        return [
            f"{Path(message.get('url', '')).name}:{message.get('lastLine', '?')}: "
            f"{message['message']} [{message.get('extract', '').strip()}]"
            for message in messages
            if message["type"] in {"error", "non-document-error"}
        ]

    return check


def test_every_page_type_is_valid_html(vnu, rendered, tmp_path):
    files = []
    for kind, html in rendered.items():
        path = tmp_path / f"{kind}.html"
        path.write_text(html)
        files.append(path)
    assert vnu(*files) == []


def test_the_stylesheet_is_valid_css(vnu):
    assert vnu("--css", STYLESHEET) == []


def test_the_checker_finds_errors(vnu, tmp_path):
    """What the two tests above rely on: a broken page is reported."""
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="fr"><title>x</title><p><div></span>')
    assert vnu(broken)
