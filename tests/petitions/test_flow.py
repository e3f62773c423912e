import pytest
from django.core import mail
from django.test import Client

from petitions import views
from petitions.models import Petition, Signature
from petitions.services import withdraw_signature
from tests.factories import make_petition
from tests.petitions.helpers import confirm_path, form_data, withdraw_path

pytestmark = pytest.mark.django_db


def sign(client, petition, **overrides):
    return client.post(f"/petitions/{petition.slug}/sign/", form_data(**overrides))


def test_signing_sends_a_confirmation_email_and_counts_only_after_the_post(client, settings):
    # Counting is checked here, not count.json's few seconds in the page cache.
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition(title="Free Vadim")
    response = sign(client, petition)
    assert response.status_code == 302
    assert response["Location"] == f"/petitions/{petition.slug}/check-your-email/"
    assert "Check your email" in client.get(response["Location"]).text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "/petitions/" in message.body and "confirm" in message.body
    html = message.alternatives[0].content
    assert confirm_path() in html
    assert client.get(f"/petitions/{petition.slug}/count.json").json()["count"] == 0

    link = confirm_path()
    page = client.get(link)
    assert "Confirm my signature" in page.text
    client.get(link)
    petition.refresh_from_db()
    assert petition.signature_count == 0

    response = client.post(link)
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert "Thank you for signing" in thanks.text
    assert client.get(f"/petitions/{petition.slug}/count.json").json()["count"] == 1


def test_confirming_twice_says_already_confirmed_and_counts_once(client):
    petition = make_petition()
    sign(client, petition)
    link = confirm_path()
    client.post(link)
    again = client.post(link)
    assert again.status_code == 200
    assert "already confirmed" in again.text
    assert Petition.objects.get(pk=petition.pk).signature_count == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_token_gets_a_kind_400_page(client, method):
    petition = make_petition()
    response = getattr(client, method)(f"/petitions/{petition.slug}/confirm/forged-token-123/")
    assert response.status_code == 400
    assert "This link does not work" in response.text


def test_a_token_for_another_petition_is_refused(client):
    first, second = make_petition(), make_petition()
    sign(client, first)
    link = confirm_path().replace(first.slug, second.slug)
    assert client.post(link).status_code == 400
    assert Signature.objects.get().state == Signature.State.PENDING


def test_withdraw_link_deletes_the_signature_and_lowers_the_count(client):
    petition = make_petition()
    sign(client, petition)
    client.post(confirm_path())
    withdraw = withdraw_path(mail.outbox[0])
    assert "Withdraw my signature" in client.get(withdraw).text
    assert Signature.objects.count() == 1
    response = client.post(withdraw)
    assert response.status_code == 302
    assert Signature.objects.count() == 0
    assert client.get(f"/petitions/{petition.slug}/count.json").json()["count"] == 0
    assert client.post(withdraw).status_code == 400


def test_the_stored_token_is_a_hash_not_the_link(client):
    petition = make_petition()
    sign(client, petition)
    token = confirm_path().rstrip("/").rsplit("/", 1)[1]
    signature = Signature.objects.get()
    assert len(token) >= 43  # 32 random bytes
    assert token not in signature.token_hash
    assert signature.ip_hash and "127.0.0.1" not in signature.ip_hash


def test_count_json_reports_count_goal_status_with_a_short_public_cache(client):
    petition = make_petition()
    response = client.get(f"/petitions/{petition.slug}/count.json")
    data = response.json()
    assert data["count"] == 0 and data["goal"] == 100 and data["status"] == "open"
    assert "updated_at" in data
    assert response["Cache-Control"].startswith("public, max-age=")


def test_a_petition_past_its_closing_date_reports_closed(client):
    from django.utils import timezone

    petition = make_petition(closes_at=timezone.now() - timezone.timedelta(minutes=1))
    data = client.get(f"/petitions/{petition.slug}/count.json").json()
    assert data["status"] == "closed"


def test_token_pages_are_never_cached_nor_indexed(client):
    petition = make_petition()
    sign(client, petition)
    response = client.get(confirm_path())
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.text
    assert client.put(confirm_path()).status_code == 405


def test_every_response_of_a_token_page_asks_for_no_referrer(client):
    """Links and forms on a page whose address holds the token must not carry it on, in a
    Referer, to another site or to the next line of our own access log."""
    petition = make_petition()
    sign(client, petition)
    client.post(confirm_path())
    confirm, withdraw = confirm_path(), withdraw_path()
    forged = f"/petitions/{petition.slug}/withdraw/forged-token-123/"

    responses = {
        "confirm page": client.get(confirm),
        "withdraw page": client.get(withdraw),
        "forged token": client.get(forged),
        "forged token posted": client.post(forged),
        "wrong method": client.put(confirm),
    }

    assert {name: r["Referrer-Policy"] for name, r in responses.items()} == dict.fromkeys(
        responses, "no-referrer"
    )
    assert client.get(f"/petitions/{petition.slug}/")["Referrer-Policy"] == (
        "strict-origin-when-cross-origin"
    )


def test_the_token_pages_forms_work_as_a_no_referrer_page_posts_them(client):
    """Browsers post a form from a no-referrer page with Origin: null, which a CSRF check
    refuses; the token in the address is what authorises confirming and withdrawing."""
    browser = Client(enforce_csrf_checks=True)
    petition = make_petition()
    sign(client, petition)
    email = mail.outbox[0]

    confirmed = browser.post(confirm_path(email), HTTP_ORIGIN="null")
    withdrawn = browser.post(withdraw_path(email), HTTP_ORIGIN="null")

    assert confirmed.status_code == 302
    assert withdrawn.status_code == 302
    assert not Signature.objects.exists()


def test_the_thank_you_page_shows_the_editors_thank_you_message(client):
    petition = make_petition(thank_you_message="Now write to the embassy in your country.")
    sign(client, petition)

    thanks = client.get(client.post(confirm_path())["Location"])

    assert "Now write to the embassy in your country." in thanks.text


def test_a_withdrawal_that_lost_a_race_to_a_double_submit_gets_the_kind_400_page(
    client, monkeypatch
):
    sign(client, make_petition())
    find = views.find_signature

    def found_then_withdrawn_by_the_first_submit(*, token):
        signature = find(token=token)
        withdraw_signature(token=token)
        return signature

    monkeypatch.setattr(views, "find_signature", found_then_withdrawn_by_the_first_submit)
    response = client.post(withdraw_path())

    assert response.status_code == 400
    assert "This link does not work" in response.text
    assert not Signature.objects.exists()
