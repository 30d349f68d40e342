"""A Validateur approves an act in the workflow by confirming that its personal data are
removed (CRPA L312-1-2): from the dashboard as from the editor, never without it."""

import json

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Task, TaskState

import pytest

from acts.models import ActPage
from editorial.models import APPROVE_CONFIRMED, ReviewTask
from editorial.roles import REVIEWERS, TASK, WRITERS, review_task
from tests.acts.helpers import member_of, new_act
from tests.acts.test_publication import act_form, edit


@pytest.fixture
def submitted(demo, client):
    """An act a Rédacteur prepared without the confirmation and submitted for review."""
    client.force_login(member_of(WRITERS, "redacteur"))
    act = new_act()
    assert edit(client, act, action="action-submit", personal_data_removed=None).status_code == 302
    client.force_login(member_of(REVIEWERS, "validateur"))
    return ActPage.objects.get(pk=act.pk)


def action_url(act, name):
    state = act.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(act.pk, name, state.pk))


def test_the_plain_approval_is_not_offered_for_an_act(submitted, client):
    task = submitted.current_workflow_task
    names = [name for name, _, _ in task.get_actions(submitted, member_of(REVIEWERS, "autre"))]
    assert "approve" not in names and APPROVE_CONFIRMED in names
    # Posted anyway (an old dashboard tab): refused, back to the dashboard.
    assert client.post(action_url(submitted, "approve")).status_code == 302
    assert not ActPage.objects.get(pk=submitted.pk).live


def test_approving_from_the_dashboard_needs_the_confirmation(submitted, client):
    url = action_url(submitted, APPROVE_CONFIRMED)
    dialog = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert "données personnelles sont occultées" in json.loads(dialog.content)["html"]
    refused = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert json.loads(refused.content)["step"] == "action"  # the dialog again, with its error
    assert not ActPage.objects.get(pk=submitted.pk).live
    client.post(url, {"confirmed": "on", "comment": "Vérifié"})
    act = ActPage.objects.get(pk=submitted.pk)
    assert act.live and act.personal_data_removed and act.online_at is not None


def test_approving_from_the_editor_takes_the_dialog_s_confirmation(submitted, client):
    data = act_form(submitted, action="action-workflow-action", personal_data_removed=None)
    data["workflow-action-name"] = APPROVE_CONFIRMED
    data["workflow-action-extra-data"] = json.dumps({"confirmed": True, "comment": ""})
    assert client.post(f"/admin/pages/{submitted.pk}/edit/", data).status_code == 302
    assert ActPage.objects.get(pk=submitted.pk).live


def test_other_pages_keep_the_plain_approval(demo):
    task = review_task()
    news = demo.get_children().get(slug="actualites").get_children().first()
    names = [name for name, _, _ in task.get_actions(news, member_of(REVIEWERS, "relectrice"))]
    assert "approve" in names and APPROVE_CONFIRMED not in names


def test_an_existing_group_approval_task_becomes_a_review_task(demo):
    """Sites set up before the review task had a GroupApprovalTask: it is converted in place,
    its id, groups and task states kept."""
    old = Task.objects.get(name=TASK)
    states = TaskState.objects.filter(task=old).count()
    ReviewTask.objects.get(pk=old.pk).delete(keep_parents=True)
    Task.objects.filter(pk=old.pk).update(content_type=GroupApprovalTask().content_type)
    assert isinstance(Task.objects.get(pk=old.pk).specific, GroupApprovalTask)
    task = review_task()
    assert task.pk == old.pk and isinstance(Task.objects.get(pk=old.pk).specific, ReviewTask)
    assert list(task.groups.all()) == [Group.objects.get(name=REVIEWERS)]
    assert TaskState.objects.filter(task=old).count() == states
