"""The fallback recognizer: pocketsphinx, whose wheel carries an en-us acoustic model and dictionary.

Measured on espeak-ng speech (docs/voice.md has the figures), three things decide its accuracy:
- the command grammar is a finite-state graph built here from the sentence templates, not a JSGF file:
  we control every branch probability, and no chain of empty transitions (which pocketsphinx would not
  follow) can cut sentences out;
- digital silence (synthesised or edited audio) derails the silence model: a faint noise floor, like any
  real microphone's, is mixed in, and files get padded with it;
- out-of-grammar speech needs somewhere to go: a loop of common English words outside the grammar
  competes with the commands at a small probability per word; when it wins, nothing was a command.
  The same words fill wildcards, so "turn on the lights in the kitchen" can end in a catch-all
  sentence ("turn on the {anything}") that is refused, instead of in the nearest real command;
- speech the loop did not catch is checked once more at the end: the grammar's best sentence is scored
  against a free decoding of the same audio with the general en-us language model (its wheel ships
  it). Where the commands fit the sound far worse than free English does ("that was a close one"
  heard as "it's a little sweating"), it was not a command: the words are reported unknown."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np
import pocketsphinx

from .audio import RATE
from .errors import ModelError
from .grammar import Grammar
from .pronounce import espeak_pronunciations

log = logging.getLogger(__name__)

UNKNOWN = "[unk]"
NOISE_RMS = 30.0  # about -60 dBFS: below any cabin, above digital zero
# Out-of-grammar model: the most frequent words of the en-us language model that the grammar lacks.
GARBAGE_WORDS = 300
GARBAGE_P = 1e-16
# Inside a catch-all sentence ("turn on the {anything}") a filler word costs more: a real command that
# shares the opening should win unless the rest is clearly something else.
WILDCARD_P = 1e-20
# The words around a request ("could you … please") cost this much more than none: chatter was heard
# as "will you a little louder" and "would you start music please".
FRAME_P = 1e-3

# The dictionary and the model are American English; the grammar's words also get their pronunciation in
# these espeak-ng accents (British English drops the r of "warmer" and "four"), so a British driver's
# commands are not left to the garbage loop.
OTHER_ACCENTS = ("en-gb",)
# The grammar's sentence minus the free decoding's score, log units per frame (both whole paths in
# pocketsphinx's scale; logmath.log() of pocketsphinx 5's Python scores, which come back exp()-ed).
# Below REJECT_BELOW the words are reported unknown; between it and CONFIRM_BELOW the command is
# "unsure" and the dialogue asks before acting ("Did you say …?"). REJECT_BELOW was chosen on
# tests/voice_corpus.py's TUNING and OUT_OF_GRAMMAR sets in three voices (docs/voice.md): 1 % of
# commands heard right sit below -7.2 ("dial anna" at -6.9). CONFIRM_BELOW is the lowest value at which
# no out-of-grammar sentence of the everyday corpus written with the grammar (tests/voice_everyday.py,
# 4 voices x 4 noise conditions) led to an action: "start music" heard in "start the engine" sat at
# +0.25. The price: 114 of 683 commands heard right were asked about too (BENCHMARKS.md, voice-conditions).
REJECT_BELOW = -8.0
CONFIRM_BELOW = 0.5


def comfort_noise(pcm: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    noisy = pcm.astype(np.float64) + rng.normal(0.0, NOISE_RMS, len(pcm))
    return np.clip(np.rint(noisy), -32768, 32767).astype(np.int16)


class SphinxRecognizer:
    engine = "pocketsphinx"

    def __init__(self, language: str = "en") -> None:
        if language != "en":
            raise ModelError(f"pocketsphinx ships an English model only, not {language!r}")
        self.language = language
        self.model_path = Path(pocketsphinx.get_model_path("en-us"))
        # Wider beams than the defaults (1e-48): fewer right sentences pruned before their end; no lattice
        # best-path pass: on a grammar it only slowed decoding and lost sentences.
        self._decoder = self._load("the pocketsphinx en-us model", lm=None, beam=1e-60, pbeam=1e-60, wbeam=1e-40,
                                   bestpath=False)
        # The free decoding: one pass with the language model, no second pass (it would double the
        # cost and the check needs a score, not the best transcript).
        self._free = self._load("the en-us language model", lm=str(self.model_path / "en-us.lm.bin"),
                                fwdflat=False, bestpath=False)
        self._lock = threading.Lock()
        self._garbage: list[str] = []
        self._grammar: Grammar | None = None
        self._accented: set[str] = set()  # words already given their other accents' pronunciations
        self.missing_words: list[str] = []  # grammar words with no pronunciation at all

    def _load(self, what: str, **settings: object) -> pocketsphinx.Decoder:
        config = pocketsphinx.Config(hmm=str(self.model_path / "en-us"),
                                     dict=str(self.model_path / "cmudict-en-us.dict"), samprate=RATE, **settings)
        config["loglevel"] = "FATAL"
        try:
            return pocketsphinx.Decoder(config)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"cannot load {what} at {self.model_path}: {exc}") from exc

    def has_word(self, word: str) -> bool:
        return self._decoder.lookup_word(word) is not None

    def _common_words(self, exclude: set[str]) -> list[str]:
        lm = pocketsphinx.NGramModel(self._decoder.config, self._decoder.logmath,
                                     str(self.model_path / "en-us.lm.bin"))
        words = [line.split(maxsplit=1)[0] for line in (self.model_path / "cmudict-en-us.dict").open()]
        words = [w for w in dict.fromkeys(words) if "(" not in w and w.isascii() and w not in exclude]
        return sorted(words, key=lambda w: -lm.prob([w]))[:GARBAGE_WORDS]

    def set_grammar(self, grammar: Grammar | None) -> None:
        if grammar is None:
            raise ModelError("pocketsphinx runs in command mode only: give it a grammar")
        with self._lock:
            words = grammar.words()
            self._add_pronunciations(words)
            if not self._garbage:
                self._garbage = self._common_words(words)
            garbage = [w for w in self._garbage if w not in words]
            # The same filler words stand for wildcards ("turn on the {anything}") inside sentences.
            start, final, transitions = grammar.to_fsg(garbage, WILDCARD_P, FRAME_P)
            usable = {w for w in words if self.has_word(w)} | set(garbage)
            transitions = [t for t in transitions if t[3] is None or t[3] in usable]
            loop = max(max(t[0], t[1]) for t in transitions) + 1
            transitions += [(start, loop, GARBAGE_P, w) for w in garbage]
            transitions += [(loop, loop, GARBAGE_P, w) for w in garbage]
            transitions.append((loop, final, 1.0, None))
            fsg = self._decoder.create_fsg("commands", start, final,
                                           [t if t[3] is not None else t[:3] for t in transitions])
            self._decoder.add_fsg("commands", fsg)
            self._decoder.activate_search("commands")
            self._grammar = grammar
            self._garbage_set = set(garbage)

    def _add_pronunciations(self, words: set[str]) -> None:
        missing = sorted(w for w in words if not self.has_word(w))
        found = espeak_pronunciations(missing)
        for word, phones in found.items():
            self._decoder.add_word(word, phones, False)
        self.missing_words = [w for w in missing if w not in found]
        if self.missing_words:
            log.warning("no pronunciation for %s: sentences with them cannot be recognised",
                        ", ".join(self.missing_words))
        # one espeak-ng call per accent for the words a new driver's names brought, not the whole grammar
        new = sorted(words - set(self.missing_words) - self._accented)
        for accent in OTHER_ACCENTS:
            for word, phones in espeak_pronunciations(new, accent).items():
                self._add_variant(word, phones)
        self._accented.update(new)

    def _add_variant(self, word: str, phones: str) -> None:
        """Another way to say a word ("warmer" without its r), as the dictionary's "word(n)" entries do."""
        n = 1
        while (said := self._decoder.lookup_word(word if n == 1 else f"{word}({n})")) is not None:
            if said == phones:
                return
            n += 1
        self._decoder.add_word(f"{word}({n})", phones, False)

    def start(self, batch: bool = False) -> SphinxDecoding:
        if self._grammar is None:
            raise ModelError("set a grammar before decoding")
        return SphinxDecoding(self, batch)


class SphinxDecoding:
    """One utterance. Streaming (live CMN) by default; ``batch`` keeps the audio and decodes it whole at
    the end (batch CMN) — for files, where nothing is waiting on the result. ``margin`` is the grammar
    sentence's score minus the free decoding's, per frame, once finished (None: nothing to compare)."""

    def __init__(self, recognizer: SphinxRecognizer, batch: bool) -> None:
        self._r = recognizer
        self._batch = batch
        self._rng = np.random.default_rng(0)  # the same file always decodes the same way
        self._kept: list[np.ndarray] = []
        self._partial = ""
        self._started = False
        self.margin: float | None = None
        self.unsure = False
        if not recognizer._lock.acquire(blocking=False):
            raise RuntimeError("pocketsphinx decodes one utterance at a time; finish the previous one")

    def _decoders(self) -> tuple[pocketsphinx.Decoder, pocketsphinx.Decoder]:
        return self._r._decoder, self._r._free

    def accept(self, pcm: np.ndarray) -> str | None:
        noisy = comfort_noise(pcm, self._rng)
        if self._batch:
            self._kept.append(noisy)
            return None
        if not self._started:
            for d in self._decoders():
                d.start_utt()
            self._started = True
        raw = noisy.tobytes()
        for d in self._decoders():
            d.process_raw(raw, False, False)
        hyp = self._r._decoder.hyp()
        text = self._clean(hyp.hypstr if hyp else "")
        if text != self._partial:
            self._partial = text
            return text
        return None

    def finish(self) -> list[str]:
        try:
            if self._batch:
                audio = np.concatenate(self._kept) if self._kept else np.zeros(0, np.int16)
                for d in self._decoders():
                    d.start_utt()
                    d.process_raw(audio.tobytes(), False, True)
                    d.end_utt()
            elif self._started:
                for d in self._decoders():
                    d.end_utt()
            else:
                return []
            commands, free = self._decoders()
            hyp, other = commands.hyp(), free.hyp()
            text = self._clean(hyp.hypstr if hyp else "")
            if not text:
                return []
            if other is not None and commands.n_frames():
                log_score = commands.logmath.log
                self.margin = (log_score(hyp.score) - log_score(other.score)) / commands.n_frames()
                if self.margin < REJECT_BELOW:
                    return [_unknown(text.split())]
                self.unsure = self.margin < CONFIRM_BELOW
            return [text]
        finally:
            self._r._lock.release()

    def _clean(self, text: str) -> str:
        """Speech that went all the way through the garbage loop is reported as vosk reports words outside
        its grammar, [unk]; filler words in a wildcard stay: they are what the wildcard heard."""
        words = text.split()
        if words and all(w in self._r._garbage_set for w in words):
            return _unknown(words)
        return text


def _unknown(words: list[str]) -> str:
    return " ".join(UNKNOWN for _ in words)
