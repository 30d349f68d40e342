"""Build the demo site from the seeds (corrected French, in fixtures/demo/), idempotently.

`make run` calls this on every start. Each part checks for itself, so a second run changes
nothing and an editor's work is never overwritten; a database created before a new part of
the site existed gets that part on the next run.
"""

import re

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail import hooks
from wagtail.models import Page, Site

from pages.demo import demo_data, get_or_create_image, publish
from pages.models import (
    ContactFormField,
    ContactPage,
    FooterLink,
    HomePage,
    MainMenuItem,
    NavigationSettings,
    QuickLink,
    QuickLinksSettings,
)
from pages.public_address import parse

# Images made for the demo, with the alt text (description) an editor would write, and what
# the photo library shows of them: made for this site, so credited to it; no licence nor date
# is known.
IMAGES = {
    "vallee-de-la-seine.png": (
        "Vallée de la Seine (illustration)",
        "Illustration stylisée de la vallée de la Seine, entre Rouen et Louviers.",
        {
            "credit": "Illustration réalisée pour ce site",
            "caption": "La vallée de la Seine, entre Rouen et Louviers (illustration).",
            "in_photo_library": True,
        },
    ),
    "deux-intercommunalites.png": (
        "Schéma : les deux intercommunalités du Pôle",
        "Schéma : la Métropole Rouen Normandie et l'Agglomération Seine-Eure, réunies dans "
        "le Pôle Métropolitain (560 000 habitants, 107 communes).",
        {
            "credit": "Schéma réalisé pour ce site",
            "caption": "Les deux intercommunalités associées au sein du Pôle Métropolitain.",
            "in_photo_library": True,
        },
    ),
}

RICH_TEXT_PAGE_LINK = re.compile(r'href="page:([\w-]+)"')


class DemoLoader:
    """Turns the JSON fixtures into pages, resolving "image:…" and "page:…" references."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.images = {}

    def image(self, filename):
        if filename not in self.images:
            title, description, fields = IMAGES[filename]
            self.images[filename] = get_or_create_image(
                "images", filename, title, description, **fields
            )
        return self.images[filename]

    def page_id(self, slug):
        return Page.objects.get(slug=slug).id

    def resolve(self, value):
        """Replace references in a fixture value by database ids (recursively)."""
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if isinstance(value, str):
            if value.startswith("image:"):
                return self.image(value.removeprefix("image:")).id
            if value.startswith("page:"):
                return self.page_id(value.removeprefix("page:"))
            return RICH_TEXT_PAGE_LINK.sub(
                lambda match: f'linktype="page" id="{self.page_id(match.group(1))}"', value
            )
        return value

    def load_site(self, data):
        root = Page.get_first_root_node()
        # Wagtail's own "Welcome to your new Wagtail site!" page.
        for page in root.get_children().not_type(HomePage):
            page.delete()
        home_data = data["home"]
        home = HomePage(
            title=home_data["title"],
            slug=home_data["slug"],
            intro=home_data["intro"],
            hero_image=self.image(home_data["hero_image"].removeprefix("image:")),
            hero_image_alt=home_data["hero_image_alt"],
            key_figures=home_data["key_figures"],
        )
        publish(root, home)
        hostname, port = parse(settings.SITE_URL)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "root_page": home,
                "hostname": hostname,
                "port": port,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
        # Pages are created in two passes so that links between them can be resolved.
        created = []
        for spec in data["pages"]:
            page = publish(Page.objects.get(slug=spec["parent"]).specific, self.build(spec))
            created.append((page, spec))
        for page, spec in created:
            if "body" in spec:
                page.body = self.resolve(spec["body"])
                page.save_revision().publish()

    def build(self, spec):
        """An unsaved page from its fixture entry (the body comes later, once all exist)."""
        model = Page.objects.model._meta.apps.get_model(spec["type"])
        fields = {
            k: v for k, v in spec.items() if k not in {"type", "parent", "body", "form_fields"}
        }
        page = model(**fields)
        if "form_fields" in spec:
            page.form_fields = [ContactFormField(**field) for field in spec["form_fields"]]
        return page

    def load_contact_page(self, data, home):
        """The contact form, for a site loaded before it existed; True when it was created.

        An older demo made /contact/ a standard page: that page (perhaps edited since) is left
        alone. Deleting it would also delete the menu, footer and quick links pointing to it
        (their page links cascade), hence the advice to start from an empty database instead.
        """
        existing = home.get_children().filter(slug="contact").first()
        if existing is not None:
            if not isinstance(existing.specific, ContactPage):
                self.stdout.write(
                    "La page /contact/ est une page standard (démo antérieure au formulaire de "
                    "contact) : elle est laissée telle quelle. Pour le formulaire, repartez "
                    "d'une base vide (supprimez db.sqlite3, puis make run)."
                )
            return False
        spec = next(spec for spec in data["pages"] if spec["type"] == "pages.ContactPage")
        publish(home, self.build(spec))
        return True

    def link_fields(self, spec):
        if "page" in spec:
            return {"link_page_id": self.page_id(spec["page"])}
        return {"link_url": spec["url"]}

    def load_links(self, data, site):
        quick = QuickLinksSettings.for_site(site)
        if not quick.quick_links.exists():
            quick.quick_links = [
                QuickLink(
                    label=spec["label"],
                    description=spec["description"],
                    icon=spec["icon"],
                    **self.link_fields(spec),
                )
                for spec in data["quick_links"]
            ]
            quick.save()
        navigation = NavigationSettings.for_site(site)
        if not navigation.main_menu_items.exists() and not navigation.footer_links.exists():
            navigation.main_menu_items = [
                MainMenuItem(label=spec["label"], **self.link_fields(spec))
                for spec in data["main_menu"]
            ]
            navigation.footer_links = [
                FooterLink(label=spec["label"], **self.link_fields(spec))
                for spec in data["footer_links"]
            ]
            navigation.save()


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent : ne modifie rien s'il existe déjà)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--many",
            type=int,
            default=0,
            metavar="N",
            help="Ajoute N actualités fictives (tests de performance ; désactivé par défaut).",
        )

    def handle(self, *args, **options):
        data = demo_data("pages.json")
        loader = DemoLoader(self.stdout)
        changed = False
        with transaction.atomic():
            if not HomePage.objects.exists():
                loader.load_site(data)
                changed = True
            home = HomePage.objects.get()
            changed = loader.load_contact_page(data, home) or changed
            site = Site.objects.get(is_default_site=True)
            if not QuickLinksSettings.for_site(site).quick_links.exists():
                loader.load_links(data, site)
                changed = True
            # Apps building on this one (news, partners) load their own part.
            for hook in hooks.get_hooks("load_demo"):
                changed = hook(home, many=options["many"]) or changed
        if changed:
            call_command("update_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
        else:
            self.stdout.write("Contenu déjà présent : rien à charger.")
