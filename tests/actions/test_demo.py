import io

import pytest
from django.core.management import call_command

from actions.models import LetterAction

pytestmark = pytest.mark.django_db


def test_the_demo_action_sends_the_seeds_model_letter_to_the_embassy(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    action = LetterAction.objects.get()
    assert action.title == "Urgent action for Vadim Kuramshin"
    assert action.petition.slug == "free-vadim-kuramshin"
    assert action.prisoner.slug == "vadim-kuramshin"
    assert action.deadline is None
    assert action.letter_body == action.petition.letter_body
    assert [target.kind for target in action.targets.all()] == ["embassy"]
    assert client.get(action.get_absolute_url()).status_code == 200
