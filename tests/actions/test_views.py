"""The action page, the draft the writer gets, and "I sent it"."""

from urllib.parse import unquote

import pytest
from django.core import mail

from actions.models import LetterCount, LetterTarget
from tests.factories import make_action, make_embassy, make_petition, make_prisoner

pytestmark = pytest.mark.django_db

MINISTER = {
    "name": "Minister of Justice",
    "email": "minister@example.org",
    "postal_address": "1 Square\nAstana",
}


def targets_of(action):
    return list(LetterTarget.objects.filter(action=action))


def every_target(action) -> str:
    targets = targets_of(action)
    return "all" if len(targets) > 1 else str(targets[0].pk)


def draft(client, action, **fields):
    data = {"target": every_target(action), "country": "GB", "name": "Anna", "personal_line": ""}
    data.update(fields)
    return client.post(f"/actions/{action.slug}/letter/", data)


def send(client, action, target=None, country="GB", ip="203.0.113.7"):
    return client.post(
        f"/actions/{action.slug}/sent/",
        {"target": target or every_target(action), "country": country},
        REMOTE_ADDR=ip,
    )


@pytest.mark.parametrize(
    ("prefix", "heading", "button"),
    [
        ("", "Write your letter", "Prepare my letter"),
        ("/ru", "Напишите своё письмо", "Подготовить моё письмо"),
        ("/kk", "Хатыңызды жазыңыз", "Хатымды дайындау"),
    ],
)
def test_the_action_page_speaks_every_language(client, prefix, heading, button):
    prisoner = make_prisoner(name="Vadim Kuramshin")
    action = make_action(title="Urgent action", prisoner=prisoner, targets=["embassy", MINISTER])

    response = client.get(f"{prefix}/actions/{action.slug}/")

    assert response.status_code == 200
    assert heading in response.text
    assert button in response.text
    assert "Urgent action" in response.text
    assert "Minister of Justice" in response.text
    assert prisoner.get_absolute_url() in response.text


def test_drafts_and_unknown_actions_are_not_found(client):
    draft_action = make_action(publication="draft", published_at=None)
    assert client.get(f"/actions/{draft_action.slug}/").status_code == 404
    assert client.get("/actions/no-such-action/").status_code == 404


def test_the_draft_is_a_mailto_with_the_letter_signed_by_the_writer(client):
    make_embassy(
        country="GB", email="embassy-gb@example.org", postal_address="33 Thurloe Sq\nLondon"
    )
    action = make_action(
        letter_subject="Free them now", letter_body="Dear Ambassador,\n\nFree them."
    )

    response = draft(client, action, name="Anna Example", personal_line="I write from Leeds.")

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    mailto = unquote(response.context["letters"][0].mailto)
    assert mailto == (
        "mailto:embassy-gb@example.org?subject=Free them now&body=Dear Ambassador,\r\n\r\n"
        "Free them.\r\n\r\nI write from Leeds.\r\n\r\nAnna Example\r\n"
    )
    assert "33 Thurloe Sq<br>London" in response.text
    assert "I sent it" in response.text


def test_all_targets_get_a_letter_each_and_a_named_one_its_own_address(client):
    make_embassy(country="DE", name="Embassy in Germany", email="embassy-de@example.org")
    action = make_action(targets=["embassy", MINISTER])

    response = draft(client, action, country="DE")

    recipients = [letter.recipient.email for letter in response.context["letters"]]
    assert recipients == ["embassy-de@example.org", "minister@example.org"]
    assert "1 Square<br>Astana" in response.text


def test_a_country_without_an_embassy_gets_the_fallback(client):
    action = make_action()
    response = draft(client, action, country="NZ")
    assert "We have no embassy address for your country yet" in response.text


def test_a_draft_without_a_name_asks_for_it(client):
    action = make_action()
    response = draft(client, action, name="")
    assert response.status_code == 400
    assert "Your letter is not ready yet" in response.text


def test_the_writers_name_is_never_in_an_address_or_stored(client, caplog):
    action = make_action()
    response = draft(client, action, name="Zinaida Secretname")
    assert "Zinaida Secretname" in response.text
    send(client, action)
    assert "Secretname" not in caplog.text
    assert not mail.outbox


def test_i_sent_it_counts_per_target_and_per_country(client):
    action = make_action(targets=["embassy", MINISTER])
    embassy, minister = targets_of(action)

    response = send(client, action, target="all", country="GB")
    send(client, action, target=str(minister.pk), country="GB", ip="203.0.113.8")
    send(client, action, target=str(minister.pk), country="DE", ip="203.0.113.9")

    assert response.status_code == 302
    assert response["Location"] == f"/actions/{action.slug}/thank-you/"
    counts = {(c.target_id, c.country.code): c.count for c in LetterCount.objects.all()}
    assert counts == {(embassy.pk, "GB"): 1, (minister.pk, "GB"): 2, (minister.pk, "DE"): 1}
    page = client.get(f"/actions/{action.slug}/").text
    assert "<strong>4</strong> letters sent" in page
    assert "United Kingdom: 3" in page
    assert "Germany: 1" in page


def test_the_thank_you_page_shows_the_counts(client):
    action = make_action()
    response = client.get(send(client, action)["Location"])
    assert "Thank you for writing" in response.text
    assert "<strong>1</strong>" in response.text


@pytest.mark.parametrize(
    "data",
    [{"target": "999999", "country": "GB"}, {"target": "all", "country": "GB"}, {}],
)
def test_a_bad_i_sent_it_is_a_clear_400_and_counts_nothing(client, data):
    action = make_action()
    response = client.post(f"/actions/{action.slug}/sent/", data)
    assert response.status_code == 400
    assert "Your letter was not counted" in response.text
    assert not LetterCount.objects.exists()


def test_i_sent_it_needs_the_csrf_token(client):
    from django.test import Client

    action = make_action()
    response = Client(enforce_csrf_checks=True).post(
        f"/actions/{action.slug}/sent/", {"target": "all", "country": "GB"}
    )
    assert response.status_code == 403
    assert not LetterCount.objects.exists()


def test_past_the_rate_limit_letters_are_not_counted_with_the_same_answer(client, settings):
    settings.SIGNATURE_RATE_LIMIT = (2, 300)
    action = make_action()
    answers = [send(client, action) for _ in range(4)]
    assert {(answer.status_code, answer["Location"]) for answer in answers} == {
        (302, f"/actions/{action.slug}/thank-you/")
    }
    assert LetterCount.objects.get().count == 2
    # Another address still counts.
    send(client, action, ip="198.51.100.1")
    assert LetterCount.objects.get().count == 3


def test_a_translation_shares_its_originals_targets_and_counts(client):
    original = make_action(targets=[MINISTER])
    translation = make_action(language="ru", translation_of=original, targets=[])
    (minister,) = targets_of(original)

    send(client, translation, target=str(minister.pk))

    assert "Minister of Justice" in client.get(f"/ru/actions/{translation.slug}/").text
    assert LetterCount.objects.get().target == minister


def test_the_petition_links_to_its_letter_action(client):
    petition = make_petition(letter_body="Free them.")
    action = make_action(petition=petition)
    assert action.get_absolute_url() in client.get(petition.get_absolute_url()).text


def test_the_page_takes_the_same_queries_for_many_targets_and_countries(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    action = make_action(targets=["embassy", MINISTER], prisoner=make_prisoner())
    url = f"/actions/{action.slug}/"
    send(client, action)
    client.get(url)
    with django_assert_num_queries(5) as few:
        client.get(url)
    # Read now: every request the client makes empties the connection's query log.
    expected = len(few.captured_queries)
    for index in range(10):
        LetterTarget.objects.create(action=action, name=f"Target {index}", email="t@example.org")
    for country in ["DE", "FR", "IE", "BE"]:
        send(client, action, country=country)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert "Target 9" in response.text


def test_the_draft_takes_the_same_queries_for_more_targets(client, django_assert_num_queries):
    make_embassy(country="GB")
    action = make_action(targets=["embassy", MINISTER])
    with django_assert_num_queries(5) as few:
        draft(client, action)
    expected = len(few.captured_queries)
    for index in range(5):
        LetterTarget.objects.create(action=action, name=f"Target {index}", email="t@example.org")
    with django_assert_num_queries(expected):
        response = draft(client, action)
    assert len(response.context["letters"]) == 7


def test_the_prisoner_profile_take_action_box_links_to_the_letter_action(client):
    prisoner = make_prisoner()
    petition = make_petition(letter_body="Free them.")
    petition.prisoners.add(prisoner)
    action = make_action(petition=petition, prisoner=prisoner)

    page = client.get(prisoner.get_absolute_url()).text

    box = page.split('class="take-action"', 1)[1].split("</aside>", 1)[0]
    assert action.get_absolute_url() in box
    assert "Send the model letter" in box


def test_the_search_finds_actions(client):
    make_action(title="Urgent action for Vadim", summary="Write to the embassy")
    response = client.get("/search/", {"q": "Vadim"})
    assert "Urgent action for Vadim" in response.text
    assert "Letter action" in response.text


def test_the_sitemap_lists_published_actions(client):
    action = make_action()
    draft_action = make_action(publication="draft", published_at=None)
    sitemap = client.get("/sitemap.xml").text
    assert action.get_absolute_url() in sitemap
    assert draft_action.get_absolute_url() not in sitemap


def test_the_thank_you_page_takes_as_few_queries_as_the_action_page(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    action = make_action(targets=["embassy", MINISTER])
    send(client, action)
    with django_assert_num_queries(5):
        client.get(f"/actions/{action.slug}/thank-you/")
