import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache

from petitions.models import Petition, Signature
from tests.factories import make_petition, make_signature

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"


def readme_json(kind: str, name: str):
    """The JSON block README marks ``<!-- kind: name -->``."""
    found = re.search(
        rf"<!-- {kind}: {re.escape(name)} -->\n```json\n(.*?)\n```", README.read_text(), re.S
    )
    assert found, f"README has no {kind} of {name}"
    return json.loads(found[1])


def _is_datetime(value) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except (TypeError, ValueError):
        return False


KINDS = {
    "string": lambda value: isinstance(value, str) and value != "",
    "integer": lambda value: type(value) is int and value >= 0,
    "null": lambda value: value is None,
    "url": lambda value: (
        isinstance(value, str)
        and urlsplit(value).scheme in {"http", "https"}
        and bool(urlsplit(value).netloc)
    ),
    "datetime": _is_datetime,
    "country": lambda value: isinstance(value, str) and re.fullmatch("[A-Z]{2}", value),
    "language": lambda value: value in {"en", "ru", "kk"},
}


def shape_problems(value, shape, where="$") -> list[str]:
    """Where ``value`` departs from README's shape notation (see its "Open data")."""
    if isinstance(shape, dict):
        if not isinstance(value, dict) or set(value) != set(shape):
            return [f"{where}: {value!r} has not the keys {sorted(shape)}"]
        return [
            problem
            for key, inner in shape.items()
            for problem in shape_problems(value[key], inner, f"{where}.{key}")
        ]
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [f"{where}: {value!r} is not a list"]
        return [
            problem
            for index, item in enumerate(value)
            for problem in shape_problems(item, shape[0], f"{where}[{index}]")
        ]
    alternatives = shape.split("|")
    if any(KINDS[kind](value) if kind in KINDS else value == kind for kind in alternatives):
        return []
    return [f"{where}: {value!r} is not {shape}"]


def sign(petition, country, times, **fields):
    for _ in range(times):
        make_signature(petition=petition, country=country, **fields)


@pytest.mark.parametrize("name", ["petitions.json", "petition.json"])
def test_the_readme_examples_have_the_shapes_it_documents(name):
    assert shape_problems(readme_json("example", name), readme_json("shape", name)) == []


def test_the_shape_check_sees_a_document_that_departs_from_it():
    shape = readme_json("shape", "petition.json")
    document = readme_json("example", "petition.json")

    assert shape_problems({**document, "state": "paused"}, shape)
    assert shape_problems({**document, "extra": 1}, shape)
    assert shape_problems({**document, "opened_at": "yesterday"}, shape)
    assert shape_problems({**document, "signatures_by_country": [{"country": "kz"}]}, shape)


def test_the_index_lists_open_and_closed_published_petitions(client):
    open_petition = make_petition(title="Free them all", goal=50)
    sign(open_petition, "DE", 3)
    closed = make_petition(title="An old one")
    closed.close()
    make_petition(title="A draft", publication=Petition.Publication.DRAFT)

    response = client.get("/petitions.json")

    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert shape_problems(document, readme_json("shape", "petitions.json")) == []
    listed = {petition["title"]: petition for petition in document["petitions"]}
    assert list(listed) == ["Free them all", "An old one"]
    assert listed["Free them all"]["signature_count"] == 3
    assert listed["Free them all"]["goal"] == 50
    assert listed["Free them all"]["url"] == f"{settings.SITE_URL}/petitions/free-them-all/"
    assert listed["An old one"]["state"] == "closed"
    assert listed["An old one"]["closed_at"] is not None


def test_a_petition_document_shows_countries_from_five_signers_and_adds_up_the_rest(client):
    petition = make_petition(title="Free them all")
    sign(petition, "DE", 5)
    sign(petition, "KZ", 4)
    sign(petition, "FR", 6, state=Signature.State.PENDING, confirmed_at=None)

    document = client.get("/petitions/free-them-all.json").json()

    assert shape_problems(document, readme_json("shape", "petition.json")) == []
    assert document["signatures_by_country"] == [
        {"country": "DE", "name": "Germany", "signature_count": 5}
    ]
    assert document["signatures_from_other_countries"] == 4
    assert document["signature_count"] == 9


def test_a_petition_document_links_its_other_language_versions(client):
    petition = make_petition(title="Free them all")
    make_petition(title="Свободу всем", slug="svobodu", language="ru", translation_of=petition)
    make_petition(
        title="Черновик",
        slug="draft-kk",
        language="kk",
        translation_of=petition,
        publication=Petition.Publication.DRAFT,
    )
    sign(petition, "KZ", 5)

    document = client.get("/ru/petitions/svobodu.json").json()

    assert shape_problems(document, readme_json("shape", "petition.json")) == []
    assert document["signature_count"] == 5
    assert document["signatures_by_country"][0]["name"] == "Казахстан"
    assert document["translations"] == [
        {
            "language": "en",
            "title": "Free them all",
            "url": f"{settings.SITE_URL}/ru/petitions/free-them-all/",
            "data_url": f"{settings.SITE_URL}/ru/petitions/free-them-all.json",
        }
    ]


@pytest.mark.parametrize("address", ["/petitions/no-such-petition.json", "/petitions/a-draft.json"])
def test_an_unknown_or_unpublished_petition_is_a_json_404(client, address):
    make_petition(title="A draft", publication=Petition.Publication.DRAFT)

    response = client.get(address)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": "There is no published petition at this address."}


@pytest.mark.parametrize("address", ["/petitions.json", "/petitions/free-them-all.json"])
def test_open_data_may_be_read_from_any_site_and_cached_briefly(client, address):
    make_petition(title="Free them all")

    response = client.get(address)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Cache-Control"] == "public, max-age=10"
    assert client.get(address)["X-Page-Cache"] == "hit"
    assert client.post(address).status_code == 405


@pytest.mark.parametrize(
    "address",
    ["/petitions/", "/petitions/free-them-all/", "/petitions/free-them-all/count.json", "/"],
)
def test_other_addresses_are_not_opened_to_other_sites(client, address):
    make_petition(title="Free them all")
    assert "Access-Control-Allow-Origin" not in client.get(address)


def test_the_index_takes_the_same_queries_for_many_petitions(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    make_petition()
    client.get("/petitions.json")
    with django_assert_num_queries(1) as few:
        client.get("/petitions.json")
    for _ in range(5):
        sign(make_petition(), "DE", 1)
    make_petition().close()
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get("/petitions.json").json()["petitions"]) == 7


def test_a_petition_document_takes_the_same_queries_for_many_signers(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    petition = make_petition(title="Free them all")
    sign(petition, "DE", 5)
    # The petition with its count, its counts by country, its other language versions.
    with django_assert_num_queries(3):
        client.get("/petitions/free-them-all.json")
    for country in ("FR", "GB", "KZ", "US"):
        sign(petition, country, 5)
    make_petition(title="Its translation", language="ru", translation_of=petition)
    cache.delete(f"petitions:by-country:{petition.pk}")
    with django_assert_num_queries(3):
        document = client.get("/petitions/free-them-all.json").json()
    assert len(document["signatures_by_country"]) == 5
    assert len(document["translations"]) == 1
    with django_assert_num_queries(2):
        client.get("/petitions/free-them-all.json")
