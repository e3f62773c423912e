"""Counts by country made safe to publish, and the world map that shows them.

A count of one or two people from a country can point at a person (the one supporter in a
small town's country, known to the police who watch the campaign), so a country is shown on
its own only from ``MIN_SHOWN`` people; the rest are added up into one "other countries"
number, so the total stays what it is. Every page and open-data document that shows counts
by country goes through ``publishable()``.

The map's shapes come from Natural Earth through the world-atlas package, converted once by
``core/data/build_world_map.py`` (which says how).
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MIN_SHOWN = 5
# Map shading: the classes ``world-map__shade--1`` … ``--SHADES`` in site.css.
SHADES = 5
MAP_DATA = Path(__file__).parent / "data" / "world_map.json"


@dataclass(frozen=True)
class CountryCounts:
    shown: list[tuple[str, int]]  # (ISO alpha-2 code, count), largest first
    others: int  # people from countries with fewer than MIN_SHOWN each
    total: int


def publishable(rows) -> CountryCounts:
    """``rows`` of (country code, count) with the small-number rule applied."""
    shown, others = [], 0
    for code, count in rows:
        if not code:
            continue
        if count >= MIN_SHOWN:
            shown.append((str(code).upper(), count))
        else:
            others += count
    shown.sort(key=lambda row: (-row[1], row[0]))
    return CountryCounts(shown=shown, others=others, total=others + sum(n for _, n in shown))


def shade(count: int, largest: int) -> int:
    """1 (fewest) to ``SHADES`` (most), on a log scale: support is usually one or two
    countries with thousands and many with tens, which a linear scale would show as blank."""
    if largest <= MIN_SHOWN:
        return SHADES
    position = math.log(count / MIN_SHOWN) / math.log(largest / MIN_SHOWN)
    return 1 + round(max(0.0, min(1.0, position)) * (SHADES - 1))


@lru_cache(maxsize=1)
def world_map() -> dict:
    """{"view_box": …, "paths": {alpha-2 code: SVG path data}}; read once per process (it
    changes only with a new release of the map data)."""
    return json.loads(MAP_DATA.read_text())
