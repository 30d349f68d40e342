from django.core.management.base import BaseCommand

from alerts.models import DELIVERY_LOG_DAYS, UNCONFIRMED_DAYS
from alerts.sending import purge


class Command(BaseCommand):
    help = (
        f"Efface les demandes d'abonnement aux alertes non confirmées après {UNCONFIRMED_DAYS} "
        f"jours, et le journal des envois après {DELIVERY_LOG_DAYS} jours. Lancé chaque jour "
        "par publish_scheduled_every."
    )

    def handle(self, *args, **options):
        subscribers, deliveries = purge()
        self.stdout.write(
            f"Alertes : {subscribers} demande(s) non confirmée(s) et {deliveries} envoi(s) "
            "ancien(s) effacés."
        )
