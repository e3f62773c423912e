import datetime

from django.template import Context, Template

from core.templatetags.dates import datetime_attr


def test_a_datetime_attribute_is_iso_to_the_second_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Almaty"
    moment = datetime.datetime(2013, 12, 17, 9, 30, 15, 923805, tzinfo=datetime.UTC)

    assert datetime_attr(moment) == "2013-12-17T15:30:15+06:00"


def test_dates_keep_their_day_and_other_values_give_nothing():
    markup = Template("{% load dates %}[{{ day|datetime_attr }}][{{ none|datetime_attr }}]")

    rendered = markup.render(Context({"day": datetime.date(2013, 12, 17), "none": None}))

    assert rendered == "[2013-12-17][]"


def test_a_naive_datetime_is_written_as_it_is():
    assert datetime_attr(datetime.datetime(2026, 1, 2, 3, 4, 5, 6)) == "2026-01-02T03:04:05"
