"""The agenda in the admin, in French: Rédacteurs write events and submit them, Validateurs
publish them and keep the list of categories."""

from django.utils.text import slugify

from wagtail.test.utils.form_data import nested_form_data, streamfield

from agenda.models import EventPage
from tests.agenda.helpers import agenda, category
from tests.editors import login
from tests.news.helpers import soup


def add_url():
    return f"/admin/pages/add/agenda/eventpage/{agenda().pk}/"


def event_form(title, action, **fields):
    data = nested_form_data(
        {
            "title": title,
            "slug": slugify(title),  # the admin's JavaScript fills it in a browser
            "category": category("forum").pk,
            "status": "prevu",
            "status_note": "",
            "start_date": "2027-06-03",
            "start_time": "09:30",
            "end_date": "2027-06-05",
            "end_time": "17:00",
            "place_name": "Kindarena",
            "place_address": "",
            "online_url": "",
            "organiser": "",
            "registration_url": "",
            "registration_deadline": "",
            "summary": "Trois jours de rencontres entre les filières.",
            "body": streamfield([]),
            "image_caption": "",
            "seo_title": "",
            "search_description": "",
            **fields,
        }
    )
    data[action] = action
    return data


def test_the_event_form_is_in_french_with_what_each_field_needs(client, writer):
    html = login(client, writer).get(add_url()).content.decode()
    for text in (
        "Dates (heure de Paris)",
        "toute la journée",
        "son crédit est affiché",
        "Catégorie",
    ):
        assert text in html, text


def test_a_writer_submits_an_event_a_reviewer_publishes_it(client, writer, reviewer):
    form = soup(login(client, writer).get(add_url()))
    assert "action-publish" not in {button.get("name") for button in form.find_all("button")}
    response = client.post(add_url(), event_form("Forum des filières", "action-submit"))
    assert response.status_code == 302
    event = EventPage.objects.get(title="Forum des filières")
    assert not event.live
    assert event.end_date.isoformat() == "2027-06-05"

    client.logout()
    login(client, reviewer)
    task_state = event.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{event.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in {200, 302}
    event.refresh_from_db()
    assert event.live
    client.logout()
    page = client.get(event.url)
    assert "du jeudi 3 juin 2027 à 9 h 30 au samedi 5 juin 2027 à 17 h" in " ".join(
        soup(page).select_one(".event__facts dd").get_text().split()
    )


def test_the_form_refuses_an_end_before_the_start(client, reviewer):
    response = login(client, reviewer).post(
        add_url(), event_form("Forum à l'envers", "action-publish", end_date="2027-06-01")
    )
    assert response.status_code == 200
    assert "La fin ne peut précéder le début." in response.content.decode()
    assert not EventPage.objects.filter(title="Forum à l'envers").exists()


def test_only_reviewers_manage_the_categories(client, writer, reviewer):
    url = "/admin/snippets/agenda/eventcategory/"
    assert login(client, reviewer).get(url).status_code == 200
    client.logout()
    response = login(client, writer).get(url, follow=True)
    assert response.status_code == 403 or response.redirect_chain[-1][0] == "/admin/"
