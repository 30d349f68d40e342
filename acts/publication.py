"""What the site records when an act is published: the date it first went online, and each
PDF it put online, copied with its fingerprint. Nothing here is ever updated afterwards."""

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.search import index

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .models import ActPage, ActVersion

logger = logging.getLogger(__name__)

# Enough for the search to find any act by its words; a 300-page annex is not read whole.
MAX_TEXT_LENGTH = 200_000


def pdf_text(data):
    """The text of a PDF, as pypdf extracts it; "" for a scan or an unreadable file."""
    try:
        reader = PdfReader(io.BytesIO(data))
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        logger.warning("Texte du PDF illisible : %s", error)
        return ""
    return " ".join(text.split())[:MAX_TEXT_LENGTH]


@transaction.atomic
def record_publication(act, when=None):
    """Date the act's first publication, and keep a copy of its PDF if it is new."""
    when = when or timezone.now()
    act = ActPage.objects.select_for_update().get(pk=act.pk)
    changes = {}
    if act.online_at is None:
        changes["online_at"] = when
    document = act.document
    if document is not None:
        with document.open_file() as handle:
            data = handle.read()
        sha256 = hashlib.sha256(data).hexdigest()
        current = act.current_version
        if current is None or current.sha256 != sha256:
            number = current.number + 1 if current else 1
            version = ActVersion(
                act=act,
                number=number,
                sha256=sha256,
                file_size=len(data),
                online_at=when,
                reason=act.correction_reason if current else "",
            )
            version.file.save(f"{act.slug}-v{number}-{sha256[:12]}.pdf", ContentFile(data))
            changes["document_text"] = pdf_text(data)
    if changes:
        ActPage.objects.filter(pk=act.pk).update(**changes)
        for field, value in changes.items():
            setattr(act, field, value)
        index.insert_or_update_object(act)
    return act
