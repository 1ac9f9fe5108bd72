"""Real speech for the voice tests: espeak-ng, synthesised once per session into a session-scoped folder,
and decoded by the real recognizers in two worker processes.

The corpus is spoken by the espeak-ng command, not through pyttsx3: same synthesiser, but pyttsx3 keeps
espeak's state between requests and never gives the same samples twice, so the accuracy figures
would move from run to run. pyttsx3 (voice.speaker) has tests of its own. Also: WAV headers that say
whatever a test needs, and an hour-long WAV."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from voice.types import Recognition

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed (scripts/debian-deps installs it)")


def header(channels: int = 1, rate: int = 16000, bits: int = 16, data_bytes: int = 0, riff: int | None = None) -> bytes:
    """A PCM WAV header written by hand, saying whatever it is told to."""
    block = channels * bits // 8
    riff = (36 + data_bytes) & 0xFFFFFFFF if riff is None else riff
    return (b"RIFF" + struct.pack("<I", riff) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, channels, rate,
            (rate * block) & 0xFFFFFFFF, block & 0xFFFF, bits) + b"data" + struct.pack("<I", data_bytes))


def an_hour(path: Path) -> Path:
    """A real one-hour 16 kHz WAV (sparse on disk: an hour of digital silence takes no blocks)."""
    data = 3600 * 16000 * 2
    with path.open("wb") as f:
        f.write(header(data_bytes=data))
        f.truncate(44 + data)
    return path


VOICES = ("en-us", "en-us+f2")  # the en-us model is American English: a male and a female espeak voice
RATES = (140, 190)  # words per minute: slow, and faster than espeak's default 175


def wav_name(text: str, voice: str, rate: int) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '_', text.lower())[:60]}-{voice.replace('+', '_')}-{rate}.wav"


def synthesize_all(folder: Path, texts: list[str], voices=VOICES, rates=RATES) -> dict[tuple[str, str, int], Path]:
    """Every text in every voice at every rate; a file already in ``folder`` is kept (a benchmark's
    cache). Each is written under a temporary name first, so an interrupted run leaves no half file."""
    jobs = {(text, voice, rate): folder / wav_name(text, voice, rate)
            for voice in voices for rate in rates for text in dict.fromkeys(texts)}

    def speak(item: tuple[tuple[str, str, int], Path]) -> None:
        (text, voice, rate), path = item
        if path.exists():
            return
        tmp = path.with_suffix(".part.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(tmp), text], check=True)
        tmp.replace(path)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(speak, jobs.items()))
    return jobs


_worker_assistant = None


def _init_worker(lists: dict) -> None:
    global _worker_assistant
    from voice.assistant import Assistant
    from voice.sphinx_recognizer import SphinxRecognizer

    _worker_assistant = Assistant(SphinxRecognizer(), "en", lists)


def _decode(path: Path) -> dict:
    return _worker_assistant.recognize_wav(path).as_json()


def recognition(got: dict) -> Recognition:
    """A decoded result (``decode_all``'s dicts) as the dialogue takes it."""
    return Recognition(got["text"], got["intent"], got["slots"], got["engine"], unsure=got["unsure"])


def decode_each(paths: list[Path], lists: dict, chunksize: int = 8) -> Iterator[tuple[Path, dict]]:
    """(path, pocketsphinx result) for every file in order, as they are decoded on both cores: a long
    benchmark reports progress, and stopping it keeps what was decoded (queued work is cancelled)."""
    pool = ProcessPoolExecutor(max_workers=2, initializer=_init_worker, initargs=(lists,))
    try:
        yield from zip(paths, pool.map(_decode, paths, chunksize=chunksize), strict=True)
    finally:
        pool.shutdown(cancel_futures=True)


def decode_all(paths: list[Path], lists: dict) -> dict[Path, dict]:
    """pocketsphinx results for every file, decoded on both cores."""
    return dict(decode_each(paths, lists))
