"""What the register of acts is classed by and published as: the ACTES matières, and the
identity of the Pôle that the open-data export states."""

from django.core.validators import RegexValidator
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Matter(models.Model):
    """A « matière » of the ACTES nomenclature (second level: « 7.5 Subventions »), as the
    préfet's legality control and the SCDL export class acts."""

    code = models.CharField(
        "code",
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d\.\d{1,2}$", "Un code ACTES de niveau 2, comme « 7.5 ».")],
    )
    label = models.CharField("intitulé", max_length=120)
    group = models.CharField(
        "matière de niveau 1", max_length=120, help_text="Par exemple « Finances locales »."
    )

    panels = [FieldPanel("code"), FieldPanel("label"), FieldPanel("group")]

    class Meta:
        verbose_name = "matière ACTES"
        verbose_name_plural = "matières ACTES"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.label}"

    @property
    def sort_key(self):
        """« 7.10 » after « 7.9 »."""
        return tuple(int(part) for part in self.code.split("."))

    @property
    def scdl_name(self):
        """The SCDL's DELIB_MATIERE_NOM: both levels in lower case, without commas or
        parentheses, joined by a slash (« finances locales/subventions »)."""
        text = f"{self.group}/{self.label}".lower()
        for character in ",()":
            text = text.replace(character, "")
        return " ".join(text.split())


@register_setting(icon="doc-full")
class ActsSettings(BaseSiteSetting):
    """What the open-data export of the délibérations says of the Pôle (SCDL COLL_NOM,
    COLL_SIRET, PREF_ID)."""

    authority_name = models.CharField(
        "nom officiel de la collectivité",
        max_length=200,
        blank=True,
        help_text="Colonne COLL_NOM de l'export ; le nom du site s'il est vide.",
    )
    siret = models.CharField(
        "numéro SIRET",
        max_length=14,
        blank=True,
        validators=[RegexValidator(r"^\d{14}$", "14 chiffres, sans espace.")],
        help_text="Colonne COLL_SIRET de l'export (obligatoire pour le schéma SCDL).",
    )
    legality_control_id = models.CharField(
        "identifiant du contrôle de légalité",
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^S?PREF\d{2}[\dAB]\d?$|^SGAR\d{3}$", "Par exemple PREF076.")],
        help_text=(
            "Colonne PREF_ID de l'export : la préfecture qui reçoit les actes, codée PREFNNN "
            "(NNN : le département sur trois caractères)."
        ),
    )

    panels = [FieldPanel("authority_name"), FieldPanel("siret"), FieldPanel("legality_control_id")]

    class Meta:
        verbose_name = "registre des actes"
