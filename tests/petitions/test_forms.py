import re

import pytest
from django.utils import translation
from django_countries.widgets import LazySelect

from petitions.forms import LetterCountryForm, SignatureForm
from tests.factories import make_embassy, make_petition
from tests.petitions.helpers import form_data


def _stock_markup(bound_field) -> str:
    """The same field rendered by django-countries' own select, one template per option."""
    return bound_field.as_widget(widget=LazySelect(choices=bound_field.field.choices))


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("data", [None, {"country": "KZ"}, {"country": ""}, {"country": "ZZ"}])
def test_the_country_select_is_the_markup_django_writes(language, data):
    with translation.override(language):
        form = SignatureForm(data)
        if data is not None:
            form.is_valid()
        assert str(form["country"]) == _stock_markup(form["country"])
        letter = LetterCountryForm(initial={"country": "DE"}, auto_id="letter_%s")
        assert str(letter["country"]) == _stock_markup(letter["country"])


def test_the_country_select_marks_only_the_chosen_country():
    markup = str(SignatureForm({"country": "KZ"})["country"])
    assert markup.count(" selected") == 1
    assert '<option value="KZ" selected>Kazakhstan</option>' in markup


def test_the_country_select_names_countries_in_the_visitors_language():
    with translation.override("ru"):
        russian = str(SignatureForm()["country"])
    english = str(SignatureForm()["country"])
    assert ">Казахстан</option>" in russian
    assert ">Kazakhstan</option>" in english


@pytest.mark.django_db
def test_a_refused_form_keeps_the_chosen_country_and_marks_the_error(client):
    petition = make_petition()
    page = client.post(f"/petitions/{petition.slug}/sign/", form_data(country="", name="Anna"))
    assert page.status_code == 400
    select = re.search(r'<select name="country"[^>]*>', page.text)[0]
    assert "is-invalid" in select
    assert 'aria-invalid="true"' in select
    page = client.post(f"/petitions/{petition.slug}/sign/", form_data(country="FR", name="😀"))
    assert '<option value="FR" selected>France</option>' in page.text


@pytest.mark.django_db
def test_the_letter_follows_an_embassy_edit_and_the_language_at_once(client):
    petition = make_petition(letter_body="Free them.")
    embassy = make_embassy(country="DE", name="Old embassy name")
    page = client.get(f"/petitions/{petition.slug}/", {"country": "DE"}).text
    assert "Old embassy name" in page
    assert '<option value="DE" selected>Germany</option>' in page
    embassy.name = "New embassy name"
    embassy.save()
    page = client.get(f"/petitions/{petition.slug}/", {"country": "DE"}).text
    assert "New embassy name" in page
    page = client.get(f"/ru/petitions/{petition.slug}/", {"country": "DE"}).text
    assert '<option value="DE" selected>Германия</option>' in page
