"""The recognizer's command grammar, generated from the same hassil templates the intent matcher parses.

Templates become a small word-level grammar (sequences, alternatives, named rules, wildcards), which is
compiled into a finite-state graph for pocketsphinx or enumerated into a phrase list for vosk. Numbers in
range lists become their
spoken words ("twenty one point five"), since recognizers hear words, not digits. Slot lists are
rules of their own, so a grammar with 101 volume levels stays small."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from hassil import (
    Alternative,
    Expression,
    ListReference,
    Permutation,
    RangeSlotList,
    RuleReference,
    Sequence,
    SlotList,
    TextChunk,
    TextSlotList,
    WildcardSlotList,
)
from hassil.numbers import get_rbnf_engine

from .errors import GrammarError
from .intents import FRAME, IntentMatcher, words

UNKNOWN = "[unk]"  # vosk's word for anything outside its grammar
# Other ways each language says a half, beside the number formatter's own ("twenty one point five").
_HALVES = {"en": ["{n} and a half"]}
# Number-word rulesets, most natural first; Korean temperatures and levels use Sino-Korean numbers.
_RULESETS = ("spellout-cardinal", "spellout-cardinal-sinokorean", "spellout-numbering")


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    options: tuple[Node, ...]
    optional: bool = False


@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Wild:
    """A wildcard slot ("turn on the {anything}"): any words outside the grammar."""


@dataclass(frozen=True)
class Weighted:
    """A part whose words cost more than its place in the grammar would say (the frame's words,
    sentences given a ``weight`` in their YAML metadata)."""

    node: Node
    p: float


Node = str | Seq | Alt | Ref | Wild | Weighted  # a str is one word


@dataclass
class Grammar:
    """Named rules plus, per intent, the rule names of its sentences: those said inside the frame
    (requests) and those said as they are (statements such as "I'm cold")."""

    rules: dict[str, Node]
    intents: dict[str, str]  # intent name -> rule name of its requests
    as_said: dict[str, str] = field(default_factory=dict)  # intent name -> rule name of its statements
    # The words around every request ("okay, could you … please"): rule names of the lead-in and the
    # tail, once around the whole grammar instead of inlined into each of its hundreds of sentences.
    frame: tuple[str, str] | None = None

    def __contains__(self, intent: str) -> bool:
        return intent in self.intents or intent in self.as_said

    def words(self) -> set[str]:
        found: set[str] = set()
        for node in self.rules.values():
            _collect_words(node, found)
        return found

    def to_fsg(self, filler: Sequence[str] = (), filler_p: float = 1e-16,
               frame_p: float = 1.0) -> tuple[int, int, list[Transition]]:
        """A finite-state graph of the whole grammar: (start, final, [(from, to, probability, word|None)]).

        Rules are inlined at every use; each alternative shares its branch point's probability evenly
        (a 101-value volume list costs more than on/off). A wildcard becomes a loop over ``filler``
        words at ``filler_p`` per word; without filler words, sentences with wildcards drop out."""
        fsg = _Fsg(self.rules, filler, filler_p)
        start, final = fsg.state(), fsg.state()
        fsg.build(self.root(frame_p), start, final)
        transitions = _shared_beginnings(_without_epsilons(fsg.transitions, start, final), start, final)
        return start, final, _shared_endings(transitions, start)

    def phrases(self, limit: int = 20000) -> list[str]:
        """Every sentence the grammar accepts, up to ``limit`` (then every rule is still used once)."""
        out: list[str] = []
        for intent in dict.fromkeys([*self.intents, *self.as_said]):
            said = [self._framed(Ref(self.intents[intent]))] if intent in self.intents else []
            said += [Ref(self.as_said[intent])] if intent in self.as_said else []
            for spoken in itertools.islice(self._expand(Alt(tuple(said))), limit):
                out.append(" ".join(spoken))
        return list(dict.fromkeys(out))[:limit]

    def root(self, frame_p: float = 1.0) -> Node:
        """Every sentence: the requests inside the frame (its words at ``frame_p``), the statements bare."""
        requests = self._framed(Alt(tuple(Ref(r) for r in self.intents.values())), frame_p)
        return Alt((requests, *(Ref(r) for r in self.as_said.values())))

    def _framed(self, node: Node, p: float = 1.0) -> Node:
        if not self.frame:
            return node
        lead_in, tail = (Alt((Weighted(Ref(rule), p),), optional=True) for rule in self.frame)
        return Seq((lead_in, node, tail))

    def _expand(self, node: Node) -> Iterator[tuple[str, ...]]:
        if isinstance(node, str):
            yield (node,)
        elif isinstance(node, Wild):
            yield (UNKNOWN,)
        elif isinstance(node, Ref):
            yield from self._expand(self.rules[node.name])
        elif isinstance(node, Weighted):
            yield from self._expand(node.node)
        elif isinstance(node, Alt):
            if node.optional:
                yield ()
            for option in node.options:
                yield from self._expand(option)
        else:
            parts = [list(self._expand(item)) for item in node.items]
            for combo in itertools.product(*parts):
                yield tuple(itertools.chain.from_iterable(combo))


Transition = tuple[int, int, float, str | None]


class _Fsg:
    def __init__(self, rules: dict[str, Node], filler: Sequence[str], filler_p: float) -> None:
        self.rules = rules
        self.filler = filler
        self.filler_p = filler_p
        self.transitions: list[Transition] = []
        self.states = 0

    def state(self) -> int:
        self.states += 1
        return self.states - 1

    def build(self, node: Node, start: int, end: int) -> None:
        if isinstance(node, str):
            self.transitions.append((start, end, 1.0, node))
        elif isinstance(node, Ref):
            self.build(self.rules[node.name], start, end)
        elif isinstance(node, Weighted):
            inner = self.state()
            self.transitions.append((start, inner, node.p, None))
            self.build(node.node, inner, end)
        elif isinstance(node, Wild):
            loop = self.state()
            for word in self.filler:
                self.transitions += [(start, loop, self.filler_p, word), (loop, loop, self.filler_p, word)]
            self.transitions.append((loop, end, 1.0, None))
        elif isinstance(node, Alt):
            p = 1.0 / (len(node.options) + node.optional)
            if node.optional:
                self.transitions.append((start, end, p, None))
            for option in node.options:
                inner = self.state()
                self.transitions.append((start, inner, p, None))
                self.build(option, inner, end)
        elif not node.items:
            self.transitions.append((start, end, 1.0, None))
        else:
            here = start
            for item in node.items[:-1]:
                nxt = self.state()
                self.build(item, here, nxt)
                here = nxt
            self.build(node.items[-1], here, end)


def _without_epsilons(transitions: list[Transition], start: int, final: int) -> list[Transition]:
    """The same language with word transitions only, plus one-step empty transitions into the final state.

    pocketsphinx follows a single empty transition but not chains of them (its JSGF reader computes a
    closure first; a graph built by hand gets none), so a chain would silently cut sentences out."""
    words: dict[int, list[Transition]] = {}
    empties: dict[int, list[tuple[int, float]]] = {}
    for t in transitions:
        if t[3] is None:
            empties.setdefault(t[0], []).append((t[1], t[2]))
        else:
            words.setdefault(t[0], []).append(t)

    def closure(state: int) -> dict[int, float]:
        best = {state: 1.0}
        stack = [state]
        while stack:
            s = stack.pop()
            for nxt, p in empties.get(s, ()):
                if best[s] * p > best.get(nxt, 0.0):
                    best[nxt] = best[s] * p
                    stack.append(nxt)
        return best

    out: list[Transition] = []
    seen: set[int] = set()
    todo = [start]
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        reach = closure(s)
        arcs: dict[tuple[int, str], float] = {}
        for q, pq in reach.items():
            for _, dst, p, word in words.get(q, ()):
                key = (dst, word)
                arcs[key] = max(arcs.get(key, 0.0), pq * p)
        for (dst, word), p in arcs.items():
            out.append((s, dst, p, word))
            todo.append(dst)
        if final in reach and s != final:
            out.append((s, final, reach[final], None))
    return out


def _shared_beginnings(transitions: list[Transition], start: int, final: int) -> list[Transition]:
    """The same weighted language with words that begin alike shared: a number list is a hundred paths
    side by side, thirty of them starting with "twenty". Arcs from one state with the same word, whose
    destinations are reached by that arc only, lead into one new state that continues as all of them
    did, each continuation weighted by its share of the merged arcs' probability."""
    leaving: dict[int, list[Transition]] = {}
    arriving: dict[int, int] = {}
    for t in transitions:
        leaving.setdefault(t[0], []).append(t)
        arriving[t[1]] = arriving.get(t[1], 0) + 1
    fresh = max(max(t[0], t[1]) for t in transitions) + 1
    todo, seen = [start], set()
    while todo:
        state = todo.pop()
        if state in seen:
            continue
        seen.add(state)
        by_word: dict[str | None, list[Transition]] = {}
        for t in leaving.get(state, ()):
            by_word.setdefault(t[3], []).append(t)
        arcs: list[Transition] = []
        for word, group in by_word.items():
            alone = [t for t in group if word is not None and t[1] not in (final, state) and arriving[t[1]] == 1]
            arcs += [t for t in group if t not in alone]
            if len(alone) < 2:
                arcs += alone
                continue
            total = sum(t[2] for t in alone)
            joined: dict[tuple[int, str | None], float] = {}
            for _, dst, p, _ in alone:
                for _, nxt, q, w in leaving.pop(dst, ()):
                    joined[(nxt, w)] = joined.get((nxt, w), 0.0) + q * p / total
            leaving[fresh] = [(fresh, nxt, q, w) for (nxt, w), q in joined.items()]
            arriving[fresh] = 1
            arcs.append((state, fresh, total, word))
            fresh += 1
        leaving[state] = arcs
        todo += [t[1] for t in arcs]
    return [t for state in seen for t in leaving.get(state, ())]


def _shared_endings(transitions: list[Transition], start: int) -> list[Transition]:
    """The same weighted language with states that continue alike merged: a rule is inlined at every
    use, so dozens of sentences end in their own copy of "… to {celsius} degrees". States with the same
    outgoing arcs (word, probability, destination) become one, repeatedly from the end backwards; arcs
    that become equal add up their probabilities (they were different paths to the same words)."""
    while True:
        leaving: dict[int, set[tuple[int, float, str | None]]] = {}
        for src, dst, p, word in transitions:
            leaving.setdefault(src, set()).add((dst, p, word))
        same: dict[frozenset, int] = {}
        merged: dict[int, int] = {}
        for state, arcs in leaving.items():
            keep = same.setdefault(frozenset(arcs), state)
            if keep != state and state != start:
                merged[state] = keep
        if not merged:
            return transitions
        combined: dict[tuple[int, int, str | None], float] = {}
        for src, dst, p, word in transitions:
            if src not in merged:
                key = (src, merged.get(dst, dst), word)
                combined[key] = combined.get(key, 0.0) + p
        transitions = [(src, dst, min(p, 1.0), word) for (src, dst, word), p in combined.items()]


def _collect_words(node: Node, found: set[str]) -> None:
    if isinstance(node, str):
        found.add(node)
    elif isinstance(node, Seq):
        for item in node.items:
            _collect_words(item, found)
    elif isinstance(node, Alt):
        for option in node.options:
            _collect_words(option, found)


def _rule_name(*parts: str) -> str:
    return "_".join(re.sub(r"\W", "_", p) for p in parts)


def number_words(language: str, number: float) -> list[str]:
    """The ways to say a number, as space-separated words (hyphens split: "twenty one")."""
    result = get_rbnf_engine(language).format_number(number)
    by_ruleset = result.text_by_ruleset
    text = next((by_ruleset[r] for r in _RULESETS if r in by_ruleset), result.text)
    said = [" ".join(text.replace("-", " ").split())]
    if number != int(number) and number % 1 == 0.5:
        whole = number_words(language, int(number))[0]
        said += [pattern.format(n=whole) for pattern in _HALVES.get(language, [])]
    return said


class _Builder:
    def __init__(self, matcher: IntentMatcher) -> None:
        self.matcher = matcher
        self.language = matcher.language
        self.rules: dict[str, Node] = {}

    def sentence_words(self, text: str) -> Node:
        said = tuple(words(text).split())
        return said[0] if len(said) == 1 else Seq(said)

    def convert(self, expr: Expression, lists: dict[str, SlotList], local: dict, scope: str, where: str) -> Node:
        if isinstance(expr, TextChunk):
            return self.sentence_words(expr.text)
        if isinstance(expr, Permutation):
            orders = [Seq(tuple(self.convert(e, lists, local, scope, where) for e in order))
                      for order in itertools.permutations(expr.items)]
            return Alt(tuple(orders))
        if isinstance(expr, Alternative):
            options = [self.convert(e, lists, local, scope, where) for e in expr.items]
            empty = [o for o in options if o == Seq(())]
            options = [o for o in options if o != Seq(())]
            return Alt(tuple(options), optional=expr.is_optional or bool(empty))
        if isinstance(expr, Sequence):
            _check_joins(expr, where)
            items = [self.convert(e, lists, local, scope, where) for e in expr.items]
            items = [i for i in items if i != Seq(())]
            return items[0] if len(items) == 1 else Seq(tuple(items))
        if isinstance(expr, RuleReference):
            return self.rule_ref(expr.rule_name, lists, local, scope, where)
        if isinstance(expr, ListReference):
            return self.list_ref(expr.list_name, lists, local, scope, where)
        raise GrammarError(f"{where}: unsupported template part {type(expr).__name__}")

    def rule_ref(self, name: str, lists: dict, local: dict, scope: str, where: str) -> Node:
        rule_scope = scope if name in local else ""
        rule = _rule_name("r", rule_scope, name) if rule_scope else _rule_name("r", name)
        if rule not in self.rules:
            rules = {**self.matcher.intents.expansion_rules, **local}
            if name not in rules:
                raise GrammarError(f"{where}: unknown rule <{name}>")
            self.rules[rule] = Seq(())  # placeholder against recursion
            self.rules[rule] = self.convert(rules[name].expression, lists, local, scope, where)
        return Ref(rule)

    def list_ref(self, name: str, lists: dict[str, SlotList], local: dict, scope: str, where: str) -> Node:
        is_local = name in local.get("__lists__", {})
        rule = _rule_name("l", scope, name) if is_local else _rule_name("l", name)
        if rule not in self.rules:
            slot_list = lists.get(name)
            if slot_list is None:
                raise GrammarError(f"{where}: unknown list {{{name}}}")
            self.rules[rule] = Seq(())
            self.rules[rule] = self.list_node(slot_list, lists, local, scope, where)
        return Ref(rule)

    def list_node(self, slot_list: SlotList, lists: dict, local: dict, scope: str, where: str) -> Node:
        if isinstance(slot_list, RangeSlotList):
            said = [w for n in slot_list.get_numbers() if n <= slot_list.stop for w in number_words(self.language, n)]
            return Alt(tuple(self.sentence_words(s) for s in dict.fromkeys(said)))
        if isinstance(slot_list, TextSlotList):
            options = [self.convert(v.text_in, lists, local, scope, where) for v in slot_list.values]
            return Alt(tuple(o for o in dict.fromkeys(options) if o != Seq(())))
        if isinstance(slot_list, WildcardSlotList):
            return Wild()
        raise GrammarError(f"{where}: list {slot_list.name!r} is of an unknown kind")


def _check_joins(expr: Sequence, where: str) -> None:
    """A group glued to a word ("pressure[s]") cannot become words of a grammar: say so, by template."""
    for left, right in itertools.pairwise(expr.items):
        if isinstance(left, TextChunk) and left.text and not left.text[-1].isspace() and \
                not isinstance(right, TextChunk):
            raise GrammarError(f"{where}: {left.text!r} is glued to the group after it; write the words out")
        if isinstance(right, TextChunk) and right.text and not right.text[0].isspace() and \
                not isinstance(left, TextChunk):
            raise GrammarError(f"{where}: {right.text!r} is glued to the group before it; write the words out")


def build(matcher: IntentMatcher, intents: Iterable[str] | None = None) -> Grammar:
    """The grammar of every intent (or of ``intents``) with the matcher's current profile lists.

    Sentences that use a list with no values (no contacts in the profile) are left out."""
    builder = _Builder(matcher)
    wanted = set(intents) if intents is not None else None
    by_intent: dict[str, str] = {}
    as_said: dict[str, str] = {}
    frame: list[RuleReference] = []
    for intent in matcher.intents.intents.values():
        if wanted is not None and intent.name not in wanted:
            continue
        sentences: list[Node] = []
        statements: list[Node] = []
        for n, data in enumerate(intent.data):
            lists = {**matcher.intents.slot_lists, **matcher.slot_lists, **data.slot_lists}
            local = {**data.expansion_rules, "__lists__": data.slot_lists}
            scope = _rule_name(intent.name, str(n))
            for sentence in data.sentences:
                where = f"{intent.name}: {sentence.text!r}"
                names = set(sentence.list_names({**matcher.intents.expansion_rules, **data.expansion_rules}))
                if any(isinstance(lists.get(x), TextSlotList) and not lists[x].values for x in names):
                    continue
                expression, around = _unframed(sentence.expression)
                frame = frame or around
                node = builder.convert(expression, lists, local, scope, where)
                if weight := (data.metadata or {}).get("weight"):  # sentences that need more evidence
                    node = Weighted(node, float(weight))
                (sentences if around else statements).append(node)
        if not frame:  # a language without a frame: every sentence is said as it is
            sentences, statements = statements, []
        for found, rule, into in ((sentences, "i", by_intent), (statements, "s", as_said)):
            if found:
                builder.rules[_rule_name(rule, intent.name)] = Alt(tuple(found))
                into[intent.name] = _rule_name(rule, intent.name)
    if not frame:
        return Grammar(builder.rules, by_intent)
    names = tuple(builder.rule_ref(r.rule_name, {}, {}, "", "the lead-in and tail") for r in frame)
    return Grammar(builder.rules, by_intent, as_said, (names[0].name, names[1].name))


def _unframed(expression: Expression) -> tuple[Expression, list[RuleReference]]:
    """A sentence that voice.intents wrapped in ``<lead_in> (…) <tail>``: the sentence alone and the
    two rule references; any other sentence as it is (and no frame)."""
    items = [e for e in getattr(expression, "items", ()) if not (isinstance(e, TextChunk) and not e.text.strip())]
    if len(items) == 3 and isinstance(items[0], RuleReference) and items[0].rule_name == FRAME[0] \
            and isinstance(items[2], RuleReference) and items[2].rule_name == FRAME[1]:
        return items[1], [items[0], items[2]]
    return expression, []
