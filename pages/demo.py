"""What every app's demo loader shares: the fixtures folder, publishing a page, the files turned
into images and documents once (found again by title, so a second run adds nothing), and a
section's entries in the quick links and the main menu."""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import F

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from pole_site import page_cache

from .models import Accessibility, MainMenuItem, NavigationSettings, QuickLink, QuickLinksSettings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def demo_data(name):
    """One of fixtures/demo/*.json."""
    return json.loads((FIXTURES / "demo" / name).read_text())


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def get_or_create_image(folder, filename, title, description, **fields):
    """fixtures/media/<folder>/<filename> as an image of the library, with its alt text (and
    `fields`: its credit, caption…)."""
    model = get_image_model()
    image = model.objects.filter(title=title).first()
    if image is None:
        with (FIXTURES / "media" / folder / filename).open("rb") as handle:
            image = model(title=title, description=description, **fields)
            image.file = ImageFile(handle, name=filename)
            # Its size and fingerprint, as the admin's upload records them: read later, they
            # would be written back while a visitor's page is rendered.
            image._set_image_file_metadata()
            image.save()
    return image


def get_or_create_document(filename, title):
    """fixtures/media/documents/<filename> as a document, its size stored for the links."""
    model = get_document_model()
    document = model.objects.filter(title=title).first()
    if document is None:
        with (FIXTURES / "media" / "documents" / filename).open("rb") as handle:
            # The demo's PDFs are made tagged (make demo-pdfs), and tests/test_demo_documents.py
            # checks them: they are accessible.
            document = model(title=title, accessibility=Accessibility.YES)
            document.file = File(handle, name=filename)
            # Its size (shown next to every link and in feeds) and its fingerprints.
            document._set_document_file_metadata()
            document.save()
    return document


def add_links(site, data, after=1):
    """Insert a section's quick links and menu entries after the first `after` entries."""
    quick = QuickLinksSettings.for_site(site)
    navigation = NavigationSettings.for_site(site)
    for model, parent, specs in [
        (QuickLink, quick, data["quick_links"]),
        (MainMenuItem, navigation, data["main_menu"]),
    ]:
        existing = list(model.objects.filter(setting=parent).order_by("sort_order"))
        new = [
            model(
                setting=parent,
                link_page=Page.objects.get(slug=spec["page"]),
                **{k: v for k, v in spec.items() if k != "page"},
            )
            for spec in specs
        ]
        for position, item in enumerate(existing[:after] + new + existing[after:]):
            item.sort_order = position
            item.save()


def bulk_add_children(parent, pages, after_insert=None, prefetch=()):
    """Clearly fake live pages under `parent`, for performance tests, written in bulk (a few
    queries per thousand, no revisions) so that a benchmark adds ten thousand in seconds: the
    tree paths and URL paths computed as Wagtail's `add_child` would, the pages indexed for
    search in one batch. `after_insert(pages)` adds their related rows.
    """
    model = type(pages[0])
    last = parent.get_last_child()
    first_step = parent._str2int(last.path[-parent.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    for offset, page in enumerate(pages):
        page.path = parent._get_path(parent.path, parent.depth + 1, first_step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.draft_title = page.title
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.live = True
    with transaction.atomic():
        # Django's bulk_create cannot write both tables of a page type: the base rows first,
        # then each page's own row (`raw` saves only that table, as fixtures are loaded).
        bases = Page.objects.bulk_create([Page(**base_fields(page)) for page in pages])
        for page, base in zip(pages, bases, strict=True):
            page.page_ptr = base
            page.pk = base.pk
            page.save_base(raw=True, force_insert=True)
        if after_insert:
            after_insert(pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    for backend in get_search_backends(with_auto_update=True):
        items = model.objects.filter(pk__in=[page.pk for page in pages])
        backend.add_bulk(model, items.prefetch_related(*prefetch))
    # Written without Wagtail's publish signals: what is cached or counted is drawn again.
    page_cache.invalidate()


def base_fields(page):
    """The values of a page's `wagtailcore_page` row."""
    return {field.attname: getattr(page, field.attname) for field in Page._meta.concrete_fields}
