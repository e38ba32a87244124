#!/usr/bin/env python3
"""Run once: cuts China's provinces out of Natural Earth's 1:50m admin-1 GeoJSON and simplifies them for the HQ map.

    python3 simplify-provinces.py ne_50m_admin_1_states_provinces.geojson > china-provinces.json

Douglas-Peucker at TOLERANCE degrees (about 3 km: finer than a dot on the map at the closest zoom), islands smaller
than MIN_AREA square degrees dropped, coordinates rounded to 0.01 degree. Output: a list of provinces, each with its
ISO 3166-2 code, English and Chinese name and rings of [lon, lat].
"""
import json
import sys

TOLERANCE = 0.03
MIN_AREA = 0.02


def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points):
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, farthest = None, TOLERANCE
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > farthest:
                index, farthest = i, d
        if index is not None:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def main(path):
    source = json.load(open(path, encoding="utf-8"))
    provinces = []
    for feature in source["features"]:
        p = feature["properties"]
        if p.get("adm0_a3") != "CHN":
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = []
        for polygon in polygons:
            outer = polygon[0]  # holes (lakes) are not drawn at this scale
            if area(outer) < MIN_AREA:
                continue
            ring = simplify(outer)
            if len(ring) >= 4:
                rings.append([[round(x, 2), round(y, 2)] for x, y in ring])
        provinces.append({"id": p["iso_3166_2"], "name": p["name"], "nameZh": p["name_zh"], "rings": rings})
    provinces.sort(key=lambda x: x["id"])
    json.dump({"source": "Natural Earth 1:50m Admin 1 - States, Provinces (public domain)", "provinces": provinces},
              sys.stdout, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
