"""Debian's nginx run by a test with a configuration of its own, in a folder of its own."""

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
MISSING = "nginx is not installed (apt-get install nginx-light)"


@contextlib.contextmanager
def nginx(folder, servers, ready):
    """nginx serving `servers` (server blocks, or directives of one) until the block ends.

    `ready()` is called until it stops raising OSError: the first answer.
    """
    folder = Path(folder)
    (folder / "logs").mkdir()
    (folder / "tmp").mkdir()
    config = folder / "nginx.conf"
    # As root, nginx's workers would otherwise drop to "nobody", who cannot read the test's
    # private temporary folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    config.write_text(
        user + "daemon off;\nworker_processes 1;\npid nginx.pid;\nerror_log logs/error.log;\n"
        "events {}\nhttp {\n"
        "  include /etc/nginx/mime.types;\n  access_log off;\n"
        "  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp;\n"
        f"  uwsgi_temp_path tmp; scgi_temp_path tmp;\n{servers}\n}}\n"
    )
    process = subprocess.Popen(  # noqa: S603 (Debian's nginx, our configuration)
        [NGINX, "-p", str(folder), "-c", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail(f"nginx stopped: {process.stdout.read().decode()}")
            try:
                ready()
                break
            except OSError:
                time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        process.wait(10)
