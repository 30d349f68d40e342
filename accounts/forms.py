from django import forms


class CodeForm(forms.Form):
    """One field for either a code from the authenticator app or a recovery code."""

    code = forms.CharField(
        label="Code de vérification",
        help_text=(
            "Le code à 6 chiffres affiché par votre application d'authentification, "
            "ou l'un de vos codes de secours."
        ),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
