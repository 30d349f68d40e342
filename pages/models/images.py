"""The site's images: Wagtail's, plus what the law and journalists ask of a photo — its
author's name (CPI L121-1: the photographer is named wherever the photo is published), its
caption, its licence or conditions of use, the day it was taken — and whether it is offered
in the press room's photo library."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.images.models import AbstractImage, AbstractRendition, Image


class SiteImage(AbstractImage):
    caption = models.CharField(
        "légende",
        max_length=250,
        blank=True,
        help_text=(
            "Ce que montre la photo, pour la photothèque ; une page peut en donner une autre."
        ),
    )
    credit = models.CharField(
        "crédit (auteur)",
        max_length=120,
        blank=True,
        help_text=(
            "Le nom du photographe ou de l'auteur, affiché avec l'image partout sur le site : "
            "obligatoire pour publier une page qui la montre (CPI L121-1). Inutile pour un logo."
        ),
    )
    licence = models.CharField(
        "licence ou conditions d'utilisation",
        max_length=250,
        blank=True,
        help_text=(
            "Ce que les journalistes peuvent en faire, par exemple « Libre de droits pour la "
            "presse, crédit obligatoire » ou « CC BY 4.0 »."
        ),
    )
    taken_on = models.DateField("date de prise de vue", null=True, blank=True)
    in_photo_library = models.BooleanField(
        "dans la photothèque",
        default=False,
        help_text=(
            "Proposée aux journalistes dans la photothèque de l'espace presse, en taille web et "
            "en original (un crédit est alors obligatoire)."
        ),
    )

    admin_form_fields = (
        *Image.admin_form_fields,
        "caption",
        "credit",
        "licence",
        "taken_on",
        "in_photo_library",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    def clean(self):
        super().clean()
        if self.in_photo_library and not self.credit.strip():
            raise ValidationError(
                {"credit": "Une photo de la photothèque est publiée avec le nom de son auteur."}
            )


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
