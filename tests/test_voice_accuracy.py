"""End to end: espeak-ng speech (two voices, two speeds) → pocketsphinx in command mode → intent and slots.

The goal is 95 % exact intent+slots. The tuning set and the held-out set are measured and asserted
separately; misses are printed (run with -s to see them when the test passes).

Each command is decoded in two of the four voice x speed conditions, the pair alternating along the
list so every condition is measured on half the commands (the whole grid took seven minutes of the
suite); VOICE_FULL_GRID=1 decodes every command in all four. Out-of-grammar speech, the safety
property, is always decoded in all four."""

from __future__ import annotations

import os

import numpy as np
import pytest

from voice.assistant import Assistant
from voice.audio import read_wav
from voice.dialogue import Dialogue
from voice.sphinx_recognizer import SphinxRecognizer

from .voice_corpus import HELD_OUT, LISTS, OUT_OF_GRAMMAR, OUT_OF_GRAMMAR_HELD_OUT, TUNING
from .voice_helpers import RATES, VOICES, decode_all, needs_espeak, recognition, synthesize_all

pytestmark = needs_espeak
GOAL = 0.95
FULL_GRID = os.environ.get("VOICE_FULL_GRID") == "1"
GRID = [(voice, rate) for voice in VOICES for rate in RATES]
# the two halves of the grid, each with both voices and both speeds
PAIRS = ([(VOICES[0], RATES[0]), (VOICES[1], RATES[1])], [(VOICES[0], RATES[1]), (VOICES[1], RATES[0])])


def conditions(commands: list, i: int) -> list[tuple[str, int]]:
    """The voice x speed conditions the i-th command of a set is decoded in."""
    return GRID if FULL_GRID or commands is OUT_OF_GRAMMAR or commands is OUT_OF_GRAMMAR_HELD_OUT else PAIRS[i % 2]


class NoFacts:
    def fact(self, name: str) -> object | None:
        return None


@pytest.fixture(scope="session")
def english_wavs(tmp_path_factory):
    texts = [c[0] for c in TUNING + HELD_OUT] + OUT_OF_GRAMMAR + OUT_OF_GRAMMAR_HELD_OUT
    return synthesize_all(tmp_path_factory.mktemp("voice-en"), texts)


@pytest.fixture(scope="session")
def english_results(english_wavs):
    keys = [(c[0] if isinstance(c, tuple) else c, *condition)
            for commands in (TUNING, HELD_OUT, OUT_OF_GRAMMAR, OUT_OF_GRAMMAR_HELD_OUT)
            for i, c in enumerate(commands) for condition in conditions(commands, i)]
    decoded = decode_all([english_wavs[k] for k in keys], LISTS)
    return {k: decoded[english_wavs[k]] for k in keys}


def _accuracy(results: dict, commands: list) -> tuple[float, list[str], dict[str, float]]:
    misses, right, tried = [], dict.fromkeys(GRID, 0), dict.fromkeys(GRID, 0)
    for i, (text, intent, slots) in enumerate(commands):
        for voice, rate in conditions(commands, i):
            got = results[(text, voice, rate)]
            tried[voice, rate] += 1
            if got["intent"] == intent and got["slots"] == slots:
                right[voice, rate] += 1
            else:
                misses.append(f"{voice} {rate} wpm: {text!r} -> {got['text']!r} ({got['intent']} {got['slots']})")
    per = {f"{voice} {rate} wpm": right[voice, rate] / tried[voice, rate] for voice, rate in GRID}
    return 1 - len(misses) / sum(tried.values()), misses, per


def _report(name: str, accuracy: float, misses: list[str], per: dict[str, float]) -> str:
    lines = [f"{name}: {accuracy:.1%} ({', '.join(f'{k} {v:.0%}' for k, v in per.items())})"]
    lines += [f"  miss: {m}" for m in misses]
    report = "\n".join(lines)
    print(report)
    return report


def test_tuning_set_accuracy(english_results):
    accuracy, misses, per = _accuracy(english_results, TUNING)
    report = _report(f"tuning set, {len(TUNING)} commands x {2 + 2 * FULL_GRID} of 4 voice x speed conditions",
                     accuracy, misses, per)
    assert accuracy >= GOAL, report


def test_held_out_accuracy(english_results):
    accuracy, misses, per = _accuracy(english_results, HELD_OUT)
    report = _report(f"held-out set, {len(HELD_OUT)} commands x {2 + 2 * FULL_GRID} of 4 voice x speed conditions",
                     accuracy, misses, per)
    assert accuracy >= GOAL, report


@pytest.mark.parametrize("sentences", [OUT_OF_GRAMMAR, OUT_OF_GRAMMAR_HELD_OUT], ids=["seen", "held-out"])
def test_out_of_grammar_speech_never_acts(english_results, sentences):
    """An action is what the cockpit carries out; a question ("Shall I make it warmer?") waits for a yes."""
    dialogue = Dialogue()
    acted, asked, rejected = [], [], 0
    for text in sentences:
        for voice in VOICES:
            for rate in RATES:
                got = english_results[(text, voice, rate)]
                reply = dialogue.reply(recognition(got), NoFacts())
                rejected += got["intent"] is None
                if reply.action is not None:
                    said = f"{voice} {rate}: {text!r} -> {got['text']!r} -> {reply.action}"
                    (asked if reply.confirm else acted).append(said)
    total = len(sentences) * len(VOICES) * len(RATES)
    print(f"out of grammar: {rejected}/{total} rejected outright; {len(asked)} asked a question; "
          f"{len(acted)} led to an action", *asked, sep="\n")
    assert not acted, "\n".join(acted)


def _stream(assistant: Assistant, pcm: np.ndarray, rng: np.random.Generator) -> tuple[dict, list[str], bool]:
    cabin = rng.normal(0, 20, 16000).astype(np.int16)  # a quiet cabin before and after the words
    audio = np.concatenate([cabin[:6400], pcm, cabin, cabin])
    utterance = assistant.stream()
    partials = []
    for i in range(0, len(audio), 1600):  # 100 ms chunks, as a microphone delivers them
        if (p := utterance.feed(audio[i:i + 1600].tobytes())) is not None:
            partials.append(p)
        if utterance.ended:
            break
    return utterance.finish().as_json(), partials, utterance.ended


def test_streaming_hears_what_the_whole_file_gives_with_partials_and_an_endpoint(english_wavs, english_results):
    """The cockpit's path, as right as decoding the whole file. pocketsphinx normalises the cepstrum live
    when streaming, from the model's initial estimate: the first utterance after start can come out
    differently (it did for 1 in 10 here), so a first command warms it up, as the cabin's first words
    would."""
    assistant = Assistant(SphinxRecognizer(), "en", LISTS)
    rng = np.random.default_rng(7)
    _stream(assistant, read_wav(english_wavs[(TUNING[1][0], VOICES[0], RATES[0])]), rng)
    differ = []
    for i in range(0, len(TUNING), 5):
        text, intent, slots = TUNING[i]
        key = (text, *conditions(TUNING, i)[0])  # a file the whole-file decoding had
        got, partials, ended = _stream(assistant, read_wav(english_wavs[key]), rng)
        assert ended, f"no end of speech detected for {text!r}"
        assert partials, f"no partial transcript for {text!r}"
        whole = english_results[key]
        right = {name: (r["intent"], r["slots"]) == (intent, slots) for name, r in (("streamed", got), ("file", whole))}
        if right["streamed"] != right["file"]:  # a command both miss may come out as two different misses
            differ.append(f"{text!r}: streamed {got['text']!r}, whole file {whole['text']!r}")
    assert not differ, "\n".join(differ)
