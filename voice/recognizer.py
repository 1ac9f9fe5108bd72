"""One interface over the speech engines (vosk, pocketsphinx), and the choice of the best one available.

A Recognizer holds a loaded model and the current command grammar; each utterance gets a Decoding of its
own, fed 16 kHz mono int16 audio. Decodings are not thread-safe: one utterance, one thread."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np

from .grammar import Grammar


class Decoding(Protocol):
    def accept(self, pcm: np.ndarray) -> str | None:
        """Feed audio; returns the partial transcript when it changed, else None."""

    def finish(self) -> list[str]:
        """End of the utterance: the transcripts, best first (empty when nothing fits the grammar). An
        engine that can tell may then set ``unsure`` when its best transcript only just won."""


class Recognizer(Protocol):
    engine: str  # "vosk" | "pocketsphinx"
    language: str
    model_path: Path

    def set_grammar(self, grammar: Grammar | None) -> None:
        """Constrain decoding to the grammar's sentences (None: free speech). Only between utterances."""

    def start(self, batch: bool = False) -> Decoding:
        """A new utterance; ``batch`` (whole files) lets an engine decode all the audio at once at the end."""


def best_available(language: str = "en", model: Path | None = None) -> Recognizer:
    """vosk when a model for ``language`` is found (see voice.models.find_vosk_model), else pocketsphinx
    (English only: its model ships in its wheel). Raises ModelError when neither can serve the language."""
    from .errors import ModelError
    from .models import find_vosk_model

    found = find_vosk_model(language, model)
    if found is not None:
        from .vosk_recognizer import VoskRecognizer

        return VoskRecognizer(found.path, language)
    if language == "en":
        from .sphinx_recognizer import SphinxRecognizer

        return SphinxRecognizer()
    raise ModelError(f"no speech model for language {language!r}: install a vosk model "
                     f"(see 'cockpit voice models'); the built-in pocketsphinx model is English only")
