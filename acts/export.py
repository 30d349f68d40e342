"""The délibérations as open data, in the SCDL « Délibérations » schema, version 2.1.5
(schema.data.gouv.fr/scdl/deliberations): its columns in its order, UTF-8, comma-separated,
dates as AAAA-MM-JJ, and "" for what is not known."""

import csv
import io

from django.conf import settings
from django.http import HttpResponse

from wagtail.models import Site

from pages.public_address import absolute_url

from .models import ActKind, ActsSettings, published_acts

SCHEMA_VERSION = "2.1.5"
COLUMNS = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
]


def text(value):
    return "" if value is None else str(value)


def row(act, identity, request):
    version = act.current_version
    return [
        identity.authority_name or settings.WAGTAIL_SITE_NAME,
        identity.siret,
        act.number,
        act.adopted_on.isoformat(),
        act.matter.code if act.matter else "",
        act.matter.scdl_name if act.matter else "",
        act.title,
        act.budget_year,
        act.budget_name,
        identity.legality_control_id if act.prefecture_sent_on else "",
        act.prefecture_sent_on.isoformat() if act.prefecture_sent_on else "",
        text(act.votes_in_office),
        text(act.votes_present),
        text(act.votes_for),
        text(act.votes_against),
        text(act.votes_abstention),
        absolute_url(request, version.get_url(request)) if version else "",
    ]


def deliberations_csv(request, section, year=None):
    """Every published délibération of the register (of `year`), oldest first."""
    acts = published_acts().descendant_of(section).filter(kind=ActKind.DELIBERATION)
    if year is not None:
        acts = acts.filter(adopted_on__year=year)
    # Read, never created here: saving a setting would renew every cached page.
    site = Site.find_for_request(request)
    identity = ActsSettings.objects.filter(site=site).first() or ActsSettings(site=site)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for act in acts.order_by("adopted_on", "page_ptr_id"):
        writer.writerow(row(act, identity, request))
    stamp = year or "toutes-annees"
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deliberations-{stamp}.csv"'
    return response
