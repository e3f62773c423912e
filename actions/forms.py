from django import forms
from django.utils.translation import gettext_lazy as _

from core.countries import country_field

ALL_TARGETS = "all"


def target_field(targets):
    """A choice of one of ``targets``, or all of them when there are several."""
    choices = [(str(target.pk), target.label) for target in targets]
    if len(choices) > 1:
        choices.append((ALL_TARGETS, _("All of them (one letter each)")))
    return forms.ChoiceField(
        label=_("Send to"), choices=choices, widget=forms.RadioSelect, initial=choices[0][0]
    )


class TargetChoiceForm(forms.Form):
    """Which targets and country a letter is for; ``targets`` the action's."""

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = list(targets)
        self.fields["target"] = target_field(self.targets)
        self.fields["country"] = country_field(_("Your country"))
        self.fields["country"].help_text = _(
            "The embassy is the one in your country; letters are counted by country."
        )
        self.order_fields(["target", "country"])

    def chosen_targets(self):
        chosen = self.cleaned_data["target"]
        if chosen == ALL_TARGETS:
            return self.targets
        return [target for target in self.targets if str(target.pk) == chosen]


class LetterForm(TargetChoiceForm):
    """What the writer adds to the model letter. Sent by POST and only rendered back into
    the draft: never stored, logged or put in an address."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("Signs the letter. It is not stored."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    personal_line = forms.CharField(
        label=_("A line of your own (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SentForm(TargetChoiceForm):
    """ "I sent it": the targets and the writer's country, nothing about the writer."""
