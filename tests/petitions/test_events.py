"""What happened to a petition after signing: delivery, response, outcome."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from petitions.models import Petition, PetitionEvent
from tests.factories import make_image_upload, make_petition, make_petition_event
from tests.petitions.test_admin import petition_form

pytestmark = pytest.mark.django_db

DELIVERED = datetime.date(2026, 3, 2)
REPLIED = datetime.date(2026, 4, 10)
RELEASED = datetime.date(2026, 6, 1)


def _story(petition):
    make_petition_event(
        petition,
        kind=PetitionEvent.Kind.OUTCOME,
        date=RELEASED,
        summary="Released from prison",
    )
    make_petition_event(
        petition,
        kind=PetitionEvent.Kind.DELIVERED,
        date=DELIVERED,
        counterpart="Embassy in Berlin",
        summary="Handed over 4,000 signatures",
    )
    make_petition_event(
        petition,
        kind=PetitionEvent.Kind.RESPONSE,
        date=REPLIED,
        counterpart="Ministry of Justice",
        summary="The ministry answered",
        text="<p>The case is under review.</p><script>alert(1)</script>",
    )


def test_the_page_shows_what_happened_in_date_order_above_the_text(client):
    petition = make_petition(body="<p>The full petition text.</p>")
    _story(petition)
    page = client.get(petition.get_absolute_url()).text
    delivered = page.index("Handed over 4,000 signatures")
    replied = page.index("The ministry answered")
    released = page.index("Released from prison")
    assert delivered < replied < released < page.index("The full petition text.")
    assert "To: <span" in page and "Embassy in Berlin" in page
    assert "From: <span" in page and "Ministry of Justice" in page
    assert "The case is under review." in page and "alert(1)" not in page
    assert '<time datetime="2026-03-02">' in page


def test_a_closed_petition_with_an_outcome_leads_with_it(client):
    petition = make_petition(status=Petition.Status.CLOSED, title="Free Anna")
    _story(petition)
    page = client.get(petition.get_absolute_url()).text
    lead = page.index('class="petition-outcome"')
    assert page.index("Free Anna") < lead < page.index("Handed over 4,000 signatures")
    assert lead < page.index("This petition is closed")
    assert "Released from prison" in page[lead : lead + 400]


def test_an_open_petition_shows_no_outcome_banner(client):
    petition = make_petition()
    _story(petition)
    page = client.get(petition.get_absolute_url()).text
    assert 'class="petition-outcome"' not in page
    assert "Released from prison" in page


def test_a_petition_without_events_shows_no_timeline(client):
    petition = make_petition(status=Petition.Status.CLOSED)
    page = client.get(petition.get_absolute_url()).text
    assert "What happened to the petition" not in page
    assert 'class="petition-outcome"' not in page


def test_the_labels_are_translated(client):
    petition = make_petition(status=Petition.Status.CLOSED, language="ru")
    _story(petition)
    page = client.get("/ru" + petition.get_absolute_url()).text
    assert "Что стало с петицией" in page
    assert "Итог" in page


def test_the_page_takes_the_same_queries_for_many_events(
    client, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition(status=Petition.Status.CLOSED)
    make_petition_event(petition, photo=make_image_upload(), photo_alt="The hand-over")
    url = petition.get_absolute_url()
    client.get(url)
    # Closed: no sign form, but the open petitions it offers instead (and the solidarity wall).
    with django_assert_num_queries(7) as few:
        client.get(url)
    _story(petition)
    for _ in range(5):
        make_petition_event(petition, document=SimpleUploadedFile("reply.pdf", b"%PDF-1.4 x"))
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.text.count("Read the document (PDF)") == 5
    assert 'alt="The hand-over"' in response.text


def _with_event(**fields):
    event = {
        "events-TOTAL_FORMS": "1",
        "events-INITIAL_FORMS": "0",
        "events-0-kind": "delivered",
        "events-0-date": "2026-03-02",
        "events-0-counterpart": "Embassy in Berlin",
        "events-0-summary": "Handed over",
        "events-0-text": "<p>At noon.</p>",
        "events-0-photo_alt": "",
    }
    return petition_form(**{**event, **{f"events-0-{k}": v for k, v in fields.items()}})


def test_editors_add_an_event_on_the_petition_page(admin_client):
    add = reverse("admin:petitions_petition_add")
    assert "What happened to the petition" in admin_client.get(add).text
    response = admin_client.post(
        add,
        _with_event(photo=make_image_upload(), photo_alt="Boxes of signatures", document=_pdf()),
    )
    assert response.status_code == 302, response.text[:3000]
    event = Petition.objects.get(slug="new-one").events.get()
    assert event.summary == "Handed over" and event.counterpart == "Embassy in Berlin"
    assert event.photo_width and event.document.name.endswith(".pdf")


def _pdf():
    return SimpleUploadedFile("reply.pdf", b"%PDF-1.7\n...", content_type="application/pdf")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("reply.pdf", b"<html><script>x</script>", "application/pdf"),
        ("reply.html", b"%PDF-1.7 <script>", "text/html"),
    ],
    ids=["html-named-pdf", "html-extension"],
)
def test_a_document_that_is_not_a_pdf_is_refused_on_its_field(
    admin_client, name, content, content_type
):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    response = admin_client.post(
        reverse("admin:petitions_petition_add"), _with_event(document=upload)
    )
    assert response.status_code == 200
    assert not Petition.objects.filter(slug="new-one").exists()
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert "document" in errors


def test_a_photo_without_a_description_is_refused_on_that_field(admin_client):
    response = admin_client.post(
        reverse("admin:petitions_petition_add"), _with_event(photo=make_image_upload())
    )
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert errors["photo_alt"] == ["Describe the photo for people who cannot see it."]


def test_a_file_that_is_not_an_image_is_refused_as_a_photo(admin_client):
    fake = SimpleUploadedFile("photo.jpg", b"not an image", content_type="image/jpeg")
    response = admin_client.post(
        reverse("admin:petitions_petition_add"), _with_event(photo=fake, photo_alt="x")
    )
    assert response.status_code == 200
    assert "photo" in response.context["inline_admin_formsets"][0].formset.errors[0]
