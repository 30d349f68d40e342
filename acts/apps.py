from django.apps import AppConfig


class ActsConfig(AppConfig):
    name = "acts"
    verbose_name = "Actes et délibérations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401 (connects the publication handler)
