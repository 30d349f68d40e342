"""Demo partners from seed 001 (fixtures/demo/partners.json), with placeholder logos."""

from wagtail.models import Site

from pages.demo import add_links, demo_data, get_or_create_image, publish

from .models import Domain, PartnerIndexPage, PartnerPage, Roadmap


def placeholder_logo(filename, name):
    return get_or_create_image("logos", filename, f"{name} (logo provisoire)", name)


def load(home, many=0):
    """Called by `load_demo` (see partners/wagtail_hooks.py); True when it changed anything."""
    if PartnerIndexPage.objects.exists():
        return False
    data = demo_data("partners.json")
    domains = {
        spec["slug"]: Domain.objects.get_or_create(slug=spec["slug"], defaults=spec)[0]
        for spec in data["domains"]
    }
    index = publish(home, PartnerIndexPage(**data["index"]))
    for spec in data["partners"]:
        page = PartnerPage(
            title=spec["title"],
            slug=spec["slug"],
            kind=spec["kind"],
            summary=spec.get("summary", ""),
            local_office=spec.get("local_office", ""),
            body=spec.get("body", []),
            logo=placeholder_logo(spec["logo"], spec["title"]),
        )
        page.domains = [domains[slug] for slug in spec["domains"]]
        page.roadmaps = [Roadmap(**data["roadmap"])]
        publish(index, page)
    add_links(Site.objects.get(is_default_site=True), data)
    return True
