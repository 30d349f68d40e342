from django import forms

from .models import Scope


class SubscriptionForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        help_text="Un message vous sera envoyé pour confirmer votre abonnement.",
        error_messages={
            "required": "Renseignez le champ « Adresse électronique ».",
            "invalid": "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
            "max_length": "Cette adresse est trop longue : 254 caractères au plus.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    scope = forms.ChoiceField(
        label="Alertes à recevoir",
        choices=Scope.choices,
        initial=Scope.PRESS_RELEASES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez une réponse pour « Alertes à recevoir ».",
            "invalid_choice": "Choisissez une réponse pour « Alertes à recevoir ».",
        },
    )
