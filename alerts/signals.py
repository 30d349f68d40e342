from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from news.models import NewsPage

from .sending import cancel_alerts, queue_alerts


@receiver(page_published, sender=NewsPage)
def news_published(sender, instance, **kwargs):
    # Wagtail sends the signal when a publication is scheduled too: an embargoed release
    # alerts when the scheduler makes it live, not before.
    if instance.live:
        queue_alerts(instance)


@receiver(page_unpublished, sender=NewsPage)
def news_unpublished(sender, instance, **kwargs):
    cancel_alerts(instance)
