"""An event's dates said the French way, each date machine-readable."""

import datetime

import pytest

from agenda.dates import as_text, event_dates

D = datetime.date
T = datetime.time


@pytest.mark.parametrize(
    ("dates", "said"),
    [
        ((D(2021, 5, 12), None), "mercredi 12 mai 2021"),
        ((D(2021, 5, 12), D(2021, 5, 12), T(17)), "mercredi 12 mai 2021 à 17 h"),
        ((D(2021, 5, 12), None, T(17), T(19)), "mercredi 12 mai 2021, de 17 h à 19 h"),
        ((D(2021, 5, 12), None, T(9, 30), T(12, 5)), "mercredi 12 mai 2021, de 9 h 30 à 12 h 05"),
        ((D(2026, 6, 3), D(2026, 6, 5)), "du 3 au 5 juin 2026"),
        ((D(2026, 6, 1), D(2026, 6, 2)), "du 1er au 2 juin 2026"),
        ((D(2026, 6, 30), D(2026, 7, 2)), "du 30 juin au 2 juillet 2026"),
        ((D(2026, 12, 30), D(2027, 1, 1)), "du 30 décembre 2026 au 1er janvier 2027"),
        (
            (D(2026, 6, 3), D(2026, 6, 5), T(9), T(17)),
            "du mercredi 3 juin 2026 à 9 h au vendredi 5 juin 2026 à 17 h",
        ),
        (
            (D(2026, 6, 3), D(2026, 6, 5), T(9)),
            "du mercredi 3 juin 2026 à 9 h au vendredi 5 juin 2026",
        ),
    ],
)
def test_dates_read_as_a_french_reader_says_them(dates, said):
    assert as_text(event_dates(*dates)) == said


def test_every_date_in_the_phrase_carries_its_machine_readable_value():
    pieces = event_dates(D(2021, 5, 12), None, T(17), T(19))
    assert [(p.text, p.datetime) for p in pieces if p.datetime] == [
        ("mercredi 12 mai 2021", "2021-05-12"),
        ("17 h", "2021-05-12T17:00"),
        ("19 h", "2021-05-12T19:00"),
    ]
    pieces = event_dates(D(2026, 6, 3), D(2026, 6, 5))
    assert [(p.text, p.datetime) for p in pieces if p.datetime] == [
        ("3", "2026-06-03"),
        ("5 juin 2026", "2026-06-05"),
    ]
