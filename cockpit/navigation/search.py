"""Street search by name over a road graph: insensitive to case and diacritics ("toolonkatu" finds
Töölönkatu), whole names first, then names that start with or contain the words typed, and for a
near miss the closest names as suggestions ("Manerheimintie" → Mannerheimintie)."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass

from .graph import RoadGraph, largest_component

MAX_QUERY = 100  # characters: a street name a person types
MAX_RESULTS = 8


def fold(text: str) -> str:
    """Lower case, without diacritics, spaces collapsed: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class Street:
    name: str
    nodes: tuple[int, ...]  # every road node on a way of that name
    destination: int  # the middle one of those the rest of the map reaches and is reached from


@dataclass(frozen=True)
class Found:
    streets: list[Street]  # matches, best first
    suggestions: list[str]  # when nothing matched: the closest names ("did you mean")


class StreetIndex:
    def __init__(self, graph: RoadGraph):
        nodes: dict[str, list[int]] = {}
        names: dict[str, str] = {}
        for start, out in graph.edges.items():
            for e in out:
                name = graph.ways[e.way].name
                if name:
                    key = fold(name)
                    names.setdefault(key, name)
                    nodes.setdefault(key, []).extend((start, e.to))
        main = largest_component(graph)
        self._streets = {}
        for k, v in nodes.items():
            on = tuple(dict.fromkeys(v))
            # a street's piece cut off at the extract's edge (a one-way stub) is no destination
            reachable = [n for n in on if n in main] or list(on)
            self._streets[k] = Street(names[k], on, reachable[len(reachable) // 2])

    def __len__(self) -> int:
        return len(self._streets)

    def names(self) -> list[str]:
        """Every street name, as the map spells it."""
        return sorted(s.name for s in self._streets.values())

    def find(self, query: str) -> Found:
        q = fold(query[:MAX_QUERY])
        if not q:
            return Found([], [])
        exact = [s for k, s in self._streets.items() if k == q]
        starts = [s for k, s in sorted(self._streets.items()) if k.startswith(q) and k != q]
        contains = [s for k, s in sorted(self._streets.items()) if q in k and not k.startswith(q)]
        streets = (exact + starts + contains)[:MAX_RESULTS]
        if streets:
            return Found(streets, [])
        close = difflib.get_close_matches(q, list(self._streets), n=3, cutoff=0.75)
        return Found([], [self._streets[k].name for k in close])
