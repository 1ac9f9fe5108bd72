"""The preferred recognizer: vosk (Kaldi), with any vosk model found by voice.models.

Facts about vosk 0.3.45 that shape this: a Model is loaded once and shared; a KaldiRecognizer is not
thread-safe and grows over long sessions, so each utterance gets a fresh one; a grammar is a phrase
list compiled into a small language model (not a strict grammar), so results are re-parsed by the
intent matcher and any "[unk]" is rejected; words the model lacks are dropped with only a log line,
so phrases with such words are left out here, and reported."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import numpy as np
import vosk

from .audio import RATE
from .errors import ModelError
from .grammar import Grammar

log = logging.getLogger(__name__)
vosk.SetLogLevel(-1)

UNKNOWN = "[unk]"
ALTERNATIVES = 3  # n-best: the first alternative the intent matcher accepts wins
MAX_PHRASES = 20000

_models: dict[Path, vosk.Model] = {}
_models_lock = threading.Lock()


def load_model(path: Path) -> vosk.Model:
    with _models_lock:
        if path not in _models:
            try:
                _models[path] = vosk.Model(str(path))
            except Exception as exc:  # vosk raises a bare Exception("Failed to create a model")
                raise ModelError(f"{path}: vosk cannot load this model ({exc})") from exc
        return _models[path]


class VoskRecognizer:
    engine = "vosk"

    def __init__(self, model_path: Path, language: str) -> None:
        self.model_path = model_path
        self.language = language
        self.model = load_model(model_path)
        self._grammar_json: str | None = None
        self.missing_words: list[str] = []

    def has_word(self, word: str) -> bool:
        return self.model.vosk_model_find_word(word) >= 0

    def set_grammar(self, grammar: Grammar | None) -> None:
        if grammar is None:
            self._grammar_json = None
            return
        words = grammar.words()
        missing = {w for w in words if not self.has_word(w)}
        self.missing_words = sorted(missing)
        if missing:
            log.warning("the vosk model at %s lacks %s: sentences with them are left out", self.model_path,
                        ", ".join(self.missing_words))
        phrases = [p for p in grammar.phrases(MAX_PHRASES) if not missing.intersection(p.split())]
        # "[unk]" lets out-of-grammar speech out; a model without it (the Korean one) gets none.
        unknown = [UNKNOWN] if self.has_word(UNKNOWN) else []
        self._grammar_json = json.dumps([*phrases, *unknown], ensure_ascii=False)

    def start(self, batch: bool = False) -> VoskDecoding:
        # vosk decodes the same way streamed or whole: ``batch`` changes nothing here.
        return VoskDecoding(self)


class VoskDecoding:
    def __init__(self, recognizer: VoskRecognizer) -> None:
        if recognizer._grammar_json is None:
            self._rec = vosk.KaldiRecognizer(recognizer.model, RATE)
        else:
            self._rec = vosk.KaldiRecognizer(recognizer.model, RATE, recognizer._grammar_json)
        self._rec.SetMaxAlternatives(ALTERNATIVES)
        self._segments: list[list[str]] = []  # vosk may close a segment on its own mid-utterance
        self._partial = ""

    def accept(self, pcm: np.ndarray) -> str | None:
        if self._rec.AcceptWaveform(pcm.astype("<i2").tobytes()):
            self._segments.append(_texts(self._rec.Result()))
            partial = ""
        else:
            partial = json.loads(self._rec.PartialResult()).get("partial", "")
        text = " ".join([*(s[0] for s in self._segments if s), partial]).strip()
        if text != self._partial:
            self._partial = text
            return text
        return None

    def finish(self) -> list[str]:
        last = _texts(self._rec.FinalResult())
        heads = " ".join(s[0] for s in self._segments if s)
        return [" ".join(filter(None, [heads, alt])) for alt in last or [""] if heads or alt]


def _texts(result: str) -> list[str]:
    data = json.loads(result)
    if "alternatives" in data:
        texts = [a.get("text", "").strip() for a in data["alternatives"]]
    else:
        texts = [data.get("text", "").strip()]
    return [t for t in dict.fromkeys(texts) if t]
