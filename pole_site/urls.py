from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from alerts import urls as alerts_urls
from pages import views as pages_views
from pole_site import health, views
from search import views as search_views

urlpatterns = [
    path("health/", health.health, name="health"),
    path("health/ready/", health.ready, name="health-ready"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", search_views.search, name="search"),
    path("alertes/", include(alerts_urls)),
    path("sitemap.xml", search_views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", search_views.sitemap_section, name="sitemap-section"),
    path("robots.txt", search_views.robots_txt, name="robots-txt"),
    path(".well-known/security.txt", pages_views.security_txt, name="security-txt"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>(?:images|original_images)/.+)$", views.media),
    ]

# Wagtail's page serving catches everything else: keep it last.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "pole_site.error_pages.bad_request"
handler500 = "pole_site.error_pages.server_error"
