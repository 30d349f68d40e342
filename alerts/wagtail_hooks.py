from django.urls import reverse

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Subscriber


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Subscribers are read, exported and deleted, never written in the admin, not even by
    an administrator: an address is added by its owner's confirmation only."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)


register_permission_policy(Subscriber, ReadOnlyPolicy(Subscriber))


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = "Abonnés aux alertes"
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    inspect_view_fields = ["email", "scope", "created_at", "confirmed_at"]
    list_display = ["email", "scope", "created_at", "confirmed_at"]
    list_filter = ["scope"]
    search_fields = ["email"]
    list_export = ["email", "scope", "created_at", "confirmed_at"]
    export_headings = {
        "email": "Adresse électronique",
        "scope": "Alertes reçues",
        "created_at": "Demande reçue le",
        "confirmed_at": "Confirmé le",
    }
    export_filename = "abonnes-alertes"


register_snippet(SubscriberViewSet)


@hooks.register("press_room_sections")
def press_room_alerts(press_room, request):
    """« Recevoir les communiqués par e-mail »: the subscription form."""
    return {
        "template": "alerts/components/press_room_alerts.html",
        "url": reverse("alerts:subscribe"),
    }
