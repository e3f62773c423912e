"""The data migration that gives every petition with a model letter its letter action."""

import importlib

import pytest
from django.apps import apps

from actions.models import LetterAction, LetterTarget
from tests.factories import make_petition, make_prisoner

pytestmark = pytest.mark.django_db

migration = importlib.import_module("actions.migrations.0002_actions_from_petition_letters")


def test_each_petition_with_a_letter_gets_an_action_addressed_to_the_embassy(client):
    prisoner = make_prisoner()
    petition = make_petition(
        title="Free Vadim", letter_subject="Protest", letter_body="Dear Ambassador,"
    )
    petition.prisoners.add(prisoner)
    translation = make_petition(
        title="Svobodu Vadimu", language="ru", translation_of=petition, letter_body="Уважаемый"
    )
    make_petition(letter_body="")

    migration.create_actions(apps, None)
    migration.create_actions(apps, None)

    action = LetterAction.objects.get(petition=petition)
    assert (action.title, action.slug, action.letter_subject, action.prisoner) == (
        "Free Vadim",
        petition.slug,
        "Protest",
        prisoner,
    )
    assert action.is_public
    assert list(LetterTarget.objects.filter(action=action).values_list("kind", flat=True)) == [
        "embassy"
    ]
    russian = LetterAction.objects.get(petition=translation)
    assert (russian.language, russian.translation_of) == ("ru", action)
    assert LetterAction.objects.count() == 2
    # The petition keeps its own letter and links to the action.
    page = client.get(petition.get_absolute_url()).text
    assert action.get_absolute_url() in page
    assert "Dear Ambassador," in page
