"""Turns world-atlas's ``countries-110m.json`` into the map the site draws; run once per new
release of the package, and commit what it writes:

    npm pack world-atlas@2 && tar xzf world-atlas-*.tgz
    python -m core.data.build_world_map package/countries-110m.json

world-atlas (ISC licence) is Natural Earth's public-domain Admin 0 boundaries at 1:110m as
TopoJSON, keyed by ISO 3166 numeric code. This writes ``core/data/world_map.json`` (the
view box, and one SVG path per country keyed by ISO alpha-2, for the countries a page
shades) and ``static/img/world-map.svg`` (every country in one grey drawing, the map under
them, a static file browsers keep for a year). The projection is Equal Earth (equal areas:
a big country does not look bigger than it is, as on Mercator); Antarctica is left out.
Coordinates are whole units on a map 1,000 wide, which keeps the data small.
"""

import json
import math
import sys
from pathlib import Path

from django_countries import countries

ROOT = Path(__file__).resolve().parents[2]
PATHS_FILE = ROOT / "core" / "data" / "world_map.json"
BASE_MAP_FILE = ROOT / "static" / "img" / "world-map.svg"
WIDTH = 1000
LEFT_OUT = {"AQ"}

# Equal Earth (Šavrič, Patterson, Jenny 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    theta = math.asin(M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2**3
    x = math.radians(lon) * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc as (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _clipped(ring, inside, crossing):
    """The part of ``ring`` that is ``inside`` one edge (Sutherland-Hodgman clipping)."""
    kept = []
    for index, point in enumerate(ring):
        previous = ring[index - 1]
        if inside(point):
            if not inside(previous):
                kept.append(crossing(previous, point))
            kept.append(point)
        elif inside(previous):
            kept.append(crossing(previous, point))
    return kept


def _at_longitude(limit):
    def crossing(a, b):
        share = (limit - a[0]) / (b[0] - a[0])
        return (limit, a[1] + share * (b[1] - a[1]))

    return crossing


def within_the_map(ring):
    """The ring cut at the 180th meridian: Russia and Fiji cross it, and drawn as they are
    their eastern tips would join the rest by a line across the whole map."""
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        while lon - unwrapped[-1][0] > 180:
            lon -= 360
        while lon - unwrapped[-1][0] < -180:
            lon += 360
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360, 0, 360):
        piece = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = _clipped(piece, lambda p: p[0] <= 180, _at_longitude(180))
        piece = _clipped(piece, lambda p: p[0] >= -180, _at_longitude(-180)) if piece else []
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def path_data(rings: list[list[tuple[float, float]]], scale: float, left: float, top: float) -> str:
    """SVG path data in whole units, relative moves; rings too small to see are dropped."""
    parts = []
    for ring in rings:
        grid = []
        for x, y in ring:
            point = (round((x - left) * scale), round((y - top) * scale))
            if not grid or point != grid[-1]:
                grid.append(point)
        if len(grid) > 1 and grid[0] == grid[-1]:
            grid.pop()
        if len(grid) < 3:
            continue
        (x0, y0), rest = grid[0], grid[1:]
        moves = []
        previous = grid[0]
        for point in rest:
            moves.append(f"{point[0] - previous[0]} {point[1] - previous[1]}")
            previous = point
        parts.append(f"M{x0} {y0}l" + " ".join(moves).replace(" -", "-") + "z")
    return "".join(parts)


def build(source: Path) -> None:
    topology = json.loads(source.read_text())
    arcs = decoded_arcs(topology)
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = countries.alpha2(geometry.get("id") or "")
        if not code or code in LEFT_OUT:
            continue  # Natural Earth's areas with no ISO code (N. Cyprus, Somaliland, Kosovo)
        shapes.setdefault(code, []).extend(
            [equal_earth(lon, lat) for lon, lat in piece]
            for polygon in polygons(geometry)
            for ring in polygon
            for piece in within_the_map(ring_points(ring, arcs))
        )
    xs = [x for rings in shapes.values() for ring in rings for x, _ in ring]
    ys = [y for rings in shapes.values() for ring in rings for _, y in ring]
    scale = WIDTH / (max(xs) - min(xs))
    height = math.ceil((max(ys) - min(ys)) * scale)
    paths = {
        code: data
        for code in sorted(shapes)
        if (data := path_data(shapes[code], scale, min(xs), min(ys)))
    }
    view_box = f"0 0 {WIDTH} {height}"
    PATHS_FILE.write_text(
        json.dumps({"view_box": view_box, "paths": paths}, separators=(",", ":")) + "\n"
    )
    BASE_MAP_FILE.parent.mkdir(exist_ok=True)
    BASE_MAP_FILE.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">'
        f'<path fill="#d9d9d9" stroke="#fff" stroke-width=".5" d="{"".join(paths.values())}"/>'
        "</svg>\n"
    )


if __name__ == "__main__":
    build(Path(sys.argv[1]))
