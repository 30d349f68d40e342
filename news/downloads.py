"""« Tout télécharger »: a press kit's or a release's files in one zip, streamed as it is sent.

Entries are stored, not compressed: PDFs and JPEGs gain nothing from deflating, and a stored
zip's exact size is known before its first byte (zipstream-ng computes it), so that the link
announces it and the response sends it as Content-Length (a download then shows how long it
has to go). Nothing is written to disk or held in memory: each file is read as it is sent.

Each entry is named after its title (« accord-cadre-amiens-metropole.pdf »), in the letters
every system and mail client accepts, with its file's real extension, never twice the same;
a LISEZMOI.txt says what each file is and, for a photo, the credit and licence the image
library records.

The zip is cached as the pages are, by browsers and shared caches, and revalidated: its ETag
is made of its entries' names and the hashes of their files, so it changes when a file or
the list does and at no other time. It is a weak ETag: the entries carry the time the zip
was made, so two downloads are the same files, not the same bytes.
"""

import hashlib
import logging
import os
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction
from wagtail.utils.file import hash_filelike

from zipstream import ZipStream

from pages.templatetags.pole_tags import date_fr, document_format, filesize_fr
from pole_site.page_cache import is_cacheable_request, remember, until_midnight

logger = logging.getLogger(__name__)

README = "LISEZMOI.txt"
# A zip is offered from this many files: one file is its own download.
MIN_FILES = 2
# Entry names longer than this are cut at a word: readable in a file list, and far below
# the 255 characters of most file systems.
NAME_LENGTH = 100


@dataclass(frozen=True)
class Entry:
    """A file in the zip: its document or image, its name there, where it is, its size."""

    item: object
    name: str
    path: str
    size: int

    def description(self):
        """The entry's lines in LISEZMOI.txt: its name, what it is, and a photo's rights."""
        facts = [f"{document_format(self.item)} – {filesize_fr(self.size)}"]
        if getattr(self.item, "width", None):
            facts.append(f"{self.item.width} × {self.item.height} px")
        lines = [self.name, self.item.title, " – ".join(facts)]
        for label, field in (("Crédit", "credit"), ("Licence", "licence")):
            value = getattr(self.item, field, "")
            if value:
                lines.append(f"{label} : {value}")
        return lines


def file_hash(item):
    """The file's hash as Wagtail records it at upload, else computed now and not saved: a
    download writes nothing (a write would renew the whole site's cache generation)."""
    if item.file_hash:
        return item.file_hash
    with item.open_file() as handle:
        return hash_filelike(handle)


def entry_name(item, taken):
    """The item's title as a file name with its file's extension, unlike any in `taken`
    (compared as case-insensitive file systems do), which it joins."""
    stem = slugify(item.title)[:NAME_LENGTH]
    if len(stem) == NAME_LENGTH and "-" in stem:
        stem = stem.rsplit("-", 1)[0]
    stem = stem.strip("-") or "fichier"
    extension = os.path.splitext(item.file.name)[1].lower()
    name, number = f"{stem}{extension}", 1
    while name.lower() in taken:
        number += 1
        name = f"{stem}-{number}{extension}"
    taken.add(name.lower())
    return name


class Bundle:
    """The files of a page in one zip, with the LISEZMOI.txt that describes them.

    `heading` and `url` open LISEZMOI.txt (what the zip is, where its page is).
    """

    def __init__(self, heading, url, entries):
        self.heading = heading
        self.url = url
        self.entries = entries

    @cached_property
    def readme(self):
        lines = [*self.heading, self.url, "", "Fichiers de cette archive :"]
        for number, entry in enumerate(self.entries, start=1):
            name, *rest = entry.description()
            lines += ["", f"{number}. {name}", *(f"   {line}" for line in rest)]
        # Windows line ends, which every text editor shows as lines.
        return ("\r\n".join(lines) + "\r\n").encode()

    def stream(self):
        """A new zip stream of the files, each read from its file as it is sent."""
        stream = ZipStream(sized=True)
        for entry in self.entries:
            stream.add_path(entry.path, entry.name)
        stream.add(self.readme, README)
        return stream

    @cached_property
    def size(self):
        """The zip's size in bytes, computed from the files' sizes without reading them."""
        return len(self.stream())

    def etag(self):
        """A weak ETag from LISEZMOI.txt and each entry's name, size and file hash."""
        digest = hashlib.sha256(self.readme)
        for entry in self.entries:
            digest.update(f"\0{entry.name}\0{entry.size}\0{file_hash(entry.item)}".encode())
        return f'W/"{digest.hexdigest()[:32]}"'


def private_collection_paths(request):
    """The tree paths of the collections under a view restriction (password, login, groups):
    Wagtail serves their documents to those it lets in only, and a zip anyone may download
    holds none of them. Read once per worker and cache generation (a restriction changed
    draws a new one)."""
    return remember(
        request,
        "private-collection-paths",
        lambda: list(CollectionViewRestriction.objects.values_list("collection__path", flat=True)),
    )


def is_private(item, private_paths):
    """Whether `item` is a document of a restricted collection (or of one below it); Wagtail
    restricts no image."""
    if not isinstance(item, get_document_model()):
        return False
    return item.collection.path.startswith(tuple(private_paths))


def bundle(request, heading, url, items):
    """The zip of these documents and images, or None when fewer than MIN_FILES of them can
    be in it. A document under a view restriction is left out (its collection is read: select
    it with the document); a file missing from the storage too, and logged: the page still
    offers the others."""
    items = list(items)
    if len(items) < MIN_FILES:
        return None
    private_paths = private_collection_paths(request)
    entries, taken = [], {README.lower()}
    for item in items:
        if is_private(item, private_paths):
            continue
        try:
            path = item.file.path
            size = os.path.getsize(path)
        except (OSError, ValueError) as error:
            logger.error("Archive : le fichier de « %s » est introuvable (%s)", item.title, error)
            continue
        entries.append(Entry(item, entry_name(item, taken), path, size))
    return Bundle(heading, url, entries) if len(entries) >= MIN_FILES else None


def heading(kind, title, day):
    """The first lines of LISEZMOI.txt: the page's title, its kind, the site and its date."""
    return [title, f"{kind} – {settings.WAGTAIL_SITE_NAME} – {date_fr(day)}"]


def zip_response(request, files, title, published_at):
    """The zip of `files` (a Bundle), named after `title`, or 304 when the visitor has it.

    It last changed when its page was last published or its newest file was added. Cached as
    the pages are: public for what anyone may see (the page cache labels the rest private or
    uncached), until midnight at most; a stream is not stored by the page cache.
    """
    etag = files.etag()
    dates = [published_at, *(entry.item.created_at for entry in files.entries)]
    # To the second, as the header says it, so that If-Modified-Since can match it.
    modified = int(max(date for date in dates if date).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        stream = files.stream()
        response = StreamingHttpResponse(stream, content_type="application/zip")
        response["Content-Length"] = str(len(stream))
        response["Content-Disposition"] = f'attachment; filename="{zip_filename(title)}.zip"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    if is_cacheable_request(request):
        patch_cache_control(
            response,
            public=True,
            max_age=until_midnight(settings.CACHE_CONTROL_MAX_AGE),
            s_maxage=until_midnight(settings.CACHE_CONTROL_S_MAXAGE),
        )
    return response


def zip_filename(title):
    """The zip's name from its page's title: « accords-cadres-signes-entre-la-region… »."""
    return slugify(title)[:NAME_LENGTH].strip("-") or "documents"
