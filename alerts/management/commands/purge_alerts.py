from django.core.management.base import BaseCommand

from alerts.sending import purge


class Command(BaseCommand):
    help = (
        "Efface les demandes d'abonnement aux alertes non confirmées après 7 jours, et le "
        "journal des envois après un an. Lancé chaque jour par publish_scheduled_every."
    )

    def handle(self, *args, **options):
        subscribers, deliveries = purge()
        self.stdout.write(
            f"Alertes : {subscribers} demande(s) non confirmée(s) et {deliveries} envoi(s) "
            "ancien(s) effacés."
        )
