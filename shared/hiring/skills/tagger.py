"""Skill and Knowledge spans a dictionary cannot reach, from a linear-chain CRF (python-crfsuite).

The model was trained on SkillSpan train (job-posting sentences with token-level BIO for Skill, "develop automated
software tests", and Knowledge, "Java", "cloud computing") by `hiring.skills.train_tagger`. Its features are the
word and its shape, prefixes and suffixes, a window of neighbouring words, simple verb and noun cues, where the
taxonomy matcher found a skill (dictionary BIO by category) and what the taxonomy knows of each word (a word of
its skill names, ordinary English or not): that is how the tagger and the taxonomy combine.
The model file is a few MB and opens in milliseconds, so loading it adds nothing noticeable to a cold start.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from hiring.skills.taxonomy import CONTEXT_ANY, FREE
from hiring.skills.text import surface_key, word_set

if TYPE_CHECKING:
    from hiring.skills.extractor import SkillMention
    from hiring.skills.taxonomy import Skill, Taxonomy

MODEL_FILE = "skill_tagger.crfsuite"
MODEL_PATH = Path(__file__).resolve().parent / "data" / MODEL_FILE
SKILL, KNOWLEDGE = "Skill", "Knowledge"
# Categories of the taxonomy folded into the few groups the model sees as dictionary features.
_CATEGORY_GROUP = {
    "language": "tech",
    "framework": "tech",
    "database": "tech",
    "cloud": "tech",
    "platform": "tech",
    "tool": "tech",
    "methodology": "tech",
    "soft": "soft",
    "skill": "skill",
    "domain": "domain",
    "field_of_study": "domain",
    "natural_language": "lang",
    "unknown": "list",
}
# Words, or runs of symbols: "Node.js", "C++", "C#", "CI/CD" and "front-end" stay whole, as SkillSpan writes them;
# brackets, quotes and sentence punctuation at either end stand alone.
_WORD = re.compile(r"[\w.+#/&'’-]*[\w+#]|[^\w\s]")
_LEADING_SYMBOLS = re.compile(r"^['’/&-]+")
_SENTENCE_END = frozenset({".", "!", "?", ";", "•", "▪", "●", "◦", "‣", "·"})
_MODALS = frozenset({"to", "can", "will", "must", "should", "would", "could", "may", "shall"})
_CUE_NOUNS = frozenset(
    {
        "experience",
        "experienced",
        "knowledge",
        "skills",
        "skill",
        "ability",
        "abilities",
        "proficiency",
        "proficient",
        "familiarity",
        "familiar",
        "understanding",
        "expertise",
        "background",
        "degree",
        "capable",
        "able",
    }
)
_DETERMINERS = frozenset({"a", "an", "the", "our", "your", "their", "its", "this", "these", "that", "those"})


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """One span the model tagged: text[start:end] == text; kind is Skill or Knowledge; confidence is the mean
    marginal probability of its labels."""

    start: int
    end: int
    text: str
    kind: str
    confidence: float


def word_tokens(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of a text, split the way SkillSpan splits its sentences."""
    spans = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        lead = _LEADING_SYMBOLS.match(match.group())
        if lead and end - start > lead.end():
            spans.append((start, start + lead.end()))  # an opening quote or dash; ".NET" keeps its dot
            start += lead.end()
        spans.append((start, end))
    return spans


def sentences(text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges [i, j) of the sentences: a line break or sentence punctuation ends one."""
    ranges, first = [], 0
    for index, (start, end) in enumerate(tokens):
        if index > first and "\n" in text[tokens[index - 1][1] : start]:
            ranges.append((first, index))
            first = index
        if text[start:end] in _SENTENCE_END:
            ranges.append((first, index + 1))
            first = index + 1
    if first < len(tokens):
        ranges.append((first, len(tokens)))
    return [r for r in ranges if r[1] > r[0]]


_SHAPE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10)


def _short_shape(word: str) -> str:
    """The word's shape with runs collapsed: "Node.js" -> "Xx.x", "AWS" -> "X", "2021" -> "d"."""
    shape = word.translate(_SHAPE)
    return "".join(c for k, c in enumerate(shape) if k == 0 or c != shape[k - 1])


def _word_features(word: str, shape: str) -> list[str]:
    lower = word.lower()
    features = [
        "w=" + lower,
        "p3=" + lower[:3],
        "s2=" + lower[-2:],
        "s3=" + lower[-3:],
        "s4=" + lower[-4:],
        "sh=" + shape,
        "len=" + str(min(len(word), 12)),
    ]
    if word[:1].isupper():
        features.append("title" if word[1:].islower() or len(word) == 1 else "caps" if word.isupper() else "mixed")
    if any(c.isdigit() for c in word):
        features.append("digit")
    if any(c in word for c in ".+#/-") and len(word) > 1:
        features.append("symbol")
    if lower.endswith(("ing", "ed", "ize", "ise")):
        features.append("verbish")
    if lower.endswith(("tion", "ment", "ness", "ity", "ship", "ics", "ogy", "ance", "ence")):
        features.append("nounish")
    return features


@dataclass(frozen=True)
class Lexicon:
    """What the taxonomy knows of single words: ordinary English, words of its multi-word skill names (in one or
    two, a few, or many), and one-word skill names. Unseen words in a posting get these features even when no
    name matches. Saved beside the model it was trained with, so a rebuilt taxonomy cannot shift its features."""

    english: frozenset[str]
    phrase_words: dict[str, str]
    single_words: frozenset[str]

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> Lexicon:
        """The lexicon of a compiled taxonomy."""
        phrases = [key for key in taxonomy.surfaces if " " in key]
        counts = Counter(part for key in phrases for part in key.split(" "))
        buckets = {word: "1" if n < 3 else "few" if n < 30 else "many" for word, n in counts.items()}
        return cls(taxonomy.english, buckets, frozenset(taxonomy.surfaces.keys() - set(phrases)))

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """A lexicon written by `save`."""
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        buckets = {word: bucket for bucket, words in data["phrase_words"].items() for word in words}
        return cls(frozenset(data["english"]), buckets, frozenset(data["single_words"]))

    def save(self, path: Path) -> None:
        """Write the lexicon as sorted JSON, gzip without a timestamp (the same lexicon gives the same bytes)."""
        grouped: dict[str, list[str]] = {}
        for word, bucket in sorted(self.phrase_words.items()):
            grouped.setdefault(bucket, []).append(word)
        data = {"english": sorted(self.english), "phrase_words": grouped, "single_words": sorted(self.single_words)}
        with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as handle:
            handle.write(json.dumps(data, sort_keys=True).encode("utf-8"))

    def features(self, lower: str) -> list[str]:
        """Lexicon features of one lower-case word."""
        found = []
        if lower.isalpha():
            found.append("english" if lower in self.english else "not_english")
        bucket = self.phrase_words.get(lower)
        if bucket:
            found.append("tax_word=" + bucket)
        if lower in self.single_words:
            found.append("tax_single")
        return found


def lexicon_path(model_path: Path) -> Path:
    """Where the lexicon of a model file is kept: beside it ("skill_tagger.lexicon.json.gz")."""
    return model_path.with_suffix(".lexicon.json.gz")


def token_features(words: Sequence[str], dictionary: Sequence[str], lexicon: Lexicon) -> list[list[str]]:
    """CRF features of each word of a sentence; dictionary holds the taxonomy's BIO tag per word ("B-tech", "O")."""
    lowers = [w.lower() for w in words]
    shapes = [_short_shape(w) for w in words]
    base = [_word_features(w, shape) for w, shape in zip(words, shapes, strict=True)]
    count = len(words)
    rows = []
    for i in range(count):
        row = ["bias", *base[i], *lexicon.features(lowers[i]), "d=" + dictionary[i]]
        for offset in (-2, -1, 1, 2):
            k = i + offset
            if 0 <= k < count:
                row.append(f"{offset}w={lowers[k]}")
                row.append(f"{offset}sh={shapes[k]}")
                if offset in (-1, 1):
                    row.append(f"{offset}d={dictionary[k]}")
                    row.append(f"{offset}s3={lowers[k][-3:]}")
            else:
                row.append(f"{offset}w=<pad>")
        if i > 0:
            row.append(f"bi={lowers[i - 1]}|{lowers[i]}")
        if i + 1 < count:
            row.append(f"bi+={lowers[i]}|{lowers[i + 1]}")
        before = lowers[max(0, i - 4) : i]
        if any(w in _CUE_NOUNS for w in before):
            row.append("cue_noun_before")
        if before and before[-1] in _MODALS:
            row.append("after_modal")
        if before and before[-1] in _DETERMINERS:
            row.append("after_determiner")
        if i == 0:
            row.append("BOS")
        if i == count - 1:
            row.append("EOS")
        rows.append(row)
    return rows


def dictionary_tags(tokens: Sequence[tuple[int, int]], mentions: Sequence[SkillMention]) -> list[str]:
    """The taxonomy's BIO tag of each token: B-/I- and the category group of the mention covering it."""
    tags = ["O"] * len(tokens)
    starts = [start for start, _ in tokens]
    from bisect import bisect_left

    for mention in mentions:
        first = bisect_left(starts, mention.start)
        group = _CATEGORY_GROUP.get(mention.category, "other")
        for k in range(first, len(tokens)):
            if tokens[k][0] >= mention.end:
                break
            tags[k] = ("B-" if k == first else "I-") + group
    return tags


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token ranges [i, j) and kind of the BIO labels ("B-Skill", "I-Skill", "O"); a stray I- opens a span."""
    spans: list[tuple[int, int, str]] = []
    current: tuple[int, str] | None = None
    for index, label in enumerate([*labels, "O"]):
        kind = label[2:] if label != "O" else ""
        continues = label.startswith("I-") and current is not None and current[1] == kind
        if current is not None and not continues:
            spans.append((current[0], index, current[1]))
            current = None
        if label != "O" and not continues:
            current = (index, kind)
    return spans


class SpanTagger:
    """The trained CRF over any text: sentences, words, features, labels, spans."""

    def __init__(self, model_path: Path = MODEL_PATH, lexicon: Lexicon | None = None) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self.lexicon = lexicon or Lexicon.load(lexicon_path(model_path))

    def label_words(self, words: Sequence[str], dictionary: Sequence[str]) -> list[str]:
        """BIO labels (B-Skill, I-Knowledge, O) of one sentence's words."""
        labels: list[str] = self._tagger.tag(token_features(words, dictionary, self.lexicon))
        return labels

    def tag(self, text: str, mentions: Sequence[SkillMention] = ()) -> list[TaggedSpan]:
        """Skill and Knowledge spans of the text; mentions are the taxonomy's matches in it (dictionary features)."""
        tokens = word_tokens(text)
        dictionary = dictionary_tags(tokens, mentions)
        found = []
        for first, last in sentences(text, tokens):
            words = [text[s:e] for s, e in tokens[first:last]]
            labels = self.label_words(words, dictionary[first:last])
            for i, j, kind in spans_from_labels(labels):
                marginals = [self._tagger.marginal(labels[k], k) for k in range(i, j)]
                start, end = tokens[first + i][0], tokens[first + j - 1][1]
                found.append(TaggedSpan(start, end, text[start:end], kind, round(sum(marginals) / len(marginals), 3)))
        return found


@lru_cache(maxsize=1)
def get_tagger() -> SpanTagger:
    """The shipped span tagger, opened once per process."""
    return SpanTagger()


# Words that open a tagged span without naming the skill: "strong Python", "a working knowledge of SQL".
_LEADING_FILLER = word_set(
    "a an the strong solid good excellent great proven deep basic working advanced some any our your their"
    " knowledge of experience with in using understanding familiarity proficiency"
)


def link_span(text: str, taxonomy: Taxonomy) -> Skill | None:
    """The taxonomy skill a tagged span names: the whole span, or what is left after leading filler words.

    A surface form the matcher takes only with a cue or in a list ("drive" for Google Drive, "go") links only
    in the spelling it asks for ("Go"), and a cue-or-list-only form never: the tagger's span is no such cue.
    """
    words = text.split()
    while words:
        spelled = " ".join(words)
        surface = taxonomy.surfaces.get(surface_key(spelled))
        if surface is not None and (
            surface.level == FREE or (surface.level != CONTEXT_ANY and spelled in surface.forms)
        ):
            return taxonomy.skills[surface.skill]
        if words[0].lower() not in _LEADING_FILLER:
            return None
        words = words[1:]
    return None


def combine(
    text: str, mentions: Sequence[SkillMention], spans: Sequence[TaggedSpan], taxonomy: Taxonomy
) -> list[SkillMention]:
    """The taxonomy's mentions and the tagger's spans as one list, in order, without overlaps.

    A span around exactly one mention ("develop automated software tests" around "software tests", "REST APIs"
    around "REST") replaces it, keeping its canonical skill: SkillSpan's boundaries, the taxonomy's link (this
    beat keeping the dictionary's boundaries on a held-out tenth of train, combined exact F1 0.415 to 0.411). A
    dictionary mention under any other span stays as it is and takes the span's type. A span over no mention is
    new: linked to the taxonomy where its words name a skill, else kept with known=False; both source "tagger".
    """
    from hiring.skills.extractor import SkillMention

    kept = {id(m): m for m in mentions}
    added: list[SkillMention] = []
    for span in spans:
        inside = [m for m in mentions if m.start < span.end and span.start < m.end]
        if not inside:
            skill = link_span(span.text, taxonomy)
            canonical, category = (skill.name, skill.category) if skill else (" ".join(span.text.split()), "unknown")
            mention = SkillMention(
                span.start, span.end, span.text, canonical, category, skill is not None, "tagger", span.confidence
            )
            added.append(replace(mention, span_type=span.kind))
            continue
        only = inside[0]
        wraps = len(inside) == 1 and span.start <= only.start and only.end <= span.end
        if wraps and (span.start, span.end) != (only.start, only.end):
            del kept[id(only)]
            wider = SkillMention(
                span.start, span.end, span.text, only.canonical, only.category, True, "tagger", span.confidence
            )
            added.append(replace(wider, span_type=span.kind))
            continue
        for mention in inside:
            if id(mention) in kept:
                kept[id(mention)] = replace(kept[id(mention)], span_type=span.kind)
    return sorted([*kept.values(), *added], key=lambda m: (m.start, m.end))


def extract_with_tagger(text: str) -> list[SkillMention]:
    """Skill mentions of a text from the taxonomy and the trained tagger together (see `combine`)."""
    from hiring.skills.extractor import get_extractor

    extractor = get_extractor()
    mentions = extractor.extract(text)
    return combine(text, mentions, get_tagger().tag(text, mentions), extractor.taxonomy)
