"""The press room's photo library, and the credit that comes with every photo on the site:
in the photothèque, under each image, on cards, in structured data, and as a condition of
publishing a page that shows it (CPI L121-1)."""

import io
import json
from html import unescape

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest
from PIL import Image as PILImage

from news.models import NewsIndexPage, NewsPage, PhotoLibraryPage
from tests.budgets import assert_within_budget, warm_count
from tests.news.helpers import SOUTIEN, clean, soup

LIBRARY = "/espace-presse/phototheque/"


def make_image(title, size=(2400, 1600), **fields):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (15, 76, 129)).save(buffer, "JPEG")
    image = get_image_model()(title=title, **fields)
    image.file = ImageFile(buffer, name=f"{slugify(title)}.jpg")
    image._set_image_file_metadata()  # as the admin's upload does
    image.save()
    return image


def test_the_photo_library_lists_the_photos_offered_with_their_credit(demo, client):
    make_image("Hors photothèque", credit="Jeanne Martin")
    page = soup(client.get(LIBRARY))
    titles = [clean(h) for h in page.select(".photo .card__title")]
    assert titles == [
        "Schéma : les deux intercommunalités du Pôle",
        "Vallée de la Seine (illustration)",
    ]
    first = page.select_one(".photo")
    assert clean(first.select_one("figcaption")) == "© Schéma réalisé pour ce site"
    facts = {clean(d.dt): clean(d.dd) for d in first.select(".photo__facts > div")}
    assert facts["Crédit"] == "Schéma réalisé pour ce site"
    assert facts["Conditions d'utilisation"] == "à demander au Pôle (crédit obligatoire)"
    links = [clean(a) for a in first.select(".photo__downloads a")]
    assert links[0].startswith("Taille web")
    assert links[1].startswith("Original") and "PNG" in links[1] and "px" in links[1]
    press_room = soup(client.get("/espace-presse/"))
    assert press_room.find("a", href=LIBRARY)


def test_photos_download_at_web_size_and_as_the_original(demo, client):
    photo = make_image(
        "Pont Flaubert",
        credit="Jeanne Martin",
        licence="Libre de droits pour la presse, crédit obligatoire",
        in_photo_library=True,
    )
    web = client.get(f"{LIBRARY}{photo.pk}/web/")
    assert web.status_code == 200
    assert web["Content-Disposition"] == 'attachment; filename="pont-flaubert-web.jpg"'
    picture = PILImage.open(io.BytesIO(b"".join(web.streaming_content)))
    assert picture.format == "JPEG" and max(picture.size) == 1920
    original = client.get(f"{LIBRARY}{photo.pk}/original/")
    assert original["Content-Disposition"] == 'attachment; filename="pont-flaubert.jpg"'
    with photo.file.open("rb") as handle:
        assert b"".join(original.streaming_content) == handle.read()


@pytest.mark.parametrize("path", ["{pk}/web/", "{pk}/original/", "999999/web/", "abc/web/"])
def test_a_photo_outside_the_library_is_not_found(demo, client, path):
    hidden = make_image("Réservée", credit="Jeanne Martin")
    assert client.get(LIBRARY + path.format(pk=hidden.pk)).status_code == 404


def test_a_library_photo_needs_its_author(demo):
    from django.core.exceptions import ValidationError

    image = get_image_model()(title="Sans auteur", in_photo_library=True)
    with pytest.raises(ValidationError):
        image.clean()


def test_the_photo_library_stays_within_the_budget_however_many_photos(demo, client):
    before = warm_count(client, LIBRARY)
    for number in range(30):
        make_image(f"Photo {number}", size=(40, 30), credit="Jeanne Martin", in_photo_library=True)
    after = warm_count(client, LIBRARY)
    assert_within_budget({LIBRARY: after})
    assert after == before
    assert client.get(LIBRARY, {"page": 2}).context["photos"].number == 2


def test_only_one_photo_library_in_the_press_room(demo):
    assert PhotoLibraryPage.allowed_parent_page_models()[0].__name__ == "PressRoomPage"
    assert not PhotoLibraryPage.can_create_at(PhotoLibraryPage.objects.get().get_parent())


def test_every_photo_shown_names_its_author(demo, client):
    photo = make_image("Signature", credit="Jeanne Martin")
    NewsPage.objects.filter(url_path__endswith="/" + SOUTIEN.split("/")[-2] + "/").update(
        image=photo
    )
    article = soup(client.get(SOUTIEN))
    assert clean(article.select_one(".news-article .figure__credit")) == "© Jeanne Martin"
    card = soup(client.get("/actualites/")).find("a", href=SOUTIEN).find_parent("article")
    assert clean(card.select_one(".image-credit")) == "© Jeanne Martin"
    home = soup(client.get("/"))
    assert clean(home.select_one(".hero__figure .image-credit")) == (
        "© Illustration réalisée pour ce site"
    )
    data = [json.loads(s.string) for s in article.find_all("script", type="application/ld+json")]
    (news_article,) = [d for d in data if d["@type"] == "NewsArticle"]
    (image,) = news_article["image"]
    assert image["@type"] == "ImageObject"
    assert image["creditText"] == "Jeanne Martin"
    assert image["copyrightNotice"] == "© Jeanne Martin"


@pytest.fixture
def admin_client(demo, client):
    user = get_user_model().objects.create_superuser("admin", "a@example.invalid", "pw")
    client.force_login(user)
    return client


def news_form(image, body=(), action="action-publish"):
    data = nested_form_data(
        {
            "title": "Une photo sans auteur",
            "slug": "une-photo-sans-auteur",
            "date": "2026-12-01",
            "news_type": "actualite",
            "image": image.pk,
            "body": streamfield(list(body)),
            "documents": inline_formset([]),
        }
    )
    data[action] = action
    return data


def test_a_page_showing_a_photo_without_its_author_is_not_published(admin_client):
    anonymous = make_image("Anonyme")
    url = f"/admin/pages/add/news/newspage/{NewsIndexPage.objects.get().pk}/"
    response = admin_client.post(url, news_form(anonymous))
    assert response.status_code == 200
    assert "n'a pas de crédit" in unescape(response.content.decode())
    assert not NewsPage.objects.filter(slug="une-photo-sans-auteur").exists()
    # A draft may wait for the credit.
    admin_client.post(url, news_form(anonymous, action="action-save-draft"))
    assert not NewsPage.objects.get(slug="une-photo-sans-auteur").live


def test_an_image_block_may_give_the_credit_itself(admin_client):
    credited = make_image("Créditée", credit="Jeanne Martin")
    anonymous = make_image("Anonyme")
    url = f"/admin/pages/add/news/newspage/{NewsIndexPage.objects.get().pk}/"

    def block(credit):
        value = {"image": anonymous.pk, "alt": "", "decorative": True, "caption": ""}
        return ("image", {**value, "credit": credit})

    refused = admin_client.post(url, news_form(credited, [block("")]))
    errors = refused.context["form"].errors
    assert any("« Anonyme » n'a pas de crédit" in error for error in errors["body"]), errors
    admin_client.post(url, news_form(credited, [block("Paul Durand")]))
    assert NewsPage.objects.get(slug="une-photo-sans-auteur").live
