"""How drivers say things, as text (issue 16): the everyday phrasings the grammar was extended with
parse to the right intent and slots, and nothing said outside the grammar — questions, chit-chat,
commands the car lacks, values out of range, other languages — leads to an action; a value out of
range is heard as what it is and refused with the range. The figures on the held-out corpus, which
these tests do not assert, come from ``python -m benchmarks.bench_voice_everyday``."""

from __future__ import annotations

import pytest

from voice.dialogue import Dialogue
from voice.intents import IntentMatcher
from voice.types import Recognition

from .voice_corpus import LISTS
from .voice_everyday import EVERYDAY, OUT_OF_GRAMMAR_EVERYDAY
from .voice_heldout_everyday import HELD_OUT_OUT_OF_GRAMMAR


class NoFacts:
    def fact(self, name: str) -> None:
        return None


@pytest.fixture(scope="module")
def matcher() -> IntentMatcher:
    return IntentMatcher("en", LISTS)


def understood(matcher: IntentMatcher, text: str, intent: str, slots: dict) -> bool:
    m = matcher.match(text)
    return m is not None and m.intent == intent and all(m.slots.get(k) == v for k, v in slots.items())


def reply(matcher: IntentMatcher, text: str):  # noqa: ANN201
    m = matcher.match(text)
    return Dialogue().reply(Recognition(text, m.intent if m else None, m.slots if m else {}, "text"), NoFacts())


def test_the_everyday_phrasings_the_grammar_learned_parse(matcher):
    # the set the grammar was extended with (its figure is not the honest one: see the benchmark)
    missed = [text for text, intent, slots in EVERYDAY if not understood(matcher, text, intent, slots)]
    assert len(missed) <= 0.05 * len(EVERYDAY), missed


@pytest.mark.parametrize("corpus", [OUT_OF_GRAMMAR_EVERYDAY, HELD_OUT_OUT_OF_GRAMMAR], ids=["written-with", "held-out"])
def test_nothing_said_outside_the_grammar_acts(matcher, corpus):
    acted = [(text, r.action.name) for text in corpus if (r := reply(matcher, text)).action is not None]
    assert acted == []


@pytest.mark.parametrize(("said", "answer"), [
    ("set the temperature to thirty five degrees", "between 16"),
    ("make it ten degrees", "between 16"),
    ("set the fan to nine", "1 to 7"),
    ("set the volume to one hundred fifty percent", "0 to 100"),
    ("brightness to two hundred percent", "0 to 100"),
    ("set the driver seat heating to level seven", "0 to 3"),
    ("make it eight degrees warmer", "1 to 5 degrees"),
])
def test_a_value_out_of_range_is_heard_as_said_and_refused_with_the_range(matcher, said, answer):
    r = reply(matcher, said)
    assert r.action is None and answer in r.text


@pytest.mark.parametrize(("said", "action", "args"), [
    ("it's freezing in here", "climate.adjust_temperature", {"delta_c": 1.0}),
    ("fan down a notch", "climate.adjust_fan", {"steps": -1}),
    ("a bit louder please", "media.adjust_volume", {"step": 10}),
    ("the screen is too bright", "settings.adjust_brightness", {"step": -10}),
    ("okay could you take me home please", "nav.go", {"place": "home"}),
])
def test_everyday_words_become_the_same_actions_as_a_tap(matcher, said, action, args):
    r = reply(matcher, said)
    assert r.action is not None and r.action.name == action
    assert {k: r.action.args[k] for k in args} == args


@pytest.mark.parametrize(("said", "question"), [
    ("it's freezing in here", "Shall I make it warmer?"), ("i'm boiling", "Shall I make it cooler?"),
    ("the passenger side is a bit chilly", "Shall I make it warmer?"),
])
def test_how_the_cabin_feels_is_asked_about_before_acting(matcher, said, question):
    """A statement is a wish guessed at, and chatter heard as "I feel chilly" must not change the cabin."""
    r = reply(matcher, said)
    assert r.confirm and r.text == question and r.action.name == "climate.adjust_temperature"
    assert not reply(matcher, "make it warmer").confirm


def test_a_command_heard_only_just_is_asked_about_and_yes_carries_it_out(matcher):
    """Between the rejection and the confirmation margins the recognizer is unsure: a question, not an
    action ("call the pizza place" had been heard as "lower the temp please")."""
    m = matcher.match("lower the temp please")
    dialogue = Dialogue()
    heard = Recognition("lower the temp please", m.intent, m.slots, "pocketsphinx", unsure=True)
    asked = dialogue.reply(heard, NoFacts())
    assert asked.confirm and asked.text == "Did you say “lower the temp please”?"
    assert asked.action.name == "climate.adjust_temperature"
    yes = matcher.match("yes")
    yes_heard = Recognition("yes", yes.intent, yes.slots, "pocketsphinx", unsure=True)
    done = dialogue.reply(yes_heard, NoFacts(), asked.action)
    assert done.action == asked.action and not done.confirm
    sure = dialogue.reply(Recognition("lower the temp please", m.intent, m.slots, "pocketsphinx"), NoFacts())
    assert not sure.confirm and sure.action == asked.action
