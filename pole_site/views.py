"""Uploaded images, served by the application when no web server does (SERVE_MEDIA)."""

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import (
    Http404,
)
from django.views.static import serve

# A rendition's file name carries its source file's name, its filter spec and its focal point,
# and a new file is never written over an existing one: one address, one content, cached for
# good (see pole_site/storage.py for the case where a name could come back). An original
# image's address can come back with other content: replacing a file deletes the old one,
# and a later upload of the same file name takes its name again. A day bounds how long an
# out-of-date original can be shown.
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
ORIGINAL_IMAGE_CACHE_CONTROL = "public, max-age=86400"


# A file name the file system can hold (NAME_MAX of ext4 and most others).
MAX_FILE_NAME_LENGTH = 255


def is_servable(path):
    """Could this be one of our files? Names Wagtail writes never hold these; a request for
    one is a probe, answered 404 without touching the disk or logging a traceback."""
    parts = path.split("/")
    return all(
        part not in ("", ".", "..")
        and len(part.encode()) <= MAX_FILE_NAME_LENGTH
        and part.isprintable()
        and "\\" not in part
        for part in parts
    )


def media(request, path):
    """Uploaded images (see SERVE_MEDIA); MEDIA_ROOT read per request, not frozen at import.

    Whatever the path, the answer is the file or a 404. An image is sent with the policy of a
    document that runs nothing (an SVG opened directly cannot run a script on our origin) and
    may be shown by other sites (feeds, press).
    """
    if not is_servable(path):
        raise Http404("Fichier introuvable")
    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError, SuspiciousFileOperation):
        raise Http404("Fichier introuvable") from None
    response["Cache-Control"] = (
        RENDITION_CACHE_CONTROL if path.startswith("images/") else ORIGINAL_IMAGE_CACHE_CONTROL
    )
    response["Content-Security-Policy"] = settings.MEDIA_CONTENT_SECURITY_POLICY
    response["Cross-Origin-Resource-Policy"] = settings.MEDIA_CROSS_ORIGIN_RESOURCE_POLICY
    return response
