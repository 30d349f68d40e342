from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search, on the site and by search engines: the French search configuration, the
    `/recherche/` view and its results, `robots.txt` (the sitemap is Wagtail's).

    An app of its own because it reads every content app (news dates, partner kinds) while
    `pages` may not import them (DESIGN.md, "Layout"), and because it owns a database-level
    migration (the PostgreSQL text search configuration) that belongs to no content model.
    """

    name = "search"
    label = "site_search"
    verbose_name = "Recherche"
