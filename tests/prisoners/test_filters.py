"""The prisoner list's filter links: status, region, article and letters, combined."""

import datetime
import re

import pytest
from django.test import Client

from prisoners.models import Prisoner
from tests.factories import make_charge, make_detention, make_prisoner

pytestmark = pytest.mark.django_db

ADDRESS = "Colony UK-161/3, Zarechny"


def names_on(response):
    return [p.name for p in response.context["prisoners"]]


def make_case(name, *, articles=(), **fields):
    prisoner = make_prisoner(name=name, **fields)
    detention = make_detention(prisoner, detained_on=datetime.date(2022, 1, 5))
    for article in articles:
        make_charge(detention, article=article)
    return prisoner


@pytest.fixture
def cases():
    make_case(
        "Aigul",
        status=Prisoner.Status.SENTENCED,
        region="Mangystau",
        articles=["174", "405"],
        letters_address=ADDRESS,
        address_safe_to_publish=True,
    )
    make_case("Bolat", status=Prisoner.Status.SENTENCED, region="Almaty", articles=["174"])
    make_case(
        "Dana",
        status=Prisoner.Status.PRE_TRIAL,
        region="Mangystau",
        articles=["405"],
        letters_address="Not checked yet",
    )
    make_case("Erlan", status=Prisoner.Status.RELEASED, region="Almaty", articles=["274"])
    make_prisoner(name="Draft", status=Prisoner.Status.EXILE, region="Secret", publication="draft")


def filter_links(html):
    """(label, count, href, selected) for each filter link on the page."""
    links = re.findall(
        r'<a class="filter-link( filter-link--selected)?" href="([^"]+)"[^>]*>([^<]+?)'
        r' <span class="filter-link__count">(\d+)</span>',
        html,
    )
    return {
        label: (int(count), href.replace("&amp;", "&"), bool(sel))
        for sel, href, label, count in links
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("article=174", ["Aigul", "Bolat"]),
        ("article=405&region=Mangystau", ["Aigul", "Dana"]),
        ("letters=1", ["Aigul"]),
        ("status=sentenced&article=174&letters=1", ["Aigul"]),
        ("status=sentenced&region=Almaty&article=174", ["Bolat"]),
    ],
)
def test_filters_combine(client, cases, query, expected):
    assert names_on(client.get(f"/prisoners/?{query}")) == expected


def test_a_case_charged_twice_under_one_article_is_listed_once(client):
    prisoner = make_case("Aigul", articles=["174", "174"])
    make_charge(make_detention(prisoner), article="174")

    response = client.get("/prisoners/?article=174")

    assert names_on(response) == ["Aigul"]
    assert "1 prisoner matches" in response.text


def test_an_unsafe_or_empty_address_does_not_count_as_able_to_receive_letters(client):
    make_prisoner(name="Safe", letters_address=ADDRESS, address_safe_to_publish=True)
    make_prisoner(name="Unchecked", letters_address=ADDRESS)
    make_prisoner(name="Ticked without address", address_safe_to_publish=True)

    assert names_on(client.get("/prisoners/?letters=1")) == ["Safe"]


def test_links_offer_only_values_in_use_with_counts_given_the_other_filters(client, cases):
    links = filter_links(client.get("/prisoners/?region=Mangystau").text)

    assert links["Sentenced"] == (1, "/prisoners/?status=sentenced&region=Mangystau", False)
    assert links["Pre-trial detention"] == (
        1,
        "/prisoners/?status=pre_trial&region=Mangystau",
        False,
    )
    assert "Released" not in links  # Erlan is in Almaty
    assert "In exile" not in links  # only a draft has it
    assert "Secret" not in links
    # The region counts ignore the region filter itself, so other regions stay reachable.
    assert links["Almaty"] == (2, "/prisoners/?region=Almaty", False)
    assert links["Article 174"] == (1, "/prisoners/?region=Mangystau&article=174", False)
    assert links["Article 405"] == (2, "/prisoners/?region=Mangystau&article=405", False)
    assert "Article 274" not in links
    assert links["Can receive letters"] == (1, "/prisoners/?region=Mangystau&letters=1", False)


def test_a_selected_filter_is_marked_and_its_link_removes_it_keeping_the_others(client, cases):
    html = client.get("/prisoners/?status=sentenced&article=174").text

    links = filter_links(html)
    assert links["Sentenced"] == (2, "/prisoners/?article=174", True)
    assert links["Article 174"] == (2, "/prisoners/?status=sentenced", True)
    assert 'aria-current="true"' in html
    assert "remove this filter" in html


def test_the_list_says_how_many_match(client, cases):
    assert "2 prisoners match" in client.get("/prisoners/?status=sentenced").text
    assert "1 prisoner matches" in client.get("/prisoners/?letters=1").text
    assert "4 prisoners" in client.get("/prisoners/").text


def test_no_match_shows_an_empty_state_with_clear_filters_and_the_filter_to_remove(client, cases):
    response = client.get("/prisoners/?status=released&region=Mangystau")

    assert response.status_code == 200
    assert names_on(response) == []
    assert "No case matches these filters." in response.text
    assert 'href="/prisoners/">Clear filters</a>' in response.text
    assert filter_links(response.text)["Released"] == (0, "/prisoners/?region=Mangystau", True)


@pytest.mark.parametrize(
    "query",
    [
        "status=nonsense",
        "letters=yes",
        "article=1%2B1%20OR%201",
        "article=" + "9" * 50,
        "region=" + "x" * 300,
        "page=1&status=%00",
    ],
)
def test_invalid_filters_are_ignored_with_a_message_never_an_error(client, cases, query):
    response = client.get(f"/prisoners/?{query}")

    assert response.status_code == 200
    assert "We did not recognise one of the filters" in response.text


def test_an_unknown_region_or_article_shows_the_empty_state(client, cases):
    response = client.get("/prisoners/?region=Atlantis&article=999")

    assert names_on(response) == []
    assert "No case matches these filters." in response.text


@pytest.mark.parametrize(
    "query",
    [
        "",
        "status=sentenced",
        "region=Mangystau&article=405",
        "status=sentenced&region=Mangystau&article=174&letters=1",
    ],
)
def test_query_count_is_the_same_for_every_combination(
    client, cases, query, django_assert_num_queries
):
    # Facets (4), the count, the page of cases and their detentions.
    with django_assert_num_queries(7):
        response = client.get(f"/prisoners/?{query}")
    assert response.context["prisoners"]


def test_page_links_keep_the_filters(client):
    for number in range(21):
        make_prisoner(
            name=f"Prisoner {number:02}", region="Almaty", status=Prisoner.Status.SENTENCED
        )

    html = client.get("/prisoners/?status=sentenced&region=Almaty").text

    assert 'href="?status=sentenced&amp;region=Almaty&amp;page=2"' in html


def test_the_page_cache_keeps_each_combination_apart(cases):
    visitor = Client()
    first = visitor.get("/prisoners/?status=sentenced")
    Client().get("/prisoners/?status=pre_trial")
    again = Client().get("/prisoners/?status=sentenced")
    other = Client().get("/prisoners/?status=pre_trial")
    combined = Client().get("/prisoners/?status=sentenced&letters=1")

    assert first["X-Page-Cache"] == "miss"
    assert again["X-Page-Cache"] == "hit"
    assert other["X-Page-Cache"] == "hit"
    assert "Bolat" in again.text and "Dana" not in again.text
    assert "Dana" in other.text and "Bolat" not in other.text
    assert combined["X-Page-Cache"] == "miss"
    assert "Aigul" in combined.text and "Bolat" not in combined.text


@pytest.mark.parametrize(
    ("prefix", "matches", "clear"),
    [
        ("/ru", "2 политзаключённых", "Сбросить фильтры"),
        ("/kk", "2 саяси тұтқын", "Сүзгілерді тазарту"),
    ],
)
def test_filters_work_in_russian_and_kazakh(client, cases, prefix, matches, clear):
    response = client.get(f"{prefix}/prisoners/?status=sentenced")

    assert names_on(response) == ["Aigul", "Bolat"]
    assert f'href="{prefix}/prisoners/?status=sentenced&amp;letters=1"' in response.text
    assert matches in response.text
    assert clear in response.text
