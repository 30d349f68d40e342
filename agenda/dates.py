"""An event's dates as a French reader says them, and as machines read them.

"mercredi 12 mai 2021, de 17 h à 19 h", "du 3 au 5 juin 2026", "du 30 juin au 2 juillet
2026": each date is a piece that the template wraps in `<time datetime>`, so that the phrase
reads naturally and every date in it is still machine-readable.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format


@dataclass(frozen=True)
class Piece:
    """A piece of the phrase: plain text, or a date (or date and time) with its `datetime`."""

    text: str
    datetime: str = ""


def day_fr(day, weekday=False, month=True, year=True):
    """ "1er juin 2026", "mercredi 12 mai 2021", "3" (the first day of "du 3 au 5 juin")."""
    text = "1er" if day.day == 1 else str(day.day)
    if month:
        text += " " + date_format(day, "F")
    if year:
        text += f" {day.year}"
    if weekday:
        text = f"{date_format(day, 'l')} {text}"
    return text


def time_fr(time):
    """ "17 h", "9 h 30": the French way, without a leading zero or ":00"."""
    return f"{time.hour} h" + (f" {time.minute:02d}" if time.minute else "")


def iso(day, time=None):
    return day.isoformat() + (f"T{time:%H:%M}" if time else "")


def event_dates(start_date, end_date, start_time=None, end_time=None):
    """The phrase of an event's dates, as pieces (see `Piece`).

    One day: "mercredi 12 mai 2021", "… à 17 h", "…, de 17 h à 19 h". Several days: "du 3 au
    5 juin 2026", "du 30 juin au 2 juillet 2026", "du 30 décembre 2026 au 2 janvier 2027",
    and with times "du mercredi 3 juin 2026 à 9 h au vendredi 5 juin 2026 à 17 h".
    """
    end_date = end_date or start_date
    if end_date == start_date:
        day = Piece(day_fr(start_date, weekday=True), iso(start_date))
        if start_time is None:
            return [day]
        if end_time is None:
            return [day, Piece(" à "), Piece(time_fr(start_time), iso(start_date, start_time))]
        return [
            day,
            Piece(", de "),
            Piece(time_fr(start_time), iso(start_date, start_time)),
            Piece(" à "),
            Piece(time_fr(end_time), iso(start_date, end_time)),
        ]
    if start_time is not None:
        start = Piece(
            f"{day_fr(start_date, weekday=True)} à {time_fr(start_time)}",
            iso(start_date, start_time),
        )
        end_text = day_fr(end_date, weekday=True)
        if end_time is not None:
            end_text += f" à {time_fr(end_time)}"
        return [Piece("du "), start, Piece(" au "), Piece(end_text, iso(end_date, end_time))]
    same_year = start_date.year == end_date.year
    same_month = same_year and start_date.month == end_date.month
    start = Piece(day_fr(start_date, month=not same_month, year=not same_year), iso(start_date))
    return [Piece("du "), start, Piece(" au "), Piece(day_fr(end_date), iso(end_date))]


def as_text(pieces):
    return "".join(piece.text for piece in pieces)


def month_label(year, month):
    """ "juin 2026": a month of the month filter."""
    return date_format(datetime.date(year, month, 1), "F Y")
