from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from pages.public_address import apply_to_site


class Command(BaseCommand):
    """The public address is configuration (SITE_URL), but Wagtail reads it from the default
    Site record: this copies one into the other, as a release step after `migrate`."""

    help = (
        "Écrit l'adresse publique du site (SITE_URL, ou l'adresse donnée) dans le site Wagtail "
        "par défaut : liens absolus, plan du site, flux et partages l'utilisent."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="ex. https://www.example.fr (défaut : SITE_URL)")

    def handle(self, *args, url=None, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("Aucun site Wagtail par défaut : chargez d'abord le contenu.")
        try:
            changed = apply_to_site(site, url)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Adresse du site : {site.root_url}" + ("" if changed else " (inchangée)")
        )
