"""Audio in and out for the voice assistant, through QtMultimedia: the default microphone at
16 kHz mono 16-bit and spoken replies played from WAV files.

A car without a sound card (this build machine, a kiosk) is normal, not an error: ``devices()``
says what exists, the microphone is simply unavailable and replies are "played" silently for
as long as they last, so the assistant's states still follow speech.
"""

from __future__ import annotations

import asyncio
import logging
import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, qInstallMessageHandler

from .event_loop import qt_loop

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000  # what the recognizers take: 16 kHz mono, 16-bit
CHUNK_S = 0.1  # audio is handed over in 100 ms pieces, as a microphone delivers it
NO_MICROPHONE = "No microphone"


class AudioError(Exception):
    """An audio device that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class AudioDevices:
    microphone: bool
    speaker: bool


@contextmanager
def _qt_messages_logged() -> Iterator[None]:
    """Loading QtMultimedia's backends prints warnings for every optional library it does not find
    (pipewire, VA-API, a PulseAudio server): expected on a car without them, so logged, not shown."""
    def to_log(kind, context, message: str) -> None:  # noqa: ANN001
        log.debug("qt multimedia: %s", message)

    previous = qInstallMessageHandler(to_log)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


@cache
def devices() -> AudioDevices:
    """Which audio devices exist (probed once per process; needs the QGuiApplication)."""
    with _qt_messages_logged():
        from PySide6.QtMultimedia import QMediaDevices

        found = AudioDevices(microphone=bool(QMediaDevices.audioInputs()),
                             speaker=bool(QMediaDevices.audioOutputs()))
    log.info("audio devices: microphone %s, speaker %s", found.microphone, found.speaker)
    return found


# ----- WAV files --------------------------------------------------------------------------------------


def chunks(pcm: bytes, sample_rate: int, seconds: float = CHUNK_S) -> list[bytes]:
    size = 2 * max(1, round(sample_rate * seconds))
    return [pcm[i:i + size] for i in range(0, len(pcm), size)]


def wav_seconds(path: Path) -> float:
    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() / w.getframerate()
    except (wave.Error, EOFError, OSError):
        return 0.0


# ----- the microphone ----------------------------------------------------------------------------------


class Microphone(QObject):
    """The default microphone while started: each piece of audio goes to ``on_audio`` (GUI thread)."""

    def __init__(self, on_audio: Callable[[bytes], None], parent: QObject | None = None):
        super().__init__(parent)
        self._on_audio = on_audio
        self._source = None
        self._io = None
        self.sample_rate = SAMPLE_RATE

    def start(self) -> None:
        if not devices().microphone:
            raise AudioError(NO_MICROPHONE)
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

        device = QMediaDevices.defaultAudioInput()
        fmt = QAudioFormat()
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        fmt.setSampleRate(SAMPLE_RATE)
        if not device.isFormatSupported(fmt):  # the recognizer resamples what the device offers
            fmt.setSampleRate(device.preferredFormat().sampleRate())
            if not device.isFormatSupported(fmt):
                raise AudioError(f"the microphone {device.description()!r} offers no 16-bit mono audio")
        self.sample_rate = fmt.sampleRate()
        self._source = QAudioSource(device, fmt, self)
        self._source.setBufferSize(2 * round(self.sample_rate * CHUNK_S))
        self._io = self._source.start()
        self._io.readyRead.connect(self._read)

    def _read(self) -> None:
        if self._io is not None and (data := bytes(self._io.readAll())):
            self._on_audio(data)

    def stop(self) -> None:
        if self._source is not None:
            self._source.stop()
            self._source.deleteLater()
        self._source = self._io = None


# ----- playback ----------------------------------------------------------------------------------------


class Player(QObject):
    """Plays WAV files on the default output, one at a time, stoppable at once.

    Without an output device a file "plays" silently for its duration.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._player = None
        self._done: asyncio.Future | None = None
        self._silent: asyncio.TimerHandle | None = None

    def _media_player(self):  # noqa: ANN202 - QMediaPlayer, imported only where there is a speaker
        if self._player is None and devices().speaker:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(QAudioOutput(self._player))
            self._player.mediaStatusChanged.connect(self._status)
            self._player.errorOccurred.connect(self._failed)
        return self._player

    async def play(self, path: Path) -> None:
        """Returns when the file has been played or ``stop()`` was called."""
        self.stop()
        loop = qt_loop()
        self._done = loop.create_future()
        player = self._media_player()
        if player is None:
            self._silent = loop.call_later(wav_seconds(path), self._finish)
        else:
            player.setSource(QUrl.fromLocalFile(str(path)))
            player.play()
        await self._done

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()
        self._finish()

    def _status(self, status) -> None:  # noqa: ANN001 - QMediaPlayer.MediaStatus
        from PySide6.QtMultimedia import QMediaPlayer

        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._finish()

    def _failed(self, error, message: str) -> None:  # noqa: ANN001
        log.warning("spoken reply could not be played: %s", message)
        self._finish()

    def _finish(self) -> None:
        if self._silent is not None:
            self._silent.cancel()
            self._silent = None
        if self._done is not None and not self._done.done():
            self._done.set_result(None)
