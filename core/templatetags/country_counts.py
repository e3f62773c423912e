from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language

from core.countries import collation_key, country_name
from core.country_counts import MIN_SHOWN, publishable, shade, world_map

register = template.Library()


@register.inclusion_tag("includes/country_counts.html")
def country_counts(rows, title):
    """Counts by country as a list with bars and a shaded world map, named in the page's
    language. ``rows`` are (country code, count) pairs, all of them: countries with too few
    people to show are added up here (``core.country_counts.publishable``). ``title`` names
    the list and the map ("Signatures by country")."""
    counts = publishable(rows)
    language = get_language() or "en"
    largest = counts.shown[0][1] if counts.shown else 0
    paths = world_map()["paths"]
    named = [
        {
            "code": code,
            "name": country_name(code, language),
            "number": number_format(count, force_grouping=True),
            # At least a sliver, so every listed country has a visible bar.
            "bar": max(1, round(100 * count / largest)),
            "shade": shade(count, largest),
            "path": paths.get(code, ""),
            "count": count,
        }
        for code, count in counts.shown
    ]
    named.sort(key=lambda row: (-row["count"], collation_key(row["name"], language)))
    return {
        "title": title,
        "rows": named,
        "view_box": world_map()["view_box"],
        "others": counts.others,
        "others_number": number_format(counts.others, force_grouping=True),
        "minimum": MIN_SHOWN,
    }
