#!/usr/bin/env python3
"""Run once, after simplify-provinces.py: adds Taiwan, Hong Kong and Macao to china-provinces.json.

    python3 add-taiwan-hong-kong-macao.py ne_50m_admin_0_countries.geojson china-provinces.json

Natural Earth's admin-1 layer has no province for them (its admin-0 layer draws them as units of their own), so their
outlines come from Natural Earth's 1:50m admin-0 layer (ADM0_A3 TWN, HKG, MAC), simplified as the provinces are. Each
keeps its largest polygon even when it is smaller than the islands simplify-provinces.py drops: Macao is 0.003
square degrees, and a store there needs its outline under it. Ids are their ISO 3166-2:CN codes.
"""
import importlib.util
import json
import os
import sys

spec = importlib.util.spec_from_file_location("provinces", os.path.join(os.path.dirname(os.path.abspath(__file__)), "simplify-provinces.py"))
provinces = importlib.util.module_from_spec(spec)
spec.loader.exec_module(provinces)

ADDED = {"TWN": ("CN-TW", "Taiwan", "台湾省"), "HKG": ("CN-HK", "Hong Kong", "香港特别行政区"), "MAC": ("CN-MO", "Macao", "澳门特别行政区")}
CITIES = {"HKG", "MAC"}


def outline(geometry, whole):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings = []
    for polygon in polygons:
        outer = polygon[0]  # holes are not drawn at this scale
        if not whole:
            if provinces.area(outer) < provinces.MIN_AREA:
                continue
            outer = provinces.simplify(outer)
        rings.append([[round(x, 3 if whole else 2), round(y, 3 if whole else 2)] for x, y in outer])
    return rings


def main(admin0_path, provinces_path):
    admin0 = json.load(open(admin0_path, encoding="utf-8"))
    data = json.load(open(provinces_path, encoding="utf-8"))
    kept = [p for p in data["provinces"] if p["id"] not in {code for code, _, _ in ADDED.values()}]
    for feature in admin0["features"]:
        code = feature["properties"].get("ADM0_A3")
        if code in ADDED:
            iso, name, name_zh = ADDED[code]
            kept.append({"id": iso, "name": name, "nameZh": name_zh, "rings": outline(feature["geometry"], code in CITIES)})
    kept.sort(key=lambda x: x["id"])
    data["provinces"] = kept
    data["source"] = ("Natural Earth 1:50m Admin 1 - States, Provinces; Taiwan, Hong Kong and Macao from "
                      "Natural Earth 1:50m Admin 0 - Countries (public domain)")
    with open(provinces_path, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
