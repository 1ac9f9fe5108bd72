"""Speech under the conditions a car gives it (issue 16, "robust to voices and cars"): espeak-ng voice ×
speaking rate × cabin noise at a signal-to-noise ratio, for tests/test_voice_conditions.py and
benchmarks/bench_voice_conditions.py.

The cabin noise is synthesised by sox, not recorded or downloaded: brown noise low-passed at 500 Hz
(road and tyre rumble, where most of a cabin's energy lies), a little pink noise (wind, broadband) and
a hum at 67 and 230 Hz (a four-cylinder engine's firing at 2,000 rpm, a tyre's air-cavity resonance).
sox's -R ("repeatable") mode seeds its random generator with a fixed number, so the noise is the same
samples on every run; without -R every run differs.

Mixing is done by sox at a signal-to-noise ratio computed from RMS levels: the speech's RMS over its
active part (see active_rms) against the RMS of the very stretch of noise mixed in. Each utterance gets
its own stretch of the noise, at an offset drawn from its file name, so utterances do not all hear the
same bump in the road, yet a file is the same on every run. The noise runs NOISE_LEAD_S before and
after the words: a cabin is never quiet when the driver starts speaking.

Files are cached by name in the folder given (synthesis by tests.voice_helpers.synthesize_all), so a
benchmark re-run only decodes; the noise's name carries a hash of its sox recipe and the mixes' names
carry the noise's, so changing the recipe never reuses stale mixes."""

from __future__ import annotations

import hashlib
import subprocess
import wave
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .voice_helpers import synthesize_all

SAMPLE_RATE = 22050  # espeak-ng's output rate: the noise is made at it, so sox mixes without resampling
NOISE_S = 30  # seconds of noise; the longest utterance at 130 wpm with its lead and tail is well under
NOISE_LEAD_S = 0.3  # noise before and after the words
SPEECH_GAIN = 0.5  # speech at -6 dB in the mix: room for the noise's peaks at 5 dB SNR without clipping
ACTIVE_FRAME_S = 0.02
ACTIVE_RANGE_DB = 30.0  # frames within 30 dB of the loudest count as speech: pauses between words do not


def _part(synth: str, gain: float) -> list[str]:
    return ["-v", str(gain), f"|sox -R -n -r {SAMPLE_RATE} -c 1 -p synth {NOISE_S} {synth}"]


# cabin noise: road rumble, wind, engine and tyre hum (the module's docstring says why these)
NOISE_RECIPE = ["sox", "-R", "-m",
                *_part("brownnoise lowpass 500", 1.0),
                *_part("pinknoise", 0.2),
                *_part("sine 67 synth sine mix 230", 0.1)]
NOISE_LEVEL_DB = -12.0  # peak, dBFS: the level is set per mix, this only keeps the file itself unclipped
NOISE_ID = hashlib.sha1(" ".join(NOISE_RECIPE).encode()).hexdigest()[:8]

# the voices: American and British English, a male and a female of each. en-gb is espeak-ng's gmw/en,
# the voice pyttsx3 speaks with by default; +f3 is espeak-ng's third female variant
VOICES = ("en-us", "en-us+f3", "en-gb", "en-gb+f3")
NORMAL_RATE = 175  # words per minute: espeak-ng's default
RATES = (130, 175, 200)
SNRS = (10.0, 5.0)  # dB


@dataclass(frozen=True)
class Condition:
    voice: str
    rate: int = NORMAL_RATE
    snr_db: float | None = None  # None: clean, no noise added

    @property
    def name(self) -> str:
        return f"{self.voice} {self.rate} wpm {'clean' if self.snr_db is None else f'{self.snr_db:g} dB SNR'}"


# issue 16's conditions: each voice clean at the normal rate, then in cabin noise at 10 and 5 dB SNR,
# then the male voices slow and fast (in that order: a benchmark stopped early has the goals' figures)
CONDITIONS = ([Condition(v) for v in VOICES]
              + [Condition(v, NORMAL_RATE, snr) for snr in SNRS for v in VOICES]
              + [Condition(v, r) for v in ("en-us", "en-gb") for r in RATES if r != NORMAL_RATE])


def read_samples(path: Path) -> np.ndarray:
    """The 16-bit mono samples of a WAV written by espeak-ng or sox, as floats, at the file's own rate
    (voice.audio.read_wav resamples to 16 kHz: the mixing needs the samples sox will mix)."""
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2), f"{path}: not 16-bit mono"
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64)


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x))))


def active_rms(speech: np.ndarray, rate: int = SAMPLE_RATE) -> float:
    """The RMS of the speech-active part: 20 ms frames whose RMS is within ACTIVE_RANGE_DB of the
    loudest frame's. The silence espeak-ng leaves around and between words would otherwise lower the
    speech's level and make every SNR look better than a listener hears it (the idea of ITU-T P.56's
    active speech level, in its simplest form)."""
    n = int(rate * ACTIVE_FRAME_S)
    frames = speech[: len(speech) // n * n].reshape(-1, n)
    levels = np.sqrt(np.mean(np.square(frames), axis=1))
    return rms(frames[levels >= levels.max() * 10 ** (-ACTIVE_RANGE_DB / 20)])


def cabin_noise(folder: Path) -> Path:
    """NOISE_S seconds of cabin noise, made once in ``folder`` (the same samples on every run)."""
    path = folder / f"cabin-noise-{NOISE_ID}.wav"
    if not path.exists():
        tmp = path.with_suffix(".part.wav")
        subprocess.run([*NOISE_RECIPE, "-b", "16", str(tmp), "gain", "-n", str(NOISE_LEVEL_DB)], check=True)
        tmp.replace(path)
    return path


def noise_stretch(noise: np.ndarray, name: str, length: int) -> int:
    """Where in the noise the mix called ``name`` starts: spread by the name, the same on every run."""
    return zlib.crc32(name.encode()) % (len(noise) - length)


def mix(speech: Path, noise_path: Path, noise: np.ndarray, snr_db: float, out: Path) -> None:
    """``speech`` with NOISE_LEAD_S of noise before and after, at ``snr_db`` (active speech RMS against
    the RMS of the noise mixed in), written by sox to ``out``."""
    words = read_samples(speech)
    lead = int(NOISE_LEAD_S * SAMPLE_RATE)
    length = len(words) + 2 * lead
    start = noise_stretch(noise, out.name, length)
    noise_gain = SPEECH_GAIN * active_rms(words) / rms(noise[start:start + length]) / 10 ** (snr_db / 20)
    tmp = out.with_suffix(".part.wav")
    # -v on every input: sox then mixes with exactly these gains (no 1/n balancing of its own)
    subprocess.run(["sox", "-m",
                    "-v", f"{SPEECH_GAIN}", f"|sox {speech} -p pad {lead}s {lead}s",
                    "-v", f"{noise_gain:.6f}", f"|sox {noise_path} -p trim {start}s {length}s",
                    "-b", "16", str(tmp)], check=True)
    tmp.replace(out)


def mixed_name(speech: Path, snr_db: float) -> str:
    return f"{speech.stem}-snr{snr_db:g}-{NOISE_ID}.wav"


def render(folder: Path, texts: list[str], conditions: list[Condition]) -> dict[tuple[str, Condition], Path]:
    """A WAV for every text under every condition, made (or found) in ``folder``: speech by espeak-ng,
    noise mixed in by sox, two at a time (the machine has two cores)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = list(dict.fromkeys(texts))
    speech: dict[tuple[str, str, int], Path] = {}
    for voice, rate in dict.fromkeys((c.voice, c.rate) for c in conditions):
        speech |= synthesize_all(folder, texts, voices=(voice,), rates=(rate,))
    files = {}
    todo = []
    noise_path = cabin_noise(folder)
    for c in conditions:
        for text in texts:
            clean = speech[(text, c.voice, c.rate)]
            files[(text, c)] = clean if c.snr_db is None else folder / mixed_name(clean, c.snr_db)
            if not files[(text, c)].exists():
                todo.append((clean, c.snr_db, files[(text, c)]))
    if todo:
        noise = read_samples(noise_path)
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(lambda job: mix(job[0], noise_path, noise, job[1], job[2]), todo))
    return files
