"""The backup and restore drill (scripts/backup.sh, `make backup` / `make restore`), on a real
server: what an editor added is back after the database and the media were lost.

Needs PostgreSQL (DATABASE_URL) and its client tools (pg_dump, pg_restore); CI has both.
"""

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EDITOR, PASSWORD = "redactrice", "sauvegarde-restauration-2026"
NEW_PAGE = "/page-ajoutee-avant-la-sauvegarde/"

pytestmark = pytest.mark.live

ADD_EDITOR_CONTENT = f"""
import io
from django.contrib.auth.models import Group, User
from django.core.files.images import ImageFile
from PIL import Image as Picture
from pages.models import HomePage, SiteImage, StandardPage

editor = User.objects.create_user({EDITOR!r}, password={PASSWORD!r}, is_staff=True)
editor.groups.add(Group.objects.get(name="Rédacteurs"))
data = io.BytesIO()
Picture.new("RGB", (640, 400), (20, 90, 160)).save(data, "PNG")
image = SiteImage.objects.create(
    title="Photo ajoutée",
    file=ImageFile(data, name="photo-ajoutee.png"),
    credit="Une rédactrice",
    uploaded_by_user=editor,
)
home = HomePage.objects.get()
page = StandardPage(
    title="Page ajoutée avant la sauvegarde",
    slug="page-ajoutee-avant-la-sauvegarde",
    intro="Ajoutée par une rédactrice.",
    body=[("image", {{"image": image, "alt": "Un aplat bleu", "decorative": False}})],
)
home.add_child(instance=page)
page.save_revision(user=editor).publish()
"""


@pytest.fixture
def requires_pg_tools(live_site):
    if not live_site.postgres:
        pytest.skip("the backups are PostgreSQL's: set DATABASE_URL to a PostgreSQL server")
    missing = [tool for tool in ("pg_dump", "pg_restore") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt-get install postgresql-client)")


def backup_script(site, *args, folder):
    """scripts/backup.sh with the site's database and media; its output, or the failure."""
    env = site.env(MEDIA_ROOT=str(site.folder / "media"), BACKUP_DIR=str(folder))
    return subprocess.run(  # noqa: S603 (our script)
        ["bash", str(REPO / "scripts" / "backup.sh"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


ARTICLE = r'href="(/actualites/(?!rss/|atom/)[a-z0-9-]+/)"'
FILES = r'(?:src|href)="(/(?:media/images|documents)/[^"]+)"'


def what_visitors_get(server):
    """{path: status} of the home page, the listing, its articles and the new page, and
    {path: (status, digest)} of every image and document they show: what must be the same
    after the restore."""
    pages, files = {}, {}
    listing = server.get("/actualites/")[2].decode()
    for path in ["/", "/actualites/", NEW_PAGE, *re.findall(ARTICLE, listing)]:
        status, _, body = server.get(path)
        pages[path] = status
        files.update(dict.fromkeys(re.findall(FILES, body.decode())))
    for path in files:
        status, _, body = server.get(path)
        files[path] = (status, hashlib.sha256(body).hexdigest())
    return pages, files


def sign_in(server, username, password):
    """Where the admin's login form sends a user: /admin/ when the password is accepted."""
    status, headers, body = server.get("/admin/login/")
    assert status == 200
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
    form = f"csrfmiddlewaretoken={token}&username={username}&password={password}&next=/admin/"
    status, headers, _ = server.get(
        "/admin/login/",
        method="POST",
        data=form.encode(),
        headers={
            "Cookie": f"csrftoken={cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    return status, headers.get("Location")


def test_what_an_editor_added_survives_losing_database_and_media(
    live_site, requires_pg_tools, tmp_path
):
    live_site.shell(ADD_EDITOR_CONTENT)
    server = live_site.start(workers=1)
    before = what_visitors_get(server)
    pages, files = before
    assert set(pages.values()) == {200}
    assert any("photo-ajoutee" in path for path in files), "the new page shows its image"
    assert any(path.startswith("/documents/") for path in files)
    assert {status for status, _ in files.values()} == {200}
    assert sign_in(server, EDITOR, PASSWORD) == (302, "/admin/")
    server.stop()

    result = backup_script(live_site, "backup", folder=tmp_path / "backups")
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.split()[-1])
    assert sorted(p.name for p in backup.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]

    # The disaster: an empty database, no media.
    live_site._admin_sql(f'DROP DATABASE "{live_site.db_name}" WITH (FORCE)')
    live_site._admin_sql(f'CREATE DATABASE "{live_site.db_name}"')
    shutil.rmtree(live_site.folder / "media")

    result = backup_script(live_site, "restore", str(backup), folder=tmp_path / "backups")
    assert result.returncode == 0, result.stderr
    # The README's steps after a restore.
    live_site.manage("migrate", "--noinput")
    live_site.manage("clear_cache")

    server = live_site.start(workers=1)
    assert what_visitors_get(server) == before
    assert sign_in(server, EDITOR, PASSWORD) == (302, "/admin/")
    assert sign_in(server, EDITOR, "pas-le-bon-mot-de-passe")[0] == 200


def test_a_damaged_backup_is_refused_and_changes_nothing(live_site, requires_pg_tools, tmp_path):
    result = backup_script(live_site, "backup", folder=tmp_path / "backups")
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.split()[-1])
    dump = backup / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(data)
    media_before = sorted(p.name for p in (live_site.folder / "media").rglob("*"))

    result = backup_script(live_site, "restore", str(backup), folder=tmp_path / "backups")
    assert result.returncode != 0
    assert "damaged" in result.stderr
    assert sorted(p.name for p in (live_site.folder / "media").rglob("*")) == media_before
    server = live_site.start(workers=1)
    assert server.get("/")[0] == 200
