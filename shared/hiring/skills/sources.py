"""The taxonomy build's source readers: ESCO, O*NET and the tech-skill list as entries (one concept from one
source: its name, category and the surface forms that name it), and the ordinary-English word list ranked from
their text. hiring.skills.build merges the entries into the compiled taxonomy."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hiring.skills.text import is_word, surface_key, tokenize

ESCO_ZIP = "esco-v1.1.1-en-csv.zip"
ONET_TECH = "onet-29.2-technology-skills.txt"
ONET_OCCUPATIONS = "onet-29.2-occupation-data.txt"
ONET_TITLES = "onet-29.2-alternate-titles.txt"
MS_TECH = "ms-tech-skills.json"

# Words this frequent in ordinary descriptive English are skills only with a cue ("communication skills").
COMMON_RANK = 3000
MAX_WORDS = 5
_SKIP_PREFIX = re.compile(
    r"^(?:a|an|the|types?|kinds?|categories|varieties|sorts|brands|principles|fundamentals|methods|techniques"
    r"|knowledge|study|field|use|using)\s+(?:of\s+)?",
    re.I,
)
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Academic disciplines: fields of study ("Computer science", "Political science", "Anthropology"), not tools.
_DISCIPLINE_HEADS = _words(
    "science sciences studies engineering humanities mathematics physics chemistry biology economics linguistics"
    " philosophy geography astronomy agronomy informatics bioinformatics genetics theology medicine pharmacy"
    " dentistry nursing literature history"
)
# Practices named like disciplines.
_NOT_DISCIPLINE = _words("reverse social prompt feature")
_NOT_DISCIPLINE_OLOGY = _words("technology technologies methodology methodologies terminology topology")
# Words that say nothing of the concept: an ESCO alternative made of these and common words only, sharing no
# word with its preferred label, is a loose paraphrase ("shape the future" for think innovatively).
_FUNCTION_WORDS = _words(
    "the a an to of in on for with and or at by as into from up out be one one's ones own your their our oneself s"
)
_VENDORS = (
    "Amazon Web Services",
    "Amazon",
    "AWS",
    "Microsoft",
    "Google",
    "Apple",
    "IBM",
    "Oracle",
    "Adobe",
    "Atlassian",
    "Apache",
    "Autodesk",
    "SAP",
    "Salesforce",
    "Red Hat",
    "VMware",
    "Cisco Systems",
    "Cisco",
    "Intuit",
    "Eclipse",
    "Facebook",
    "Meta",
    "HashiCorp",
    "JetBrains",
    "Corel",
    "Dassault Systemes",
    "ESRI",
    "SAS",
    "Bentley",
    "Trimble",
    "Hewlett Packard",
    "HP",
    "Dell",
    "Symantec",
    "McAfee",
    "Splunk",
    "Elastic",
)
_ONET_CATEGORY = {
    "Object or component oriented development software": "language",
    "Compiler and decompiler software": "tool",
    "Web platform development software": "framework",
    "Data base management system software": "database",
    "Object oriented data base management software": "database",
    "Operating system software": "platform",
    "Network operation system software": "platform",
    "Cloud-based management software": "cloud",
    "Cloud-based protection or security software": "cloud",
}


@dataclass
class Entry:
    """One concept from one source: its name, category and the surface forms that name it."""

    name: str
    category: str
    primary: list[str]
    secondary: list[str]
    ref: str
    hot: bool = False
    default_category: bool = False
    # ESCO alternatives are loose ("CUDA" under computer vision): when the concept merges into a skill from
    # a better source, only alternatives that contain the skill's own name are taken.
    loose_aliases: bool = False
    # Ordinary words left when the vendor is removed ("Word" of Microsoft Word): matched only as spelled, with a cue.
    remainders: list[str] = field(default_factory=list)


def spaced(text: str) -> str:
    return " ".join(text.split())


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def _word_count(text: str) -> int:
    return sum(1 for t in tokenize(text) if is_word(t.norm))


def english_words(esco_rows: list[dict[str, str]], onet_dir: Path, extra: Iterable[str] = ()) -> dict[str, int]:
    """Ordinary English words with their frequency rank, from the descriptions and labels in ESCO and O*NET."""
    counts: Counter[str] = Counter()
    texts = [row.get("description", "") for row in esco_rows] + list(extra)
    occupations = onet_dir / ONET_OCCUPATIONS
    if occupations.exists():
        with occupations.open(encoding="utf-8") as handle:
            texts += [f"{row['Title']} {row['Description']}" for row in csv.DictReader(handle, delimiter="\t")]
    titles = onet_dir / ONET_TITLES
    if titles.exists():
        with titles.open(encoding="utf-8") as handle:
            texts += [row["Alternate Title"] for row in csv.DictReader(handle, delimiter="\t")]
    for text in texts:
        # Only lower-case occurrences: capitalised ones are often product or language names.
        counts.update(m.group() for m in re.finditer(r"(?<![\w.])[a-z][a-z']*[a-z]\b|\b[a-z]\b", text))
    ranked = sorted((w for w, n in counts.items() if n >= 2), key=lambda w: (-counts[w], w))
    return {word: rank for rank, word in enumerate(ranked, 1)}


def read_esco(zip_path: Path) -> tuple[list[dict[str, str]], dict[str, dict[str, str]], set[str], set[str]]:
    """ESCO skills rows plus the digital-skills broader labels and the language and transversal collections."""
    with zipfile.ZipFile(zip_path) as archive:

        def rows(name: str) -> list[dict[str, str]]:
            with archive.open(name) as raw:
                return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))

        skills = sorted(rows("skills_en.csv"), key=lambda r: r["conceptUri"])
        occupations = rows("occupations_en.csv")
        for row in occupations:
            row["skillType"] = ""  # occupations only lend their text to the ordinary-English word list
        digital = {r["conceptUri"]: r for r in rows("digitalSkillsCollection_en.csv")}
        languages = {r["conceptUri"] for r in rows("languageSkillsCollection_en.csv")}
        transversal = {r["conceptUri"] for r in rows("transversalSkillsCollection_en.csv")}
    skills += sorted(occupations, key=lambda r: r["conceptUri"])
    return skills, digital, languages, transversal


def is_field_of_study(name: str) -> bool:
    """Whether a knowledge concept's name is an academic discipline ("Computer science", "Anthropology")."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
    if not words or len(words) > 3 or (len(words) > 1 and words[-2] in {"of", "and", "for", "in", "on", "to"}):
        return False
    if words[0] in _NOT_DISCIPLINE:
        return False
    last = words[-1]
    if last in _DISCIPLINE_HEADS:
        return True
    return len(words) == 1 and last.endswith(("ology", "ologies")) and last not in _NOT_DISCIPLINE_OLOGY


def _esco_category(
    row: dict[str, str], digital: dict[str, dict[str, str]], languages: set[str], transversal: set[str]
) -> str:
    uri = row["conceptUri"]
    if uri in languages and row["skillType"] == "knowledge":
        return "natural_language"
    if uri in transversal or row["reuseLevel"] == "transversal":
        return "soft"
    if row["skillType"] != "knowledge":
        return "skill"
    if is_field_of_study(re.sub(r"\s*\([^)]*\)$", "", row["preferredLabel"])):
        return "field_of_study"
    broader = digital.get(uri, {}).get("broaderConceptPT", "").lower()
    if "programming" in broader and _word_count(row["preferredLabel"]) <= 3:
        return "language"
    if "database" in broader:
        return "database"
    if "methodolog" in broader:
        return "methodology"
    if "software" in broader or "tools" in broader or "environment" in broader:
        return "tool"
    return "domain"


def _stems(text: str) -> set[str]:
    """Crude stems of the content words ("slaughtering" and "slaughter" share "slaug")."""
    return {w[:5] for w in surface_key(text).split() if is_word(w) and w not in _FUNCTION_WORDS}


def _loose_paraphrase(key: str, name_stems: set[str], english: dict[str, int]) -> bool:
    words = [w for w in key.split() if is_word(w)]
    if len(words) < 2 or _stems(key) & name_stems:
        return False
    return all(w in _FUNCTION_WORDS or english.get(w, COMMON_RANK + 1) <= COMMON_RANK for w in words)


def _esco_label_ok(label: str) -> bool:
    return bool(label) and _word_count(label) <= MAX_WORDS and not _SKIP_PREFIX.match(label)


def esco_entries(
    rows: list[dict[str, str]],
    digital: dict[str, dict[str, str]],
    languages: set[str],
    transversal: set[str],
    english: dict[str, int],
) -> Iterator[Entry]:
    """ESCO concepts with the short labels that make precise surface forms."""
    alt_counts: Counter[str] = Counter()
    for row in rows:
        alt_counts.update({surface_key(a) for a in row["altLabels"].splitlines() if a.strip()})
    for row in rows:
        if row.get("status", "released") != "released" or not row["skillType"]:
            continue
        label = spaced(row["preferredLabel"])
        # "Python (computer programming)": the qualifier disambiguates in ESCO, nobody writes it in a resume.
        name = re.sub(r"\s*\([^)]*\)$", "", label)
        if not _esco_label_ok(name):
            continue
        stems = _stems(name)
        alts = []
        for alt in sorted({spaced(a) for a in row["altLabels"].splitlines() if a.strip()}):
            key = surface_key(alt)
            if alt_counts[key] > 1 or not _esco_label_ok(alt):
                continue
            # One-word alternatives are often loose synonyms ("drainage" for rainwater management):
            # keep only names and acronyms, or words that are not ordinary English.
            if _word_count(alt) == 1 and alt == alt.lower() and key in english:
                continue
            # A paraphrase in common words that shares no word with the concept's name is generic in prose:
            # "shape the future" (think innovatively), "check facts" (think critically).
            if _loose_paraphrase(key, stems, english):
                continue
            alts.append(alt)
        category = _esco_category(row, digital, languages, transversal)
        ref = "esco:" + row["conceptUri"].rsplit("/", 1)[-1]
        yield Entry(_capitalised(name), category, [name], alts, ref, loose_aliases=True)


def _expands(phrase: str, acronym: str) -> bool:
    """Whether a trailing all-caps token abbreviates the phrase ("Border Gateway Protocol BGP"), not an edition."""
    if not ACRONYM.match(acronym):
        return False
    initials = [w[0].lower() for w in re.findall(r"[A-Za-z]+", phrase) if w.lower() not in {"and", "of", "for", "the"}]
    letters = [c.lower() for c in acronym if c.isalpha()]
    if not initials or not letters or letters[-1] != initials[-1]:
        return False
    return sum(1 for c in letters if c in initials) * 2 >= len(letters)


def _generic_remainder(name: str, english: dict[str, int]) -> bool:
    words = [t.norm for t in tokenize(name) if is_word(t.norm)]
    if len(words) == 1 and len(words[0]) <= 3 and not ACRONYM.match(name):
        return True
    return len(words) == 1 and len(words[0]) <= 2 or all(w in english for w in words) and name != name.upper()


def _strip_vendor(name: str) -> str | None:
    for vendor in _VENDORS:
        if name.startswith(vendor + " ") and len(name) > len(vendor) + 1:
            return name[len(vendor) + 1 :]
    return None


_SOFTWARE_NOUNS = _words(
    "system systems server directory platform suite tool tools program programs application applications database"
    " databases engine manager editor library compiler browser interface client utility utilities simulator emulator"
    " viewer generator checker scanner framework kit package packages driver drivers module modules"
    " monitor monitors scanners calculator calculators libraries editors viewers managers servers browsers clients"
    " compilers engines generators simulators emulators"
)


def _activity(phrase: str, english: dict[str, int]) -> bool:
    """Whether the rest of a software class names an activity ("social media", "appointment scheduling"): plain
    words, not a brand ("Cluen executive recruitment"), ending in a noun that is not a kind of program."""
    words = phrase.split()
    last = words[-1].lower()
    if last in _SOFTWARE_NOUNS or last.endswith(("al", "ic", "ive")) or words[0][1:] != words[0][1:].lower():
        return False
    return all(w.lower() in english for w in re.findall(r"[A-Za-z]+", phrase))


def _plain_word(name: str) -> bool:
    """A single capitalised ordinary-looking word ("Word", "Access", "Teams"), as a vendor-less product name."""
    return name.isalpha() and len(name) >= 4 and name[0].isupper() and name[1:].islower()


def onet_entries(path: Path, english: dict[str, int]) -> Iterator[Entry]:
    """O*NET technology products: names without vendor prefixes, trailing acronyms split off."""
    products: dict[str, tuple[str, str, bool]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            example = spaced(row["Example"])
            code, title = row["Commodity Code"], row["Commodity Title"]
            hot = row["Hot Technology"] == "Y"
            previous = products.get(example)
            if previous is None or (code, title) < previous[:2]:
                products[example] = (code, title, hot or (previous[2] if previous else False))
            elif hot:
                products[example] = (*previous[:2], True)
    for example in sorted(products):
        code, title, hot = products[example]
        category = _ONET_CATEGORY.get(title, "tool")
        words = example.split()
        generic = all(w == w.lower() for w in words[1:]) and not any(c.isdigit() for c in example)
        if generic:
            stripped = re.sub(r"\s+software$", "", example)
            if _word_count(example) > MAX_WORDS:
                continue
            if _word_count(stripped) < 2:
                yield Entry(example, category, [example], [], f"onet:{code}", hot, default_category=True)
            elif not _activity(stripped, english):
                yield Entry(example, category, [example], [stripped], f"onet:{code}", hot, default_category=True)
            else:
                # "Social media software": text that says "social media" means the activity, not a product class.
                yield Entry(stripped, "domain", [stripped], [example], f"onet:{code}", hot, default_category=True)
            continue
        base = re.sub(r"\s+software$", "", example)
        primary, secondary = [base], [example]
        name = base
        tokens = base.split()
        shortened: list[str] = []
        remainders: list[str] = []
        if len(tokens) >= 3 and _expands(" ".join(tokens[:-1]), tokens[-1]):
            phrase, acronym = " ".join(tokens[:-1]), tokens[-1]
            name = f"{phrase} ({acronym})"
            primary.append(phrase)
            # Short acronyms of niche products collide with everything ("MPS", "EMS"); keep them for hot ones.
            if hot or len(acronym) >= 4:
                primary.append(acronym)
            shortened.append(_strip_vendor(phrase) or "")
        else:
            shortened.append(_strip_vendor(base) or "")
        if base.startswith("Microsoft ") and shortened[-1]:
            secondary.append("MS " + shortened[-1])  # "MS Access", "MS Project"
        # A vendor-less form that is ordinary words ("Microsoft Project" -> "Project", "Autodesk Building
        # Systems" -> "Building Systems") or a bare short token ("SAP IQ" -> "IQ") is not a free name; a single
        # capitalised word is kept as a remainder (exact spelling, with a cue or in a list: "Word, Excel").
        for short in shortened:
            if short and not _generic_remainder(short, english):
                primary.append(short)
            elif short and _plain_word(short):
                remainders.append(short)
        if not primary:
            continue
        yield Entry(
            name,
            category,
            primary,
            secondary,
            f"onet:{code}",
            hot,
            default_category=category == "tool",
            remainders=remainders,
        )


def ms_entries(path: Path, english: dict[str, int]) -> Iterator[Entry]:
    """The tech-skill list: StackShare and GitHub tools, Microsoft Academic Graph fields."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in sorted(data):
        source = data[key]["sources"][0]
        display = spaced(source["displayName"])
        if re.search(r",\s|\s/\s|\s&\s", display):
            continue  # StackShare category names ("Build, Test, Deploy"), not skills
        academic = source["sourceName"].startswith("Microsoft Academic")
        name = re.sub(r"^The\s+", "", display)
        name = re.sub(r"\s+Language$", "", name) if name.startswith("Julia") else name
        primary = [name]
        secondary = list(data[key].get("aliases", []))
        paren = re.match(r"^(.*?)\s*\(([^)]*)\)$", name)
        if paren:
            name = paren.group(1)
            primary = [name]
            if not academic and ACRONYM.match(name):
                secondary.append(paren.group(2))  # "SVN (Subversion)"; not "Microframeworks (Backend)"
        if name.lower().endswith(".js"):
            base = name[:-3]
            secondary += [base + "JS", base + " JS"]
            if surface_key(base) not in english and len(base) >= 3:
                secondary.append(base)
        if "-" in name:
            secondary.append(name.replace("-", " "))
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
        generic = len(words) >= 2 and all(w in english for w in words)
        category = "domain" if academic or generic else "tool"
        field_of_study = academic and is_field_of_study(name)
        category = "field_of_study" if field_of_study else category
        yield Entry(
            _capitalised(name), category, primary, secondary, f"ms:{source['id']}", default_category=not field_of_study
        )
