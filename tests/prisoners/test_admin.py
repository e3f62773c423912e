import datetime

import pytest

from prisoners.models import Prisoner
from tests.factories import jpeg_upload, make_charge, make_detention, make_follower, make_prisoner

pytestmark = pytest.mark.django_db


def test_prisoner_changelist_shows_days_behind_bars_and_filters(admin_client):
    prisoner = make_prisoner(name="Vadim Kuramshin", status=Prisoner.Status.SENTENCED)
    make_detention(
        prisoner, detained_on=datetime.date(2012, 1, 1), released_on=datetime.date(2012, 1, 11)
    )

    response = admin_client.get("/admin/prisoners/prisoner/?status__exact=sentenced&q=Kuramshin")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vadim Kuramshin" in html
    assert "Spent 10 days in detention" in html


def test_prisoner_change_page_has_detentions_with_their_charges_filled_in(admin_client):
    prisoner = make_prisoner(letters_address="Colony 1")
    detention = make_detention(prisoner, detained_on=datetime.date(2020, 1, 1))
    make_charge(detention, article="174", part="1", description="inciting social discord")
    make_charge(detention, article="405")

    html = admin_client.get(f"/admin/prisoners/prisoner/{prisoner.pk}/change/").content.decode()

    assert "detentions-TOTAL_FORMS" in html
    assert "timeline_events-TOTAL_FORMS" in html
    charges = html.split('name="detentions-0-charge_lines"', 1)[1].split("</textarea>", 1)[0]
    assert charges.endswith(">\n174(1) inciting social discord\n405")
    assert "One charge per line" in html
    assert f"/admin/prisoners/detention/{detention.pk}/change/" in html
    assert "safe to publish" in html
    assert "consent to publish" in html


def test_charges_are_edited_inline_on_their_detention(admin_client):
    detention = make_detention()

    html = admin_client.get(f"/admin/prisoners/detention/{detention.pk}/change/").content.decode()

    assert "charges-TOTAL_FORMS" in html


def test_adding_a_prisoner_with_a_detention_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/prisoners/prisoner/add/",
        {
            "name": "Aron Atabek",
            "slug": "aron-atabek",
            "status": "unknown",
            "publication": "draft",
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

    html = admin_client.get(f"/admin/prisoners/detention/{detention.pk}/change/").content.decode()

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
        response = admin_client.get(f"/admin/prisoners/detention/?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        return {name for name in ("Still Held", "Set Free") if f"{name}, detained" in html}

    assert names("") == {"Still Held", "Set Free"}
    assert names("held=yes") == {"Still Held"}
    assert names("held=no") == {"Set Free"}
    assert names("detained_on__isnull=False&detained_on__gte=2025-01-01") == {"Still Held"}


def post_prisoner(client, prisoner=None, *detentions, **fields):
    """Save the prisoner's admin page (a new prisoner without `prisoner`) with these
    detention forms (a form with an "id" is an existing detention) and profile fields."""
    data = {
        "name": prisoner.name if prisoner else "Aron Atabek",
        "slug": prisoner.slug if prisoner else "aron-atabek",
        "status": "unknown",
        "publication": "draft",
        "language": "en",
        "published_at_0": "2026-01-01",
        "published_at_1": "00:00:00",
        "detentions-TOTAL_FORMS": str(len(detentions)),
        "detentions-INITIAL_FORMS": str(sum("id" in form for form in detentions)),
        "timeline_events-TOTAL_FORMS": "0",
        "timeline_events-INITIAL_FORMS": "0",
        **fields,
    }
    for index, form in enumerate(detentions):
        data.update({f"detentions-{index}-{field}": value for field, value in form.items()})
        if prisoner:
            data[f"detentions-{index}-prisoner"] = str(prisoner.pk)
    url = (
        f"/admin/prisoners/prisoner/{prisoner.pk}/change/"
        if prisoner
        else "/admin/prisoners/prisoner/add/"
    )
    return client.post(url, data)


def charges_of(detention):
    return [(c.article, c.part, c.description) for c in detention.charges.order_by("pk")]


def test_a_new_detention_and_its_charges_are_saved_with_the_prisoner(admin_client):
    response = post_prisoner(
        admin_client,
        None,
        {
            "detained_on": "2010-01-01",
            "charge_lines": "174(1) inciting social discord\r\n\r\n405 joining a banned group",
        },
    )

    assert response.status_code == 302
    detention = Prisoner.objects.get(slug="aron-atabek").detentions.get()
    assert charges_of(detention) == [
        ("174", "1", "inciting social discord"),
        ("405", "", "joining a banned group"),
    ]


def test_editing_the_charge_lines_replaces_the_detention_charges(admin_client):
    prisoner = make_prisoner()
    detention = make_detention(prisoner, place="Colony 1")
    make_charge(detention, article="164", part="3", description="old wording")

    response = post_prisoner(
        admin_client,
        prisoner,
        {"id": str(detention.pk), "place": "Colony 1", "charge_lines": "174 (2)  spreading lies"},
    )

    assert response.status_code == 302
    assert charges_of(detention) == [("174", "2", "spreading lies")]


def test_an_unreadable_charge_line_is_named_and_nothing_is_saved(admin_client):
    prisoner = make_prisoner()
    detention = make_detention(prisoner, place="Colony 1")
    make_charge(detention, article="164", part="3")

    response = post_prisoner(
        admin_client,
        prisoner,
        {
            "id": str(detention.pk),
            "place": "Colony 2",
            "charge_lines": "174(1) inciting social discord\n(2) of article 405\ninciting discord",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Line “(2) of article 405”: Write the article number, then the part in brackets" in html
    assert "Line “inciting discord”: Write the article as its number" in html
    detention.refresh_from_db()
    assert detention.place == "Colony 1"
    assert charges_of(detention) == [("164", "3", "")]


def test_saving_the_profile_without_touching_the_charges_leaves_them_as_they_are(admin_client):
    prisoner = make_prisoner()
    detention = make_detention(prisoner, place="Colony 1")
    kept = [
        make_charge(detention, article="174", part="1", description="inciting discord"),
        # Entered before articles had to be numbers: it cannot be written as a line.
        make_charge(detention, article="art. 405"),
    ]
    # As the browser sends the filled-in field back: with its own line ends.
    untouched = "174(1) inciting discord\r\nart. 405"

    response = post_prisoner(
        admin_client,
        prisoner,
        {"id": str(detention.pk), "place": "Colony 2", "charge_lines": untouched},
    )

    assert response.status_code == 302
    detention.refresh_from_db()
    assert detention.place == "Colony 2"
    assert list(detention.charges.order_by("pk")) == kept


def test_a_detention_page_still_adds_charges_one_by_one(admin_client):
    detention = make_detention()

    response = admin_client.post(
        f"/admin/prisoners/detention/{detention.pk}/change/",
        {
            "prisoner": str(detention.prisoner.pk),
            "charges-TOTAL_FORMS": "1",
            "charges-INITIAL_FORMS": "0",
            "charges-0-article": "174",
            "charges-0-part": "1",
            "charges-0-description": "inciting social discord",
        },
    )

    assert response.status_code == 302
    assert charges_of(detention) == [("174", "1", "inciting social discord")]


def test_a_photo_without_a_description_is_refused_on_that_field(admin_client):
    response = post_prisoner(admin_client, lead_image=jpeg_upload())

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "lead_image_alt": ["Describe the photo for people who cannot see it."]
    }
    assert not Prisoner.objects.exists()


def test_a_photo_with_a_description_is_saved(admin_client):
    response = post_prisoner(
        admin_client, lead_image=jpeg_upload(), lead_image_alt="Aron Atabek in a grey jacket"
    )

    assert response.status_code == 302
    prisoner = Prisoner.objects.get()
    assert prisoner.lead_image.name.startswith("prisoners/")
    assert prisoner.lead_image_alt == "Aron Atabek in a grey jacket"


def test_an_editors_bookmark_from_before_the_prisoners_app_still_opens_the_profile(
    admin_client,
):
    prisoner = make_prisoner(name="Aron Atabek")

    response = admin_client.get(f"/admin/campaign/prisoner/{prisoner.pk}/change/?_changelist=1")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/prisoners/prisoner/{prisoner.pk}/change/?_changelist=1"
    assert "Aron Atabek" in admin_client.get(response["Location"]).text


def test_moderators_see_who_follows_a_case_and_cannot_add_or_change_them(
    admin_client, django_assert_max_num_queries
):
    follower = make_follower(make_prisoner(name="Anna K"), email="anna@example.org")
    admin_client.get("/admin/prisoners/follower/")
    with django_assert_max_num_queries(12) as few:
        page = admin_client.get("/admin/prisoners/follower/").text
    for _ in range(5):
        make_follower()
    with django_assert_max_num_queries(len(few.captured_queries)):
        admin_client.get("/admin/prisoners/follower/")
    assert f"Follower {follower.pk} of “Anna K”" in page
    assert admin_client.get("/admin/prisoners/follower/add/").status_code == 403
    change = f"/admin/prisoners/follower/{follower.pk}/change/"
    assert "anna@example.org" in admin_client.get(change).text
    admin_client.post(change, {"email": "other@example.org"})
    follower.refresh_from_db()
    assert follower.email == "anna@example.org"
