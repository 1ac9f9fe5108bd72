"""Text → intent and slots, with hassil sentence templates (voice/sentences/<language>/*.yaml).

The same templates also generate the recognizer's command grammar (voice/grammar.py), so whatever the
recognizer may hear, the matcher can parse — and anything else is rejected here."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from hassil import Intents, TextSlotList, merge_dict, recognize_best

SENTENCES = Path(__file__).resolve().parent / "sentences"

# Lists a driver's profile may fill. "place" keeps the shipped values (home, work) beside the profile's.
PROFILE_LISTS = ("contact", "place", "driver", "theme")
_KEEP_SHIPPED = ("place", "theme")

# The rules wrapped around every template (see _frame).
FRAME = ("lead_in", "tail")

_HALF = re.compile(r"\band a half\b")
_PUNCT = re.compile(r"[^\w\s'.%°-]|(?<!\d)\.|\.(?!\d)")


def languages() -> list[str]:
    """Languages that have sentence templates."""
    return sorted(p.name for p in SENTENCES.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


def words(text: str) -> str:
    """Lower-case words separated by single spaces, apostrophes kept ("what's")."""
    text = text.lower().replace("°", " degrees ").replace("%", " percent ").replace("’", "'")
    return " ".join(_PUNCT.sub(" ", text).split())


def normalize(text: str) -> str:
    """What a recognizer or a person typed, in the form the templates are written in."""
    return _HALF.sub("point five", words(text))  # hassil's number parser knows "twenty one point five"


def spoken(value: str) -> str:
    """A profile value (a contact, a place) as it is said: lower case, words only."""
    return " ".join(re.sub(r"[^\w']+", " ", value.lower()).split())


@dataclass(frozen=True)
class Match:
    intent: str
    slots: dict


def load_intents(language: str, folders: Sequence[Path] = ()) -> Intents:
    """The templates of ``language``; ``folders`` are installed sentence roots (``<root>/<language>/*.yaml``)
    whose files add to the shipped ones, or replace a shipped file of the same name."""
    # a known name first: any text is not a folder name (too long, '..', a slash)
    if language not in (have := languages()):
        raise ValueError(f"no sentences for language {language!r} (have: {', '.join(have)})")
    by_name = {p.name: p for root in (SENTENCES, *folders) for p in sorted((root / language).glob("*.yaml"))}
    merged: dict = {}
    for path in (by_name[n] for n in sorted(by_name)):
        merge_dict(merged, yaml.safe_load(path.read_text(encoding="utf-8")))
    _frame(merged)
    return Intents.from_dict(merged)


def _frame(merged: dict) -> None:
    """Every request may come with the words people wrap it in ("okay, could you …, please"):
    the language's ``lead_in`` and ``tail`` rules around each template, for the matcher and the
    recognizer's grammar alike (both read these templates)."""
    rules = merged.get("expansion_rules", {})
    if not all(name in rules for name in FRAME):
        return
    lead_in, tail = FRAME
    for intent in merged.get("intents", {}).values():
        for data in intent.get("data", []):
            if not data.get("metadata", {}).get("statement"):  # "I'm cold" is said as it is
                data["sentences"] = [f"<{lead_in}> ({sentence}) <{tail}>" for sentence in data["sentences"]]


class IntentMatcher:
    """Parses text against one language's templates; profile lists can change between utterances."""

    def __init__(self, language: str = "en", lists: Mapping[str, Sequence[str]] | None = None,
                 folders: Sequence[Path] = ()) -> None:
        self.language = language
        self.intents = load_intents(language, folders)
        self._shipped = {name: self.intents.slot_lists.get(name) for name in PROFILE_LISTS}
        self.slot_lists: dict[str, TextSlotList] = {}
        self.set_lists(lists or {})

    def set_lists(self, lists: Mapping[str, Sequence[str]]) -> None:
        unknown = set(lists) - set(PROFILE_LISTS)
        if unknown:
            raise ValueError(f"unknown list(s) {', '.join(sorted(unknown))}; known: {', '.join(PROFILE_LISTS)}")
        slot_lists: dict[str, TextSlotList] = {}
        for name in PROFILE_LISTS:
            pairs = [(spoken(v), v) for v in lists.get(name, ()) if spoken(v)]
            shipped = self._shipped.get(name)
            if name in _KEEP_SHIPPED and isinstance(shipped, TextSlotList):
                said = {p[0] for p in pairs}
                pairs += [(v.text_in.text, v.value_out) for v in shipped.values
                          if getattr(v.text_in, "text", None) not in said]
            slot_lists[name] = TextSlotList.from_tuples(pairs, allow_template=False, name=name)
        self.slot_lists = slot_lists

    def list_values(self, name: str) -> list[str]:
        """The spoken forms of a list (shipped or from the profile), for the recognizer's grammar."""
        slot_list = self.slot_lists.get(name) or self.intents.slot_lists.get(name)
        if not isinstance(slot_list, TextSlotList):
            return []
        return [v.text_in.text.strip() for v in slot_list.values if hasattr(v.text_in, "text")]

    def match(self, text: str) -> Match | None:
        text = normalize(text)
        if not text:
            return None
        result = recognize_best(text, self.intents, slot_lists=self.slot_lists, language=self.language)
        if result is None:
            return None
        slots = {name: entity.value for name, entity in result.entities.items()}
        return Match(result.intent.name, slots)
