"""The seed's letter action for `seed_demo`: the model message of protest from the seed's
"Urgent action for Vadim Kuramshin", sent to the Kazakhstan embassy in the writer's country.

Every sentence is the seed's own (through the demo petition that carries the same letter);
the seed names no other addressee with an address, and gives no deadline.
"""

from django.apps import apps

from actions.models import LetterAction, LetterTarget

PETITION_SLUG = "free-vadim-kuramshin"


def seed():
    petition = (
        apps.get_model("petitions", "Petition")
        .objects.filter(slug=PETITION_SLUG)
        .exclude(letter_body="")
        .first()
    )
    if petition is None:
        return
    prisoner = apps.get_model("prisoners", "Prisoner").objects.filter(slug="vadim-kuramshin")
    action, created = LetterAction.objects.get_or_create(
        slug="urgent-action-for-vadim-kuramshin",
        defaults={
            "title": "Urgent action for Vadim Kuramshin",
            "summary": (
                "Below is a model message of protest \u2013 please send yours to the "
                "Kazakhstan embassy in your country."
            ),
            "publication": LetterAction.Publication.PUBLISHED,
            "petition": None if hasattr(petition, "letter_action") else petition,
            "prisoner": prisoner.first(),
            "letter_subject": petition.letter_subject or petition.title,
            "letter_body": petition.letter_body,
        },
    )
    if created:
        LetterTarget.objects.create(action=action, kind=LetterTarget.Kind.EMBASSY)
