import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from prisoners.models import Charge, Detention, Prisoner
from tests.factories import jpeg_upload, make_charge, make_detention, make_prisoner

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def fixed_today():
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        yield TODAY


def test_one_open_detention_counts_to_today(fixed_today):
    prisoner = make_prisoner()
    make_detention(prisoner, detained_on=datetime.date(2023, 5, 9))

    assert prisoner.days_behind_bars() == (TODAY - datetime.date(2023, 5, 9)).days == 1296
    assert prisoner.days_behind_bars_text() == "Held for 1,296 days"


def test_a_closed_and_an_open_detention_add_up(fixed_today):
    prisoner = make_prisoner()
    make_detention(
        prisoner, detained_on=datetime.date(2020, 1, 1), released_on=datetime.date(2020, 1, 31)
    )
    make_detention(prisoner, detained_on=datetime.date(2026, 11, 15))

    assert prisoner.days_behind_bars() == 30 + 10
    assert prisoner.days_behind_bars_text() == "Held for 40 days"


def test_a_released_prisoner_has_spent_days_in_detention(fixed_today):
    prisoner = make_prisoner(status=Prisoner.Status.RELEASED)
    make_detention(
        prisoner, detained_on=datetime.date(2019, 1, 1), released_on=datetime.date(2022, 6, 1)
    )

    assert prisoner.days_behind_bars_text() == "Spent 1,247 days in detention"


def test_no_known_dates_says_nothing_at_all(fixed_today):
    no_detention = make_prisoner()
    undated = make_prisoner()
    make_detention(undated, place="Unknown colony")

    for prisoner in (no_detention, undated):
        assert prisoner.days_behind_bars() is None
        assert prisoner.days_behind_bars_text() == ""


def test_less_than_a_whole_day_says_nothing_rather_than_zero_days(fixed_today):
    detained_today = make_prisoner()
    make_detention(detained_today, detained_on=TODAY)
    released_the_same_day = make_prisoner(status=Prisoner.Status.RELEASED)
    make_detention(
        released_the_same_day,
        detained_on=datetime.date(2025, 3, 8),
        released_on=datetime.date(2025, 3, 8),
    )

    for prisoner in (detained_today, released_the_same_day):
        assert prisoner.days_behind_bars() == 0
        assert prisoner.days_behind_bars_text() == ""


def test_open_detentions_count_to_today_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Almaty"
    prisoner = make_prisoner()
    make_detention(prisoner, detained_on=datetime.date(2026, 11, 24))
    # 20:00 UTC on the 24th is already the 25th in Almaty (UTC+5).
    late_evening_utc = datetime.datetime(2026, 11, 24, 20, 0, tzinfo=datetime.UTC)

    with mock.patch("django.utils.timezone.now", return_value=late_evening_utc):
        assert prisoner.days_behind_bars() == 1


def test_days_behind_bars_uses_prefetched_detentions(django_assert_num_queries, fixed_today):
    for _ in range(3):
        prisoner = make_prisoner()
        make_detention(prisoner, detained_on=datetime.date(2025, 1, 1))

    with django_assert_num_queries(2):
        texts = [p.days_behind_bars_text() for p in Prisoner.objects.for_listing()]

    assert texts == ["Held for 693 days"] * 3


def test_release_before_detention_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        make_detention(detained_on=datetime.date(2024, 5, 1), released_on=datetime.date(2024, 4, 1))


def test_future_detention_and_release_dates_are_refused(fixed_today):
    prisoner = make_prisoner()
    tomorrow = TODAY + datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        Detention(prisoner=prisoner, detained_on=tomorrow).full_clean()
    assert error.value.message_dict == {
        "detained_on": ["The detention date cannot be in the future."]
    }

    with pytest.raises(ValidationError) as error:
        Detention(prisoner=prisoner, detained_on=TODAY, released_on=tomorrow).full_clean()
    assert error.value.message_dict == {
        "released_on": [
            "The release date cannot be in the future: leave it blank while the person is "
            "still held."
        ]
    }

    Detention(prisoner=prisoner, detained_on=TODAY, released_on=TODAY).full_clean()


def test_future_dates_are_judged_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Almaty"
    prisoner = make_prisoner()
    # 20:00 UTC on the 24th is already the 25th in Almaty (UTC+5), not yet the 26th.
    late_evening_utc = datetime.datetime(2026, 11, 24, 20, 0, tzinfo=datetime.UTC)

    with mock.patch("django.utils.timezone.now", return_value=late_evening_utc):
        Detention(prisoner=prisoner, detained_on=datetime.date(2026, 11, 25)).full_clean()
        with pytest.raises(ValidationError) as error:
            Detention(prisoner=prisoner, detained_on=datetime.date(2026, 11, 26)).full_clean()
    assert "detained_on" in error.value.message_dict


def test_biography_is_sanitised_on_save():
    prisoner = make_prisoner(biography='<p onclick="x()">Jailed</p><script>alert(1)</script>')

    prisoner.refresh_from_db()
    assert prisoner.biography == "<p>Jailed</p>"


def test_charge_label_names_article_and_part():
    assert make_charge(article="164", part="3").label == "Article 164 part 3"
    assert make_charge(article="174", part="").label == "Article 174"


def test_a_charge_article_is_a_number_and_its_part_has_no_brackets():
    detention = make_detention()
    Charge(detention=detention, article="405-1", part="2 point 1").full_clean()

    with pytest.raises(ValidationError) as error:
        Charge(detention=detention, article="art. 174", part="(3)").full_clean()
    assert error.value.message_dict == {
        "article": [
            "Write the article as its number, without spaces or brackets, e.g. “174” or “405-1”."
        ],
        "part": ["Write the part without brackets, e.g. “3”."],
    }


def test_listing_puts_urgent_cases_first_then_sorts_by_name():
    make_prisoner(name="Bolat")
    make_prisoner(name="Zhanna", is_urgent=True)
    make_prisoner(name="Aigul")
    make_prisoner(name="Marat", is_urgent=True)

    names = [p.name for p in Prisoner.objects.published().for_listing()]

    assert names == ["Marat", "Zhanna", "Aigul", "Bolat"]


def test_published_leaves_out_unpublished_and_future_profiles():
    make_prisoner(name="Shown")
    make_prisoner(name="Draft", publication="draft")
    make_prisoner(name="Later", published_at=timezone.now() + datetime.timedelta(days=1))

    assert [p.name for p in Prisoner.objects.published()] == ["Shown"]


def test_filter_by_status_and_region_alone_and_together():
    make_prisoner(name="A", status=Prisoner.Status.SENTENCED, region="Mangystau")
    make_prisoner(name="B", status=Prisoner.Status.SENTENCED, region="Almaty")
    make_prisoner(name="C", status=Prisoner.Status.PRE_TRIAL, region="Mangystau")

    def names(**filters):
        return sorted(p.name for p in Prisoner.objects.filter_by(**filters))

    assert names(status=Prisoner.Status.SENTENCED) == ["A", "B"]
    assert names(region="Mangystau") == ["A", "C"]
    assert names(status=Prisoner.Status.SENTENCED, region="Mangystau") == ["A"]
    assert names() == ["A", "B", "C"]


def test_search_finds_published_profiles_with_a_rank():
    make_prisoner(name="Vadim Kuramshin", summary="Human rights lawyer")
    make_prisoner(name="Hidden Lawyer", summary="lawyer", publication="draft")
    make_prisoner(name="Rosa Tulataeva", summary="Workers' leader")

    results = list(Prisoner.objects.search("lawyer"))

    assert [p.name for p in results] == ["Vadim Kuramshin"]
    assert isinstance(results[0].search_rank, float)


def test_search_on_postgres_ranks_a_name_match_above_a_biography_match(postgres):
    make_prisoner(name="Someone Else", biography="<p>Defended Kuramshin in court.</p>")
    make_prisoner(name="Vadim Kuramshin")

    results = list(Prisoner.objects.search("Kuramshin"))

    assert [p.name for p in results] == ["Vadim Kuramshin", "Someone Else"]
    assert results[0].search_rank > results[1].search_rank


def test_a_photo_needs_a_description():
    prisoner = Prisoner(name="A", slug="a", lead_image=jpeg_upload(), lead_image_alt=" ")

    with pytest.raises(ValidationError) as error:
        prisoner.full_clean()
    assert "lead_image_alt" in error.value.message_dict
