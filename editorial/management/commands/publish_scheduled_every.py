import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections


class Command(BaseCommand):
    help = (
        "Lance publish_scheduled toutes les N secondes, sans fin : pour un conteneur dédié "
        "quand aucune crontab n'est disponible (voir le README)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=300, help="secondes entre deux passages")
        parser.add_argument(
            "--times", type=int, default=0, help="nombre de passages (0 : sans fin ; tests)"
        )

    def handle(self, *args, every, times, **options):
        stopping = []
        # `docker stop` sends SIGTERM: finish the current pass, then leave cleanly.
        signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
        done = 0
        while not stopping:
            try:
                call_command("publish_scheduled", stdout=self.stdout)
            except Exception as error:  # noqa: BLE001 - log and retry at the next pass
                self.stderr.write(f"publish_scheduled a échoué : {error}")
            done += 1
            if times and done >= times:
                break
            for _ in range(every):
                if stopping:
                    break
                time.sleep(1)
            close_old_connections()  # a database restarted meanwhile is not fatal
