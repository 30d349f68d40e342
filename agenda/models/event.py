"""An event of the agenda: when (Paris time, a whole day or several), where, who organises it,
how to register, and what it relates to on the site (partners, news, a séance of the
register)."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from acts.models import MeetingPage, published_acts
from news.models import published_news
from pages.blocks import BodyBlock
from pages.fields import optional_image
from pages.images import prefetch_renditions
from pages.models import SitePage
from pages.queries import public

from ..dates import as_text, event_dates
from .category import EventCategory

PARIS = ZoneInfo(settings.TIME_ZONE)
# Soonest first; on one day, the whole-day events before the timed ones.
UPCOMING_ORDER = ("start_date", F("start_time").asc(nulls_first=True), "page_ptr_id")
# Newest first: the archive.
PAST_ORDER = ("-start_date", F("start_time").desc(nulls_last=True), "-page_ptr_id")


def today():
    """The day in Paris: an event is upcoming until midnight Paris time after it ends."""
    return timezone.localdate()


class EventStatus(models.TextChoices):
    SCHEDULED = "prevu", "Prévu"
    POSTPONED = "reporte", "Reporté"
    CANCELLED = "annule", "Annulé"


def published_events():
    """Live, public events with what a card shows, in a fixed number of queries."""
    return (
        public(EventPage.objects.live())
        .select_related("category", "image")
        .prefetch_related(prefetch_renditions("image__renditions", "card"))
    )


def upcoming_events(day=None):
    """Events not over yet on `day` (today in Paris), soonest first."""
    return published_events().filter(end_date__gte=day or today()).order_by(*UPCOMING_ORDER)


def past_events(day=None):
    """Events over before `day` (today in Paris), newest first."""
    return published_events().filter(end_date__lt=day or today()).order_by(*PAST_ORDER)


class EventPage(RoutablePageMixin, SitePage):
    """One event. It stays online once over (the archive), and cancelled or postponed too,
    marked so: people who saw it announced find out what became of it."""

    category = models.ForeignKey(
        EventCategory,
        verbose_name="catégorie",
        on_delete=models.PROTECT,
        related_name="events",
        help_text=(
            "Pour le filtre de l'agenda et les agendas par catégorie (gérées dans Fragments)."
        ),
    )
    status = models.CharField(
        "statut",
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=(
            "Un événement annulé ou reporté reste en ligne, signalé comme tel, et les agendas "
            "abonnés sont mis à jour."
        ),
    )
    status_note = models.CharField(
        "précision sur le statut",
        max_length=250,
        blank=True,
        help_text="Par exemple « Reporté à une date qui sera annoncée prochainement ».",
    )
    start_date = models.DateField("date de début", default=timezone.localdate)
    start_time = models.TimeField(
        "heure de début",
        null=True,
        blank=True,
        help_text="Heure de Paris. Vide : l'événement dure toute la journée.",
    )
    end_date = models.DateField(
        "date de fin",
        blank=True,
        help_text="Vide : le même jour. Pour un événement sur plusieurs jours, le dernier jour.",
    )
    end_time = models.TimeField("heure de fin", null=True, blank=True, help_text="Heure de Paris.")
    place_name = models.CharField(
        "lieu", max_length=200, blank=True, help_text="Par exemple « Kindarena »."
    )
    place_address = models.TextField(
        "adresse", blank=True, help_text="Numéro, rue, code postal et commune."
    )
    online_url = models.URLField(
        "lien pour suivre en ligne",
        blank=True,
        help_text="Visioconférence ou retransmission ; l'événement peut avoir un lieu aussi.",
    )
    organiser = models.CharField("organisateur", max_length=200, blank=True)
    registration_url = models.URLField("lien d'inscription", blank=True)
    registration_deadline = models.DateField(
        "inscriptions jusqu'au",
        null=True,
        blank=True,
        help_text="Le dernier jour pour s'inscrire ; passé ce jour, le lien n'est plus proposé.",
    )
    summary = models.TextField(
        "résumé",
        blank=True,
        help_text="Quelques lignes, reprises dans l'agenda, les calendriers et les partages.",
    )
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    image = optional_image(
        "image",
        help_text=(
            "Sa description (dans Images) sert de texte alternatif, son crédit est affiché avec "
            "elle."
        ),
    )
    image_caption = models.CharField("légende de l'image", max_length=250, blank=True)
    related_partners = ParentalManyToManyField(
        "partners.PartnerPage",
        verbose_name="partenaires concernés",
        blank=True,
        related_name="events",
        help_text=(
            "L'événement apparaîtra aussi sur la page de ces partenaires tant qu'il est à venir."
        ),
    )
    related_news = ParentalManyToManyField(
        "news.NewsPage",
        verbose_name="actualités liées",
        blank=True,
        related_name="events",
    )
    meeting = models.ForeignKey(
        MeetingPage,
        verbose_name="séance du registre des actes",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=(
            "Pour une séance du Conseil syndical ou du Bureau : la séance du registre, dont "
            "l'événement donnera les délibérations une fois en ligne."
        ),
    )
    # Counted by the site at each publication (agenda.signals): the iCalendar SEQUENCE.
    times_published = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("status")]),
        FieldPanel("status_note"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading="Dates (heure de Paris)",
        ),
        MultiFieldPanel(
            [FieldPanel("place_name"), FieldPanel("place_address"), FieldPanel("online_url")],
            heading="Lieu",
        ),
        FieldPanel("organiser"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("registration_url"), FieldPanel("registration_deadline")])],
            heading="Inscription",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_caption")],
            heading="Image",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("related_partners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_news"),
                FieldPanel("meeting"),
            ],
            heading="Liens",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place_name"),
        index.SearchField("organiser"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]
    share_image_field = "image"
    serve_select_related = ("category", "image", "meeting")
    site_recorded_fields = ("times_published",)
    search_type_label = "événement"

    # Events live only in the agenda, and have no children.
    parent_page_types = ["agenda.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "événement"
        indexes = [
            # Upcoming events (end_date from today) and the archive (end_date before today),
            # soonest or newest first.
            models.Index(fields=["end_date", "start_date"], name="agenda_end_start_idx"),
            # The archive of a year and the month filter: a range of start dates.
            models.Index(fields=["start_date", "page_ptr"], name="agenda_start_idx"),
        ]

    def clean(self):
        super().clean()
        if self.end_date is None:
            self.end_date = self.start_date
        errors = {}
        if self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "La fin ne peut précéder le début."
        if self.end_time and not self.start_time:
            errors["start_time"] = "Donnez l'heure de début, ou aucune heure pour toute la journée."
        elif (
            self.end_time and self.end_date == self.start_date and self.end_time <= self.start_time
        ):
            errors["end_time"] = "L'heure de fin vient après l'heure de début."
        if self.registration_deadline and self.registration_deadline > self.end_date:
            errors["registration_deadline"] = "Les inscriptions ferment au plus tard à la fin."
        if self.registration_deadline and not self.registration_url:
            errors["registration_url"] = "Donnez le lien d'inscription."
        if self.meeting_id and self.meeting.date != self.start_date:
            errors["meeting"] = (
                f"Cette séance a lieu le {self.meeting.date:%d/%m/%Y} : l'événement doit "
                "commencer le même jour."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.end_date is None:
            self.end_date = self.start_date
        return super().save(*args, **kwargs)

    # --- Time ---------------------------------------------------------------------------

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def starts_at(self):
        """The start, an aware datetime in Paris (midnight for a whole-day event)."""
        return datetime.datetime.combine(self.start_date, self.start_time or datetime.time(), PARIS)

    @property
    def ends_at(self):
        """The end, aware in Paris; a whole day (or a last day without an end time) ends at
        the next midnight; a one-day event with a start time only ends when it starts."""
        if self.end_time is not None:
            return datetime.datetime.combine(self.end_date, self.end_time, PARIS)
        if self.start_time is not None and self.end_date == self.start_date:
            return self.starts_at
        return datetime.datetime.combine(
            self.end_date + datetime.timedelta(days=1), datetime.time(), PARIS
        )

    def date_pieces(self):
        return event_dates(self.start_date, self.end_date, self.start_time, self.end_time)

    @property
    def date_text(self):
        return as_text(self.date_pieces())

    @property
    def sequence(self):
        """The iCalendar SEQUENCE (RFC 5545 §3.8.7.4): 0 as first published, one more at each
        publication after, so that subscribed calendars take every change."""
        return max(self.times_published - 1, 0)

    @property
    def date(self):
        """The day it starts: what the site search shows beside a result, as a news item's."""
        return self.start_date

    @property
    def is_past(self):
        return self.end_date < today()

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def registration_open(self):
        """Registration is offered until its deadline (the event's last day otherwise), and
        not for a cancelled or postponed event."""
        if not self.registration_url or self.status != EventStatus.SCHEDULED:
            return False
        return (self.registration_deadline or self.end_date) >= today()

    # --- Where ---------------------------------------------------------------------------

    @property
    def attendance_mode(self):
        """ "offline", "online" or "mixed" (schema.org's eventAttendanceMode); "" when the
        event states neither a place nor a link."""
        place = bool(self.place_name or self.place_address)
        if place and self.online_url:
            return "mixed"
        return "offline" if place else ("online" if self.online_url else "")

    @property
    def location_text(self):
        """The place on one line, as a calendar shows it."""
        parts = [self.place_name, " ".join(self.place_address.split())]
        return ", ".join(filter(None, parts)) or self.online_url

    # --- What the page shows --------------------------------------------------------------

    def get_summary_text(self):
        text = super().get_summary_text()
        return text or f"{self.category.name}, {self.date_text}."

    def get_frontend_cache_dependents(self):
        """Pages besides the agenda that show it: its partners' pages while it is upcoming,
        and its séance (pole_site/frontend_cache.py)."""
        meeting = [self.meeting] if self.meeting_id else []
        return [*self.related_partners.all(), *meeting]

    def json_ld(self, request, image):
        from ..structured_data import event

        return event(request, self, image)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # values_list, not the relation: a preview's page comes from a revision, whose
        # relations are in memory (modelcluster) rather than querysets.
        partner_ids = self.related_partners.values_list("id", flat=True)
        partner_model = EventPage._meta.get_field("related_partners").related_model
        partners = partner_model.objects.live().filter(pk__in=partner_ids).order_by("title")
        context["partners"] = list(public(partners))
        news_ids = self.related_news.values_list("id", flat=True)
        context["news"] = list(published_news().filter(pk__in=news_ids))
        meeting = self.meeting if self.meeting_id and self.meeting.live else None
        context["meeting"] = meeting
        context["deliberations"] = (
            list(published_acts().filter(meeting=meeting).order_by("number", "pk"))
            if meeting
            else []
        )
        context["share_url"] = self.get_full_url(request)
        return context

    @path("")
    def event(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical(self, request):
        """« Ajouter à mon agenda »: this event alone, as an .ics file."""
        from ..ical import calendar_response

        return calendar_response(request, [self], name=self.title, filename=self.slug)
