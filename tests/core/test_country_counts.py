import re

from django.template import Context, Template
from django.utils import translation

from core.country_counts import MIN_SHOWN, publishable, shade, world_map


def test_countries_with_fewer_than_five_people_are_added_up_not_named():
    counts = publishable([("DE", 5), ("FR", 4), ("KZ", 120), ("IE", 1)])

    assert counts.shown == [("KZ", 120), ("DE", 5)]
    assert counts.others == 5
    assert counts.total == 130


def test_shading_runs_from_the_fewest_to_the_most():
    assert shade(MIN_SHOWN, 10_000) == 1
    assert shade(10_000, 10_000) == 5
    assert 1 < shade(200, 10_000) < 5
    assert shade(MIN_SHOWN, MIN_SHOWN) == 5


def test_the_map_has_a_shape_for_big_and_small_countries_but_not_antarctica():
    paths = world_map()["paths"]
    assert {"KZ", "DE", "GB", "US", "RU", "LU"} <= set(paths)
    assert "AQ" not in paths
    assert world_map()["view_box"].startswith("0 0 1000 ")


def render(rows, language="en"):
    template = Template("{% load country_counts %}{% country_counts rows 'Letters by country' %}")
    with translation.override(language):
        return template.render(Context({"rows": rows}))


def test_the_include_lists_named_countries_with_bars_and_shades_them_on_the_map():
    html = render([("FR", 3), ("DE", 1200), ("KZ", 40)])

    assert html.index("Germany") < html.index("Kazakhstan")
    assert "France" not in html
    assert "1,200" in html
    assert '<rect width="100" height="1"/>' in html
    assert '<rect width="3" height="1"/>' in html
    assert 'class="world-map__shade--5"' in html
    assert '<ol class="country-counts__list" aria-label="Letters by country">' in html
    assert "3 more from other countries" in html
    assert "style=" not in html


def test_the_include_names_countries_in_the_pages_language():
    assert "Қазақстан" in render([("KZ", 7)], "kk")
    assert "Казахстан" in render([("KZ", 7)], "ru")


def test_with_no_country_big_enough_the_include_says_so_without_a_map():
    html = render([("FR", 3), ("IE", 1)])

    assert "<svg" not in html
    assert "4 from countries with fewer than 5 people each" in html


def test_no_country_is_drawn_across_the_map():
    """Countries crossing the 180th meridian (Russia, Fiji) are cut there, not joined by a
    line from one edge of the map to the other."""
    for code, path in world_map()["paths"].items():
        for ring in re.findall(r"M(-?\d+) -?\d+l([^z]*)z", path):
            x, xs = int(ring[0]), [int(ring[0])]
            for dx in [int(n) for n in re.findall(r"-?\d+", ring[1])][0::2]:
                x += dx
                xs.append(x)
            assert max(xs) - min(xs) < 500, code
