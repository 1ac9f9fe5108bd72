"""Audio in: WAV reading with clear errors, mix-down and resampling to 16 kHz mono, and an energy VAD
that finds the end of speech (~0.5 s of silence after speech, as Kaldi's default endpoint rule)."""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import AudioError

RATE = 16000
FRAME_S = 0.02  # 20 ms VAD frames


def read_wav(source: Path | bytes) -> np.ndarray:
    """16 kHz mono int16 samples from any PCM WAV (8/16/24/32-bit, any rate, any channel count).

    Raises AudioError naming the file and the reason for anything unreadable or empty."""
    name = str(source) if isinstance(source, Path) else "audio"
    try:
        raw = source.read_bytes() if isinstance(source, Path) else source
    except OSError as exc:
        raise AudioError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if not raw:
        raise AudioError(f"{name}: the file is empty")
    try:
        with wave.open(io.BytesIO(raw)) as w:
            channels, width, rate, frames = w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()
            data = w.readframes(frames)
    except (wave.Error, EOFError) as exc:
        raise AudioError(f"{name}: not a PCM WAV file ({exc or 'truncated header'})") from exc
    if channels < 1 or rate < 1000 or width not in (1, 2, 3, 4):
        raise AudioError(f"{name}: unsupported WAV format ({channels} channels, {rate} Hz, {8 * width}-bit)")
    usable = len(data) // (width * channels) * width * channels
    if usable == 0:
        raise AudioError(f"{name}: no audio in the file (0 samples)")
    samples = _to_float(data[:usable], width).reshape(-1, channels).mean(axis=1)
    return to_pcm16(resample(samples, rate, RATE))


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
    """Energy VAD: speech starts when a frame is well above the noise floor; it has ended after
    ``silence_s`` of frames back near the floor. The floor adapts to the cabin's noise."""

    silence_s: float = 0.5
    min_speech_s: float = 0.1
    margin_db: float = 12.0
    floor_db: float = field(default=30.0)  # about -60 dBFS: a quiet cabin before the first frame
    in_speech: bool = False
    ended: bool = False
    speech_s: float = 0.0
    _quiet_s: float = 0.0
    _rest: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int16))

    def feed(self, pcm: np.ndarray) -> None:
        frame = int(FRAME_S * RATE)
        pcm = np.concatenate([self._rest, pcm])
        whole = len(pcm) // frame * frame
        self._rest = pcm[whole:]
        for chunk in pcm[:whole].reshape(-1, frame):
            self._frame(chunk)

    def _frame(self, chunk: np.ndarray) -> None:
        level = 10 * np.log10(np.mean(chunk.astype(np.float64) ** 2) + 1.0)
        loud = level > self.floor_db + self.margin_db
        if not loud:  # follow the noise floor slowly up, fast down
            rate = 0.05 if level > self.floor_db else 0.5
            self.floor_db += rate * (level - self.floor_db)
        if self.ended:
            return
        if loud:
            self.speech_s += FRAME_S
            self._quiet_s = 0.0
            if self.speech_s >= self.min_speech_s:
                self.in_speech = True
        elif self.in_speech:
            self._quiet_s += FRAME_S
            if self._quiet_s >= self.silence_s:
                self.ended = True
        else:
            self.speech_s = 0.0  # a click is not speech
