"""What news items refer to and editors manage as snippets: themes and press contacts."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pages.snippets import Category


@register_snippet
class Theme(Category):
    """A subject readers filter news by (économie, industrie…); editors manage the list."""

    class Meta(Category.Meta):
        verbose_name = "thème"


@register_snippet
class PressContact(index.Indexed, models.Model):
    """Who a journalist calls about a news item or a press release."""

    name = models.CharField("nom", max_length=120)
    role = models.CharField("fonction", max_length=160, blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "contact presse"
        verbose_name_plural = "contacts presse"

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name
