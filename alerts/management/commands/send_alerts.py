from django.core.management.base import BaseCommand

from alerts.sending import send_due


class Command(BaseCommand):
    help = (
        "Envoie les alertes e-mail dues (actualités et communiqués mis en ligne), un message "
        "par abonné, et programme une nouvelle tentative pour celles que le serveur de "
        "messagerie a refusées. Lancé par publish_scheduled_every à chaque passage."
    )

    def handle(self, *args, **options):
        counts = send_due()
        if any(counts.values()):
            self.stdout.write(
                f"Alertes : {counts['sent']} envoyée(s), {counts['retried']} à retenter, "
                f"{counts['failed']} abandonnée(s)."
            )
