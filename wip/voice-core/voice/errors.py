"""The voice package's errors: each names the thing and the reason, for a person to read."""

from __future__ import annotations


class VoiceError(Exception):
    """Base of every error the voice package raises on purpose."""


class AudioError(VoiceError):
    """Audio that cannot be used: not a WAV, truncated, empty, silent, an unsupported sample format."""


class ModelError(VoiceError):
    """A speech model that is missing, incomplete or cannot be loaded."""


class GrammarError(VoiceError):
    """A sentence template the recognizer grammar cannot express."""
