"""A surge: the sign form a worker could not take in time comes back filled in (503)."""

import re
import time

import pytest
from django.core import mail
from django.test import Client

from petitions.models import Signature
from tests.factories import make_petition
from tests.petitions.helpers import confirm_path, form_data

pytestmark = pytest.mark.django_db


def long_ago() -> dict:
    return {"HTTP_X_REQUEST_START": f"t={int((time.time() - 5) * 1000)}"}


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REQUEST_QUEUE_TIMEOUT_MS = 2000
    settings.SIGNATURE_RATE_LIMIT = None


def test_a_sign_form_that_waited_too_long_comes_back_filled_in_in_russian(client, caplog):
    petition = make_petition()
    typed = form_data(
        name="Анна Каренина", city="Алматы", comment="Свободу!", show_name="on", country="KZ"
    )

    response = client.post(f"/ru/petitions/{petition.slug}/sign/", typed, **long_ago())

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    page = response.text
    assert 'lang="ru"' in page
    assert "Your signature has not been sent yet" not in page  # translated
    assert f'action="/ru/petitions/{petition.slug}/sign/"' in page
    assert 'data-retry-after="5"' in page
    assert 'value="Анна Каренина"' in page
    assert 'value="anna@example.org"' in page
    assert 'value="Алматы"' in page
    assert ">\nСвободу!</textarea>" in page
    assert '<option value="KZ" selected>' in page
    assert re.search(r'<input type="checkbox" name="show_name"[^>]* checked', page)
    assert not re.search(r'<input type="checkbox" name="contact_consent"[^>]* checked', page)
    assert 'name="csrfmiddlewaretoken"' in page
    assert not Signature.objects.exists()
    assert not mail.outbox
    assert not any("Анна" in record.getMessage() for record in caplog.records)


def test_a_fresh_sign_form_is_taken(client):
    petition = make_petition()

    just_now = {"HTTP_X_REQUEST_START": f"t={int(time.time() * 1000)}"}

    response = client.post(f"/petitions/{petition.slug}/sign/", form_data(), **just_now)

    assert response.status_code == 302
    assert Signature.objects.count() == 1


def test_a_confirmation_is_never_shed(client):
    petition = make_petition()
    client.post(f"/petitions/{petition.slug}/sign/", form_data())

    response = client.post(confirm_path(), **long_ago())

    assert response.status_code == 302
    assert Signature.objects.get().state == Signature.State.CONFIRMED


def test_a_forged_sign_form_is_refused_before_it_could_be_shed():
    petition = make_petition()
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(f"/petitions/{petition.slug}/sign/", form_data(), **long_ago())

    assert response.status_code == 403
