from django.dispatch import receiver

from wagtail.signals import page_published

from .models import ActPage
from .publication import record_publication


@receiver(page_published, sender=ActPage)
def act_published(sender, instance, **kwargs):
    record_publication(instance)
