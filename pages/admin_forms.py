"""The admin's page form, for every page of the site: what must hold before a page goes
online. A photo is published with its author's name (CPI L121-1), so a page cannot be
published while it shows an image that has none."""

from django.apps import apps
from django.conf import settings

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue, StructValue

PUBLISH_ACTIONS = {"action-publish"}


def is_publishing(data):
    """True when the editor's button publishes (or schedules) the page, directly or by a plain
    approval of the workflow's task from the editor."""
    if PUBLISH_ACTIONS & set(data):
        return True
    return "action-workflow-action" in data and data.get("workflow-action-name") == "approve"


def stream_images(value):
    """(image, the block's own credit) for every image block of a StreamField value, however
    deeply nested."""
    if isinstance(value, StreamValue):
        for child in value:
            yield from stream_images(child.value)
    elif isinstance(value, StructValue):
        image = value.get("image")
        if image is not None and hasattr(image, "credit"):
            yield image, value.get("credit", "")
        for child in value.values():
            yield from stream_images(child)
    elif isinstance(value, list | tuple):
        for child in value:
            yield from stream_images(child)


class SitePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if is_publishing(self.data):
            self.check_credits(cleaned)
        return cleaned

    def check_credits(self, cleaned):
        exempt = getattr(self.instance, "uncredited_image_fields", ())
        self.check_form_credits(self, cleaned, exempt)
        # The rows of the page's inline panels (a press kit's photos…).
        for formset in self.formsets.values():
            formset.is_valid()  # its rows cleaned now, once: the page's own form comes first
            for form in formset.forms:
                rows = getattr(form, "cleaned_data", None)
                if rows and not rows.get("DELETE"):
                    self.check_form_credits(form, rows, ())

    def check_form_credits(self, form, cleaned, exempt):
        image_model = apps.get_model(settings.WAGTAILIMAGES_IMAGE_MODEL)
        for name, value in list(cleaned.items()):
            if name in exempt or name not in form.fields:
                continue
            if isinstance(value, image_model) and not value.credit.strip():
                form.add_error(name, self.missing_credit(value))
            elif isinstance(value, StreamValue):
                for image, credit in stream_images(value):
                    if not (credit or "").strip() and not image.credit.strip():
                        form.add_error(name, self.missing_credit(image))

    @staticmethod
    def missing_credit(image):
        return (
            f"L'image « {image.title} » n'a pas de crédit : indiquez le nom de son auteur dans "
            "Images (ou dans le bloc) avant de publier la page (CPI L121-1)."
        )
