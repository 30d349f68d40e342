"""scripts/bench.py's scale table: uncached response times as the news items pile up."""

import http.client
import json
import statistics
import time

from bench_site import (
    ACCEPT_ENCODING,
    MODE_ENV,
    UNCACHED,
    Server,
    count_news,
    free_port,
    get,
    log,
    manage,
    site_env,
)
from bench_table import log_problems, machine_line, report_server_errors

# The theme and the partner with the most news items, whose filtered listing and partner page
# are the costliest of their kind, and the listing's newest real item (the fake ones are named
# demo-charge-<n> by news/demo.py).
SCALE_TARGETS = """
import json
from django.db.models import Count
from news.models import LISTING_ORDER, NewsPage, Theme
from partners.models import PartnerPage
news = NewsPage.objects.live().public()
article = news.exclude(slug__startswith="demo-charge-").order_by(*LISTING_ORDER).first()
theme = Theme.objects.annotate(items=Count("newspage")).order_by("-items", "slug").first()
partner = (
    PartnerPage.objects.live().public()
    .annotate(items=Count("news_items")).order_by("-items", "path").first()
)
print(json.dumps({
    "article": article and article.get_url(),
    "theme": theme and theme.slug,
    "partner": partner and partner.slug,
    "partner_page": partner and partner.get_url(),
}))
"""


def scale_pages(args, env):
    """[(label, path)]: --url, else one of each page type, resolved from the demo database.

    Resolved once, before any fake item exists: the article is a real one, the same at every
    step."""
    if args.url:
        return [(url, url) for url in args.url]
    output = manage(env, "shell", "--no-imports", "-c", SCALE_TARGETS, label="pages mesurées")
    targets = json.loads(output.splitlines()[-1])
    missing = [name for name, value in targets.items() if not value]
    if missing:
        raise SystemExit(f"La démo n'a pas de quoi mesurer : {', '.join(missing)}")
    return [
        ("accueil", "/"),
        ("liste", "/actualites/"),
        ("liste, année 2021", "/actualites/?annee=2021"),
        ("liste, communiqués", "/actualites/?type=communique"),
        ("liste, thème", f"/actualites/?theme={targets['theme']}"),
        ("liste, partenaire", f"/actualites/?partenaire={targets['partner']}"),
        ("liste, page 40", "/actualites/?page=40"),
        ("espace presse", "/espace-presse/"),
        (
            "dossier de presse de la démo",
            "/espace-presse/accords-cadres-signes-entre-la-region-et-les-poles-regionaux/",
        ),
        ("article de la démo", targets["article"]),
        ("partenaire", targets["partner_page"]),
        ("recherche", "/recherche/?q=pole"),
        ("flux RSS", "/actualites/rss/"),
        ("flux Atom", "/actualites/atom/"),
        ("flux RSS presse", "/espace-presse/rss/"),
        ("registre des actes", "/actes/"),
        ("registre, année 2021", "/actes/?annee=2021"),
        ("registre, recherche", "/actes/?q=acte"),
        ("flux Atom des actes", "/actes/atom/"),
        ("export SCDL 2021", "/actes/export/csv/2021/"),
        ("agenda", "/agenda/"),
        ("agenda, archives 2021", "/agenda/archives/2021/"),
        ("agenda, catégorie", "/agenda/?categorie=forum"),
        ("événement de la démo", "/agenda/conseil-syndical-2021-05-12/"),
        ("agenda iCalendar", "/agenda/ical/"),
        ("sitemap.xml", "/sitemap.xml"),
        ("plan du site", "/plan-du-site/"),
    ]


def time_pages(args, env, folder, paths):
    """One fresh uncached server: `args.warmup` unmeasured rounds, then `args.requests`
    measured ones, each round requesting every path once, in turn.

    Returns ({path: {"ms": [...], "bytes": [...], "failure": None or why}}, the server's
    warnings and errors). A path that fails once is dropped from the following rounds, the
    others are still measured."""
    results = {path: {"ms": [], "bytes": [], "failure": None} for path in paths}
    server = Server(env, folder, UNCACHED)
    try:
        for round_number in range(args.warmup + args.requests):
            for path, result in results.items():
                if result["failure"]:
                    continue
                try:
                    status, _headers, body, seconds = get(server.port, path)
                except (OSError, http.client.HTTPException) as error:
                    result["failure"] = f"{type(error).__name__} : {error}"
                    continue
                if status != 200:
                    result["failure"] = f"statut {status}"
                elif round_number >= args.warmup:
                    result["ms"].append(seconds * 1000)
                    result["bytes"].append(len(body))
        return results, log_problems(server, 0)
    finally:
        server.stop()


def run_scale(args, database, folder, env):
    """The demo, then fake news items and acts added up to each step; returns the process's
    exit code."""
    env = site_env(args, database, folder, PORT=str(free_port()), **MODE_ENV[UNCACHED])
    pages = scale_pages(args, env)
    paths = [path for _label, path in pages]
    steps = []  # (label, news items, results, server problems)
    added = 0
    for target in [0, *args.steps]:
        label = f"+{target}" if target else "démo"
        if target > added:
            manage(env, "load_demo", "--many", str(target - added))
            database.analyze()
            added = target
        started = time.monotonic()
        results, problems = time_pages(args, env, folder, paths)
        log(
            f"  palier {label} : {len(paths)} page(s) × {args.warmup + args.requests} requêtes : "
            f"{time.monotonic() - started:.0f} s"
        )
        steps.append((label, count_news(env), results, problems))
    return report_scale(args, database, pages, steps)


def report_scale(args, database, pages, steps):
    items = " ; ".join(
        f"{label} : {count} actualités, autant d'actes et d'événements"
        for label, count, _r, _p in steps
    )
    print(
        f"\nTemps de réponse sans cache de pages, selon le nombre d'actualités\n"
        f"{database.description}, VACUUM ANALYZE après chaque chargement\n"
        f"gunicorn (réglages de production, {args.workers} workers sync, PAGE_CACHE_SECONDS=0), "
        "redémarré à chaque palier\n"
        f"requêtes une à une, les pages à tour de rôle : {args.warmup} de chauffe puis "
        f"{args.requests} mesurées, par page et par palier\n"
        f"{items}\n"
        "médiane en ms ; ×démo : rapport à la médiane avec la démo ; Ko : taille du corps de "
        f"la réponse (Accept-Encoding: {ACCEPT_ENCODING})\n"
        f"{machine_line()}\n"
    )
    if not args.url:
        for label, path in pages:
            print(f"- {label} : {path}")
        print()
    header = ["page", "démo ms", "Ko"]
    for label, _count, _results, _problems in steps[1:]:
        header += [f"{label} ms", "×démo", "Ko"]
    print("| " + " | ".join(header) + " |")
    print("| --- |" + " ---: |" * (len(header) - 1))
    failures = []
    ratios = []  # (ratio, page label, step label)
    for page_label, path in pages:
        row = [page_label]
        demo_ms = None
        for number, (step_label, _count, results, _problems) in enumerate(steps):
            result = results[path]
            if result["failure"]:
                page = page_label if page_label == path else f"{page_label} ({path})"
                failures.append(f"{page}, {step_label} : {result['failure']}")
                row += ["échec", "–"] if number == 0 else ["échec", "–", "–"]
                continue
            ms = statistics.median(result["ms"])
            kilobytes = f"{statistics.median(result['bytes']) / 1000:.1f}"
            if number == 0:
                demo_ms = ms
                row += [f"{ms:.1f}", kilobytes]
                continue
            shown_ratio = "–"
            if demo_ms is not None:
                ratios.append((ms / demo_ms, page_label, step_label))
                shown_ratio = f"×{ms / demo_ms:.2f}"
            row += [f"{ms:.1f}", shown_ratio, kilobytes]
        print("| " + " | ".join(row) + " |")
    if ratios:
        worst, page_label, step_label = max(ratios)
        print(f"\npire rapport : ×{worst:.2f} ({page_label}, {step_label})")
    too_slow = [r for r in ratios if args.max_ratio is not None and r[0] > args.max_ratio]
    if too_slow:
        print(f"\nAu-delà de ×{args.max_ratio:g} :")
        for value, page_label, step_label in sorted(too_slow, reverse=True):
            print(f"- {page_label}, {step_label} : ×{value:.2f}")
    if failures:
        print("\nPages en échec (plus demandées pendant le reste du palier) :")
        print("\n".join(f"- {failure}" for failure in failures))
    report_server_errors({f"palier {label}": problems for label, _c, _r, problems in steps})
    return 1 if failures or too_slow else 0
