from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from wagtail import hooks
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Subscriber


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Subscribers are read, exported and deleted, never written in the admin, not even by
    an administrator: an address is added by its owner's confirmation only."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)


register_permission_policy(Subscriber, ReadOnlyPolicy(Subscriber))


class SubscriberInspectView(InspectView):
    def get_confirmed_at_display_value(self):
        confirmed = self.object.confirmed_at
        return date_format(localtime(confirmed), "j F Y H:i") if confirmed else "pas encore"


class SubscriberViewSet(ModelViewSet):
    """« Abonnés aux alertes »: a model view set, not a snippet. Every saved snippet renews
    the page cache and purges the CDN (pole_site.page_cache.content_models): each
    subscription would empty the whole site's cache, while no page shows a subscriber."""

    model = Subscriber
    icon = "mail"
    menu_label = "Abonnés aux alertes"
    add_to_admin_menu = True
    menu_order = 250
    inspect_view_enabled = True
    inspect_view_class = SubscriberInspectView
    inspect_view_fields = ["email", "scope", "created_at", "confirmed_at"]
    list_display = ["email", "scope", "created_at", "confirmed_at"]
    list_filter = ["scope"]
    search_fields = ["email"]
    list_export = ["email", "get_scope_display", "created_at", "confirmed_at"]
    export_headings = {
        "email": "Adresse électronique",
        "get_scope_display": "Alertes reçues",
        "created_at": "Demande reçue le",
        "confirmed_at": "Confirmé le",
    }
    export_filename = "abonnes-alertes"
    # Never shown: adding and changing are refused to everyone (ReadOnlyPolicy).
    form_fields = ["email", "scope"]


@hooks.register("register_admin_viewset")
def subscribers_admin():
    return SubscriberViewSet("abonnes_alertes")


@hooks.register("press_room_sections")
def press_room_alerts(press_room, request):
    """« Recevoir les communiqués par e-mail »: the subscription form."""
    return {
        "template": "alerts/components/press_room_alerts.html",
        "url": reverse("alerts:subscribe"),
    }
