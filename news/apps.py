from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News items, press releases, the press room and their feeds."""

    name = "news"
    verbose_name = "Actualités et presse"
    default_auto_field = "django.db.models.BigAutoField"
