"""The demo register from seed 001 (fixtures/demo/acts.json): the Conseil of 12 May 2021 and
the délibération it adopted on the 2021 roadmaps, with a PDF marked « Spécimen de
démonstration » on every page (fixtures/pdf/, `make demo-pdfs`). What the seed does not say
stays empty."""

import datetime

from django.utils import timezone

from wagtail.models import Site

from pages.demo import add_links, bulk_add_children, demo_data, get_or_create_document, publish

from .models import ActKind, ActPage, ActsIndexPage, Matter, MeetingPage


def load(home, many=0):
    """Called by `load_demo` (see acts/wagtail_hooks.py); True when it changed anything."""
    changed = False
    if not ActsIndexPage.objects.exists():
        load_register(home)
        changed = True
    if many:
        add_fake_acts(many)
        changed = True
    return changed


def load_register(home):
    data = demo_data("acts.json")
    index = publish(home, ActsIndexPage(**data["index"]))
    spec = data["meeting"]
    meeting = publish(
        index, MeetingPage(**{**spec, "date": datetime.date.fromisoformat(spec["date"])})
    )
    spec = dict(data["act"])
    document = get_or_create_document(spec.pop("document"), spec.pop("document_title"))
    act = ActPage(
        **{**spec, "adopted_on": datetime.date.fromisoformat(spec["adopted_on"])},
        meeting=meeting,
        document=document,
        # The specimen was made here from the press release: it holds no personal data.
        personal_data_removed=True,
    )
    publish(index, act)
    add_links(Site.objects.get(is_default_site=True), data)


def add_fake_acts(count):
    """Clearly fake acts for performance tests, off by default (`load_demo --many`): `count`
    more live acts over ten years, of every nature and matière. No PDF and no séance (a real
    séance holds tens of délibérations, not thousands): the register's line and its
    prefetches cost the same with or without."""
    index = ActsIndexPage.objects.get()
    matters = list(Matter.objects.all())
    kinds = [choice for choice, _ in ActKind.choices]
    start = ActPage.objects.filter(slug__startswith="acte-fictif-").count()
    acts = []
    for number in range(start, start + count):
        day = datetime.date(2015, 1, 1) + datetime.timedelta(days=number % 3650)
        kind = kinds[number % len(kinds)]
        online = timezone.make_aware(datetime.datetime.combine(day, datetime.time(17)))
        acts.append(
            ActPage(
                title=f"Acte fictif n° {number + 1} (test de charge)",
                slug=f"acte-fictif-{number + 1}",
                first_published_at=online,
                last_published_at=online,
                online_at=online,
                kind=kind,
                number=f"{day.year}-{number + 1}",
                adopted_on=day,
                matter=matters[number % len(matters)],
                decision="<p>Contenu fictif généré pour mesurer les performances du site.</p>",
                document_text="Texte fictif du document signé.",
                personal_data_removed=True,
            )
        )
    bulk_add_children(index, acts)
