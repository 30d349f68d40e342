"""Drop the cached header/footer whenever something they show may have changed."""

from django.db.models.signals import post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished

from .models import (
    FooterLink,
    MainMenuItem,
    NavigationSettings,
    QuickLink,
    QuickLinksSettings,
    SiteIdentitySettings,
    SocialLink,
)
from .navigation import invalidate_navigation

WATCHED_MODELS = [
    QuickLinksSettings,
    QuickLink,
    NavigationSettings,
    MainMenuItem,
    FooterLink,
    SiteIdentitySettings,
    SocialLink,
]


def connect():
    # Documents may be link targets; images are the logo and the share image (their
    # renditions change name when an editor replaces the file or moves the focal point).
    for model in [*WATCHED_MODELS, get_document_model(), get_image_model()]:
        post_save.connect(
            invalidate_navigation, sender=model, dispatch_uid=f"nav-save-{model.__name__}"
        )
        post_delete.connect(
            invalidate_navigation, sender=model, dispatch_uid=f"nav-del-{model.__name__}"
        )
    # Menu entries show page titles and URLs: any publication, move or deletion may change them.
    page_published.connect(invalidate_navigation, dispatch_uid="nav-page-published")
    page_unpublished.connect(invalidate_navigation, dispatch_uid="nav-page-unpublished")
    page_slug_changed.connect(invalidate_navigation, dispatch_uid="nav-page-slug")
    post_delete.connect(invalidate_navigation, sender=Page, dispatch_uid="nav-page-deleted")
