"""The communications team's day: a Rédacteur writes, a Validateur publishes, citizens read."""

import datetime
import xml.etree.ElementTree as ET
from unittest import mock

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from editorial.roles import setup_editorial
from news.models import NewsIndexPage, NewsPage
from pages.models import HomePage
from tests.editors import login
from tests.factories import NewsPageFactory
from tests.news.helpers import clean, soup


def news_form(title, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),  # the admin's JavaScript fills it in a browser
            "date": timezone.localdate().isoformat(),
            "news_type": "actualite",
            "intro": "Le Pôle accompagne un nouveau projet de covoiturage.",
            "body": streamfield([]),
            "documents": inline_formset([]),
            "image_caption": "",
            "source_url": "",
            "source_name": "",
            "tags": "",
            "seo_title": "",
            "search_description": "",
        }
    )
    data[action] = action
    return data


# ---------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------


def test_setup_is_idempotent(demo):
    before = {group.name: group.permissions.count() for group in Group.objects.all()}
    setup_editorial()
    call_command("setup_editorial", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = {group.name: group.permissions.count() for group in Group.objects.all()}
    assert before == after
    assert Workflow.objects.filter(name="Validation").count() == 1


def test_writer_can_write_news_but_not_publish(client, writer):
    login(client, writer)
    index = NewsIndexPage.objects.get()
    add_url = f"/admin/pages/add/news/newspage/{index.pk}/"
    form = soup(client.get(add_url))
    buttons = {button.get("name") for button in form.find_all("button")}
    assert "action-submit" in buttons
    assert "action-publish" not in buttons
    # Even a forged "publish" leaves the page a draft.
    client.post(add_url, news_form("Essai de publication directe", "action-publish"))
    page = NewsPage.objects.get(title="Essai de publication directe")
    assert not page.live


def test_writer_cannot_touch_settings_menus_or_other_sections(client, writer):
    login(client, writer)
    assert client.get("/admin/").status_code == 200
    for url in [
        "/admin/settings/pages/quicklinkssettings/",
        "/admin/settings/pages/navigationsettings/",
        "/admin/settings/pages/siteidentitysettings/",
        "/admin/redirects/",
        f"/admin/pages/add/pages/standardpage/{HomePage.objects.get().pk}/",
    ]:
        response = client.get(url, follow=True)
        # Refused the Wagtail way: back to the dashboard with an error message, or a 403.
        if response.status_code != 403:
            assert response.redirect_chain[-1][0] == "/admin/", url
            errors = [m for m in response.context["messages"] if m.level_tag == "error"]
            assert any("autorisations" in str(m) for m in errors), url


def test_only_reviewers_read_the_contact_messages(client, writer, reviewer):
    contact = Page.objects.get(url_path__endswith="/contact/")
    submissions = f"/admin/forms/submissions/{contact.pk}/"
    login(client, reviewer)
    assert client.get(submissions).status_code == 200
    client.logout()
    login(client, writer)
    response = client.get(submissions, follow=True)
    assert response.status_code == 403 or response.redirect_chain[-1][0] == "/admin/"


def test_writer_uploads_images_and_documents(client, writer):
    login(client, writer)
    assert client.get("/admin/images/add/").status_code == 200
    assert client.get("/admin/documents/add/").status_code == 200


def test_reviewer_can_publish_and_manage_quick_links_and_redirects(client, reviewer):
    login(client, reviewer)
    index = NewsIndexPage.objects.get()
    form = soup(client.get(f"/admin/pages/add/news/newspage/{index.pk}/"))
    assert "action-publish" in {button.get("name") for button in form.find_all("button")}
    for url in [
        "/admin/settings/pages/quicklinkssettings/",
        "/admin/settings/pages/navigationsettings/",
        "/admin/redirects/",
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0].startswith(url) if response.redirect_chain else True


# ---------------------------------------------------------------------------
# Moderation: write, submit, review, publish
# ---------------------------------------------------------------------------


def test_writer_submits_reviewer_publishes_citizens_read(client, writer, reviewer, mailoutbox):
    index = NewsIndexPage.objects.get()
    login(client, writer)
    response = client.post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        news_form("Un nouveau service de covoiturage", "action-submit"),
    )
    assert response.status_code == 302
    page = NewsPage.objects.get(title="Un nouveau service de covoiturage")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Validation"
    # The Validateurs are told by e-mail.
    assert any(reviewer.email in message.to for message in mailoutbox)

    client.logout()
    login(client, reviewer)
    # The Validateur reads the draft as citizens will see it, then approves it.
    draft = soup(client.get(f"/admin/pages/{page.pk}/view_draft/"))
    assert draft.h1.get_text(strip=True) == "Un nouveau service de covoiturage"
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
        {"comment": "Parfait, merci."},
    )
    assert response.status_code in {200, 302}
    page.refresh_from_db()
    assert page.live
    client.logout()

    assert "Un nouveau service de covoiturage" in client.get("/actualites/").content.decode()
    feed = ET.fromstring(client.get("/actualites/rss/").content)  # noqa: S314
    assert "Un nouveau service de covoiturage" in [t.text for t in feed.iter("title")]
    search = client.get("/recherche/", {"q": "covoiturage"}).content.decode()
    assert page.url in search


def test_reviewer_requests_changes_with_a_comment(client, writer, reviewer):
    index = NewsIndexPage.objects.get()
    login(client, writer)
    client.post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        news_form("Brouillon à reprendre", "action-submit"),
    )
    page = NewsPage.objects.get(title="Brouillon à reprendre")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    client.logout()
    login(client, reviewer)
    client.post(
        f"/admin/pages/workflow/action/{page.pk}/reject/{state.current_task_state.pk}/",
        {"comment": "Merci de préciser la date."},
    )
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live


# ---------------------------------------------------------------------------
# Scheduling, redirects, previews, dashboard
# ---------------------------------------------------------------------------


def test_scheduled_page_goes_live_when_publish_scheduled_runs(demo):
    index = NewsIndexPage.objects.get()
    page = NewsPageFactory(parent=index, title="Annonce programmée", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # with a go-live date ahead: approved, not live
    page.refresh_from_db()
    assert not page.live
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.refresh_from_db()
    assert not page.live  # too early
    # Two hours later, the cron job runs again.
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.refresh_from_db()
    assert page.live


def test_slug_change_redirects_the_old_address(demo, client, django_capture_on_commit_callbacks):
    page = Page.objects.get(url_path__endswith="/mentions-legales/").specific
    page.slug = "informations-legales"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail acts once committed
        page.save_revision().publish()
    response = client.get("/mentions-legales/")
    assert response.status_code == 301
    assert response["Location"].endswith("/informations-legales/")


def test_previews_render_every_page_type_as_live(admin_client, demo, client):
    """A draft is previewed from its revision, whose relations live in memory: every page
    type must render from it exactly as it does live."""
    pages = {type(page): page for page in Page.objects.live().filter(depth__gt=1).specific()}
    assert len(pages) >= 9
    for page in pages.values():
        if page.url == "/contact/":
            continue  # a form: the preview has no submission to show
        page.save_revision()  # the draft now comes from a revision
        live = soup(client.get(page.url))
        preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
        assert preview.status_code == 200, page.url
        # Same template, same content: the main column reads exactly as the live page's.
        assert clean(soup(preview).select_one("main")) == clean(live.select_one("main")), page.url


def test_dashboard_lists_latest_news_and_pages_in_moderation(client, writer, reviewer):
    login(client, writer)
    client.post(
        f"/admin/pages/add/news/newspage/{NewsIndexPage.objects.get().pk}/",
        news_form("Projet en attente de relecture", "action-submit"),
    )
    writer_dashboard = soup(client.get("/admin/"))
    latest = NewsPage.objects.live().order_by("-date").first()
    panel = writer_dashboard.find(id="dernieres-actualites-section")
    assert panel is not None and latest.title in panel.get_text()
    # Wagtail's own panel: the writer's pages in moderation.
    assert "Projet en attente de relecture" in writer_dashboard.get_text()
    client.logout()
    login(client, reviewer)
    # ... and, for the Validateurs, the pages awaiting their review.
    assert "Projet en attente de relecture" in client.get("/admin/").content.decode()


def test_editors_have_the_accessibility_checker_in_the_userbar(admin_client, demo):
    html = admin_client.get("/le-pole/").content.decode()
    assert "wagtail-userbar" in html
    assert 'id="checker-axe-configuration"' in html  # Wagtail's axe-based checker


def test_scheduler_loop_for_docker_publishes_due_pages(demo):
    index = NewsIndexPage.objects.get()
    page = NewsPageFactory(parent=index, title="Annonce du lendemain", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled_every", "--times", "1", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.refresh_from_db()
    assert page.live


def test_admin_loads_nothing_from_third_parties(admin_client, demo):
    """No Gravatar: editors' e-mail hashes stay here, and the admin's CSP holds."""
    assert "gravatar" not in admin_client.get("/admin/").content.decode().lower()
