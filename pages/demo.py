"""What every app's demo loader shares: the fixtures folder, publishing a page, the files turned
into images and documents once (found again by title, so a second run adds nothing), and a
section's entries in the quick links and the main menu."""

import json
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .models import Accessibility, MainMenuItem, NavigationSettings, QuickLink, QuickLinksSettings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def demo_data(name):
    """One of fixtures/demo/*.json."""
    return json.loads((FIXTURES / "demo" / name).read_text())


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def get_or_create_image(folder, filename, title, description):
    """fixtures/media/<folder>/<filename> as an image of the library, with its alt text."""
    model = get_image_model()
    image = model.objects.filter(title=title).first()
    if image is None:
        with (FIXTURES / "media" / folder / filename).open("rb") as handle:
            image = model(title=title, description=description)
            image.file = ImageFile(handle, name=filename)
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
