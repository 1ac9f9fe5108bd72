"""How much of everyday speech the grammar understands, as text (issue 16), on three corpora:
- written with the grammar (tests/voice_everyday.py): what it was extended with, not an honest figure;
- the independent held-out corpus (tests/voice_heldout_everyday.py, written by someone who never saw
  the grammar), split in two: the even-numbered half was looked at while extending the grammar, the
  odd-numbered half never was — its figure is the honest one.
Also: out-of-grammar sentences that lead to an action through the dialogue (goal 0).

    python -m benchmarks.bench_voice_everyday

Text, not audio: an upper bound of what the recognizer can give; the audio figures are bench_voice's."""

from __future__ import annotations

import argparse

from tests.voice_corpus import LISTS
from tests.voice_everyday import EVERYDAY, OUT_OF_GRAMMAR_EVERYDAY
from tests.voice_heldout_everyday import HELD_OUT_EVERYDAY, HELD_OUT_OUT_OF_GRAMMAR
from voice.dialogue import Dialogue
from voice.intents import IntentMatcher
from voice.types import Recognition


class _NoFacts:
    def fact(self, name: str) -> None:
        return None


def run() -> dict:
    matcher, dialogue = IntentMatcher("en", LISTS), Dialogue()

    def right(text: str, intent: str, slots: dict) -> bool:
        m = matcher.match(text)
        return m is not None and m.intent == intent and all(m.slots.get(k) == v for k, v in slots.items())

    def acts(text: str) -> bool:  # what the cockpit carries out: a question waits for a yes
        m = matcher.match(text)
        rec = Recognition(text, m.intent if m else None, m.slots if m else {}, "text")
        reply = dialogue.reply(rec, _NoFacts())
        return reply.action is not None and not reply.confirm

    sets = {"written with the grammar": EVERYDAY, "held-out, half looked at": HELD_OUT_EVERYDAY[0::2],
            "held-out, never looked at": HELD_OUT_EVERYDAY[1::2]}
    out = {name: (sum(right(*c) for c in cmds), len(cmds)) for name, cmds in sets.items()}
    oog = OUT_OF_GRAMMAR_EVERYDAY + HELD_OUT_OUT_OF_GRAMMAR
    out["out of grammar, acted on"] = (sum(acts(t) for t in oog), len(oog))
    return out


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    for name, (hits, total) in run().items():
        print(f"{name}: {hits}/{total} = {hits / total:.1%}")


if __name__ == "__main__":
    main()
