"""The act's edit form: what must hold before an act goes online, and when it is corrected."""

from wagtail.admin.forms import WagtailAdminPageForm

PUBLISH_ACTIONS = {"action-publish"}


def is_publishing(data):
    """True when the editor's button publishes (or schedules) the page, directly or by a plain
    approval of the workflow's task from the editor. The review task's own approval of an
    act asks the confirmation in its dialog (editorial.models.ReviewTask)."""
    if PUBLISH_ACTIONS & set(data):
        return True
    return "action-workflow-action" in data and data.get("workflow-action-name") == "approve"


class ActPageForm(WagtailAdminPageForm):
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
