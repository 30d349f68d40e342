from django.urls import include, path, reverse, reverse_lazy

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def two_factor_urls():
    two_factor = [
        path("", views.overview, name="two_factor_overview"),
        path("verifier/", views.verify, name="two_factor_verify"),
        path("configurer/", views.setup, name="two_factor_setup"),
        path("codes-de-secours/", views.regenerate_codes, name="two_factor_recovery_codes"),
        path("desactiver/", views.disable, name="two_factor_disable"),
        path("comptes/", views.accounts, name="two_factor_accounts"),
        path("comptes/<int:user_id>/reinitialiser/", views.reset, name="two_factor_reset"),
    ]
    lockouts = [
        path("", views.lockouts, name="login_lockouts"),
        path("<int:attempt_id>/debloquer/", views.unlock, name="login_lockouts_unlock"),
    ]
    return [
        path("double-authentification/", include(two_factor)),
        path("connexions-bloquees/", include(lockouts)),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_overview"),
        "label": "Double authentification",
        "help_text": (
            "Protégez votre compte par un code de votre téléphone en plus du mot de passe, "
            "et gérez vos codes de secours."
        ),
    }


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


def register_superuser_setting(label, url_name, icon, order):
    """An entry of the settings menu that only superusers see."""
    hooks.register(
        "register_settings_menu_item",
        lambda: SuperuserMenuItem(label, reverse_lazy(url_name), icon_name=icon, order=order),
    )


register_superuser_setting("Double authentification", "two_factor_accounts", "key", 620)
register_superuser_setting("Connexions bloquées", "login_lockouts", "lock", 630)
