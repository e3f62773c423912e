import re

import pytest
from django.test import Client

from petitions.models import Signature
from tests.factories import make_detention, make_petition, make_prisoner, make_timeline_event

pytestmark = pytest.mark.django_db

SIGNATURE = {
    "name": "Anna",
    "email": "anna@example.org",
    "country": "GB",
    "consent_wording": "2026-11",
}


@pytest.mark.parametrize("csrf_checks", [False, True])
def test_a_body_over_the_limit_is_refused_with_413_and_stores_nothing(settings, csrf_checks):
    petition = make_petition()
    client = Client(enforce_csrf_checks=csrf_checks)
    data = {**SIGNATURE, "comment": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    if csrf_checks:
        # The CSRF check reads the body first, as it does for a real browser's POST.
        client.get(petition.get_absolute_url())
        data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value

    response = client.post(f"/petitions/{petition.slug}/sign/", data)

    assert response.status_code == 413
    assert b"more than this site accepts" in response.content
    assert not Signature.objects.exists()


def test_too_many_fields_are_refused_with_400_and_store_nothing(client, settings):
    petition = make_petition()
    extra = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)}

    response = client.post(f"/petitions/{petition.slug}/sign/", {**SIGNATURE, **extra})

    assert response.status_code == 400
    assert not Signature.objects.exists()


def test_a_signature_with_the_longest_allowed_comment_fits(client):
    petition = make_petition()
    comment_field = Signature._meta.get_field("comment")
    comment = "x" * (comment_field.max_length or 5000)

    response = client.post(f"/petitions/{petition.slug}/sign/", {**SIGNATURE, "comment": comment})

    assert response.status_code == 302
    assert Signature.objects.count() == 1


def test_the_largest_admin_form_stays_well_inside_the_field_limit(admin_client, settings):
    prisoner = make_prisoner()
    for _ in range(10):
        make_detention(prisoner)
        make_timeline_event(prisoner)

    page = admin_client.get(f"/{settings.ADMIN_URL}prisoners/prisoner/{prisoner.pk}/change/")

    assert page.status_code == 200
    fields = set(re.findall(rb'name="([^"]+)"', page.content))
    assert len(fields) * 4 < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
