"""The law's rules on publishing an act (CGCT L2131-1, R2131-1; CRPA L312-1-2), each as the
Pôle's editors and readers meet it."""

import datetime
import hashlib
import io
import logging

from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from wagtail.test.utils.form_data import nested_form_data, rich_text

import pytest
import time_machine

from acts.models import ActPage, ActVersion
from editorial.roles import REVIEWERS, WRITERS
from tests.acts.helpers import (
    DEMO_ACT,
    demo_meeting,
    member_of,
    new_act,
    publish,
    register,
    sha256,
    tiny_pdf,
    upload,
)
from tests.news.helpers import soup


def act_form(act, action="action-publish", **changes):
    """The act's edit form as the admin sends it."""
    fields = {
        "title": act.title,
        "slug": act.slug or slugify(act.title),
        "kind": act.kind,
        "number": act.number,
        "adopted_on": act.adopted_on.isoformat(),
        "meeting": act.meeting_id or "",
        "matter": act.matter_id or "",
        "decision": rich_text(act.decision or "<p>Le Conseil décide.</p>"),
        "signatory_first_name": "",
        "signatory_last_name": "",
        "signatory_title": "",
        "votes_in_office": "",
        "votes_present": "",
        "votes_for": "",
        "votes_against": "",
        "votes_abstention": "",
        "prefecture_sent_on": "",
        "prefecture_receipt": "",
        "budget_year": "",
        "budget_name": "",
        "document": act.document_id or "",
        "correction_reason": act.correction_reason,
        "seo_title": "",
        "search_description": "",
    }
    if act.personal_data_removed:
        fields["personal_data_removed"] = "on"
    for name, value in changes.items():
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
    data = nested_form_data(fields)
    if action:
        data[action] = action
    return data


def edit(client, act, **changes):
    return client.post(f"/admin/pages/{act.pk}/edit/", act_form(act, **changes))


@pytest.fixture
def reviewer(demo, client):
    user = member_of(REVIEWERS, "validatrice")
    client.force_login(user)
    return user


# --- The online date: set by the site, never by anyone ---------------------------------------


def test_the_online_date_is_set_at_first_publication_and_shown(demo, client):
    before = timezone.now()
    act = publish(new_act())
    assert before <= act.online_at <= timezone.now()
    page = soup(client.get(act.url))
    shown = page.select_one(".act__facts time[datetime]")
    online = [
        dd
        for dt, dd in zip(page.select(".act__facts dt"), page.select(".act__facts dd"), strict=True)
        if "Mis en ligne" in dt.text
    ]
    assert online, page.select_one(".act__facts")
    local = timezone.localtime(act.online_at)
    assert f"à {local.hour} h {local:%M}" in online[0].text
    assert shown is not None


def test_a_scheduled_act_goes_online_when_it_goes_live_not_when_it_is_scheduled(demo, client):
    act = new_act()
    act.personal_data_removed = True
    later = timezone.now() + datetime.timedelta(hours=2)
    act.go_live_at = later
    act.save_revision().publish()
    act.refresh_from_db()
    assert not act.live
    assert act.online_at is None
    assert not act.versions.exists()
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled", stdout=io.StringIO())
        act.refresh_from_db()
        assert act.live
        assert act.online_at >= later
        assert act.versions.count() == 1


def test_the_online_date_cannot_be_edited_nor_brought_back_by_a_revision(demo, client, reviewer):
    act = new_act(personal_data_removed=True)
    first_revision = act.save_revision()
    act = publish(act)
    online_at = act.online_at
    # The form has no such field: a forged one is ignored.
    response = edit(client, act, online_at="2000-01-01 10:00", title="Objet corrigé")
    assert response.status_code == 302
    act.refresh_from_db()
    assert act.title == "Objet corrigé" and act.online_at == online_at
    # Publishing a revision older than the first publication keeps the date too.
    first_revision.publish()
    act.refresh_from_db()
    assert act.online_at == online_at
    assert "online_at" not in ActPage.get_edit_handler().get_form_class()().fields


# --- The fingerprint: shown, and checked on every download ---------------------------------


def test_the_pdf_fingerprint_is_shown_and_matches_the_served_file(demo, client):
    page = soup(client.get(DEMO_ACT))
    shown = page.select_one(".act-version__hash").text.strip()
    link = page.select_one(".act-versions a.document-link")["href"]
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == shown
    assert "PDF – " in page.select_one(".act-versions .document-link__meta").text


def test_the_fingerprint_is_taken_at_upload(demo):
    document = upload("empreinte")
    assert document.sha256 == sha256(tiny_pdf("empreinte"))


def test_an_altered_file_is_never_served(demo, client, caplog):
    act = publish(new_act())
    version = act.versions.get()
    with open(version.file.path, "ab") as handle:
        handle.write(b"% ajout\n")
    with caplog.at_level(logging.ERROR, logger="acts.models.act"):
        response = client.get(version.get_url())
    assert response.status_code == 503
    assert "ne correspond plus" in response.content.decode()
    assert version.sha256 in caplog.text


def test_an_unknown_version_is_a_404(demo, client):
    assert client.get(DEMO_ACT + "document/7/").status_code == 404


# --- A correction is a new, dated version; the earlier one stays ----------------------------


def test_changing_the_pdf_of_a_published_act_needs_a_reason(demo, client, reviewer):
    act = publish(new_act())
    corrected = upload("rectifiee", name="rectifiee.pdf")
    response = edit(client, act, document=corrected.pk)
    assert response.status_code == 200
    assert "motif de cette rectification" in response.content.decode()
    assert act.versions.count() == 1


def test_a_correction_keeps_the_earlier_version_listed_and_downloadable(demo, client, reviewer):
    act = publish(new_act(text="initiale"))
    original = act.versions.get()
    corrected = upload("rectifiee", name="rectifiee.pdf")
    response = edit(
        client, act, document=corrected.pk, correction_reason="Erreur matérielle dans l'annexe"
    )
    assert response.status_code == 302
    versions = list(ActVersion.objects.filter(act=act).order_by("number"))
    assert [v.sha256 for v in versions] == [original.sha256, sha256(tiny_pdf("rectifiee"))]
    assert versions[1].reason == "Erreur matérielle dans l'annexe"
    assert versions[1].online_at > versions[0].online_at
    # The first publication's date does not move.
    act.refresh_from_db()
    assert act.online_at == original.online_at
    page = soup(client.get(act.url))
    titles = [a.text.strip() for a in page.select(".act-versions .document-link__title")]
    assert titles[0].startswith("Version en vigueur, rectifiée le")
    assert titles[1].startswith("Version 1, remplacée")
    assert "Erreur matérielle dans l'annexe" in page.select_one(".act-versions").text
    old = client.get(original.get_url())
    assert sha256(b"".join(old.streaming_content)) == original.sha256


def test_the_search_reads_the_current_pdf(demo, client):
    publish(new_act(text="photovoltaique"))
    page = soup(client.get("/actes/?q=photovoltaique"))
    assert [h.text.strip() for h in page.select(".act-item__title")] == [
        "Adhésion à l'association des pôles métropolitains"
    ]
    assert "1 acte" in page.select_one(".results-summary").text
    found = soup(client.get("/recherche/?q=photovoltaique")).text
    assert "Adhésion à l'association des pôles métropolitains" in found


# --- Personal data: nothing goes online unreviewed ------------------------------------------


def test_publishing_without_the_personal_data_confirmation_is_refused(demo, client, reviewer):
    act = new_act()
    response = edit(client, act, personal_data_removed=None)
    assert response.status_code == 200
    assert "données personnelles sont occultées" in response.content.decode()
    assert not ActPage.objects.get(pk=act.pk).live
    response = edit(client, act, personal_data_removed="on")
    assert response.status_code == 302
    assert ActPage.objects.get(pk=act.pk).live


def test_an_act_never_expires(demo, client, reviewer):
    act = new_act()
    response = edit(client, act, personal_data_removed="on", expire_at="2030-01-01 10:00")
    assert response.status_code == 200
    assert "Un acte reste en ligne sans limite de durée" in response.content.decode()


# --- Unpublishing: Validateurs only, with a reason kept in the history ----------------------


def test_a_writer_cannot_unpublish_an_act(demo, client):
    client.force_login(member_of(WRITERS, "redacteur"))
    act = ActPage.objects.get(url_path__endswith="feuilles-de-route-2021/")
    response = client.post(f"/admin/pages/{act.pk}/unpublish/", {"reason": "essai"})
    assert response.status_code in (302, 403)
    assert ActPage.objects.get(pk=act.pk).live


def test_a_reviewer_unpublishes_with_a_reason_kept_in_the_history(demo, client, reviewer):
    act = ActPage.objects.get(url_path__endswith="feuilles-de-route-2021/")
    form = client.get(f"/admin/pages/{act.pk}/unpublish/")
    assert 'name="reason"' in form.content.decode()
    refused = client.post(f"/admin/pages/{act.pk}/unpublish/", {"reason": "  "})
    assert refused.status_code == 400
    assert ActPage.objects.get(pk=act.pk).live
    done = client.post(f"/admin/pages/{act.pk}/unpublish/", {"reason": "Acte annulé par le juge"})
    assert done.status_code == 302
    assert not ActPage.objects.get(pk=act.pk).live
    history = client.get(f"/admin/pages/{act.pk}/history/").content.decode()
    assert "Acte annulé par le juge" in history


def test_an_act_once_online_is_never_deleted(demo, client, reviewer):
    client.force_login(member_of(REVIEWERS, "admin-like"))
    act = ActPage.objects.get(url_path__endswith="feuilles-de-route-2021/")
    response = client.post(f"/admin/pages/{act.pk}/delete/")
    assert response.status_code == 302
    assert ActPage.objects.filter(pk=act.pk).exists()
    index = register()
    client.post(f"/admin/pages/{index.pk}/delete/")
    assert ActPage.objects.filter(pk=act.pk).exists()


# --- Demo: the seed, and nothing else -------------------------------------------------------


def test_the_demo_act_shows_only_what_the_seed_says(demo, client):
    page = soup(client.get(DEMO_ACT))
    facts = page.select_one(".act__facts").text
    assert "12 mai 2021" in facts and "Conseil syndical du 12 mai 2021" in facts
    assert "Signataire" not in facts and "Matière" not in facts
    assert page.select_one("#titre-votes") is None
    decision = page.select_one(".rich-text").text
    for fact in ("LSN", "NextMove", "Polepharma", "Cosmetic Valley", "Pôle TES", "160 000 €"):
        assert fact in decision
    assert demo_meeting().acts.get().title in client.get(demo_meeting().url).content.decode()


def test_acts_and_seances_describe_themselves_to_search_engines(demo, client):
    act = soup(client.get(DEMO_ACT)).select_one('meta[name="description"]')["content"]
    assert act.startswith("Le Conseil adopte les feuilles de route 2021")
    seance = soup(client.get(demo_meeting().url)).select_one('meta[name="description"]')
    assert seance["content"].startswith("Séance du Conseil syndical du 12 mai 2021")


def test_the_demo_pdf_says_specimen_on_every_page(demo):
    from io import BytesIO

    from pypdf import PdfReader

    act = ActPage.objects.get(url_path__endswith="feuilles-de-route-2021/")
    with act.versions.get().file.open("rb") as handle:
        reader = PdfReader(BytesIO(handle.read()))
    assert all("Spécimen de démonstration" in page.extract_text() for page in reader.pages)
    assert "160 000 €" in act.document_text


def test_the_daily_check_finds_an_altered_file(demo):
    import io

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("check_acts", stdout=out)
    assert "1 version(s) d'actes vérifiée(s)" in out.getvalue()
    version = ActVersion.objects.get()
    with open(version.file.path, "rb") as handle:
        original = handle.read()
    try:
        with open(version.file.path, "ab") as handle:
            handle.write(b"%")
        with pytest.raises(CommandError):
            call_command("check_acts", stdout=io.StringIO(), stderr=io.StringIO())
    finally:  # the demo's file is shared by the module's tests
        with open(version.file.path, "wb") as handle:
            handle.write(original)
