"""Give a newcomer an admin login on first `make run`, and never in production."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "editeur"


class Command(BaseCommand):
    help = "Crée un compte éditeur de développement s'il n'en existe aucun (DEBUG uniquement)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Commande réservée au développement (DEBUG=True).")
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write("Un compte administrateur existe déjà : aucun compte créé.")
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(
            USERNAME, email="editeur@example.invalid", password=password, first_name="Éditeur"
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Compte éditeur de développement créé — notez-le, il ne sera plus affiché :\n"
                f"  adresse : {settings.WAGTAILADMIN_BASE_URL}/admin/\n"
                f"  identifiant : {USERNAME}\n"
                f"  mot de passe : {password}"
            )
        )
