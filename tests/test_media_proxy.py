"""The README's nginx snippet for /media/ (DJANGO_SERVE_MEDIA=false), run by a real nginx:
the proxy must send what Django's media view sends, or an uploaded file becomes a way in.

Needs Debian's nginx (`apt-get install nginx-light`); CI installs it.
"""

import re
import urllib.error
import urllib.request
from pathlib import Path

from django.test import Client

import pytest

from tests.live_site import HOST, free_port
from tests.nginx_server import MISSING, NGINX
from tests.nginx_server import nginx as run_nginx

REPO = Path(__file__).resolve().parent.parent
SAME_AS_DJANGO = [
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Cross-Origin-Resource-Policy",
    "Cache-Control",
]

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(NGINX is None, reason=MISSING),
]


def readme_snippet():
    blocks = re.findall(r"```nginx\n(.*?)```", (REPO / "README.md").read_text(), re.DOTALL)
    assert len(blocks) == 1, "the README has one nginx snippet, for /media/"
    return blocks[0]


@pytest.fixture
def media(tmp_path):
    folder = tmp_path / "media"
    (folder / "images").mkdir(parents=True)
    (folder / "original_images").mkdir()
    (folder / "documents").mkdir()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    (folder / "images" / "logo.width-60.svg").write_bytes(svg)
    (folder / "original_images" / "logo.svg").write_bytes(svg)
    (folder / "documents" / "prive.pdf").write_bytes(b"%PDF-1.4")
    return folder


@pytest.fixture
def nginx(tmp_path, media):
    port = free_port()
    snippet = readme_snippet().replace("/srv/pole/media/", f"{media}/")
    server = f"  server {{\n    listen {HOST}:{port};\n{snippet}\n  }}"
    with run_nginx(tmp_path, server, ready=lambda: get(port, "/media/absent")):
        yield port


def get(port, path):
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=5) as response:  # noqa: S310
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def directives(*values):
    """A header's value as a set, however many header lines or commas it came in."""
    return {part.strip() for value in values for part in value.split(",")}


@pytest.mark.parametrize(
    "path", ["/media/images/logo.width-60.svg", "/media/original_images/logo.svg"]
)
def test_the_proxy_sends_what_django_sends(nginx, media, settings, db, path):
    settings.MEDIA_ROOT = str(media)
    django = Client().get(path)
    status, headers = get(nginx, path)
    assert status == django.status_code == 200
    for header in SAME_AS_DJANGO:
        assert directives(*headers.get_all(header, [])) == directives(django[header]), header


def test_the_proxy_serves_no_document_directly(nginx):
    assert get(nginx, "/media/documents/prive.pdf")[0] == 404
