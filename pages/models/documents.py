"""The site's documents: Wagtail's, plus whether each is accessible (RGAA 13.3).

A public body must publish accessible documents, or say which are not and how to get them
otherwise. Editors record it on each document; every public link then says it (components/
document_link.html) and the accessibility statement points to those links.
"""

from django.db import models

from wagtail.documents.models import AbstractDocument, Document


class Accessibility(models.TextChoices):
    YES = "oui", "Accessible"
    NO = "non", "Non accessible"
    UNKNOWN = "inconnu", "Non vérifiée"


class SiteDocument(AbstractDocument):
    accessibility = models.CharField(
        "accessibilité",
        max_length=10,
        choices=Accessibility.choices,
        default=Accessibility.UNKNOWN,
        help_text=(
            "« Accessible » : un vrai texte (pas un scan), balisé (titres, listes, tableaux), "
            "avec sa langue et son titre, comme un PDF exporté « balisé » depuis un traitement "
            "de texte. « Non vérifiée » tant que personne ne l'a contrôlé."
        ),
    )
    accessible_alternative = models.URLField(
        "version accessible",
        blank=True,
        help_text=(
            "Facultatif : l'adresse d'une version accessible (une page du site, un autre "
            "document), proposée à côté du lien quand ce document ne l'est pas."
        ),
    )

    admin_form_fields = (*Document.admin_form_fields, "accessibility", "accessible_alternative")

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"

    @property
    def is_accessible(self):
        return self.accessibility == Accessibility.YES
