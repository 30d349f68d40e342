"""What the contact form needs beyond Wagtail's form builder: errors a visitor can act on,
`autocomplete` hints, and the honeypot that turns robots away (the per-address rate limit is
pages/rate_limit.py).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import Truncator

from wagtail.contrib.forms.forms import FormBuilder

# A message longer than this is refused with an error saying by how much; 5,000 characters
# is two pages of text, far more than a question to the Pôle needs.
MESSAGE_MAX_LENGTH = 5000

# The honeypot: a text input people never see (hidden by CSS, out of the tab order, labelled
# "Ne pas remplir ce champ" for screen readers) and that robots fill in. Its name has a hyphen
# so that no field an editor creates can take it: Wagtail names those from their label in
# snake_case, without hyphens.
HONEYPOT_FIELD = "site-web"

# What a field asks for, so that browsers can offer to fill it in (WCAG 1.3.5, RGAA 11.13).
AUTOCOMPLETE_CHOICES = [
    ("name", "Nom complet"),
    ("given-name", "Prénom"),
    ("family-name", "Nom de famille"),
    ("email", "Adresse électronique"),
    ("tel", "Téléphone"),
    ("organization", "Organisme ou entreprise"),
    ("postal-code", "Code postal"),
    ("address-level2", "Commune"),
]
# Without an editor's choice, an e-mail field still says what it holds.
DEFAULT_AUTOCOMPLETE = {"email": "email"}


def french_number(value):
    return number_format(value, force_grouping=True)


class LongTextField(forms.CharField):
    """Multi-line text whose length is checked on the server only.

    No `maxlength` attribute: a browser would silently cut a pasted text at the limit, and the
    visitor would send a truncated message without knowing. The error says by how much to
    shorten it instead, and the text stays in the field.
    """

    def __init__(self, *, max_chars=MESSAGE_MAX_LENGTH, **kwargs):
        self.max_chars = max_chars
        super().__init__(**kwargs)

    def to_python(self, value):
        # Browsers send line breaks as CRLF: count (and keep) them as the one character the
        # visitor sees.
        return super().to_python(value).replace("\r\n", "\n")

    def validate(self, value):
        super().validate(value)
        if len(value) > self.max_chars:
            raise ValidationError(
                "Ce texte compte %(length)s caractères : raccourcissez-le à %(limit)s "
                "caractères au plus.",
                code="max_length",
                params={
                    "length": french_number(len(value)),
                    "limit": french_number(self.max_chars),
                },
            )


def required_message(field):
    """An error that names the field, so the error summary reads on its own."""
    label = Truncator(field.label).chars(80)
    if field.field_type == "checkbox":
        return f"Cochez la case « {label} »."
    if field.field_type in {"checkboxes", "dropdown", "multiselect", "radio"}:
        return f"Choisissez une réponse pour « {label} »."
    return f"Renseignez le champ « {label} »."


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder with French errors naming their field, and `autocomplete`."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {"required": required_message(field)}
        return options

    def create_multiline_field(self, field, options):
        options.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        return LongTextField(**options)

    def create_email_field(self, field, options):
        options["error_messages"]["invalid"] = (
            "Saisissez une adresse électronique valide, par exemple nom@exemple.fr."
        )
        return super().create_email_field(field, options)

    @property
    def formfields(self):
        formfields = super().formfields
        for field in self.fields:
            autocomplete = getattr(field, "autocomplete", "") or DEFAULT_AUTOCOMPLETE.get(
                field.field_type
            )
            if autocomplete:
                name = field.clean_name or field.get_field_clean_name()
                formfields[name].widget.attrs["autocomplete"] = autocomplete
        return formfields
