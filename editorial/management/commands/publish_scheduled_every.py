import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

# Daily chores run by the same loop: the search terms report's old counts
# (WAGTAILSEARCH_HITS_MAX_AGE) and the queries left without any; the e-mail alerts'
# unconfirmed requests and old sending log.
DAILY_COMMANDS = ["searchpromotions_garbage_collect", "purge_alerts"]
DAY = 24 * 60 * 60


class Command(BaseCommand):
    help = (
        "Lance publish_scheduled puis send_alerts (alertes e-mail) toutes les N secondes, et "
        "les purges quotidiennes (termes de recherche anciens, alertes) une fois par jour, sans "
        "fin : pour un conteneur dédié quand aucune crontab n'est disponible (voir le README)."
    )

    def add_arguments(self, parser):
        # Every minute: an embargoed press release goes online within a minute of its time.
        parser.add_argument("--every", type=int, default=60, help="secondes entre deux passages")
        parser.add_argument(
            "--times", type=int, default=0, help="nombre de passages (0 : sans fin ; tests)"
        )

    def handle(self, *args, every, times, **options):
        stopping = []
        # `docker stop` sends SIGTERM: finish the current pass, then leave cleanly.
        signal.signal(signal.SIGTERM, lambda signum, frame: stopping.append(signum))
        done = 0
        last_daily = None
        while not stopping:
            self.run("publish_scheduled")
            # The alerts of the items it just made live, and those due for another attempt.
            self.run("send_alerts")
            if last_daily is None or time.monotonic() - last_daily >= DAY:
                for command in DAILY_COMMANDS:
                    self.run(command)
                last_daily = time.monotonic()
            done += 1
            if times and done >= times:
                break
            for _ in range(every):
                if stopping:
                    break
                time.sleep(1)
            close_old_connections()  # a database restarted meanwhile is not fatal

    def run(self, command):
        try:
            call_command(command, stdout=self.stdout)
        except Exception as error:  # noqa: BLE001 - log and retry at the next pass
            self.stderr.write(f"{command} a échoué : {error}")
