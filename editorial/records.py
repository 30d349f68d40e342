"""Pages that are public records (an act, a séance, the register): what the admin refuses to
do with them, whoever asks.

A page type declares it with class attributes, read here so that the rule lives with the
roles: `unpublish_needs_reason` (only a Validateur unpublishes it, giving a reason kept in the
page's history) and `never_deleted_once_online` (once it has been online, it is kept for
good: CGCT R2131-1 asks for free and permanent access to published acts).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from wagtail.log_actions import log
from wagtail.models import Page, get_page_models

from .roles import REVIEWERS

UNPUBLISH_REASON_ACTION = "editorial.unpublish_reason"


def needs_reason(page):
    return getattr(page.specific_class, "unpublish_needs_reason", False)


def kept_forever_types():
    return [
        model for model in get_page_models() if getattr(model, "never_deleted_once_online", False)
    ]


def is_reviewer(user):
    return user.is_superuser or user.groups.filter(name=REVIEWERS).exists()


def records_once_online(pages):
    """The pages among `pages` (and below them) that must never be deleted."""
    types = kept_forever_types()
    if not types:
        return Page.objects.none()
    found = Page.objects.none()
    for page in pages:
        found |= Page.objects.descendant_of(page, inclusive=True)
    return found.type(*types).filter(first_published_at__isnull=False)


def unpublish_with_reason(request, page):
    """Before an unpublication is carried out: a Validateur's reason, kept in the history."""
    if not needs_reason(page):
        return None
    if not is_reviewer(request.user):
        raise PermissionDenied("Seul un Validateur peut retirer de la publication un acte.")
    reason = " ".join(request.POST.get("reason", "").split())
    if not reason:
        return render(
            request,
            "editorial/unpublish_reason.html",
            {"page": page, "submitted": "reason" in request.POST},
            status=400 if "reason" in request.POST else 200,
        )
    log(instance=page, action=UNPUBLISH_REASON_ACTION, user=request.user, data={"reason": reason})
    return None


def refuse_deleting_records(request, page):
    kept = records_once_online([page])
    if not kept.exists():
        return None
    messages.error(
        request,
        "Un acte mis en ligne reste consultable en permanence : il ne peut pas être supprimé"
        f" (« {kept.first().title} »). Un Validateur peut le retirer de la publication en "
        "donnant un motif.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_bulk_actions_on_records(request, action_type, objects, action):
    if action_type not in {"delete", "unpublish"}:
        return None
    pages = [obj for obj in objects if isinstance(obj, Page)]
    refused = records_once_online(pages) if action_type == "delete" else None
    if action_type == "unpublish":
        refused = [page for page in pages if needs_reason(page)]
    if not refused:
        return None
    messages.error(
        request,
        "Les actes et séances ne se retirent (ni ne se suppriment) pas par lot : un Validateur "
        "retire chacun depuis sa page, en donnant un motif.",
    )
    return redirect(request.headers.get("referer") or reverse("wagtailadmin_explore_root"))
