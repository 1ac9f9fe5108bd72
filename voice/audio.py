"""Audio in: WAV reading with clear errors, mix-down and resampling to 16 kHz mono, and an energy VAD
that finds the end of speech (~0.5 s of silence after speech, as Kaldi's default endpoint rule) and
says whether there was any speech at all."""

from __future__ import annotations

import io
import os
import wave
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from cockpit.files import InputFileError, open_regular

from .errors import AudioError

RATE = 16000
FRAME_S = 0.02  # 20 ms VAD frames
PRE_EMPHASIS = 0.97
MIN_FLOOR_DB = 20.0  # an RMS of 10 in 16-bit samples, about -70 dBFS
# A WAV file holds one spoken command and the silence around it. The cap is checked on the header,
# before any sample is read: an hour of audio would take minutes and gigabytes to resample and decode.
MAX_FILE_S = 30.0
MAX_CHANNELS = 8  # a microphone array at most
SAMPLE_RATES = (8000, 192000)  # Hz: telephone speech up to studio recorders


def read_wav(source: Path | bytes, max_seconds: float = MAX_FILE_S) -> np.ndarray:
    """16 kHz mono int16 samples from a PCM WAV (8/16/24/32-bit, 8–192 kHz, 1–8 channels) of at most
    ``max_seconds``. A file cut short is read as far as it goes.

    Raises AudioError naming the file and the reason for anything unreadable, empty or too long."""
    name = str(source) if isinstance(source, Path) else "audio"
    try:
        f = open_regular(source) if isinstance(source, Path) else io.BytesIO(source)
    except InputFileError as exc:
        raise AudioError(str(exc)) from None
    with f:
        size = os.fstat(f.fileno()).st_size if isinstance(source, Path) else len(source)
        if size == 0:
            raise AudioError(f"{name}: the file is empty")
        try:
            with wave.open(f) as w:
                return _samples(w, name, size, max_seconds)
        except (wave.Error, EOFError) as exc:
            raise AudioError(f"{name}: not a PCM WAV file ({str(exc) or 'the header is cut short'})") from None
        except OSError as exc:
            raise AudioError(f"{name}: cannot read it ({exc.strerror or exc})") from None


def _samples(w: wave.Wave_read, name: str, size: int, max_seconds: float) -> np.ndarray:
    channels, width, rate = w.getnchannels(), w.getsampwidth(), w.getframerate()
    if not 1 <= channels <= MAX_CHANNELS:
        raise AudioError(f"{name}: {channels} channels; a voice recording has 1 to {MAX_CHANNELS}")
    if width not in (1, 2, 3, 4):
        raise AudioError(f"{name}: {8 * width}-bit samples; 8, 16, 24 or 32-bit PCM is read")
    if not SAMPLE_RATES[0] <= rate <= SAMPLE_RATES[1]:
        raise AudioError(f"{name}: a sample rate of {rate:,} Hz; speech is read at "
                         f"{SAMPLE_RATES[0]:,} to {SAMPLE_RATES[1]:,} Hz")
    frame = width * channels
    # What the header says, unless the file is shorter (cut short, or a stream's "unknown length").
    frames = min(w.getnframes(), size // frame)
    if frames / rate > max_seconds:
        raise AudioError(f"{name}: {frames / rate:,.1f} s of audio; a voice command is at most {max_seconds:g} s "
                         "(cut the command out of the recording)")
    mono = []
    while frames > 0:
        data = w.readframes(min(frames, rate))  # a second at a time: never every channel of the file at once
        usable = len(data) // frame * frame
        if usable == 0:
            break
        mono.append(_to_float(data[:usable], width).reshape(-1, channels).mean(axis=1))
        frames -= usable // frame
    if not mono:
        raise AudioError(f"{name}: no audio in the file (0 samples)")
    return to_pcm16(resample(np.concatenate(mono), rate, RATE))


def _to_float(data: bytes, width: int) -> np.ndarray:
    """Samples scaled to int16 range, as float."""
    if width == 1:  # 8-bit WAV is unsigned
        return (np.frombuffer(data, np.uint8).astype(np.float64) - 128.0) * 256.0
    if width == 2:
        return np.frombuffer(data, "<i2").astype(np.float64)
    if width == 3:
        b = np.frombuffer(data, np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        return np.where(v >= 1 << 23, v - (1 << 24), v).astype(np.float64) / 256.0
    return np.frombuffer(data, "<i4").astype(np.float64) / 65536.0


def resample(samples: np.ndarray, rate: int, target: int = RATE) -> np.ndarray:
    """Band-limited resampling of a whole signal (FFT): no aliasing from espeak's 22,050 Hz, no scipy."""
    if rate == target or len(samples) == 0:
        return samples.astype(np.float64)
    n = max(1, int(round(len(samples) * target / rate)))
    spectrum = np.fft.rfft(samples)
    out = np.zeros(n // 2 + 1, complex)
    keep = min(len(spectrum), len(out))
    out[:keep] = spectrum[:keep]
    return np.fft.irfft(out, n) * (n / len(samples))


def to_pcm16(samples: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(samples), -32768, 32767).astype(np.int16)


def pad(pcm: np.ndarray, seconds: float) -> np.ndarray:
    """Silence before and after: recognizers need some to settle their models on either side of speech."""
    silence = np.zeros(int(seconds * RATE), np.int16)
    return np.concatenate([silence, pcm, silence])


def pcm_bytes_to_array(chunk: bytes) -> np.ndarray:
    if len(chunk) % 2:
        raise AudioError(f"audio chunk of {len(chunk)} bytes is not whole 16-bit samples")
    return np.frombuffer(chunk, "<i2")


@dataclass
class Endpointer:
    """Energy VAD: a frame is speech when it is ``margin_db`` above the noise floor; speech has started
    after ``min_speech_s`` of such frames and ended after ``silence_s`` without any.

    The floor is a low percentile of the last 1.5 s of frame levels (minimum statistics), so it follows
    the cabin's noise up and down even while someone talks; it never drops below about -70 dBFS, or
    digital silence would make any faint hiss count as speech.

    Each frame has two levels, each with its floor: of the sound as it is, and after pre-emphasis (as
    speech recognisers' front ends do). A cabin's noise is mostly below 500 Hz (road, tyres, engine),
    much of a voice above: at 10 dB SNR in such noise the words stand out only once the low end is
    turned down (British voices went unheard), while in hiss the plain level is the better judge.

    ``heard_speech`` says whether the audio held any speech: near-silence and steady noise (fan, road
    hum) have none, and a recognizer fed them still "hears" its likeliest short word ("no")."""

    silence_s: float = 0.5
    min_speech_s: float = 0.1
    margin_db: float = 12.0
    in_speech: bool = False
    ended: bool = False
    _speech_s: float = 0.0
    _quiet_s: float = 0.0
    _levels: deque = field(default_factory=lambda: deque(maxlen=int(1.5 / FRAME_S)))
    _heard: deque = field(default_factory=lambda: deque(maxlen=int(2 * MAX_FILE_S / FRAME_S)))
    _rest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))
    _last: float = 0.0

    def _loud(self, levels: np.ndarray, history: np.ndarray) -> np.ndarray:
        """Which of ``levels`` (frames × 2) stand ``margin_db`` above the floor of ``history``, either way."""
        floor = np.maximum(MIN_FLOOR_DB, np.percentile(history, 10, axis=0)) if len(history) else MIN_FLOOR_DB
        return np.any(levels > floor + self.margin_db, axis=-1)

    @property
    def heard_speech(self) -> bool:
        """``in_speech``, or the same rule held against the floor of everything heard: deciding frame by
        frame, ``in_speech`` takes the floor from the frames so far, so a recording that starts with
        speech has speech for its floor and may never be "in speech"; looking back, the floor is the
        quiet around the words."""
        run = round(self.min_speech_s / FRAME_S)
        if self.in_speech or len(self._heard) < run:
            return self.in_speech
        levels = np.array(self._heard)
        loud = self._loud(levels, levels)
        return bool(np.convolve(loud, np.ones(run), "valid").max() >= run)

    def feed(self, pcm: np.ndarray) -> None:
        frame = int(FRAME_S * RATE)
        pcm = np.concatenate([self._rest, pcm])
        whole = len(pcm) // frame * frame
        self._rest = pcm[whole:]
        if whole == 0:
            return
        samples = pcm[:whole].astype(np.float64)
        emphasised = samples - PRE_EMPHASIS * np.concatenate([[self._last], samples[:-1]])
        self._last = samples[-1]
        both = np.stack([samples.reshape(-1, frame), emphasised.reshape(-1, frame)], axis=1)
        for level in 10 * np.log10(np.mean(both ** 2, axis=2) + 1.0):
            self._frame(level)

    def _frame(self, level: np.ndarray) -> None:
        loud = bool(self._loud(level, np.array(self._levels)))
        self._levels.append(level)
        self._heard.append(level)
        if self.ended:
            return
        if loud:
            self._speech_s += FRAME_S
            self._quiet_s = 0.0
            if self._speech_s >= self.min_speech_s:
                self.in_speech = True
        elif self.in_speech:
            self._quiet_s += FRAME_S
            if self._quiet_s >= self.silence_s:
                self.ended = True
        else:
            self._speech_s = 0.0  # a click is not speech
