"""The news items already online, or online once, count as announced: the alerts start with
the items published after them, and republishing an old item sends nothing."""

from django.db import migrations
from django.db.models import Q


def mark_published_news(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    AlertedPage = apps.get_model("alerts", "AlertedPage")
    published = NewsPage.objects.filter(Q(live=True) | Q(first_published_at__isnull=False))
    AlertedPage.objects.bulk_create(
        (AlertedPage(page_id=pk) for pk in published.values_list("pk", flat=True).iterator()),
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial")]

    operations = [migrations.RunPython(mark_published_news, migrations.RunPython.noop)]
