"""What a visitor typed, made safe to search with and to show back.

Everything here is plain text processing: whatever the query holds (NUL bytes, quotes,
operators, SQL, 5 000 characters, broken UTF-8 already replaced by Django), only words reach
the search backend, and the page echoes the cleaned text through the template's escaping.
"""

import re
import unicodedata

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
EXCERPT_LENGTH = 240
# French elisions: "d'industrie" is searched as "industrie" (the apostrophe is not a word).
ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
WORD = re.compile(r"\w+")
# Shorter words are matched whole by the SQLite backend: "de" must not find "des", "demain"…
PREFIX_MIN_LENGTH = 3
PLURAL = re.compile(r"(?<=\w{3})[sx]$", re.IGNORECASE)


def clean_query(raw):
    """The query as shown back: printable characters only, spaces collapsed, length bounded.

    Returns (text, trimmed); `trimmed` says the visitor's text was cut, so the page can say so.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in unicodedata.normalize("NFC", raw))
    text = " ".join(text.split())
    trimmed = len(text) > MAX_QUERY_LENGTH
    if trimmed:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    return text, trimmed


def search_terms(text):
    """The words to search for: no punctuation, quotes or operators, at most MAX_TERMS."""
    return WORD.findall(ELISION.sub(" ", text))[:MAX_TERMS]


def french_prefix(word):
    """ "territoires" → "territoire": the plural ending dropped, a poor man's French stemmer."""
    return PLURAL.sub("", word)


def fold(text):
    """Lower case without accents, one character for one: offsets stay valid in the original."""
    return "".join(
        (unicodedata.normalize("NFD", ch)[0].casefold() or ch)[0] if ch.isalpha() else ch
        for ch in text
    )


def highlight(text, terms, length=EXCERPT_LENGTH):
    """An excerpt of `text` around the first searched word, each word starting with a search
    term wrapped in <mark>, accents and case ignored. Escaped: safe to show as HTML."""
    if not text:
        return ""
    stems = {fold(french_prefix(term)) for term in terms if len(term) > 1}
    stems = sorted(stems, key=len, reverse=True)  # the longest alternative matches first
    folded = fold(text)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*") if stems else None
    matches = list(pattern.finditer(folded)) if pattern else []
    start = 0
    if matches and len(text) > length and matches[0].start() > length // 3:
        start = text.rfind(" ", 0, matches[0].start() - length // 3) + 1
    end = min(start + length, len(text))
    if end < len(text) and " " in text[start:end]:
        end = text.rfind(" ", start, end)  # whole words only
    parts, position = [], start
    for match in matches:
        if match.end() > end:
            break
        if match.start() < position:
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(format_html("<mark>{}</mark>", text[match.start() : match.end()]))
        position = match.end()
    parts.append(escape(text[position:end]))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 (every part escaped above)
