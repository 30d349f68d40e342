"""Guards for the strict Content-Security-Policy: no template may carry inline script or style."""

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "templates").rglob("*.html"))

# JSON-LD blocks are data, never executed: CSP's script-src does not apply to them.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", re.IGNORECASE
)
INLINE_STYLE_ATTR = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)
THIRD_PARTY = re.compile(r"(?:\bsrc=|<link[^>]*href=)\"(?:https?:)?//", re.IGNORECASE)


def test_there_are_templates_to_check():
    assert len(TEMPLATES) >= 5


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_no_inline_script_style_or_third_party_asset(path):
    text = path.read_text()
    assert not INLINE_SCRIPT.search(text), "inline <script>"
    assert not INLINE_STYLE_ATTR.search(text), 'inline style=""'
    assert not STYLE_ELEMENT.search(text), "<style> element"
    assert not EVENT_HANDLER.search(text), "inline event handler"
    assert not THIRD_PARTY.search(text), "third-party asset"


def test_home_page_skeleton(client, home):
    html = client.get("/").content.decode()
    assert '<html lang="fr"' in html
    assert 'class="skip-link" href="#contenu"' in html
    assert '<main id="contenu"' in html
    assert 'role="search"' in html
    assert html.count("<h1") == 1
    assert "<footer" in html
