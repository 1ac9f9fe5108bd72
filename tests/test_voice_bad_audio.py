"""Audio that is not a spoken command: an hour-long recording, headers that lie or are cut short,
absurd formats, files that are not files, and quiet or noisy audio with nobody speaking. Each gets
a clear error in bounded time and memory, or "nothing heard" — never a guessed intent."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import tracemalloc
import wave
from pathlib import Path

import numpy as np
import pytest

from voice.assistant import Assistant
from voice.audio import MAX_FILE_S, RATE, Endpointer, read_wav
from voice.errors import AudioError
from voice.sphinx_recognizer import SphinxRecognizer
from voice.types import Action

from .conftest import ROOT
from .voice_helpers import an_hour, header, needs_espeak

HANG = 120  # seconds: only a hang gets there


def wav_bytes(pcm: np.ndarray, rate: int = RATE, channels: int = 1) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.astype("<i2").tobytes())
    return buf.getvalue()


def test_a_one_hour_wav_is_refused_from_its_header_before_any_sample_is_read(tmp_path):
    hour = an_hour(tmp_path / "hour.wav")
    tracemalloc.start()
    try:
        with pytest.raises(AudioError) as refused:
            read_wav(hour)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(refused.value) == (f"{hour}: 3,600.0 s of audio; a voice command is at most {MAX_FILE_S:g} s "
                                  "(cut the command out of the recording)")
    assert peak < 1_000_000  # the hour is 115 MB of samples: none of it was read
    just_over = tmp_path / "31s.wav"
    just_over.write_bytes(wav_bytes(np.zeros(31 * RATE, np.int16)))
    with pytest.raises(AudioError, match="31.0 s of audio"):
        read_wav(just_over)


def test_a_header_that_promises_more_than_the_file_holds_is_read_as_far_as_it_goes(tmp_path):
    tone = (8000 * np.sin(np.arange(2 * RATE) * 2 * np.pi * 300 / RATE)).astype("<i2").tobytes()
    streamed = tmp_path / "streamed.wav"  # a recorder writing to a pipe leaves the lengths at "unknown"
    streamed.write_bytes(header(data_bytes=0xFFFFFFFF, riff=0xFFFFFFFF) + tone)
    assert len(read_wav(streamed)) == 2 * RATE
    claims_an_hour = tmp_path / "claims.wav"
    claims_an_hour.write_bytes(header(data_bytes=3600 * RATE * 2) + tone)
    assert len(read_wav(claims_an_hour)) == 2 * RATE


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (header(data_bytes=0), "no audio in the file (0 samples)"),
    (header(data_bytes=32000)[:30], "not a PCM WAV file (the header is cut short)"),
    (bytes(range(256)) * 8, "not a PCM WAV file (file does not start with RIFF id)"),
    (header(channels=0, data_bytes=100) + bytes(100), "not a PCM WAV file (bad # of channels)"),
    (header(channels=9, data_bytes=1800) + bytes(1800), "9 channels; a voice recording has 1 to 8"),
    (header(channels=65535, data_bytes=1000) + bytes(1000), "65535 channels; a voice recording has 1 to 8"),
    (header(rate=0, data_bytes=100) + bytes(100), "a sample rate of 0 Hz; speech is read at 8,000 to 192,000 Hz"),
    (header(rate=1, data_bytes=100) + bytes(100), "a sample rate of 1 Hz"),
    (header(rate=4_000_000_000, data_bytes=100) + bytes(100), "a sample rate of 4,000,000,000 Hz"),
    (header(rate=500_000, data_bytes=100) + bytes(100), "a sample rate of 500,000 Hz"),
])
def test_broken_headers_and_absurd_formats_get_one_clear_line(tmp_path, content, message):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(content)
    with pytest.raises(AudioError) as refused:
        read_wav(bad)
    assert str(refused.value) == f"{bad}: {message}" or str(refused.value).startswith(f"{bad}: {message}")


def test_what_is_not_a_file_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.wav"
    os.mkfifo(fifo)
    cases = {fifo: "a named pipe (FIFO), not a file", Path("/dev/zero"): "a character device, not a file",
             tmp_path: "a folder, not a file"}
    outcome: dict[Path, str] = {}

    def attempt() -> None:
        for path in cases:
            try:
                read_wav(path)
            except AudioError as exc:
                outcome[path] = str(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(HANG)
    assert outcome == {path: f"{path}: {why}" for path, why in cases.items()}


@pytest.mark.parametrize("rate", [0, 7999, 192_001, 10**9])
def test_a_stream_at_an_absurd_rate_is_refused_like_a_file(rate):
    class NoRecognizer:
        engine = "none"

        def set_grammar(self, grammar: object) -> None:
            pass

    with pytest.raises(AudioError, match=f"^a sample rate of {rate:,} Hz; speech is read at 8,000 to 192,000 Hz$"):
        Assistant(NoRecognizer(), "en").stream(rate)


def cockpit_voice(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit.cli", "voice", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=HANG)


def test_the_cli_refuses_an_hour_and_a_fifo_in_one_line(tmp_path):
    hour = an_hour(tmp_path / "hour.wav")
    out = cockpit_voice("recognize", str(hour))
    assert out.returncode == 2 and out.stderr.startswith(f"cockpit: {hour}: 3,600.0 s of audio; a voice command")
    fifo = tmp_path / "pipe.wav"
    os.mkfifo(fifo)
    out = cockpit_voice("recognize", str(fifo))
    # refused by the command line's file check before the audio reader is reached: one line naming it
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and out.stderr.startswith("cockpit: ")
    assert f"{fifo}" in out.stderr and "a named pipe (FIFO), not a file" in out.stderr


# ----- nobody speaking -------------------------------------------------------------------------------

def quiet(seconds: float = 5.0, rms: float = 3.0, seed: int = 0) -> np.ndarray:
    """A quiet room through a real microphone: never exactly zero."""
    return np.random.default_rng(seed).normal(0, rms, int(seconds * RATE)).astype(np.int16)


NOBODY = {
    "near-silence": quiet(),
    "fan noise": quiet(rms=2000.0),
    "mains hum": (300 * np.sin(np.arange(5 * RATE) * 2 * np.pi * 50 / RATE)).astype(np.int16),
}


@pytest.fixture(scope="module")
def espeak_no(tmp_path_factory) -> np.ndarray:
    """"no", spoken by espeak-ng, from its very first sample (the leading silence cut away)."""
    path = tmp_path_factory.mktemp("speech") / "no.wav"
    subprocess.run(["espeak-ng", "-w", str(path), "no"], check=True)
    pcm = read_wav(path)
    return pcm[int(np.argmax(np.abs(pcm) > 300)):]


@pytest.mark.parametrize("sound", NOBODY)
def test_the_endpointer_hears_no_speech_in_quiet_or_steady_noise(sound):
    vad = Endpointer()
    vad.feed(NOBODY[sound])
    assert not vad.heard_speech and not vad.ended


@needs_espeak
def test_speech_from_the_first_sample_is_heard_alone_and_over_noise(espeak_no):
    alone = Endpointer()
    alone.feed(espeak_no)
    assert alone.heard_speech  # looking back if need be: frame by frame, the floor starts on the words
    noisy = Endpointer()
    noisy.feed(np.concatenate([espeak_no, quiet(1.0, rms=100.0)]) + quiet(len(espeak_no) / RATE + 1.0, rms=100.0))
    assert noisy.heard_speech


@pytest.fixture
def assistant() -> Assistant:
    """A fresh one each time: pocketsphinx carries its cepstral mean from one utterance to the next, and
    it is a fresh decoder, as in ``cockpit voice recognize``, that heard "no" in near-silence and hum."""
    return Assistant(SphinxRecognizer(), "en", {"contact": [], "place": [], "driver": []})


class NoFacts:
    def fact(self, name: str) -> None:
        return None


@pytest.mark.parametrize("sound", NOBODY)
def test_nobody_speaking_is_nothing_heard_never_an_intent_nor_an_answer_to_a_question(assistant, sound, tmp_path):
    """pocketsphinx fed 5 s of near-silence "heard" its likeliest short word: "no", which answered
    the question waiting for a yes or no. Now nothing is heard, whole file or streamed."""
    wav = tmp_path / "nobody.wav"
    wav.write_bytes(wav_bytes(NOBODY[sound]))
    whole = assistant.recognize_wav(wav)
    utterance = assistant.stream()
    for i in range(0, len(NOBODY[sound]), 1600):
        utterance.feed(NOBODY[sound][i:i + 1600].tobytes())
    streamed = utterance.finish()
    for rec in (whole, streamed):
        assert (rec.text, rec.intent) == ("", None)
        pending = Action("media.set_volume", {"percent": 90})
        reply = assistant.reply(rec, NoFacts(), pending)
        assert reply == assistant.reply(rec, NoFacts()) and reply.action is None
        assert reply.text == "Sorry, I didn't catch that."


@needs_espeak
def test_a_short_answer_spoken_from_the_first_sample_is_still_understood(assistant, espeak_no):
    assert assistant.recognize_pcm(espeak_no).intent == "dialogue.no"
    utterance = assistant.stream()  # streamed, the recognizer itself needs a lead-in to understand it;
    utterance.feed(np.concatenate([espeak_no, quiet(0.6)]).tobytes())
    assert utterance.heard_speech and utterance.finish().text != ""  # but it is given the speech


def test_the_cli_says_nothing_was_heard(tmp_path):
    wav = tmp_path / "quiet.wav"
    wav.write_bytes(wav_bytes(quiet()))
    out = cockpit_voice("recognize", str(wav))
    assert out.returncode == 0 and out.stdout == ("heard:  (nothing)  [pocketsphinx]\n"
                                                  "intent: none (no speech in the audio)\n")
