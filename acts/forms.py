"""The act's edit form: what must hold before an act goes online, and when it is corrected."""

from pages.admin_forms import SitePageForm, is_publishing


class ActPageForm(SitePageForm):
    """The review task's own approval of an act asks the confirmation in its dialog
    (editorial.models.ReviewTask); publishing from the editor asks it here."""

    def clean(self):
        cleaned = super().clean()
        document = cleaned.get("document")
        if is_publishing(self.data):
            if not cleaned.get("personal_data_removed"):
                self.add_error(
                    "personal_data_removed",
                    "Avant la mise en ligne, vérifiez le PDF et confirmez que les données "
                    "personnelles sont occultées.",
                )
            if document is None:
                self.add_error("document", "Un acte se publie avec son PDF signé.")
        current = self.instance.current_version if self.instance.pk else None
        if current and document and document.sha256 != current.sha256:
            reason = cleaned.get("correction_reason", "").strip()
            if not reason or reason == current.reason:
                self.add_error(
                    "correction_reason",
                    "Le PDF publié change : indiquez le motif de cette rectification. La "
                    "version actuelle restera consultable à côté de la nouvelle.",
                )
        return cleaned
