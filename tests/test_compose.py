"""deploy/compose.yaml and the nginx configuration it mounts, checked against the rest of the
repository: what compose resolves (Debian's docker-compose), what each service needs to
recover by itself, the variables it sets, and nginx itself serving the site over HTTPS.

The official images cannot be pulled here, so the stack is not started as a whole: the app
service's image is the one tests/docker/ builds and runs, Varnish's configuration is
tests/test_varnish.py's, and nginx's is run below by Debian's nginx.
"""

import os
import re
import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from scripts.prodenv import APP_VARIABLE_PREFIXES, APP_VARIABLES
from tests.live_site import HOST, free_port
from tests.nginx_server import MISSING, NGINX
from tests.nginx_server import nginx as run_nginx

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
NGINX_CONF = DEPLOY / "nginx" / "pole.conf"
LONG_RUNNING = {"postgres", "redis", "app", "scheduler", "varnish", "proxy"}
WITH_HEALTHCHECK = {"postgres", "redis", "app", "varnish", "proxy"}


@pytest.fixture(scope="module")
def resolved(tmp_path_factory):
    """compose.yaml as `docker-compose config` resolves it with the example files, as the
    README's first deployment does (cp env.example .env, cp prod.env.example prod.env)."""
    compose = shutil.which("docker-compose")
    if compose is None:
        if os.environ.get("REQUIRE_DOCKER") == "1":
            pytest.fail("docker-compose is not installed (REQUIRE_DOCKER=1)", pytrace=False)
        pytest.skip("docker-compose is not installed (apt-get install docker-compose)")
    folder = tmp_path_factory.mktemp("deploy")
    shutil.copytree(DEPLOY, folder, dirs_exist_ok=True)
    shutil.copyfile(DEPLOY / "env.example", folder / ".env")
    shutil.copyfile(DEPLOY / "prod.env.example", folder / "prod.env")
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("POLE_", "COMPOSE_"))
    }
    result = subprocess.run(  # noqa: S603 (Debian's docker-compose, our file)
        [compose, "--project-directory", str(folder), "-f", str(folder / "compose.yaml"), "config"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_every_service_restarts_and_reports_its_health(resolved):
    services = resolved["services"]
    assert set(services) == LONG_RUNNING | {"migrate"}
    for name in LONG_RUNNING:
        assert services[name]["restart"] == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"
    for name in WITH_HEALTHCHECK:
        assert services[name]["healthcheck"]["test"], name


def test_the_release_step_runs_before_the_site(resolved):
    services = resolved["services"]
    assert services["migrate"]["command"] == [
        "sh",
        "-c",
        "python manage.py migrate --noinput && python manage.py set_site_url",
    ]
    for name in ("app", "scheduler"):
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }
        assert services[name]["image"] == services["migrate"]["image"]
    assert services["app"]["depends_on"]["postgres"] == {"condition": "service_healthy"}
    assert services["proxy"]["depends_on"]["app"] == {"condition": "service_healthy"}


def test_site_containers_are_read_only_with_the_media_volume(resolved):
    for name in ("app", "scheduler", "migrate"):
        service = resolved["services"][name]
        assert service["read_only"] is True
        assert "/tmp" in service["tmpfs"]  # noqa: S108 (the container's own, in memory)
        assert any(volume.endswith(":/app/media:rw") for volume in service["volumes"])
    # More than gunicorn's graceful timeout (25 s by default), as `docker run` in the README.
    assert resolved["services"]["app"]["stop_grace_period"] == "30s"


def test_every_variable_is_one_the_site_reads_and_the_readme_documents(resolved):
    readme = (REPO / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)`", readme, re.MULTILINE))
    documented |= {
        name for pair in re.findall(r"^\| `([A-Z0-9_]+)` / `([A-Z0-9_]+)`", readme, re.MULTILINE)
        for name in pair
    }  # fmt: skip
    for name in ("app", "scheduler"):
        for variable in resolved["services"][name]["environment"]:
            assert variable in APP_VARIABLES or variable.startswith(APP_VARIABLE_PREFIXES), variable
            assert variable in documented, f"{variable} is not in the README's table"


def test_the_proxies_addresses_agree(resolved):
    services = resolved["services"]
    app_address = services["app"]["networks"]["pole"]["ipv4_address"]
    proxy_address = services["proxy"]["networks"]["pole"]["ipv4_address"]
    trusted = services["app"]["environment"]["GUNICORN_FORWARDED_ALLOW_IPS"].split(",")
    assert trusted == ["127.0.0.1", proxy_address]
    assert services["varnish"]["network_mode"] == "service:app"
    assert ":6081" in services["varnish"]["command"]
    assert f"proxy_pass http://{app_address}:6081;" in NGINX_CONF.read_text()
    for volume in services["varnish"]["volumes"] + services["proxy"]["volumes"]:
        source = volume.split(":")[0]
        if source.startswith(str(DEPLOY)) or not source.startswith("/srv/"):
            assert Path(source).exists(), source


# --- nginx, run by Debian's nginx in front of a live server ---------------------------------


@pytest.fixture
def proxy(tmp_path, live_site):
    """deploy/nginx/pole.conf with a self-signed certificate, its upstream pointed at a live
    server; (HTTP port, HTTPS port, server)."""
    if NGINX is None:
        pytest.skip(MISSING)
    # As in production: HTTPS required and announced, so the tests see what nginx forwards.
    server = live_site.start(
        workers=1, DJANGO_SECURE_SSL_REDIRECT="true", DJANGO_HSTS_SECONDS="3600"
    )
    tls = tmp_path / "tls"
    tls.mkdir()
    subprocess.run(  # noqa: S603 (openssl, fixed arguments)
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=www.example.fr", "-keyout", str(tls / "privkey.pem"),
         "-out", str(tls / "fullchain.pem")],
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    http_port, https_port = free_port(), free_port()
    site = NGINX_CONF.read_text()
    site = re.sub(
        r"proxy_pass http://[0-9.]+:6081;", f"proxy_pass http://{HOST}:{server.port};", site
    )
    site = site.replace("/etc/nginx/tls/", f"{tls}/").replace("www.example.fr", HOST)
    site = site.replace("listen 80 ", f"listen {HOST}:{http_port} ")
    site = site.replace("listen 443 ", f"listen {HOST}:{https_port} ")
    with run_nginx(tmp_path, site, ready=lambda: fetch(f"http://{HOST}:{http_port}/")):
        yield http_port, https_port, server


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, data=None, headers=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's self-signed certificate
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=context), _NoRedirect()
    )
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with opener.open(request, timeout=15) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


@pytest.mark.live
def test_nginx_serves_the_site_over_https_only(proxy):
    http_port, https_port, _ = proxy
    status, headers, _ = fetch(f"http://{HOST}:{http_port}/actualites/?page=2")
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/actualites/?page=2"
    status, headers, body = fetch(f"https://{HOST}:{https_port}/")
    assert status == 200
    assert "Pôle Métropolitain" in body.decode()
    # The site knows the request came over HTTPS: no redirect, the HSTS header.
    assert "max-age" in headers["Strict-Transport-Security"]


@pytest.mark.live
def test_nginx_overwrites_the_forwarded_scheme(proxy):
    """The scheme the site trusts is nginx's: a visitor's X-Forwarded-Proto changes nothing
    (passed on, `http` would be sent back to HTTPS in a loop)."""
    _, https_port, _ = proxy
    status, _, _ = fetch(f"https://{HOST}:{https_port}/", headers={"X-Forwarded-Proto": "http"})
    assert status == 200


@pytest.mark.live
def test_nginx_accepts_uploads_up_to_the_admin_limit(proxy):
    _, https_port, _ = proxy
    big = b"x" * (26 * 1024 * 1024)
    status, _, _ = fetch(f"https://{HOST}:{https_port}/admin/login/", data=big)
    assert status == 413
    status, _, _ = fetch(
        f"https://{HOST}:{https_port}/admin/login/", data=b"x" * (21 * 1024 * 1024)
    )
    assert status != 413
