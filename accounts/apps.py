from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """The editors' accounts: sign-in lockout, two-factor authentication, session rules."""

    name = "accounts"
    verbose_name = "Comptes"
