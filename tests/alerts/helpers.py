"""What the alerts tests share: subscribing as a visitor does, publishing as editors do, and
a real SMTP server on this machine."""

import io
import re
import socket
import threading

from django.core import mail
from django.core.management import call_command
from django.utils.text import slugify

from aiosmtpd.controller import Controller

from news.models import NewsIndexPage, NewsPage, NewsType

SUBSCRIBE_URL = "/alertes/"
SITE = "https://www.pole-test.example"  # SITE_URL in the test settings
LINK = re.compile(r"https?://\S+")


def links(message):
    return LINK.findall(message.body)


def subscribe(client, email, scope="communiques"):
    """Fill in the form; the response."""
    return client.post(SUBSCRIBE_URL, {"email": email, "scope": scope})


def confirmation_path(message):
    """The confirmation link of a confirmation message, as a path of the test server."""
    [url] = [link for link in links(message) if "/alertes/confirmation/" in link]
    assert url.startswith(SITE + "/")
    return url.removeprefix(SITE)


def subscribe_and_confirm(client, email, scope="communiques"):
    """A confirmed subscriber, the way its owner does it: the form, the mail, the button."""
    before = len(mail.outbox)
    assert subscribe(client, email, scope).status_code == 200
    [message] = mail.outbox[before:]
    response = client.post(confirmation_path(message))
    assert response.status_code == 200
    del mail.outbox[before:]


def publish(title, news_type=NewsType.PRESS_RELEASE, go_live_at=None, intro="Le chapô."):
    """A news item written as a draft and published as the admin does (a revision), or
    scheduled when `go_live_at` is ahead."""
    index = NewsIndexPage.objects.get()
    page = NewsPage(title=title, slug=slugify(title), news_type=news_type, intro=intro, live=False)
    index.add_child(instance=page)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def draft(title, news_type=NewsType.PRESS_RELEASE):
    index = NewsIndexPage.objects.get()
    page = NewsPage(title=title, slug=slugify(title), news_type=news_type, live=False)
    index.add_child(instance=page)
    page.save_revision()
    return page


def send_alerts():
    """Run the command the scheduler runs; what it printed."""
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    return out.getvalue()


def alerts_to(email):
    return [message for message in mail.outbox if message.to == [email]]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """aiosmtpd's handler: keeps each message accepted; refuses the first `refuse` ones with a
    temporary error, as a busy server does."""

    def __init__(self, refuse=0):
        self.refuse = refuse
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse:
                self.refuse -= 1
                return "451 4.3.0 Serveur occupe, reessayez plus tard"
            self.messages.append(envelope)
        return "250 OK"


class SMTPServer:
    """A real SMTP server on 127.0.0.1, in a thread, on a free port."""

    def __init__(self, refuse=0, port=None):
        self.mailbox = Mailbox(refuse)
        self.port = port or free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self):
        return self.mailbox.messages


def use_smtp(settings, port):
    """Django's SMTP backend pointed at 127.0.0.1:`port`, in clear, without login."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
