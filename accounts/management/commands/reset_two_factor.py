from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.two_factor import remove_second_factor


class Command(BaseCommand):
    help = (
        "Réinitialise la double authentification d'un compte qui a perdu son téléphone et ses "
        "codes de secours : à sa prochaine connexion, il en configure une nouvelle."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="identifiant du compte")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"Aucun compte « {username} ».") from None
        remove_second_factor(user)
        self.stdout.write(f"Double authentification réinitialisée pour « {username} ».")
