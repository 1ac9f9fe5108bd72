"""Audio in: any WAV to 16 kHz mono, clear errors for bad audio, and the end-of-speech detector."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from voice.audio import RATE, Endpointer, read_wav, resample
from voice.errors import AudioError


def write_wav(path: Path, samples: np.ndarray, rate: int, width: int = 2, channels: int = 1) -> Path:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    path.write_bytes(buf.getvalue())
    return path


def voiced(seconds: float, amplitude: float) -> np.ndarray:
    """A vowel's spectrum, roughly: a 140 Hz voice and its harmonics up to 4 kHz, falling off as 1/k, as
    loud as a tone of ``amplitude``."""
    t = np.arange(int(seconds * RATE)) / RATE
    wave_ = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 29))
    return amplitude / np.sqrt(2) * wave_ / np.sqrt(np.mean(wave_ ** 2))


def tone(freq: float, seconds: float, rate: int, amplitude: float = 10000.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return amplitude * np.sin(2 * np.pi * freq * t)


def dominant_hz(pcm: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(pcm.astype(np.float64)))
    return float(np.argmax(spectrum) * RATE / len(pcm))


@pytest.mark.parametrize("rate", [8000, 11025, 22050, 44100, 48000])
def test_any_rate_is_resampled_to_16k_keeping_pitch_and_length(tmp_path, rate):
    pcm = read_wav(write_wav(tmp_path / "a.wav", tone(440, 1.0, rate).astype("<i2"), rate))
    assert pcm.dtype == np.int16 and abs(len(pcm) - RATE) <= 1
    assert abs(dominant_hz(pcm) - 440) < 2


def test_stereo_is_mixed_down_and_other_sample_widths_read(tmp_path):
    left, right = tone(300, 0.5, 16000), tone(300, 0.5, 16000)
    stereo = np.stack([left, right], axis=1).astype("<i2")
    assert np.allclose(read_wav(write_wav(tmp_path / "s.wav", stereo, 16000, channels=2)), left, atol=1)
    eight = (tone(300, 0.5, 16000, 100) + 128).astype(np.uint8)
    assert abs(dominant_hz(read_wav(write_wav(tmp_path / "8.wav", eight, 16000, width=1))) - 300) < 3
    thirty_two = (tone(300, 0.5, 16000) * 65536).astype("<i4")
    assert np.allclose(read_wav(write_wav(tmp_path / "32.wav", thirty_two, 16000, width=4)), left, atol=1)


def test_resampling_removes_what_16k_cannot_hold():
    high = tone(10000, 1.0, 44100)  # above the 8 kHz Nyquist limit of 16 kHz audio: must vanish, not alias
    assert np.abs(resample(high, 44100, RATE)).max() < 100


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"this is not audio at all", "not a PCM WAV file"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", "not a PCM WAV file"),
])
def test_corrupt_or_empty_files_get_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError, match=message) as info:
        read_wav(path)
    assert str(path) in str(info.value)


def test_a_wav_with_no_samples_and_a_missing_file(tmp_path):
    with pytest.raises(AudioError, match="no audio in the file"):
        read_wav(write_wav(tmp_path / "empty.wav", np.zeros(0, "<i2"), 16000))
    with pytest.raises(AudioError, match="cannot read"):
        read_wav(tmp_path / "missing.wav")


def test_truncated_wav_data_is_read_as_far_as_it_goes(tmp_path):
    full = write_wav(tmp_path / "full.wav", tone(440, 1.0, 16000).astype("<i2"), 16000).read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(full[: len(full) // 2 + 1])  # half the data, and half a sample
    assert 0.45 * RATE < len(read_wav(cut)) < 0.55 * RATE


def _feed(vad: Endpointer, pcm: np.ndarray, chunk: int = 1600) -> float | None:
    """Seconds into ``pcm`` at which the end of speech was detected, or None."""
    for i in range(0, len(pcm), chunk):
        vad.feed(pcm[i:i + chunk])
        if vad.ended:
            return (i + chunk) / RATE
    return None


def test_end_of_speech_half_a_second_after_the_words():
    rng = np.random.default_rng(0)
    noise = lambda s: rng.normal(0, 30, int(s * RATE))  # noqa: E731 - a quiet cabin
    speech = voiced(1.5, 5000) * (1 + np.sin(np.arange(int(1.5 * RATE)) / 800))
    pcm = np.concatenate([noise(0.5), speech, noise(2.0)]).astype(np.int16)
    ended = _feed(Endpointer(), pcm)
    assert ended is not None and 2.0 + 0.45 <= ended <= 2.0 + 0.65


def test_no_end_without_speech_and_clicks_are_not_speech():
    rng = np.random.default_rng(1)
    quiet = rng.normal(0, 30, 3 * RATE)
    quiet[RATE:RATE + 80] = 20000  # a 5 ms click
    vad = Endpointer()
    assert _feed(vad, quiet.astype(np.int16)) is None and not vad.in_speech


def test_the_floor_follows_a_noisy_cabin_and_digital_silence_does_not_make_hiss_speech():
    rng = np.random.default_rng(2)
    speech = voiced(1.0, 8000)
    road = rng.normal(0, 600, 2 * RATE)  # loud road noise, before and after
    assert _feed(Endpointer(), np.concatenate([road, speech, road]).astype(np.int16)) is not None
    zeros_then_hiss = np.concatenate([np.zeros(RATE), speech, np.zeros(RATE // 4), rng.normal(0, 25, 2 * RATE)])
    assert _feed(Endpointer(), zeros_then_hiss.astype(np.int16)) is not None
