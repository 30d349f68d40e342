from django.dispatch import receiver

from wagtail.signals import page_published

from .models import ActPage
from .publication import record_publication


@receiver(page_published, sender=ActPage)
def act_published(sender, instance, **kwargs):
    # Wagtail sends the signal when a publication is scheduled too: the act goes online, and
    # its date is recorded, only when the scheduler makes it live.
    if instance.live:
        record_publication(instance)
