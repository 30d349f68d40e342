"""`manage.py check_acts`: every PDF the site put online for an act is still the file whose
fingerprint the act shows. For a daily cron job: it exits with an error when one is not, so
that the team hears of it before a reader does."""

from django.core.management.base import BaseCommand, CommandError

from acts.models import ActVersion


class Command(BaseCommand):
    help = "Vérifie l'empreinte SHA-256 de chaque version publiée d'un acte."

    def handle(self, *args, **options):
        altered = []
        versions = ActVersion.objects.select_related("act").order_by("act_id", "number")
        for version in versions.iterator():
            if not version.file_is_intact():
                altered.append(version)
                self.stderr.write(
                    f"Altéré : {version.act.title} (version {version.number}, "
                    f"{version.file.name}, empreinte attendue {version.sha256})"
                )
        if altered:
            raise CommandError(f"{len(altered)} fichier(s) d'actes ne correspondent plus.")
        self.stdout.write(f"{versions.count()} version(s) d'actes vérifiée(s) : intactes.")
