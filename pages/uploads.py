"""The admin's upload forms for images and documents (WAGTAILIMAGES_IMAGE_FORM_BASE,
WAGTAILDOCS_DOCUMENT_FORM_BASE): SVGs made harmless, and one clear message per problem."""

import contextlib
import struct

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.formats import number_format

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

import py_svg_hush
from PIL import Image

SVG_UNREADABLE = (
    "Ce fichier SVG n'est pas lisible (XML mal formé). Exportez-le de nouveau depuis votre "
    "logiciel de dessin, au format « SVG simple » si possible."
)


def sanitised_svg(uploaded):
    """The SVG without what could run or fetch anything: scripts, event handlers,
    foreignObject, and links or style references to other sites (py-svg-hush, on Cloudflare's
    svg-hush). What draws the image stays as it was."""
    uploaded.seek(0)
    try:
        cleaned = py_svg_hush.filter_svg(uploaded.read())
    except ValueError:
        raise ValidationError(SVG_UNREADABLE, code="invalid_svg") from None
    return SimpleUploadedFile(uploaded.name, cleaned, content_type="image/svg+xml")


def header_size(uploaded):
    """(width, height) from the image's header alone, or None.

    Pillow refuses to open an image far above its safety limit (a "decompression bomb") and
    so cannot say how big it is; its format readers can, reading only the header.
    """
    Image.init()
    uploaded.seek(0)
    head = uploaded.read(16)
    for format_id in Image.ID:
        factory, accept = Image.OPEN[format_id]
        if accept is not None and not accept(head):
            continue
        uploaded.seek(0)
        with contextlib.suppress(SyntaxError, IndexError, TypeError, struct.error, OSError):
            return factory(uploaded, uploaded.name).size
    return None


def millions(count):
    return number_format(round(count / 1_000_000), force_grouping=True)


def too_many_pixels_message(size, limit):
    if size is None:
        return (
            f"Cette image a trop de pixels : la limite est de {millions(limit)} millions de "
            "pixels. Réduisez ses dimensions avant de l'envoyer."
        )
    width, height = size
    return (
        f"Cette image mesure {number_format(width, force_grouping=True)} × "
        f"{number_format(height, force_grouping=True)} pixels, soit {millions(width * height)} "
        f"millions de pixels ; la limite est de {millions(limit)} millions. Réduisez ses "
        "dimensions avant de l'envoyer (6 000 pixels de large suffisent à tout usage)."
    )


class ImageForm(BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        image = getattr(uploaded, "image", None)
        if isinstance(uploaded, UploadedFile) and image is not None and image.format_name == "svg":
            return sanitised_svg(uploaded)
        return uploaded

    def _clean_fields(self):
        super()._clean_fields()
        errors = self._errors.get("file")
        if errors and any(e.code == "file_too_many_pixels" for e in errors.as_data()):
            field = self.fields["file"]
            uploaded = self.files.get(self.add_prefix("file"))
            message = too_many_pixels_message(header_size(uploaded), field.max_image_pixels)
            self._errors["file"] = self.error_class([message], renderer=self.renderer)


class DocumentForm(BaseDocumentForm):
    def _post_clean(self):
        """A file the field refused (too big) is not then checked again by the model, which
        only sees an empty name and would add a wrong "extension not allowed" message."""
        field_errors = self._errors.get("file")
        kept = field_errors.copy() if field_errors else None
        super()._post_clean()
        if kept:
            self._errors["file"] = kept
