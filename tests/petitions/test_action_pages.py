"""What a petition's pages put first: the ask, its status and count, the sign box; the
closed, empty and refused states; what the pages after signing offer (views.py)."""

import re
from html import unescape

import pytest
from django.utils import timezone

from petitions.models import Petition
from tests.factories import make_embassy, make_petition, make_signature
from tests.petitions.helpers import confirm_path, sign

pytestmark = pytest.mark.django_db

LETTER = "Dear Ambassador,\n\nRelease Vadim Kuramshin.\n\nYours in protest,"


def share_section(page: str) -> str:
    return page.split('<aside class="share', 1)[1].split("</aside>", 1)[0]


def test_the_page_leads_with_status_closing_date_target_and_count_then_the_form_then_the_text(
    client,
):
    petition = make_petition(
        target="The Prosecutor General of Kazakhstan",
        closes_at=timezone.make_aware(timezone.datetime(2031, 3, 8, 12)),
        body="<p>The long text of the petition.</p>",
    )
    for _ in range(3):
        make_signature(petition=petition)
    page = client.get(petition.get_absolute_url()).text
    order = [
        "Open for signatures",
        "Closes on",
        "8 March 2031",
        "To:",
        "The Prosecutor General of Kazakhstan",
        "<strong>3</strong> signatures",
        'href="#sign"',
        'id="sign"',
        'name="email"',
        "The long text of the petition.",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)


def test_a_summary_the_text_opens_with_is_shown_once(client):
    petition = make_petition(
        summary="Urgent action for Vadim Kuramshin.",
        body="<p>Urgent action for  Vadim Kuramshin.</p><p>Below is a model message.</p>",
    )
    main = client.get(petition.get_absolute_url()).text.split("<main", 1)[1]
    assert main.count("Urgent action for") == 1
    assert "Below is a model message." in main


def test_a_text_that_does_not_open_with_the_summary_is_shown_whole(client):
    petition = make_petition(summary="Free him.", body="<p>Free him now.</p><p>More.</p>")
    page = client.get(petition.get_absolute_url()).text
    assert "<p>Free him now.</p><p>More.</p>" in page


def test_nobody_signed_yet_reads_be_the_first_to_sign_never_a_bare_zero(client):
    petition = make_petition(title="Nobody signed")
    closed = make_petition(title="Closed unsigned", status=Petition.Status.CLOSED)
    page = client.get(petition.get_absolute_url()).text
    assert "Be the first to sign" in page
    assert "<strong>0</strong>" not in page
    listing = client.get("/petitions/").text
    assert "Be the first to sign" in listing
    assert "No signatures" in listing  # the closed one: nobody can be first any more
    assert not re.search(r"\b0 signatures", listing)
    assert "No signatures" in client.get(closed.get_absolute_url()).text


def test_a_closed_petition_says_when_it_closed_its_final_count_and_what_to_do_instead(client):
    petition = make_petition(
        title="Closed one", letter_subject="Protest", letter_body=LETTER, closes_at=None
    )
    for _ in range(2):
        make_signature(petition=petition)
    petition.close()
    other = make_petition(title="Still open")
    make_petition(title="Closed too", status=Petition.Status.CLOSED)
    page = client.get(petition.get_absolute_url()).text
    closed_on = timezone.localdate(petition.closed_at).strftime("%-d %B %Y")
    assert "This petition is closed" in page
    assert f"It stopped taking signatures on {closed_on}." in page
    assert "Its final count: 2 signatures." in page
    assert 'href="#letter"' in page and 'id="letter"' in page
    assert f'href="{other.get_absolute_url()}"' in page
    assert "Closed too" not in page
    assert 'name="email"' not in page
    assert page.index("This petition is closed") < page.index('id="letter"')


def test_a_petition_past_its_closing_date_shows_that_date(client):
    petition = make_petition(closes_at=timezone.make_aware(timezone.datetime(2026, 1, 31, 12)))
    page = client.get(petition.get_absolute_url()).text
    assert "Closed on" in page and "31 January 2026" in page
    assert "It stopped taking signatures on 31 January 2026." in page


def test_a_refused_form_comes_back_with_a_summary_that_takes_the_focus(client):
    petition = make_petition()
    response = sign(client, petition, name="", email="not an address")
    assert response.status_code == 400
    summary = re.search(r'<div class="petition-form__errors"[^>]*>', response.text)[0]
    assert 'id="sign-errors"' in summary
    assert 'tabindex="-1"' in summary and "autofocus" in summary
    text = unescape(response.text)
    assert 'href="#id_name">Full name: This field is required.' in text
    assert 'href="#id_email">Email: Please enter a whole email address' in text


def test_check_email_offers_big_share_links_and_the_letter_for_the_signers_country(
    client, settings
):
    settings.SITE_URL = "https://campaign.example.org"
    petition = make_petition(letter_subject="Protest", letter_body=LETTER)
    make_embassy(country="DE", name="Embassy in Berlin", email="de@example.org")
    response = sign(client, petition, country="DE")
    assert response["Location"] == f"/petitions/{petition.slug}/check-your-email/"
    page = client.get(response["Location"])
    assert page["Cache-Control"] == "private"
    share = share_section(page.text)
    public_url = f"https%3A%2F%2Fcampaign.example.org%2Fpetitions%2F{petition.slug}%2F"
    for site in (
        "mailto:?",
        "https://wa.me/",
        "https://t.me/",
        "https://www.facebook.com/",
        "https://x.com/",
        "https://vk.com/",
    ):
        assert re.search(rf'href="{re.escape(site)}[^"]*{public_url}', share), site
    assert "check-your-email" not in share
    assert "Embassy in Berlin" in page.text
    assert '<option value="DE" selected>' in page.text
    assert "Anna" not in page.text and "anna@example.org" not in page.text


def test_the_signers_details_never_reach_an_address_or_the_cookie(client):
    petition = make_petition(letter_body=LETTER)
    response = sign(client, petition, country="DE")
    cookies = response.cookies.output()
    assert "anna" not in cookies.lower() and "Karenina" not in cookies
    assert "?" not in response["Location"]


def test_thanks_offers_share_links_without_the_token_and_the_letter_for_the_signers_country(
    client,
):
    petition = make_petition(letter_subject="Protest", letter_body=LETTER)
    make_embassy(country="FR", name="Embassy in Paris", email="fr@example.org")
    sign(client, petition, country="FR")
    link = confirm_path()
    token = link.rstrip("/").rsplit("/", 1)[1]
    # Confirmed from the mail program's browser: no cookie from signing there.
    client.cookies.clear()
    response = client.post(link)
    assert response["Location"] == f"/petitions/{petition.slug}/thank-you/"
    page = client.get(response["Location"])
    assert page["Cache-Control"] == "private"
    share = share_section(page.text)
    assert f"%2Fpetitions%2F{petition.slug}%2F" in share
    assert token not in page.text and "confirm" not in share
    assert "Embassy in Paris" in page.text
    assert '<option value="FR" selected>' in page.text
    chosen = client.get(response["Location"], {"country": "DE"}).text
    assert '<option value="DE" selected>' in chosen


def test_the_petition_page_never_follows_the_signers_country(client):
    petition = make_petition(letter_body=LETTER)
    make_embassy(country="DE", name="Embassy in Berlin", email="de@example.org")
    sign(client, petition, country="DE")
    page = client.get(petition.get_absolute_url()).text
    assert "Embassy in Berlin" not in page


def test_a_closed_petitions_page_takes_as_many_queries_whatever_it_offers_instead(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    petition = make_petition(status=Petition.Status.CLOSED, letter_body=LETTER)
    make_petition(title="Open one")
    client.get(petition.get_absolute_url())  # the first visit makes the settings row
    with django_assert_max_num_queries(20) as first:
        client.get(petition.get_absolute_url())
    for n in range(3):
        make_signature(petition=make_petition(title=f"Open {n}"))
    with django_assert_num_queries(len(first.captured_queries)):
        page = client.get(petition.get_absolute_url()).text
    assert page.count("1 signature") == 3


def test_a_petition_closed_early_never_shows_its_planned_closing_date_as_past(client):
    planned = timezone.now() + timezone.timedelta(days=30)
    petition = make_petition(status=Petition.Status.CLOSED, closes_at=planned)
    page = client.get(petition.get_absolute_url()).text
    assert "Closed" in page
    assert "Closed on" not in page and "Closes on" not in page
