"""The site's documents: Wagtail's, plus whether each is accessible (RGAA 13.3), and the
SHA-256 fingerprint of its file.

A public body must publish accessible documents, or say which are not and how to get them
otherwise. Editors record it on each document; every public link then says it (components/
document_link.html) and the accessibility statement points to those links.

The fingerprint is taken whenever a file is uploaded (Wagtail's SHA-1 `file_hash` only finds
duplicates): it is what a published act shows, so that anyone can check the file they
downloaded is the one the Pôle put online (CGCT R2131-1, integrity of published acts).
"""

import hashlib

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

    sha256 = models.CharField(
        "empreinte SHA-256", max_length=64, blank=True, editable=False, db_index=True
    )

    admin_form_fields = (*Document.admin_form_fields, "accessibility", "accessible_alternative")

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"

    def _set_file_hash(self):
        """Wagtail's upload paths all call this when a file arrives: the SHA-256 too."""
        super()._set_file_hash()
        with self.open_file() as handle:
            self.sha256 = file_sha256(handle)

    @property
    def is_accessible(self):
        return self.accessibility == Accessibility.YES


def file_sha256(handle):
    """The SHA-256 of an open file, read in blocks from where it stands."""
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 16), b""):
        digest.update(block)
    return digest.hexdigest()
