"""The Validateurs' review task: Wagtail's group approval, and, for a page that names a check
the law asks before publication (an act: its personal data removed, CRPA L312-1-2), an
approval that confirms that check, where the reviewer approves (the dashboard or the editor).
"""

from django import forms
from django.db import transaction

from wagtail.forms import TaskStateCommentForm
from wagtail.models import GroupApprovalTask

APPROVE_CONFIRMED = "approve_confirmed"


def publication_confirmation(page):
    """(field, label) of the check a page type asks before publication, or None."""
    model = getattr(page, "specific_class", None) or type(page)
    return getattr(model, "publication_confirmation", None)


class ConfirmedApprovalForm(TaskStateCommentForm):
    confirmed = forms.BooleanField(
        label="Je confirme avoir vérifié le PDF : les données personnelles sont occultées.",
        required=True,
        error_messages={"required": "Sans cette confirmation, l'acte ne peut pas être publié."},
    )


class ReviewTask(GroupApprovalTask):
    class Meta:
        verbose_name = "relecture par un validateur"
        verbose_name_plural = "relectures par un validateur"

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not actions or publication_confirmation(obj) is None:
            return actions
        # Approving such a page always goes through the confirmation form.
        return [action for action in actions if action[0] != "approve"] + [
            (APPROVE_CONFIRMED, "Approuver et publier", True)
        ]

    def get_form_for_action(self, action):
        if action == APPROVE_CONFIRMED:
            return ConfirmedApprovalForm
        return super().get_form_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == APPROVE_CONFIRMED:
            kwargs.pop("confirmed", None)
            page = task_state.workflow_state.content_object
            field, _ = publication_confirmation(page)
            # The revision the approval publishes (wagtail.workflows.publish_workflow_state).
            revision = page.get_latest_revision()
            revision.content[field] = True
            revision.save(update_fields=["content"])
            action_name = "approve"
        return super().on_action(task_state, user, action_name, **kwargs)
