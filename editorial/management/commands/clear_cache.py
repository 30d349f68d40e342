from django.core.cache import cache
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """After a restore the cache (Redis, or the file cache) still holds pages, header, footer
    and rendition addresses of the content from before; nothing in it is lost by emptying it,
    everything is rebuilt on the next requests."""

    help = (
        "Vide le cache du site (pages, en-tête et pied de page, rendus d'images) : à lancer "
        "après une restauration (voir le README)."
    )

    def handle(self, *args, **options):
        cache.clear()
        self.stdout.write("Cache du site vidé.")
