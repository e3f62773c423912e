import datetime

import pytest
from django.contrib.auth import get_user_model

from campaign.models import Prisoner
from tests.factories import make_charge, make_detention, make_prisoner

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def test_prisoner_changelist_shows_days_behind_bars_and_filters(admin_client):
    prisoner = make_prisoner(name="Vadim Kuramshin", status=Prisoner.Status.SENTENCED)
    make_detention(
        prisoner, detained_on=datetime.date(2012, 1, 1), released_on=datetime.date(2012, 1, 11)
    )

    response = admin_client.get("/admin/campaign/prisoner/?status__exact=sentenced&q=Kuramshin")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vadim Kuramshin" in html
    assert "Spent 10 days in detention" in html


def test_prisoner_change_page_has_detentions_timeline_and_a_way_to_charges(admin_client):
    prisoner = make_prisoner(letters_address="Colony 1")
    detention = make_detention(prisoner, detained_on=datetime.date(2020, 1, 1))
    make_charge(detention, article="174", part="1")

    html = admin_client.get(f"/admin/campaign/prisoner/{prisoner.pk}/change/").content.decode()

    assert "detentions-TOTAL_FORMS" in html
    assert "timeline_events-TOTAL_FORMS" in html
    assert "Article 174 part 1" in html
    assert f"/admin/campaign/detention/{detention.pk}/change/" in html
    assert "safe to publish" in html
    assert "consent to publish" in html


def test_charges_are_edited_inline_on_their_detention(admin_client):
    detention = make_detention()

    html = admin_client.get(f"/admin/campaign/detention/{detention.pk}/change/").content.decode()

    assert "charges-TOTAL_FORMS" in html


def test_adding_a_prisoner_with_a_detention_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/campaign/prisoner/add/",
        {
            "name": "Aron Atabek",
            "slug": "aron-atabek",
            "status": "unknown",
            "language": "en",
            "published_at_0": "2026-01-01",
            "published_at_1": "00:00:00",
            "detentions-TOTAL_FORMS": "1",
            "detentions-INITIAL_FORMS": "0",
            "detentions-0-detained_on": "2010-01-01",
            "detentions-0-released_on": "2009-01-01",
            "timeline_events-TOTAL_FORMS": "0",
            "timeline_events-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "The release date cannot be before the detention." in response.content.decode()
    assert not Prisoner.objects.exists()


def test_detention_page_does_not_claim_the_sentence_in_months_counts_days(admin_client):
    detention = make_detention()

    html = admin_client.get(f"/admin/campaign/detention/{detention.pk}/change/").content.decode()

    assert "for the “days behind bars” count" not in html
    assert "for our records only: the site does not show it" in html


def test_detentions_list_filters_by_still_held_and_by_detention_date(admin_client):
    make_detention(make_prisoner(name="Still Held"), detained_on=datetime.date(2025, 2, 1))
    make_detention(
        make_prisoner(name="Set Free"),
        detained_on=datetime.date(2019, 2, 1),
        released_on=datetime.date(2020, 2, 1),
    )

    def names(query):
        response = admin_client.get(f"/admin/campaign/detention/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        return {name for name in ("Still Held", "Set Free") if f"{name}, detained" in html}

    assert names("") == {"Still Held", "Set Free"}
    assert names("held=yes") == {"Still Held"}
    assert names("held=no") == {"Set Free"}
    assert names("detained_on__isnull=False&detained_on__gte=2025-01-01") == {"Still Held"}
