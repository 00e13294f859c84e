"""World outlines for the site's map (issue 16.1): Natural Earth admin-0 countries, as the
npm package world-atlas ships them in TopoJSON, turned into one SVG path per state.

The TopoJSON arcs are decoded (quantised, delta-encoded), stitched into rings and projected
equirectangularly onto a 960 x 480 canvas; points closer than a pixel to the previous one
are dropped, which keeps the whole map near 200 KB. Each geometry's ISO 3166-1 numeric id
becomes an ISO3 code; units without one are named in the result (Kosovo gets XKX, the code
riskscore uses). A state too small to draw at this scale keeps an empty path and its
centre, where the map puts a marker.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pycountry

from ..csvio import read_bounded
from ..errors import Problem, ValidationFailed
from ..schemas import WORLD_MAP
from . import sources
from .common import ImportResult, replace_rows, upsert_source

WIDTH, HEIGHT = 960, 480
TOLERANCE = 1.0  # px: a point this close to the previous one adds nothing visible
BY_NAME = {"Kosovo": "XKX"}  # outlines without an ISO numeric id but a code riskscore uses


def import_world_map(files: list[Path], data_dir: Path) -> ImportResult:
    (path,) = files
    raw, (what, fix) = read_bounded(path)
    if raw is None:
        raise ValidationFailed([Problem(path.name, None, None, what, fix)])
    try:
        topo = json.loads(raw)
        sx, sy = topo["transform"]["scale"]
        tx, ty = topo["transform"]["translate"]
        geometries = topo["objects"]["countries"]["geometries"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationFailed([Problem(path.name, None, None,
                                        f"is not world-atlas TopoJSON ({exc})",
                                        "give countries-50m.json or countries-110m.json")]
                               ) from None
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            lon, lat = x * sx + tx, y * sy + ty
            points.append(((lon + 180) / 360 * WIDTH, (90 - lat) / 180 * HEIGHT))
        arcs.append(points)
    rows, skipped = [], []
    for g in geometries:
        name = g.get("properties", {}).get("name", "?")
        country = pycountry.countries.get(numeric=g["id"]) if g.get("id") else None
        iso3 = country.alpha_3 if country else BY_NAME.get(name)
        if iso3 is None:
            skipped.append(f"{name}: no ISO 3166 code")
            continue
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        rings = [_ring(arcs, r) for polygon in polygons for r in polygon]
        xs = [p[0] for r in rings for p in r]
        ys = [p[1] for r in rings for p in r]
        rows.append({"iso3": iso3, "path": _path(rings),
                     "cx": round((min(xs) + max(xs)) / 2, 1),
                     "cy": round((min(ys) + max(ys)) / 2, 1),
                     "bbox_area": round((max(xs) - min(xs)) * (max(ys) - min(ys)), 1),
                     "source_id": sources.NATURAL_EARTH["id"]})
    frame = pd.DataFrame(rows).drop_duplicates("iso3")
    upsert_source(data_dir, sources.NATURAL_EARTH)
    n = replace_rows(data_dir, WORLD_MAP, frame, drop=lambda old: old["iso3"].notna())
    return ImportResult(data_dir / WORLD_MAP.name, n, skipped)


def _ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        kept: list[tuple[float, float]] = []
        shift = 0.0  # a ring crossing the antimeridian continues past the edge (clipped)
        for x, y in ring:
            if kept:
                step = x + shift - kept[-1][0]
                if abs(step) > WIDTH / 2:
                    shift -= WIDTH if step > 0 else -WIDTH
            q = (round(x + shift, 1), round(y, 1))
            if kept and max(abs(q[0] - kept[-1][0]), abs(q[1] - kept[-1][1])) < TOLERANCE:
                continue
            kept.append(q)
        if len(kept) >= 3:
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in kept) + "Z")
    return "".join(parts)
