"""The contact form's rate limit: submissions counted per visitor, exactly, whatever serves
the request.

The counter lives in the database rather than the cache: it must be one count for every
gunicorn worker and server (a per-process memory cache multiplied the limit by the number of
workers), survive a worker restart, and keep working when Redis is down, which is exactly
when a message must not be lost. A contact message is written to the database anyway; one
locked row per visitor costs little beside it.
"""

import datetime

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from pole_site.client_ip import client_key

# At most this many messages per visitor address and window; spam beyond that is refused.
RATE_LIMIT = 5
RATE_LIMIT_WINDOW = 10 * 60  # seconds
RATE_LIMIT_MESSAGE = (
    "Vous avez envoyé plusieurs messages en peu de temps. Pour protéger le site des envois "
    "automatiques, le vôtre n'a pas encore été envoyé : réessayez dans une dizaine de minutes. "
    "Ce que vous avez saisi est conservé ci-dessous."
)


class SubmissionCounter(models.Model):
    """How many messages one visitor address sent since `window_start` (fixed window)."""

    key = models.CharField(max_length=100, unique=True)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "compteur d'envois"

    def __str__(self):
        return f"{self.key}: {self.count}"


def allow(key, limit, window_seconds):
    """Count one attempt for `key`; False once more than `limit` fall in the window.

    The row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite transactions take the write
    lock when they start, see settings), so two simultaneous requests cannot both read 4.
    """
    now = timezone.now()
    window_opened_after = now - datetime.timedelta(seconds=window_seconds)
    with transaction.atomic():
        counter = SubmissionCounter.objects.select_for_update().filter(key=key).first()
        if counter is None:
            try:
                with transaction.atomic():
                    SubmissionCounter.objects.create(key=key, window_start=now, count=1)
            except IntegrityError:  # another request created it meanwhile: count on that row
                counter = SubmissionCounter.objects.select_for_update().get(key=key)
            else:
                SubmissionCounter.objects.filter(window_start__lte=window_opened_after).delete()
                return limit >= 1
        if counter.window_start <= window_opened_after:
            counter.window_start, counter.count = now, 0
        counter.count += 1
        counter.save(update_fields=["window_start", "count"])
        return counter.count <= limit


def rate_limit_key(request):
    """One counter per visitor (see pole_site.client_ip)."""
    return f"contact-form:{client_key(request)}"


def allow_submission(request):
    """Count one submission for this visitor; False once over RATE_LIMIT in the window.

    The count is shared by every gunicorn worker and server.
    """
    return allow(rate_limit_key(request), RATE_LIMIT, RATE_LIMIT_WINDOW)
