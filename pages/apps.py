from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The site's core: home, editorial pages, shared blocks, navigation and quick links."""

    name = "pages"
    verbose_name = "Pages du site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401 (checks registers itself)

        signals.connect()
