"""What news items refer to and editors manage as snippets: themes and press contacts."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pages.snippets import Category

from ..phones import Phone, international_uri


@register_snippet
class Theme(Category):
    """A subject readers filter news by (économie, industrie…); editors manage the list."""

    class Meta(Category.Meta):
        verbose_name = "thème"


@register_snippet
class PressContact(index.Indexed, models.Model):
    """Who a journalist calls about a news item or a press release.

    A contact listed in the press room, or named on a live press release, is public: anyone
    may download its vCard (news/vcard.py). The author of a plain news item is shown on the
    item, and has no vCard.
    """

    name = models.CharField(
        "prénom et nom",
        max_length=120,
        help_text="Tel qu'il s'affiche, ex. : « Camille Martin ».",
    )
    family_name = models.CharField(
        "nom de famille",
        max_length=120,
        blank=True,
        help_text=(
            "Le nom de famille seul, tel qu'il est écrit ci-dessus (ex. : « Martin ») : les "
            "carnets d'adresses des journalistes classent le contact par ce nom. Vide : par le "
            "prénom et nom en entier."
        ),
    )
    role = models.CharField(
        "fonction", max_length=160, blank=True, help_text="Ex. : Chargée des relations presse."
    )
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField(
        "téléphone direct",
        max_length=30,
        blank=True,
        help_text=(
            "Une ligne directe plutôt que le standard, ex. : « 02 35 00 00 00 » ou "
            "« +33 2 35 00 00 00 »."
        ),
    )
    mobile_phone = models.CharField(
        "téléphone mobile",
        max_length=30,
        blank=True,
        help_text="Seulement avec l'accord du contact : il est affiché publiquement.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("family_name"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("mobile_phone"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "contact presse"
        verbose_name_plural = "contacts presse"

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name

    @property
    def phones(self):
        """The contact's numbers, direct line first, each with the address a link dials."""
        numbers = [
            ("Téléphone direct", self.phone, ("work", "voice")),
            ("Mobile", self.mobile_phone, ("cell",)),
        ]
        return [
            Phone(label, number.strip(), types, international_uri(number))
            for label, number, types in numbers
            if number.strip()
        ]

    @property
    def given_name(self):
        """What the name holds besides the family name: "" when no family name is set or the
        name does not contain it (nothing is guessed from the words' order)."""
        family = self.family_name.strip()
        if not family or family not in self.name:
            return ""
        return " ".join(self.name.replace(family, " ", 1).split())
