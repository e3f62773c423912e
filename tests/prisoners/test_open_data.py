"""/prisoners.json and /prisoners.csv: public fields of published profiles only."""

import csv
import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.test import Client

from prisoners.models import Prisoner
from tests.factories import make_charge, make_detention, make_prisoner

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"
SECRET_ADDRESS = "Colony UK-161/3, not checked"


def readme_json_example() -> dict:
    section = README.read_text().split("## Open data about prisoners", 1)[1]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.DOTALL)[1])


def assert_same_shape(example, actual, where="$"):
    """``actual`` has the example's keys, and each value the example's type (a null in the
    example allows a string; any value may be null where the example's could be unknown)."""
    if isinstance(example, dict):
        assert isinstance(actual, dict), where
        assert set(actual) == set(example), where
        for key in example:
            assert_same_shape(example[key], actual[key], f"{where}.{key}")
    elif isinstance(example, list):
        assert isinstance(actual, list), where
        for index, item in enumerate(actual):
            assert_same_shape(example[0], item, f"{where}[{index}]")
    elif example is None:
        assert actual is None or isinstance(actual, str), where
    else:
        assert actual is None or type(actual) is type(example), where


@pytest.fixture
def profiles():
    kuramshin = make_prisoner(
        name="Vadim Kuramshin",
        status=Prisoner.Status.SENTENCED,
        region="Akmola",
        biography="<p>Private notes are not here.</p>",
        letters_address=SECRET_ADDRESS,
    )
    first = make_detention(
        kuramshin,
        detained_on=datetime.date(2012, 12, 14),
        released_on=datetime.date(2013, 1, 13),
        place="SIZO Astana",
    )
    make_charge(first, article="170", part="2", description="extortion")
    second = make_detention(
        kuramshin, detained_on=datetime.date(2014, 1, 1), sentence_text="12 years"
    )
    make_charge(second, article="170", part="2")
    make_charge(second, article="=HYPERLINK(1)")
    make_prisoner(name="Aisha Unknown")
    make_prisoner(name="Draft Person", publication="draft")


def test_json_lists_published_profiles_with_public_fields_in_the_documented_shape(profiles):
    response = Client().get("/prisoners.json")

    assert response.status_code == 200
    data = response.json()
    assert_same_shape(readme_json_example(), data)
    assert data["count"] == 2
    assert [p["name"] for p in data["prisoners"]] == ["Aisha Unknown", "Vadim Kuramshin"]
    vadim = data["prisoners"][1]
    assert vadim["url"] == "http://testserver/prisoners/vadim-kuramshin/"
    assert vadim["status"] == "sentenced"
    assert vadim["status_label"] == "Sentenced"
    assert vadim["held"] is True
    assert (
        vadim["days_behind_bars"] == 30 + (datetime.date.today() - datetime.date(2014, 1, 1)).days
    )
    assert vadim["detentions"][0] == {
        "detained_on": "2012-12-14",
        "released_on": "2013-01-13",
        "place": "SIZO Astana",
        "sentence": "",
        "charges": [{"article": "170", "part": "2", "description": "extortion"}],
    }
    assert data["prisoners"][0]["days_behind_bars"] is None
    assert SECRET_ADDRESS not in response.text
    assert "Private notes" not in response.text
    assert "Draft Person" not in response.text


def test_csv_has_the_documented_columns_one_row_per_person(profiles):
    response = Client().get("/prisoners.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "name",
        "url",
        "status",
        "region",
        "held",
        "days_behind_bars",
        "detentions",
        "charges",
    ]
    assert [row["name"] for row in rows] == ["Aisha Unknown", "Vadim Kuramshin"]
    vadim = rows[1]
    assert vadim["held"] == "yes"
    assert vadim["detentions"] == "2012-12-14/2013-01-13; 2014-01-01/"
    assert vadim["charges"] == "170(2);' =HYPERLINK(1)"
    assert rows[0]["days_behind_bars"] == ""
    assert SECRET_ADDRESS not in response.text


@pytest.mark.parametrize("path", ["/prisoners.json", "/prisoners.csv"])
def test_open_data_is_public_cacheable_and_open_to_other_sites(profiles, path):
    response = Client().get(path, HTTP_ACCEPT_LANGUAGE="ru")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert "max-age=900" in response["Cache-Control"]
    assert "Sentenced" in response.text or path.endswith(".csv")
    assert "/ru/" not in response.text
    assert Client().post(path).status_code == 405


def test_html_pages_do_not_allow_other_sites(profiles):
    assert "Access-Control-Allow-Origin" not in Client().get("/prisoners/").headers


@pytest.mark.parametrize("path", ["/prisoners.json", "/prisoners.csv"])
def test_open_data_query_count_does_not_grow_with_cases(path, django_assert_num_queries):
    def add_cases(count):
        for _ in range(count):
            detention = make_detention(make_prisoner(), detained_on=datetime.date(2024, 1, 1))
            make_charge(detention)

    add_cases(2)
    with django_assert_num_queries(3):
        Client().get(path)
    add_cases(10)
    with django_assert_num_queries(3):
        Client().get(path)
