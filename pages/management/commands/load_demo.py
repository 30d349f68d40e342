"""Build the demo site from ../shared/seeds (corrected French), idempotently.

Run by `make run` on every start: when the home page already exists the command changes
nothing, so an editor's work is never overwritten.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Page, Site

from pages.models import HomePage


class Command(BaseCommand):
    help = "Charge le contenu de démonstration si la base est vide (idempotent)."

    def handle(self, *args, **options):
        if HomePage.objects.exists():
            self.stdout.write("Contenu déjà présent : rien à charger.")
            return
        with transaction.atomic():
            home = self.create_home()
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Contenu de démonstration chargé ({home.title})."))

    def create_home(self):
        root = Page.get_first_root_node()
        # Wagtail's "Welcome to your new Wagtail site!" page takes the slug "home".
        for page in root.get_children().exclude(content_type__model="homepage"):
            page.delete()
        home = HomePage(
            title="Pôle Métropolitain Rouen Seine Eure",
            slug="accueil",
            intro=(
                "Le Pôle Métropolitain associe la Métropole Rouen Normandie et "
                "l'Agglomération Seine-Eure : 560 000 habitants, 107 communes."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "root_page": home,
                "hostname": "localhost",
                "port": 80,
                "site_name": "Pôle Métropolitain Rouen Seine Eure",
            },
        )
        return home
