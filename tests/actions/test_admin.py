import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from actions.models import LetterAction, LetterCount, LetterTarget
from tests.factories import make_action

pytestmark = pytest.mark.django_db


def test_the_list_shows_letters_sent_and_searches(admin_client, django_assert_max_num_queries):
    action = make_action(title="Urgent action for Vadim")
    target = LetterTarget.objects.get(action=action)
    LetterCount.objects.create(target=target, country="GB", count=7)
    LetterCount.objects.create(target=target, country="DE", count=3)
    url = reverse("admin:actions_letteraction_changelist")
    admin_client.get(url)
    with django_assert_max_num_queries(12) as few:
        response = admin_client.get(url)
    expected = len(few.captured_queries)
    for index in range(5):
        make_action(title=f"More {index}")
    with django_assert_max_num_queries(expected):
        admin_client.get(url)
    assert '<td class="field-letters_sent">10</td>' in response.text
    found = admin_client.get(url, {"q": "Vadim"}).text
    assert "Urgent action for Vadim" in found
    assert "More 1" not in found


def test_the_form_shows_counts_read_only_and_adds_targets_inline(admin_client):
    action = make_action()
    target = LetterTarget.objects.get(action=action)
    LetterCount.objects.create(target=target, country="GB", count=7)
    change = reverse("admin:actions_letteraction_change", args=[action.pk])

    page = admin_client.get(change).text

    assert "United Kingdom: 7" in page
    assert 'name="count"' not in page
    assert 'name="targets-0-kind"' in page


def test_an_editor_adds_an_action_with_a_named_target(admin_client):
    response = admin_client.post(
        reverse("admin:actions_letteraction_add"),
        {
            "title": "Write to the prosecutor",
            "slug": "write-to-the-prosecutor",
            "language": "en",
            "publication": "published",
            "letter_subject": "Release him",
            "letter_body": "Dear Prosecutor,",
            "targets-TOTAL_FORMS": "1",
            "targets-INITIAL_FORMS": "0",
            "targets-0-kind": "named",
            "targets-0-name": "Prosecutor General",
            "targets-0-email": "",
            "targets-0-postal_address": "Astana",
            "targets-0-position": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    action = LetterAction.objects.get(slug="write-to-the-prosecutor")
    assert action.targets.get().name == "Prosecutor General"


def test_editors_may_edit_actions():
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    assert {"change_letteraction", "add_lettertarget", "view_letteraction"} <= codenames
