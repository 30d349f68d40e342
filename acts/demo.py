"""The demo register from seed 001 (fixtures/demo/acts.json): the Conseil of 12 May 2021 and
the délibération it adopted on the 2021 roadmaps, with a PDF marked « Spécimen de
démonstration » on every page (fixtures/pdf/, `make demo-pdfs`). What the seed does not say
stays empty."""

import datetime

from wagtail.models import Site

from pages.demo import add_links, demo_data, get_or_create_document, publish

from .models import ActPage, ActsIndexPage, MeetingPage


def load(home):
    """Called by `load_demo` (see acts/wagtail_hooks.py); True when it changed anything."""
    if ActsIndexPage.objects.exists():
        return False
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
    return True
