"""The accessibility statement as the law (article 47 of law 2005-102) and the RGAA model ask:
every section present, filled with what is true, and editable by the Validateurs."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from bs4 import BeautifulSoup

from editorial.roles import REVIEWERS
from pages.models import StandardPage

URL = "/accessibilite/"
SECTIONS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles",
    "Non-conformités",
    "Dérogations pour charge disproportionnée",
    "Contenus non soumis à l'obligation d'accessibilité",
    "Établissement de cette déclaration",
    "Technologies utilisées pour la réalisation du site",
    "Environnement de test",
    "Outils pour évaluer l'accessibilité",
    "Pages du site ayant fait l'objet de la vérification",
    "Retour d'information et contact",
    "Voies de recours",
]


def statement(client):
    response = client.get(URL)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def test_every_section_of_the_rgaa_model_is_there_in_order(client, demo):
    headings = [h.get_text(strip=True) for h in statement(client).find_all(["h2", "h3"])]
    assert [h for h in headings if h in SECTIONS] == SECTIONS


def test_it_states_what_is_true(client, demo):
    main = statement(client)
    text = " ".join(main.get_text(" ").split())
    assert "non conforme" in text
    assert "aucun audit" in text
    assert "RGAA" in text and "4.1.2" in text
    assert "établie le 4 décembre 2026" in text
    assert "article 47 de la loi n° 2005-102" in text
    assert "schéma pluriannuel" in text and "plan d'actions annuel" in text
    assert "Défenseur des droits" in text and "Libre réponse 71120" in text
    assert main.find("a", href="/")  # the site's address
    assert main.find("a", href="/contact/")  # how to report a barrier


def test_the_tested_pages_are_live_pages_of_the_site(client, demo):
    section = statement(client).find(string="Pages du site ayant fait l'objet de la vérification")
    sample = section.find_parent(["h3"]).find_next("ul")
    links = [a["href"] for a in sample.find_all("a")]
    assert len(sample.find_all("li")) == 11
    assert "/partenaires/polepharma/" in links
    for href in links:
        assert client.get(href).status_code == 200, href


def test_a_validateur_edits_and_publishes_the_statement(client, demo):
    reviewer = get_user_model().objects.create_user("validatrice", password="x-Az9!pole-2026")
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    client.force_login(reviewer)
    page = StandardPage.objects.get(slug="accessibilite")
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    revision = page.save_revision(user=reviewer)
    assert page.permissions_for_user(reviewer).can_publish()
    revision.publish(user=reviewer)
    assert StandardPage.objects.get(pk=page.pk).live
