"""Snippet bases shared by the content apps."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Category(index.Indexed, models.Model):
    """A name readers filter a listing by (a news theme, a partners' domain), with the slug
    the filter's address carries: editors manage the list, visitors see the names."""

    name = models.CharField("nom", max_length=80, unique=True)
    slug = models.SlugField(
        "identifiant",
        max_length=80,
        unique=True,
        help_text="Dans l'adresse du filtre (?…=identifiant) : minuscules, sans accents.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name
