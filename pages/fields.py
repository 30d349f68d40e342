"""Model fields the apps declare the same way: images and documents chosen from the library."""

from django.conf import settings
from django.db import models

from wagtail.images import get_image_model_string


def _optional(model, verbose_name, help_text):
    """Something from the library an editor may leave out; deleting it from the library
    empties the field rather than deleting what shows it."""
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


def optional_image(verbose_name, help_text=""):
    return _optional(settings.WAGTAILIMAGES_IMAGE_MODEL, verbose_name, help_text)


def optional_document(verbose_name, help_text=""):
    return _optional(settings.WAGTAILDOCS_DOCUMENT_MODEL, verbose_name, help_text)


def attached_document():
    """The document of a row in a list of documents: the row goes with the document."""
    return models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="document",
        on_delete=models.CASCADE,
        related_name="+",
    )


def attached_image():
    """The image of a row in a list of images: the row goes with the image."""
    return models.ForeignKey(
        get_image_model_string(),
        verbose_name="image",
        on_delete=models.CASCADE,
        related_name="+",
    )
