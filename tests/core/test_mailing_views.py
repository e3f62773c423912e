"""The unsubscribe pages: the one a person reads (a GET changes nothing, its form keeps
Django's CSRF check) and the one a mail client's button posts to (RFC 8058: no session, no
CSRF cookie)."""

import pytest
from django.test import Client

from core.emails import address_hash
from core.mailing_models import UNSUBSCRIBE_ALL, Suppression
from core.mailings import create_mailing, is_suppressed
from core.redaction import redact
from core.unsubscribe import UnsubscribeLink, make_token
from tests.infra import test_html_validity

pytestmark = pytest.mark.django_db

java = test_html_validity.java  # the fixture: Java for the HTML checker, or a skip

ADDRESS = "anna@example.org"
MESSAGES = {"en": ("Court date set", "Monday."), "ru": ("Дата суда назначена", "Понедельник.")}


def link_for(mailing, address=ADDRESS):
    link = UnsubscribeLink(
        address_hash=address_hash(address), scope=mailing.scope, mailing_id=mailing.pk
    )
    return make_token(link)


@pytest.fixture
def mailing():
    return create_mailing(audience="petitions.signers", scope_id=7, messages=MESSAGES)


def test_opening_the_link_only_asks_and_changes_nothing(client, mailing):
    response = client.get(f"/unsubscribe/{link_for(mailing)}/")

    assert response.status_code == 200
    assert "You received “Court date set” from us." in response.text
    assert "Only updates like this one" in response.text
    assert not Suppression.objects.exists()
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"]


def test_the_page_is_in_russian_at_its_russian_address(client, mailing):
    response = client.get(f"/ru/unsubscribe/{link_for(mailing)}/")

    assert "Дата суда назначена" in response.text
    assert 'lang="ru"' in response.text


def test_the_page_takes_the_same_queries_whoever_opens_it(
    client, mailing, django_assert_num_queries
):
    with django_assert_num_queries(1):
        client.get(f"/unsubscribe/{link_for(mailing)}/")
    Suppression.objects.create(address_hash=address_hash(ADDRESS), scope=UNSUBSCRIBE_ALL)
    with django_assert_num_queries(1):
        client.get(f"/unsubscribe/{link_for(mailing)}/")


def test_choosing_only_this_petition_stops_only_its_updates(client, mailing):
    response = client.post(f"/unsubscribe/{link_for(mailing)}/", {"scope": "this"})

    assert response.status_code == 200
    assert "We will send you no more updates like this one." in response.text
    assert is_suppressed(ADDRESS, scope=mailing.scope)
    assert not is_suppressed(ADDRESS)
    recorded = Suppression.objects.get()
    assert recorded.mailing == mailing
    assert recorded.created_at is not None


def test_choosing_all_stops_every_mailing_and_twice_is_the_same_as_once(client, mailing):
    token = link_for(mailing)
    first = client.post(f"/unsubscribe/{token}/", {"scope": "all"})
    second = client.post(f"/unsubscribe/{token}/", {"scope": "all"})

    assert first.text == second.text
    assert is_suppressed("Anna@Example.org")
    assert Suppression.objects.count() == 1


def test_the_pages_own_form_is_refused_without_its_csrf_token(mailing):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/unsubscribe/{link_for(mailing)}/", {"scope": "all"})

    assert response.status_code == 403
    assert not Suppression.objects.exists()


def test_the_pages_own_form_works_with_its_csrf_token(mailing):
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/unsubscribe/{link_for(mailing)}/")
    token = page.context["csrf_token"]

    response = client.post(
        f"/unsubscribe/{link_for(mailing)}/", {"scope": "all", "csrfmiddlewaretoken": str(token)}
    )

    assert response.status_code == 200
    assert is_suppressed(ADDRESS)


def test_a_choice_that_is_not_offered_gets_a_clear_message(client, mailing):
    response = client.post(f"/unsubscribe/{link_for(mailing)}/", {"scope": "everything"})

    assert response.status_code == 400
    assert "Choose which emails to stop." in response.text
    assert not Suppression.objects.exists()


def test_the_mail_clients_one_click_post_works_without_session_or_csrf_cookie(mailing):
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/unsubscribe/{link_for(mailing)}/one-click/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert is_suppressed(ADDRESS, scope=mailing.scope)
    assert {"sessionid", "csrftoken"}.isdisjoint(response.cookies)


def test_a_get_on_the_one_click_address_changes_nothing(client, mailing):
    response = client.get(f"/unsubscribe/{link_for(mailing)}/one-click/")

    assert response.status_code == 405
    assert not Suppression.objects.exists()


@pytest.mark.parametrize("path", ["/unsubscribe/{}/", "/unsubscribe/{}/one-click/"])
def test_a_forged_or_cut_link_gets_a_clear_400_and_changes_nothing(client, mailing, path):
    token = link_for(mailing)

    response = client.post(path.format(token[:-3] + "abc"), {"scope": "all"})

    assert response.status_code == 400
    assert "This link does not work" in response.text
    assert not Suppression.objects.exists()


def test_a_link_still_works_after_its_mailing_was_deleted(client, mailing):
    token = link_for(mailing)
    mailing.delete()

    response = client.post(f"/unsubscribe/{token}/", {"scope": "all"})

    assert response.status_code == 200
    assert is_suppressed(ADDRESS)


def test_the_token_of_an_unsubscribe_link_never_reaches_a_log(mailing):
    token = link_for(mailing)

    for path in (f"/ru/unsubscribe/{token}/", f"/unsubscribe/{token}/one-click/"):
        assert token not in redact(f"POST {path} 200")
        assert "/unsubscribe/[token]/" in redact(f"POST {path} 200")


def test_a_link_from_before_the_secret_key_was_rotated_still_works(client, mailing, settings):
    token = link_for(mailing)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-the-rotation-in-this-test"

    response = client.post(f"/unsubscribe/{token}/", {"scope": "all"})

    assert response.status_code == 200
    assert is_suppressed(ADDRESS)


def test_the_unsubscribe_pages_are_valid_html_in_every_language(client, mailing, java, tmp_path):
    token = link_for(mailing)
    pages = {}
    for prefix in ("", "/ru", "/kk"):
        pages[f"ask{prefix or '/en'}"] = client.get(f"{prefix}/unsubscribe/{token}/")
        pages[f"refused{prefix or '/en'}"] = client.post(f"{prefix}/unsubscribe/{token}/", {})
        pages[f"done{prefix or '/en'}"] = client.post(
            f"{prefix}/unsubscribe/{token}/", {"scope": "this"}
        )
    pages["bad-link"] = client.get("/unsubscribe/not-a-token/")
    files = []
    for name, response in pages.items():
        file = tmp_path / f"{name.replace('/', '-')}.html"
        file.write_bytes(response.content)
        files.append(file)

    assert test_html_validity.check_html(java, files) == []
