"""What every listing of the site shares: its filters, read from the address, and what the
page says about them.

A listing (the news, the press room, the partners, the search results) declares its filters
once; `ListingFilters` then reads the visitor's choice of each, applies them to the query,
keeps them in the pagination links, and says in words what is shown and which filters it did
not recognise. The templates render it with components/listing_filters.html and
components/result_summary.html.

Values are compared with the known options in Python, so nothing a visitor types (NUL bytes,
huge numbers, SQL) ever reaches the database, and a stale or mistyped link shows the
unfiltered listing with a sentence saying so, never an error.
"""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Option:
    """One choice of a filter: its value in the address, its label, and what it stands for
    (a theme, a partner…: what the filter's `apply` receives)."""

    value: str
    label: str
    object: object = None

    @property
    def chosen(self):
        """What a filter's `apply` receives: the object, else the value."""
        return self.value if self.object is None else self.object


@dataclass(frozen=True)
class Filter:
    """One `<select>` of a listing's form.

    `apply(queryset, option)` narrows the listing to the chosen option; `phrase` says it in
    the result summary, `{}` standing for the option's label ("le thème « {} »").
    """

    name: str
    label: str
    options: tuple
    all_label: str
    apply: object
    phrase: str = "« {} »"
    field_id: str = ""

    @property
    def id(self):
        return self.field_id or f"filtre-{self.name}"

    def choose(self, value):
        return next((option for option in self.options if option.value == value), None)


def options(pairs):
    """Options from (value, label) pairs, as Django's `choices` are."""
    return tuple(Option(str(value), str(label)) for value, label in pairs)


def object_options(objects, value="slug", label="name"):
    """Options from model instances, each standing for its instance."""
    return tuple(Option(getattr(o, value), getattr(o, label), o) for o in objects)


class ListingFilters:
    """The filters of one listing, bound to the visitor's query string.

    `lead` introduces the summary's description of the active filters ("pour le type « … »,
    l'année 2021"): an empty lead lets each phrase stand alone ("dans le domaine « … »").
    """

    def __init__(self, params, filters, lead="pour"):
        self.filters = [f for f in filters if f.options]
        self.lead = lead
        self.selected = {f.name: f.choose(params.get(f.name, "")) for f in self.filters}
        # Filters the visitor asked for but whose value matches nothing known: the page says
        # so. A filter with no option at all (no partner yet) is ignored too.
        self.ignored = [
            f.name for f in filters if params.get(f.name) and not self.selected.get(f.name)
        ]

    def __iter__(self):
        """Each filter with the option chosen, for the form."""
        return iter((f, self.selected[f.name]) for f in self.filters)

    @property
    def active(self):
        return any(self.selected.values())

    def apply(self, queryset):
        for f in self.filters:
            option = self.selected[f.name]
            if option is not None:
                queryset = f.apply(
                    queryset, option.value if option.object is None else option.object
                )
        return queryset

    def querystring(self, **extra):
        """The active filters (and `extra` parameters first), to keep them across pages."""
        active = [(f.name, option.value) for f, option in self if option is not None]
        return urlencode([*((k, v) for k, v in extra.items() if v), *active])

    def describe(self):
        """What the listing shows, in words: "pour le type « … », l'année 2021"."""
        parts = [f.phrase.format(option.label) for f, option in self if option is not None]
        if not parts:
            return ""
        return " ".join(filter(None, [self.lead, ", ".join(parts)]))
