"""Renew the page cache's generation whenever an editor changes something the site shows.

Pages count when they go live, go offline, move or are deleted (saving a draft changes
nothing a visitor sees); other content when it is saved or deleted (see
`pole_site.page_cache.content_models`).
"""

from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from pole_site.page_cache import content_models, invalidate


def content_changed(sender, **kwargs):
    if sender in content_models():
        invalidate()


def connect():
    post_save.connect(content_changed, dispatch_uid="page-cache-content-saved")
    post_delete.connect(content_changed, dispatch_uid="page-cache-content-deleted")
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="page-cache-page-deleted")
    # Renditions are made while pages are read (not a change), but one deleted (its image's
    # file replaced, or a purge command) must leave no page or <picture> pointing at its file.
    rendition_model = get_image_model().get_rendition_model()
    post_delete.connect(invalidate, sender=rendition_model, dispatch_uid="page-cache-rendition")
