from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """The pôles de compétitivité, filières and clusters the Pôle supports."""

    name = "partners"
    verbose_name = "Partenaires"
    default_auto_field = "django.db.models.BigAutoField"
