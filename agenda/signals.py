from django.db.models import F
from django.dispatch import receiver

from wagtail.signals import page_published

from .models import EventPage


@receiver(page_published, sender=EventPage)
def count_publication(sender, instance, **kwargs):
    """Count the event's publications, its iCalendar SEQUENCE: a database update, so that
    two editors publishing at once both count. Wagtail sends the signal when a publication is
    scheduled too: only one that makes the event live counts."""
    if not instance.live:
        return
    EventPage.objects.filter(pk=instance.pk).update(times_published=F("times_published") + 1)
    instance.refresh_from_db(fields=["times_published"])
