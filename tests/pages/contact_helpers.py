"""What the contact form tests share: its address, a valid message, and how they read the
answer."""

from html import unescape

from bs4 import BeautifulSoup

URL = "/contact/"
VALID = {
    "nom": "Camille Martin",
    "courriel": "camille.martin@example.org",
    "objet": "Visite du territoire",
    "message": "Bonjour,\nPourriez-vous m'indiquer à qui m'adresser ?",
    "consentement": "on",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text(response):
    return unescape(response.content.decode()).replace("\xa0", " ").replace("\u202f", " ")


def post(client, data, **extra):
    return client.post(URL, data, **extra)
