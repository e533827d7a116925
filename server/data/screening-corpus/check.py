#!/usr/bin/env python3
"""Validate the screening test corpus and report its coverage.

Usage:
    python3 check.py            # validate every *.txt here, print counts
    python3 check.py --json     # also print the corpus as JSON (plain text +
                                # findings with Unicode-scalar offsets)

Standard library only. Exits with status 1 if any story is malformed or a
coverage target is not met. See README.md for the markup and the rules.
"""

import json
import re
import sys
from pathlib import Path

KINDS = ["name", "school", "org", "address", "postcode", "phone", "email",
         "nhs", "date", "ref", "url", "handle"]

# Coverage targets (see README.md).
MIN_STORIES = 60
MIN_EMPTY_STORIES = 5           # stories with no annotation at all
MIN_STORIES_PER_KIND = 8
MIN_OCCURRENCES = {k: 12 for k in
                   ["email", "phone", "postcode", "nhs", "url", "handle", "ref"]}
MIN_WORDS, MAX_WORDS = 60, 250

ANNOTATION = re.compile(r"\{\{([a-z]+)\|([^{}|\n]*)\}\}")
FILENAME = re.compile(r"^(\d{3})-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")
TRAILING_PUNCT = set(".,;:!?\"'’”)")

# --- per-kind shape checks -------------------------------------------------

def nhs_valid(digits):
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


# Ofcom numbers reserved for drama (national significant number prefixes,
# i.e. without the leading 0, and the length of the whole national number).
DRAMA_RANGES = [
    ("1134960", 10), ("1144960", 10), ("1154960", 10), ("1164960", 10),
    ("1174960", 10), ("1184960", 10), ("1214960", 10), ("1314960", 10),
    ("1414980", 10), ("1514960", 10), ("1614960", 10), ("1914980", 10),
    ("2079460", 10), ("2896496", 10), ("2920180", 10), ("163296", 10),
    ("7700900", 10), ("8081570", 10), ("9098790", 10), ("3069990", 10),
]


def phone_problem(text):
    if not re.fullmatch(r"(\+44 ?(\(0\) ?)?|\(0|0)[\d ()\-]+", text):
        return "not a UK phone number spelling"
    national = re.sub(r"[ ()\-]", "", text)
    national = re.sub(r"^\+44(0)?", "", national)
    national = national[1:] if national.startswith("0") else national
    if not any(national.startswith(p) and len(national) == n
               for p, n in DRAMA_RANGES):
        return "not in an Ofcom drama range"
    return None


EXAMPLE_HOST = r"(?:[a-z0-9-]+\.)*example\.(?:org|com|net)"
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@" + EXAMPLE_HOST, re.I)
URL = re.compile(r"(?:https?://)?(?:www\.)?" + EXAMPLE_HOST + r"(?:/[^\s]*)?", re.I)
HANDLE = re.compile(r"@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?(?: ?\d[A-Z]{2})?", re.I)


def shape_problem(kind, text):
    if kind == "nhs":
        if not re.fullmatch(r"\d{10}|\d{3} \d{3} \d{4}", text):
            return "NHS number must be 10 digits, plain or spaced 3-3-4"
        if not nhs_valid(text.replace(" ", "")):
            return "NHS number fails the modulus-11 check"
    elif kind == "phone":
        return phone_problem(text)
    elif kind == "email" and not EMAIL.fullmatch(text):
        return "email must be at example.org/.com/.net"
    elif kind == "url" and not URL.fullmatch(text):
        return "URL must be on an example.org/.com/.net host"
    elif kind == "handle" and not HANDLE.fullmatch(text):
        return "handle must look like @name"
    elif kind == "postcode" and not POSTCODE.fullmatch(text):
        return "not a postcode (full or outward part)"
    elif kind in ("date", "ref", "address") and not re.search(r"\d", text):
        return f"a {kind} should contain a digit"
    elif kind == "name" and re.search(r"['’]s$", text):
        return "possessive 's must stay outside the name span"
    return None


# Things that must never be left unannotated in the plain text.
LEAKS = [
    ("email", re.compile(r"[\w.+\-]+@[\w\-]+\.[\w.\-]+")),
    ("url", re.compile(r"https?://|www\.|\bexample\.(?:org|com|net)\b", re.I)),
    ("handle", re.compile(r"(?<![\w.])@[A-Za-z_][\w.]*")),
    ("long number", re.compile(r"(?<![\w/])\+?\d(?:[ ()\-]?\d){9,}")),
    ("postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b")),
    ("date", re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")),
    ("date", re.compile(
        r"\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:January|February|March|April|May|"
        r"June|July|August|September|October|November|December) \d{4}\b")),
]


# --- parsing ----------------------------------------------------------------

def parse(raw):
    """Return (plain_text, findings, errors) for one annotated story."""
    plain, findings, errors = [], [], []
    pos = 0
    offset = 0  # in Unicode scalar values (Python str indices)

    def plain_segment(seg, where):
        for bad in ("{", "}", "|"):
            if bad in seg:
                line = raw.count("\n", 0, where + seg.index(bad)) + 1
                errors.append(f"line {line}: stray '{bad}' (nested or malformed "
                              "annotation?)")
                break

    for m in ANNOTATION.finditer(raw):
        seg = raw[pos:m.start()]
        plain_segment(seg, pos)
        plain.append(seg)
        offset += len(seg)
        kind, text = m.group(1), m.group(2)
        line = raw.count("\n", 0, m.start()) + 1
        where = f"line {line}: {{{{{kind}|{text}}}}}"
        if kind not in KINDS:
            errors.append(f"{where}: unknown kind")
        if not text or text != text.strip():
            errors.append(f"{where}: empty span or surrounding whitespace")
        elif text[-1] in TRAILING_PUNCT and not (kind == "url" and text.endswith("/")):
            errors.append(f"{where}: trailing punctuation belongs outside the span")
        before = raw[m.start() - 1] if m.start() > 0 else " "
        after = raw[m.end()] if m.end() < len(raw) else " "
        if before.isalnum() or after.isalnum():
            errors.append(f"{where}: span does not end on a word boundary")
        problem = shape_problem(kind, text) if kind in KINDS else None
        if problem:
            errors.append(f"{where}: {problem}")
        findings.append({"kind": kind, "start": offset,
                         "end": offset + len(text), "text": text})
        plain.append(text)
        offset += len(text)
        pos = m.end()
    seg = raw[pos:]
    plain_segment(seg, pos)
    plain.append(seg)
    text = "".join(plain)

    # Look for identifying details that were left unannotated.
    covered = [(f["start"], f["end"]) for f in findings]
    for what, rx in LEAKS:
        for m in rx.finditer(text):
            if not any(s <= m.start() < e for s, e in covered):
                errors.append(f"unannotated {what}? {m.group(0)!r}")
    return text, findings, errors


def main():
    here = Path(__file__).resolve().parent
    files = sorted(here.glob("*.txt"))
    errors = []
    corpus = []
    numbers = []
    for path in files:
        m = FILENAME.match(path.name)
        if not m:
            errors.append(f"{path.name}: file name must be NNN-short-slug.txt")
        else:
            numbers.append(int(m.group(1)))
        try:
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            errors.append(f"{path.name}: not UTF-8")
            continue
        text, findings, errs = parse(raw)
        errors += [f"{path.name}: {e}" for e in errs]
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            errors.append(f"{path.name}: {words} words "
                          f"(want {MIN_WORDS}-{MAX_WORDS})")
        corpus.append({"file": path.name, "text": text, "findings": findings})
    if numbers != list(range(1, len(numbers) + 1)):
        errors.append("stories are not numbered 001, 002, ... without gaps")

    occurrences = {k: 0 for k in KINDS}
    stories_with = {k: 0 for k in KINDS}
    for story in corpus:
        seen = set()
        for f in story["findings"]:
            if f["kind"] in occurrences:
                occurrences[f["kind"]] += 1
                seen.add(f["kind"])
        for k in seen:
            stories_with[k] += 1
    empty = sum(1 for s in corpus if not s["findings"])
    total = sum(occurrences.values())

    # With --json the corpus goes to stdout and the report to stderr.
    as_json = "--json" in sys.argv[1:]
    out = sys.stderr if as_json else sys.stdout
    if as_json:
        json.dump(corpus, sys.stdout, ensure_ascii=False, indent=1)
        print()

    print(f"{'kind':<10}{'annotations':>12}{'stories':>9}", file=out)
    for k in KINDS:
        print(f"{k:<10}{occurrences[k]:>12}{stories_with[k]:>9}", file=out)
    print(f"{'total':<10}{total:>12}", file=out)
    print(f"stories: {len(corpus)} ({empty} with no annotations)", file=out)

    if len(corpus) < MIN_STORIES:
        errors.append(f"only {len(corpus)} stories (want >= {MIN_STORIES})")
    if empty < MIN_EMPTY_STORIES:
        errors.append(f"only {empty} stories without annotations "
                      f"(want >= {MIN_EMPTY_STORIES})")
    for k in KINDS:
        if stories_with[k] < MIN_STORIES_PER_KIND:
            errors.append(f"kind {k} appears in only {stories_with[k]} stories "
                          f"(want >= {MIN_STORIES_PER_KIND})")
        if occurrences[k] < MIN_OCCURRENCES.get(k, 0):
            errors.append(f"kind {k} has only {occurrences[k]} annotations "
                          f"(want >= {MIN_OCCURRENCES[k]})")

    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
