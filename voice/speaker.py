"""Spoken replies: pyttsx3 driving espeak-ng, synthesised to WAV files the cockpit plays (and can stop).

pyttsx3's espeak driver holds one pending utterance and must not be re-entered; pyttsx3.init() hands
every caller the same cached engine, and espeak itself is one global synthesiser per process. So one
dedicated thread per process owns a strongly referenced engine, every Speaker queues to it, and each
request is one save_to_file() per runAndWait(). Playback is not done here: pyttsx3 plays by shelling
out to aplay, which cannot be interrupted; a WAV file played by QtMultimedia can."""

from __future__ import annotations

import contextlib
import ctypes
import io
import queue
import threading
import wave
from dataclasses import dataclass, field
from pathlib import Path

from .errors import VoiceError

SYNTH_TIMEOUT_S = 30.0


class SpeechStopped(VoiceError):
    """The synthesis was dropped by Speaker.stop() before it finished."""


@dataclass
class _Job:
    text: str
    out: Path
    voice: str | None
    rate: int | None
    speaker: Speaker
    generation: int
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class _Worker:
    """The process's one text-to-speech thread."""

    _instance: _Worker | None = None
    _instance_lock = threading.Lock()

    @classmethod
    def get(cls) -> _Worker:
        with cls._instance_lock:
            if cls._instance is None or not cls._instance.thread.is_alive():
                cls._instance = cls()
            return cls._instance

    def __init__(self) -> None:
        self.jobs: queue.Queue[_Job] = queue.Queue()
        self.ready = threading.Event()
        self.init_error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="voice-tts", daemon=True)
        self.thread.start()
        self.ready.wait()

    def _run(self) -> None:
        try:
            import pyttsx3

            engine = pyttsx3.init("espeak")  # held by this frame for the thread's life: a strong reference
            _keep_last_chunk(engine)
            default_voice, default_rate = engine.getProperty("voice"), engine.getProperty("rate")
            # espeak-ng falls back to some voice for an unknown name without a word: check names here.
            known = {str(n).lower() for v in engine.getProperty("voices")
                     for n in (v.id, v.id.split("/")[-1], v.name, *(v.languages or []))}
        except Exception as exc:  # no libespeak-ng: whatever pyttsx3 raises
            self.init_error = exc
            self.ready.set()
            return
        self.ready.set()
        voice, rate = default_voice, default_rate
        while True:
            job = self.jobs.get()
            if job.speaker.stale(job):
                job.error = SpeechStopped(f"stopped before speaking {job.text[:40]!r}")
                job.done.set()
                continue
            try:
                if job.voice and job.voice.split("+")[0].lower() not in known:
                    raise VoiceError(f"unknown espeak-ng voice {job.voice!r} (espeak-ng --voices lists them)")
                if (job.voice or default_voice) != voice:
                    voice = job.voice or default_voice
                    engine.setProperty("voice", voice)
                if (job.rate or default_rate) != rate:
                    rate = job.rate or default_rate
                    engine.setProperty("rate", int(rate))
                job.out.parent.mkdir(parents=True, exist_ok=True)
                for attempt in (1, 2):
                    # pyttsx3 prints "Audio saved to …" on stdout; the cockpit's stdout is not for that.
                    with contextlib.redirect_stdout(io.StringIO()):
                        engine.save_to_file(job.text, str(job.out))
                        engine.runAndWait()
                    try:
                        _check_wav(job.out)
                        break
                    except VoiceError:
                        # Now and then (after a voice or rate change) pyttsx3 writes an empty file; the
                        # same request again has always worked.
                        if attempt == 2:
                            raise
                if job.speaker.stale(job):
                    job.out.unlink(missing_ok=True)
                    job.error = SpeechStopped(f"stopped while speaking {job.text[:40]!r}")
            except Exception as exc:  # keep the thread alive for the next request
                voice = rate = None  # unknown state after a failure: set both again next time
                job.error = exc if isinstance(exc, VoiceError) else VoiceError(f"speech synthesis failed: {exc}")
            job.done.set()


class Speaker:
    """Text to speech. ``voice`` is an espeak-ng voice ("en-us", "en-gb", "en-us+f2" for a variant);
    ``rate`` in words per minute (espeak's default is 175). Thread-safe: requests queue to the one
    TTS thread."""

    def __init__(self, rate: int | None = None, voice: str | None = None) -> None:
        self.rate = rate
        self.voice = voice
        self._generation = 0
        self._lock = threading.Lock()
        self._worker = _Worker.get()
        if self._worker.init_error is not None:
            raise VoiceError(f"text to speech is unavailable: {self._worker.init_error}")

    def synthesize(self, text: str, out: Path, *, voice: str | None = None, rate: int | None = None) -> Path:
        """Speak ``text`` into the WAV file ``out`` (22,050 Hz mono 16-bit); blocks until written.
        ``voice`` and ``rate`` override the speaker's for this request. Raises SpeechStopped if stop()
        dropped it, VoiceError if synthesis failed."""
        if not text.strip():
            raise VoiceError("nothing to say: the text is empty")
        with self._lock:
            job = _Job(text, Path(out), voice or self.voice, rate or self.rate, self, self._generation)
        self._worker.jobs.put(job)
        if not job.done.wait(SYNTH_TIMEOUT_S):
            raise VoiceError(f"speech synthesis took over {SYNTH_TIMEOUT_S:.0f} s: {text[:40]!r}")
        if job.error is not None:
            raise job.error
        return job.out

    def stop(self) -> None:
        """Drop every request of this speaker not yet finished (one being synthesised completes, but is
        reported stopped and its file removed)."""
        with self._lock:
            self._generation += 1

    def stale(self, job: _Job) -> bool:
        with self._lock:
            return job.generation != self._generation


def _keep_last_chunk(engine: object) -> None:
    """pyttsx3 2.99 writes the WAV as soon as espeak reports the end of the message, before it adds the
    audio that came in that same callback: up to a second is cut from every reply's end, and a short
    reply ("Paused.") comes out empty. Our callback adds the audio first, then lets pyttsx3 go on."""
    from pyttsx3.drivers import _espeak

    driver = engine.proxy._driver  # type: ignore[attr-defined]
    original = driver._onSynth

    def on_synth(wav: int, numsamples: int, events: object) -> int:
        if numsamples > 0 and driver._speaking:
            driver._data_buffer += ctypes.string_at(wav, numsamples * ctypes.sizeof(ctypes.c_short))
        return original(wav, 0, events)

    _espeak.SetSynthCallback(on_synth)


def _check_wav(path: Path) -> None:
    try:
        with wave.open(str(path)) as w:
            if w.getnframes() == 0:
                raise VoiceError(f"speech synthesis wrote no audio to {path}")
    except (wave.Error, EOFError, FileNotFoundError) as exc:
        raise VoiceError(f"speech synthesis did not write a WAV file to {path}: {exc}") from exc
