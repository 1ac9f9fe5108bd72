"""A stand-in for ``voice.assistant.Assistant`` and ``voice.speaker.Speaker`` with the same API, for
cockpit tests that must be exact about what is "heard" (state machine, confirmations, timing). It
does not listen: each utterance is the next line of ``script``, revealed word by word as audio is
fed, like a recognizer's partials. The end-to-end tests use the real assistant.

The fake assistant runs where the real one does, in the recognizer process: ``fake(script)`` is the
``make_assistant`` to give ``VoiceStore.use`` (it pickles; the script is consumed in that process).
The fake speaker stays in the test's process, as the real one stays in the cockpit's.
"""

from __future__ import annotations

import functools
import math
import re
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from voice.types import Action, Recognition, Reply

NUMBERS = {"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty one": 21,
           "twenty two": 22, "twenty three": 23, "fifty": 50}
RULES: list[tuple[str, str]] = [  # (pattern, intent)
    (r"set the temperature to (?P<celsius>[a-z ]+)", "climate.set_temperature"),
    (r"call (?P<contact>\w+)", "phone.call"),
    (r"(shift|put it) into (?P<gear>\w+)", "refuse.driving"),
    (r"(yes|yeah)", "dialogue.yes"),
    (r"no", "dialogue.no"),
    (r"stop", "dialogue.stop"),
    (r"what's my range", "info.range"),
]


class FakeUtterance:
    def __init__(self, text: str, seconds_per_word: float, sample_rate: int, work_s: float):
        self._words = text.split()
        self._bytes_per_word = max(2, int(seconds_per_word * sample_rate) * 2)
        self._fed = 0
        self._work_s = work_s
        self.understand = None

    def feed(self, pcm: bytes) -> str | None:
        self._fed += len(pcm)
        heard = min(len(self._words), self._fed // self._bytes_per_word)
        return " ".join(self._words[:heard]) or None

    @property
    def ended(self) -> bool:
        return self._fed >= self._bytes_per_word * (len(self._words) + 1)

    def finish(self) -> Recognition:
        time.sleep(self._work_s)  # decoding: blocking, off the GUI thread
        return self.understand(" ".join(self._words))


@dataclass
class FakeAssistant:
    script: list[str] = field(default_factory=list)
    seconds_per_word: float = 0.1
    work_s: float = 0.0
    load_s: float = 0.0  # loading holds the interpreter lock this long, as pocketsphinx's does
    engine: str = "fake"
    lists: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        end = time.monotonic() + self.load_s
        while time.monotonic() < end:
            math.factorial(200_000)  # about half a second in C, never letting go of the interpreter lock

    def set_lists(self, lists: dict) -> None:
        self.lists = lists

    def stream(self, sample_rate: int = 16000) -> FakeUtterance:
        utterance = FakeUtterance(self.script.pop(0), self.seconds_per_word, sample_rate, self.work_s)
        utterance.understand = self.understand
        return utterance

    def understand(self, text: str) -> Recognition:
        for pattern, intent in RULES:
            if m := re.fullmatch(pattern, text):
                slots = {k: NUMBERS.get(v, v) for k, v in m.groupdict().items()}
                return Recognition(text, intent, slots, self.engine)
        return Recognition(text, None, {}, self.engine)

    def reply(self, recognition: Recognition, context, pending: Action | None = None) -> Reply:  # noqa: ANN001
        intent, slots = recognition.intent, recognition.slots
        if intent == "climate.set_temperature":
            celsius = slots["celsius"]
            return Reply(f"Driver temperature set to {celsius} degrees",
                         Action(intent, {"zone": "driver", "celsius": celsius}))
        if intent == "phone.call":
            return Reply(f"Call {slots['contact']}?", Action(intent, {"contact": slots["contact"]}), confirm=True)
        if intent == "dialogue.yes" and pending is not None:
            return Reply("Okay.", pending)
        if intent == "dialogue.no" and pending is not None:
            return Reply("Okay, I won't.", None)
        if intent == "dialogue.stop":
            return Reply("", Action("dialogue.stop", {}))
        if intent == "refuse.driving":
            return Reply("Sorry, I can't control driving.", None)
        if intent == "info.range":
            km = context.fact("range_km")
            return Reply(f"You have {km:.0f} kilometers of range." if km is not None else "I don't know.", None)
        return Reply("Sorry, I didn't catch that.", None)


def fake(script: list[str], **options: float) -> Callable[[], FakeAssistant]:
    """The ``make_assistant`` of a FakeAssistant saying ``script``, one line per utterance."""
    return functools.partial(FakeAssistant, list(script), **options)


class Scripted:
    """A recognizer that hears the next line of ``script`` whatever was said: the real matcher and dialogue
    take it from there (what the recognizer hears is not the point, what follows from it is)."""

    engine = "scripted"

    def __init__(self, script: list[str]) -> None:
        self.script = script

    def set_grammar(self, grammar) -> None:  # noqa: ANN001
        pass

    def start(self, batch: bool = False):  # noqa: ANN201
        heard = self.script.pop(0)
        return type("Heard", (), {"accept": lambda self, pcm: None, "finish": lambda self: [heard]})()


def _scripted_assistant(script: list[str], clock: Path):  # noqa: ANN202
    from voice.assistant import Assistant
    from voice.dialogue import Dialogue

    assistant = Assistant(Scripted(list(script)))
    assistant.dialogue = Dialogue(lambda: float(clock.read_text()))
    return assistant


def scripted(script: list[str], clock: Path) -> Callable[[], object]:
    """The ``make_assistant`` of the real assistant (matcher, dialogue) hearing ``script``, with the
    dialogue's clock read from the file ``clock`` (seconds), which the test moves on."""
    return functools.partial(_scripted_assistant, list(script), clock)


class HeardAs:
    """A ``voice.recognizer.Recognizer`` that hears every utterance with speech in it as the next line
    of ``script``: the real assistant's matcher and dialogue, with the driver's names, and no decoding."""

    engine = "scripted"
    language = "en"

    def __init__(self, script: list[str]):
        self.script = list(script)

    def set_grammar(self, grammar: object) -> None:
        pass

    def start(self, batch: bool = False) -> Said:
        return Said(self.script.pop(0))


@dataclass
class Said:
    text: str

    def accept(self, pcm: object) -> None:
        return None

    def finish(self) -> list[str]:
        return [self.text]


def a_burst(path: Path) -> Path:
    """A WAV of half a second of loud noise between quiet: speech, for an energy endpointer."""
    rng = np.random.default_rng(0)
    pcm = np.concatenate([rng.normal(0, 3, 8000), rng.normal(0, 3000, 8000), rng.normal(0, 3, 16000)])
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(pcm.astype("<i2").tobytes())
    return path


def missing_voice_core() -> FakeAssistant:
    """The ``make_assistant`` of a cockpit installed without the voice package's dependencies."""
    raise ModuleNotFoundError("No module named 'voice.assistant'")


class FakeSpeaker:
    """Writes silence lasting ``seconds_per_char`` per character, as synthesis would take that long to say."""

    def __init__(self, seconds_per_char: float = 0.01):
        self.seconds_per_char = seconds_per_char
        self.said: list[str] = []

    def synthesize(self, text: str, out: Path) -> Path:
        self.said.append(text)
        with wave.open(str(out), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(b"\0\0" * int(16000 * self.seconds_per_char * len(text)))
        return out

    def stop(self) -> None:
        pass


def fake_reading(sentence_folders: tuple = ()) -> FakeAssistant:
    """A ``make_assistant`` that says in its engine's name how many installed sentence folders it was given."""
    return FakeAssistant(engine=f"fake with {len(sentence_folders)} installed sentence folder(s)")
