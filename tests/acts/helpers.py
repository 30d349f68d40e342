"""What the acts tests share: PDFs made on the spot, acts published as the admin does, and
editors of each role."""

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from acts.models import ActKind, ActPage, ActsIndexPage, MeetingPage

PASSWORD = "mot-de-passe-de-test-1"  # noqa: S105
DEMO_ACT = "/actes/deliberation-2021-05-12-feuilles-de-route-2021/"


def tiny_pdf(text):
    """A one-page PDF whose text pypdf can read: the smallest a signed act can be."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def upload(text, name="acte.pdf"):
    """A PDF uploaded to the library, as the admin's upload does it (fingerprints taken)."""
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(tiny_pdf(text)), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def register():
    return ActsIndexPage.objects.get()


def demo_meeting():
    return MeetingPage.objects.get(slug="conseil-syndical-2021-05-12")


def new_act(title="Adhésion à l'association des pôles métropolitains", text="adhesion", **fields):
    """An act prepared as a draft under the register (not published)."""
    act = ActPage(
        title=title,
        live=False,
        kind=fields.pop("kind", ActKind.DELIBERATION),
        meeting=fields.pop("meeting", demo_meeting()),
        document=fields.pop("document", None) or upload(text),
        **fields,
    )
    register().add_child(instance=act)
    return act


def publish(act):
    act.personal_data_removed = True
    act.save_revision().publish()
    return ActPage.objects.get(pk=act.pk)


def member_of(group_name, username):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.invalid", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user
