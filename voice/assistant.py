"""The assistant: audio or text in, Recognition out, Reply (with an Action) from a Recognition.

No Qt here: the cockpit runs the assistant in a process of its own (voice/worker.py), feeds it microphone
chunks for an Utterance, and carries out the Action through its stores."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from . import grammar as grammar_mod
from .audio import RATE, SAMPLE_RATES, Endpointer, pad, pcm_bytes_to_array, read_wav, resample, to_pcm16
from .dialogue import Dialogue
from .errors import AudioError
from .intents import IntentMatcher
from .recognizer import Decoding, Recognizer, best_available
from .types import Action, Recognition, Reply, VehicleContext

UNKNOWN = "[unk]"
FILE_PADDING_S = 0.3  # silence around a file's audio: recognizers settle on either side of speech
MAX_UTTERANCE_S = 15.0  # a push-to-talk command; longer is someone talking to a passenger


class Utterance:
    """One spoken command, streamed: feed() microphone chunks, watch ``ended``, then finish().

    ``ended`` turns true ~0.5 s after speech stops (energy VAD), or after 15 s of audio."""

    def __init__(self, assistant: Assistant, decoding: Decoding, sample_rate: int) -> None:
        self._assistant = assistant
        self._decoding = decoding
        self._rate = sample_rate
        self._vad = Endpointer()
        self._seconds = 0.0
        self._finished = False
        self.last_feed_s = 0.0  # perf_counter of the last chunk fed, for latency measurements

    @property
    def ended(self) -> bool:
        return self._vad.ended or self._seconds >= MAX_UTTERANCE_S

    @property
    def heard_speech(self) -> bool:
        return self._vad.heard_speech

    def feed(self, chunk: bytes) -> str | None:
        """Feed 16-bit little-endian mono PCM at the stream's rate; returns the partial transcript when it
        changed. Audio after the end of speech is still decoded (it is the trailing silence)."""
        if self._finished:
            raise RuntimeError("this utterance is finished")
        pcm = pcm_bytes_to_array(chunk)
        if self._rate != RATE:
            pcm = to_pcm16(resample(pcm.astype(np.float64), self._rate, RATE))
        self._seconds += len(pcm) / RATE
        self._vad.feed(pcm)
        partial = self._decoding.accept(pcm)
        self.last_feed_s = time.perf_counter()
        return partial

    def finish(self) -> Recognition:
        if self._finished:
            raise RuntimeError("this utterance is finished")
        self._finished = True
        transcripts = self._decoding.finish()  # always: it frees the recognizer for the next utterance
        return self._assistant._recognition(transcripts if self.heard_speech else [], self._decoding)


class Assistant:
    """Recognition (vosk or pocketsphinx, in command mode), intents (hassil) and dialogue.

    ``lists`` come from the driver's profile: {"contact": [...], "place": [...], "driver": [...]}.
    With no recognizer given, the best available is loaded (vosk if a model is found, else pocketsphinx);
    loading takes a second or two, so do it off the GUI thread."""

    def __init__(self, recognizer: Recognizer | None = None, language: str = "en",
                 lists: Mapping[str, Sequence[str]] | None = None, vosk_model: Path | None = None,
                 sentence_folders: Sequence[Path] = ()) -> None:
        self.language = language
        self.matcher = IntentMatcher(language, lists, sentence_folders)
        self.recognizer = recognizer if recognizer is not None else best_available(language, vosk_model)
        self.dialogue = Dialogue()
        self._lock = threading.Lock()
        self._apply_grammar()

    @property
    def engine(self) -> str:
        return self.recognizer.engine

    def _apply_grammar(self) -> None:
        self.grammar = grammar_mod.build(self.matcher)
        self.recognizer.set_grammar(self.grammar)

    def set_lists(self, lists: Mapping[str, Sequence[str]]) -> None:
        """New profile lists (another driver): rebuilds the grammar. Call between utterances."""
        with self._lock:
            self.matcher.set_lists(lists)
            self._apply_grammar()

    def stream(self, sample_rate: int = RATE) -> Utterance:
        if not SAMPLE_RATES[0] <= sample_rate <= SAMPLE_RATES[1]:
            raise AudioError(f"a sample rate of {sample_rate:,} Hz; speech is read at {SAMPLE_RATES[0]:,} to "
                             f"{SAMPLE_RATES[1]:,} Hz")
        return Utterance(self, self.recognizer.start(), sample_rate)

    def recognize_pcm(self, pcm: np.ndarray) -> Recognition:
        """A whole utterance of 16 kHz mono int16 audio, decoded in one pass (padded with silence)."""
        if len(pcm) == 0:
            raise AudioError("no audio (0 samples)")
        if not np.any(pcm):
            raise AudioError("the audio is digital silence: nothing to recognise")
        vad = Endpointer()
        vad.feed(pcm)  # without the padding: digital silence before it would make steady noise "speech"
        if not vad.heard_speech:
            return self._recognition([])
        decoding = self.recognizer.start(batch=True)
        decoding.accept(pad(pcm, FILE_PADDING_S))
        return self._recognition(decoding.finish(), decoding)

    def recognize_wav(self, path: Path) -> Recognition:
        """Any PCM WAV (resampled to 16 kHz, mixed down to mono). AudioError for corrupt or empty audio."""
        pcm = read_wav(Path(path))
        try:
            return self.recognize_pcm(pcm)
        except AudioError as exc:
            raise AudioError(f"{path}: {exc}") from None

    def understand(self, text: str) -> Recognition:
        found = self.matcher.match(text)
        if found is None:
            return Recognition(text, None, {}, "text")
        return Recognition(text, found.intent, found.slots, "text")

    def reply(self, recognition: Recognition, context: VehicleContext, pending: Action | None = None) -> Reply:
        return self.dialogue.reply(recognition, context, pending)

    def _recognition(self, transcripts: list[str], decoding: Decoding | None = None) -> Recognition:
        """The first transcript (best first) that is a whole command; else the best one, understood as
        nothing. A transcript with an unknown word is never a command. No transcripts: nothing was heard
        (no speech in the audio), and the text is empty. A decoding that was ``unsure`` of its best
        sentence (pocketsphinx's check against a free decoding) makes the command unsure too."""
        for text in transcripts:
            if UNKNOWN in text.split():
                continue
            found = self.matcher.match(text)
            if found is not None:
                unsure = text == transcripts[0] and getattr(decoding, "unsure", False)
                return Recognition(text, found.intent, found.slots, self.engine, unsure=unsure)
        best = transcripts[0] if transcripts else ""
        return Recognition(best, None, {}, self.engine)
