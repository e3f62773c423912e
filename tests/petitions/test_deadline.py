"""How long a petition has left, on its page, in lists and on the home page, in every
language with its own plural forms."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from petitions.models import Petition
from tests.factories import make_petition

pytestmark = pytest.mark.django_db

# A fixed "now": 17 February 2027, 10:00 in the site's time zone.
NOW = datetime.datetime(2027, 2, 17, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _now(monkeypatch, settings):
    settings.TIME_ZONE = "UTC"
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def closing_in(days: int, hour: int = 18) -> datetime.datetime:
    return NOW.replace(hour=hour) + datetime.timedelta(days=days)


def page(path: str) -> str:
    return " ".join(Client().get(path).text.split())


@pytest.mark.parametrize(
    ("prefix", "days", "shown"),
    [
        ("", 23, "23 days left"),
        ("", 1, "1 day left"),
        ("/ru", 1, "остался 1 день"),
        ("/ru", 3, "осталось 3 дня"),
        ("/ru", 23, "осталось 23 дня"),
        ("/ru", 25, "осталось 25 дней"),
        ("/ru", 21, "остался 21 день"),
        ("/ru", 12, "осталось 12 дней"),
        ("/kk", 1, "1 күн қалды"),
        ("/kk", 23, "23 күн қалды"),
    ],
)
def test_the_petition_page_shows_the_closing_date_and_the_days_left(prefix, days, shown):
    petition = make_petition(slug="free-vadim", closes_at=closing_in(days))

    text = page(f"{prefix}{petition.get_absolute_url()}")

    assert shown in text


def test_the_closing_date_reads_as_a_date_then_the_days_left():
    petition = make_petition(slug="free-vadim", closes_at=closing_in(23))

    text = page(petition.get_absolute_url())

    assert (
        'Closes on <time datetime="2027-03-12T18:00:00+00:00">12 March 2027</time> · '
        '<strong class="petition-status__left">23 days left</strong>'
    ) in text


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [("", "Closes today"), ("/ru", "Закрывается сегодня"), ("/kk", "Бүгін жабылады")],
)
def test_on_its_last_day_a_petition_closes_today(prefix, shown):
    petition = make_petition(slug="free-vadim", closes_at=closing_in(0, hour=23))

    text = page(f"{prefix}{petition.get_absolute_url()}")

    assert shown in text
    assert "left" not in text.split("petition-status", 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [("", "Closed on"), ("/ru", "Закрыта"), ("/kk", "Жабылған күні:")],
)
def test_a_petition_past_its_closing_date_says_when_it_closed(prefix, shown):
    petition = make_petition(slug="free-vadim", closes_at=NOW - datetime.timedelta(hours=1))

    text = page(f"{prefix}{petition.get_absolute_url()}")

    assert f'{shown} <time datetime="2027-02-17T09:00:00+00:00">' in text
    assert "days left" not in text
    assert "Closes today" not in text


def test_a_petition_without_a_closing_date_shows_no_time_left():
    petition = make_petition(slug="free-vadim")

    text = page(petition.get_absolute_url())

    assert "Closes" not in text
    assert "left</strong>" not in text


def test_petition_list_cards_show_the_time_left():
    make_petition(title="Soon", closes_at=closing_in(0, hour=23))
    make_petition(title="Later", closes_at=closing_in(40))
    make_petition(title="Done", status=Petition.Status.CLOSED, closed_at=NOW)

    text = page("/ru/petitions/")

    assert "Закрывается сегодня" in text
    assert "осталось 40 дней" in text
    assert "Закрыта" in text


def test_the_home_pages_featured_petition_shows_the_time_left():
    make_petition(title="Free Vadim", featured=True, closes_at=closing_in(2))

    assert "осталось 2 дня" in page("/ru/")
    assert "2 days left" in page("/")


def test_days_to_close_counts_calendar_days_in_the_sites_time_zone():
    # 23:30 on 17 February in UTC is already the 18th in Almaty (UTC+5).
    petition = make_petition(closes_at=NOW.replace(hour=23, minute=30))

    with timezone.override("Asia/Almaty"):
        assert petition.days_to_close == 1
    with timezone.override("UTC"):
        assert petition.days_to_close == 0
