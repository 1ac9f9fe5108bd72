"""Follow-ups as text (issue 16, context): conversations of several turns through the real matcher and
one Dialogue, as the cockpit has them — a question asked first stays pending until the next turn, as
in the VoiceStore — with a clock the test moves. What a follow-up leads to is the Action the cockpit
would carry out; without a recent action it is refused in words and nothing happens."""

from __future__ import annotations

import pytest

from voice import grammar
from voice.dialogue import CONTEXT_S, Dialogue
from voice.intents import IntentMatcher
from voice.types import Action, Recognition, Reply

from .test_voice_intents import IMPERIAL, METRIC, _fsg_accepts
from .voice_corpus import LISTS
from .voice_everyday import FOLLOW_UPS


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Conversation:
    """Turns through the matcher and one Dialogue, keeping the pending question as the cockpit does."""

    def __init__(self, matcher: IntentMatcher, facts: object = METRIC) -> None:
        self.matcher, self.facts = matcher, facts
        self.clock = Clock()
        self.dialogue = Dialogue(self.clock)
        self.pending: Action | None = None

    def say(self, text: str, after_s: float = 5.0) -> Reply:
        self.clock.now += after_s
        found = self.matcher.match(text)
        assert found is not None, f"{text!r} is not in the grammar"
        rec = Recognition(text, found.intent, found.slots, "text")
        reply = self.dialogue.reply(rec, self.facts, self.pending)
        self.pending = reply.action if reply.confirm else None
        return reply


@pytest.fixture(scope="module")
def matcher() -> IntentMatcher:
    return IntentMatcher("en", LISTS)


def acts(reply: Reply, name: str, args: dict) -> bool:
    a = reply.action
    return a is not None and not reply.confirm and a.name == name and {k: a.args.get(k) for k in args} == args


@pytest.mark.parametrize(("before", "now", "name", "args"), FOLLOW_UPS, ids=[f"{b} / {n}" for b, n, _, _ in FOLLOW_UPS])
def test_the_follow_ups_written_with_the_corpus(matcher, before, now, name, args):
    talk = Conversation(matcher)
    talk.say(before)
    reply = talk.say(now)
    if talk.pending is not None:  # a call is asked about first: the follow-up changed the question
        assert (reply.action.name, reply.action.args) == (name, args)
        reply = talk.say("yes")
    assert acts(reply, name, args), reply


# Conversations as different drivers have them: (said, then what it must do) per turn. What it must do:
# (action, arguments) — or a piece of the answer when nothing may happen ("?" ends a question asked first).
Turn = tuple[str, tuple[str, dict] | str]
CONVERSATIONS: list[list[Turn]] = [
    [("set the passenger temperature to twenty", ("climate.set_temperature", {"zone": "passenger"})),
     ("warmer", ("climate.adjust_temperature", {"zone": "passenger", "delta_c": 1}))],
    [("set the temperature to twenty two", ("climate.set_temperature", {"celsius": 22})),
     ("two more", ("climate.adjust_temperature", {"zone": "driver", "delta_c": 2}))],
    [("it's a bit cold", "Shall I make it warmer?"),  # a statement is asked about first
     ("yes please", ("climate.adjust_temperature", {"delta_c": 1})),
     ("more", ("climate.adjust_temperature", {"delta_c": 1})),
     ("even more please", ("climate.adjust_temperature", {"delta_c": 1}))],
    [("cooler please", ("climate.adjust_temperature", {"delta_c": -1})),
     ("a bit more", ("climate.adjust_temperature", {"delta_c": -1}))],  # more of the same way: cooler
    [("i'm way too hot", "Shall I make it cooler?"),
     ("go ahead", ("climate.adjust_temperature", {"delta_c": -1})),
     ("a little less", ("climate.adjust_temperature", {"delta_c": 1}))],
    [("set the temperature to twenty one", ("climate.set_temperature", {"celsius": 21})),
     ("lower", ("climate.adjust_temperature", {"delta_c": -1})),
     ("down two degrees", ("climate.adjust_temperature", {"delta_c": -2}))],
    [("make it twenty degrees", ("climate.set_temperature", {"celsius": 20})),
     ("no make it twenty one and a half", ("climate.set_temperature", {"zone": "driver", "celsius": 21.5}))],
    [("set the passenger temperature to twenty one", ("climate.set_temperature", {"zone": "passenger"})),
     ("i said twenty three", ("climate.set_temperature", {"zone": "passenger", "celsius": 23}))],
    [("set the temperature to twenty one", ("climate.set_temperature", {"celsius": 21})),
     ("no thirty five", "between 16 degrees and 28 degrees"),  # refused as the first command would be
     ("sorry i meant twenty five", ("climate.set_temperature", {"celsius": 25}))],
    [("set the fan to three", ("climate.set_fan", {"level": 3})),
     ("more", ("climate.adjust_fan", {"zone": "both", "steps": 1})),
     ("two more", ("climate.adjust_fan", {"steps": 2}))],
    [("fan down", ("climate.adjust_fan", {"steps": -1})),
     ("down a notch", ("climate.adjust_fan", {"steps": -1})),
     ("that's too much", ("climate.adjust_fan", {"steps": 1}))],
    [("set the fan to three", ("climate.set_fan", {"level": 3})),
     ("no five", ("climate.set_fan", {"level": 5}))],
    [("put the fan on two", ("climate.set_fan", {"level": 2})),
     ("no nine", "The fan goes from 1 to 7."),
     ("no two and a half", "whole numbers")],
    [("volume down", ("media.adjust_volume", {"step": -10})),
     ("more", ("media.adjust_volume", {"step": -10}))],
    [("set the volume to forty percent", ("media.set_volume", {"percent": 40})),
     ("no ninety", "Set the volume to 90 percent?"),
     ("yes", ("media.set_volume", {"percent": 90})),
     ("a bit less", ("media.adjust_volume", {"step": -10}))],
    [("volume thirty", ("media.set_volume", {"percent": 30})),
     ("no one hundred fifty percent", "0 to 100 percent")],
    [("set the brightness to fifty percent", ("settings.set_brightness", {"percent": 50})),
     ("a little dimmer", ("settings.adjust_brightness", {"step": -10})),
     ("i meant seventy", ("settings.set_brightness", {"percent": 70}))],
    [("turn on the driver seat heating", ("climate.set_seat_heat", {"zone": "driver", "level": 2})),
     ("and the passenger as well", ("climate.set_seat_heat", {"zone": "passenger", "level": 2}))],
    [("set the driver seat heating to level two", ("climate.set_seat_heat", {"level": 2})),
     ("higher", ("climate.set_seat_heat", {"zone": "driver", "level": 3})),
     ("more", "Seat heating goes from 0 to 3."),
     ("no level one", ("climate.set_seat_heat", {"zone": "driver", "level": 1}))],
    [("set the passenger temperature to twenty", ("climate.set_temperature", {"zone": "passenger"})),
     ("and mine", ("climate.set_temperature", {"zone": "driver", "celsius": 20}))],
    [("set the driver temperature to twenty", ("climate.set_temperature", {"zone": "driver"})),
     ("same for the passenger", ("climate.set_temperature", {"zone": "passenger", "celsius": 20}))],
    [("warm up the passenger side a bit", ("climate.adjust_temperature", {"zone": "passenger", "delta_c": 1})),
     ("and the other side too", ("climate.adjust_temperature", {"zone": "driver", "delta_c": 1}))],
    [("everyone to twenty one degrees", ("climate.set_temperature", {"zone": "both"})),
     ("and the passenger too", "already")],
    [("set the driver temperature to twenty", ("climate.set_temperature", {"zone": "driver"})),
     ("and the driver side too", "That was for the driver's side already.")],
    [("call anna", "Call Anna?"),
     ("no michael", "Call Michael?"),
     ("yes", ("phone.call", {"contact": "Michael"}))],
    [("take me home", ("nav.go", {"place": "home"})),
     ("no to work", ("nav.go", {"place": "work"}))],
    [("take me home", ("nav.go", {"place": "home"})),
     ("more", "More of what?"),
     ("no michael", "What should I change?"),  # a contact is no place
     ("no twenty", "What should I change?")],
    [("call anna", "Call Anna?"), ("yes please", ("phone.call", {"contact": "Anna"})),
     ("and mine", "Which setting?")],
    [("next track", ("media.next", {})),
     ("no twenty two", "What should I change?")],
    [("set the fan to three", ("climate.set_fan", {"level": 3})),  # a question between leaves the context
     ("what's the battery level", "know the battery"),
     ("more", ("climate.adjust_fan", {"steps": 1}))],
    [("set the fan to three", ("climate.set_fan", {"level": 3})),
     ("never mind", "Okay."),
     ("more", "More of what?")],
    [("set the fan to three", ("climate.set_fan", {"level": 3})),  # another command replaces it
     ("turn on the air conditioning", ("climate.set_ac", {"on": True})),
     ("more", "More of what?"),
     ("no five", "What should I change?")],
    [("set the passenger temperature to twenty", ("climate.set_temperature", {"zone": "passenger"})),
     ("set the fan to three", ("climate.set_fan", {"level": 3})),
     ("warmer", ("climate.adjust_temperature", {"zone": "driver"}))],
    [("set the temperature to twenty one", ("climate.set_temperature", {"celsius": 21})),
     ("ten more", "1 to 5 degrees")],
]


@pytest.mark.parametrize("turns", CONVERSATIONS, ids=[" / ".join(t for t, _ in c) for c in CONVERSATIONS])
def test_conversations(matcher, turns):
    talk = Conversation(matcher)
    for said, expected in turns:
        reply = talk.say(said)
        if isinstance(expected, str):
            assert expected in reply.text and (reply.action is None or reply.confirm), (said, reply)
        else:
            assert acts(reply, *expected), (said, reply)


def test_fahrenheit_drivers_correct_and_step_in_fahrenheit(matcher):
    talk = Conversation(matcher, IMPERIAL)
    assert acts(talk.say("set the temperature to seventy degrees"), "climate.set_temperature", {"celsius": 21})
    corrected = talk.say("no seventy two")
    assert acts(corrected, "climate.set_temperature", {"celsius": 22}) and "72 degrees" in corrected.text
    assert acts(talk.say("two more"), "climate.adjust_temperature", {"delta_c": 1})  # 2 °F, in half °C
    assert "61 degrees and 82 degrees" in talk.say("i said forty five").text  # 7 °C: refused, in °F


def test_context_expires_after_30_seconds(matcher):
    talk = Conversation(matcher)
    talk.say("set the passenger temperature to twenty")
    assert acts(talk.say("warmer", after_s=CONTEXT_S), "climate.adjust_temperature", {"zone": "passenger"})
    assert acts(talk.say("warmer", after_s=CONTEXT_S + 0.1), "climate.adjust_temperature", {"zone": "driver"})
    for follow_up in ("more", "a bit less", "and the passenger side too", "no twenty two"):
        talk.say("set the passenger temperature to twenty")
        reply = talk.say(follow_up, after_s=CONTEXT_S + 0.1)
        assert reply.action is None and "?" in reply.text, follow_up


FOLLOW_UP_PHRASES = ["more", "a bit more", "a lot more", "two more", "three more degrees", "higher", "up a bit",
                     "a notch higher", "keep going", "not enough", "less", "a little less", "lower", "down",
                     "go lower", "and the passenger side too", "the passenger as well", "and mine", "me too",
                     "same for the driver", "and the other side", "and both sides too", "no twenty two",
                     "no make it twenty", "i said twenty two", "nope thirty", "no level two", "no michael",
                     "no call anna", "no take me to work"]


@pytest.mark.parametrize("text", FOLLOW_UP_PHRASES)
def test_a_follow_up_without_context_is_refused_saying_what_to_say(matcher, text):
    reply = Conversation(matcher).say(text)
    assert reply.action is None and "for example '" in reply.text, reply
    # what the refusal tells the driver to say is itself understood
    for example in reply.text.split("'")[1::2]:
        assert matcher.match(example) is not None, example


def test_follow_ups_are_in_the_recognizer_grammar(matcher):
    g = grammar.build(matcher)
    assert [text for text in FOLLOW_UP_PHRASES + [n for _, n, _, _ in FOLLOW_UPS] if not _fsg_accepts(g, text)] == []
