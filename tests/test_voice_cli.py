"""`cockpit voice …` as a person runs it, the speaker (pyttsx3), and installing a model from a zip."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import wave
import zipfile
from pathlib import Path

import pytest

from voice import models
from voice.errors import ModelError, VoiceError

from .voice_helpers import needs_espeak


def cockpit(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit.cli", "voice", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_parse_prints_the_contract_json():
    out = cockpit("parse", "set the passenger temperature to twenty one point five", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == {"text": "set the passenger temperature to twenty one point five",
                                      "intent": "climate.set_temperature",
                                      "slots": {"zone": "passenger", "celsius": 21.5}, "engine": "text",
                                      "unsure": False}
    out = cockpit("parse", "call anna", "--contact", "Anna")
    assert "intent: phone.call" in out.stdout and "contact='Anna'" in out.stdout
    assert "not a command" in cockpit("parse", "sing me a song").stdout


@needs_espeak
def test_say_then_recognize_round_trip(tmp_path):
    wav = tmp_path / "cmd.wav"
    out = cockpit("say", "take me home", "--out", str(wav), "--voice", "en-us+f2", "--rate", "150")
    assert out.returncode == 0 and out.stdout.strip() == f"wrote {wav}", out.stdout + out.stderr
    with wave.open(str(wav)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (22050, 1, 2) and w.getnframes() > 10000
    out = cockpit("recognize", str(wav), "--json")
    assert out.returncode == 0, out.stderr
    heard = json.loads(out.stdout)
    # a three-word command sits near the free decoding's score: it may come back unsure (asked about first)
    assert isinstance(heard.pop("unsure"), bool)
    assert heard == {"text": "take me home", "intent": "nav.go", "slots": {"place": "home"}, "engine": "pocketsphinx"}


README_COMMANDS = {"set the temperature to twenty one": "climate.set_temperature", "take me home": "nav.go",
                   "what's my range": "info.range", "call Anna": "phone.call", "next track": "media.next"}


@needs_espeak
def test_the_readmes_voice_examples_work_as_written(tmp_path):
    """The README's say → recognize lines as written, and its spoken examples: right in the voice it
    names; in pyttsx3's default (British) voice right or refused, never taken for something else."""
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    wav = str(tmp_path / "cmd.wav")
    for line in readme.splitlines():
        if line.startswith(("cockpit voice say ", "cockpit voice recognize ")):
            words = [wav if w == "cmd.wav" else w for w in shlex.split(line.split("#")[0])]
            out = cockpit(*words[2:])
            assert out.returncode == 0, (line, out.stderr)
    assert json.loads(out.stdout)["intent"] == "nav.go", out.stdout  # the last of them: recognize --json
    for i, (sentence, intent) in enumerate(README_COMMANDS.items()):
        assert f'"{sentence}"' in readme
        for voice in ("en-us+f2", None):
            wav = tmp_path / f"{i}-{voice}.wav"
            assert cockpit("say", sentence, "--out", str(wav), *(["--voice", voice] if voice else [])).returncode == 0
            heard = json.loads(cockpit("recognize", str(wav), "--contact", "Anna", "--json").stdout)
            got = heard["intent"]
            refused = got is None or got.startswith("refuse.") or heard["unsure"]  # unsure: asked, not done
            assert got == intent if voice else (got == intent or refused), (sentence, voice, heard)


@needs_espeak
def test_say_without_out_plays_or_says_where_the_file_is():
    out = cockpit("say", "Route cancelled.")
    # No sound card here: aplay fails and the command says where the speech is; with one, it plays.
    assert out.returncode in (0, 1)
    if out.returncode == 1:
        assert "the speech is in" in out.stderr and out.stderr.strip().endswith(".wav")


@pytest.mark.parametrize(("content", "message"), [(b"", "the file is empty"), (b"junk", "not a PCM WAV file")])
def test_recognize_bad_audio_is_a_one_line_error(tmp_path, content, message):
    bad = tmp_path / "bad.wav"
    bad.write_bytes(content)
    out = cockpit("recognize", str(bad))
    assert out.returncode == 2 and out.stderr.startswith("cockpit: ") and message in out.stderr
    assert "Traceback" not in out.stderr
    missing = tmp_path / "nope.wav"
    error = cockpit("recognize", str(missing)).stderr
    assert error.startswith(f"cockpit: argument FILE.wav: '{missing}': no such file") and error.count("\n") == 1


def test_recognize_digital_silence_is_an_error_not_a_guess(tmp_path):
    silent = tmp_path / "silent.wav"
    with wave.open(str(silent), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\0\0" * 16000)
    out = cockpit("recognize", str(silent))
    assert out.returncode == 2 and "digital silence" in out.stderr


def test_models_says_which_engine_and_how_to_get_the_better_one(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path)}
    env.pop(models.ENV, None)
    out = cockpit("models", env=env)
    assert out.returncode == 0, out.stderr
    assert "en: pocketsphinx" in out.stdout and "install-model en-us" in out.stdout
    data = json.loads(cockpit("models", "--json", env=env).stdout)
    assert {r["language"]: r["engine"] for r in data["languages"]}["en"] == "pocketsphinx"


# --- names from the driver's profile -----------------------------------------------------------------

def cars_profiles(folder: Path, active: str | None = "Maria") -> Path:
    """A data folder as the cockpit leaves it: real encrypted profiles, one of them the active driver."""
    from cockpit.profiles.schema import default_profile
    from cockpit.profiles.store import ProfileDatabase

    db = ProfileDatabase(folder, scrypt_n=2**10)
    assert db.open().ok
    for name, contacts, pin in (("Maria", ["Anna"], None), ("David", ["Zoe Quist"], "1234")):
        doc = default_profile(name)
        doc["contacts"] = [{"name": c, "phone": "+358 40 1234567"} for c in contacts]
        db.create(name, doc=doc, pin=pin)
    db.set_active(active)
    db.close()
    return folder


def in_car(folder: Path) -> dict:
    return {**os.environ, "COCKPIT_DATA_DIR": str(folder)}


def parsed(*args: str, env: dict) -> dict | str:
    out = cockpit("parse", *args, "--json", env=env)
    assert "Traceback" not in out.stderr
    return json.loads(out.stdout) if out.returncode == 0 else out.stderr


def test_parse_hears_the_active_drivers_contacts_and_every_drivers_name(tmp_path):
    env = in_car(cars_profiles(tmp_path / "car"))
    assert parsed("call anna", env=env)["slots"] == {"contact": "Anna"}  # Maria's contact, with no --contact
    assert parsed("switch driver to david", env=env)["slots"] == {"driver": "David"}
    # David's contact, not the active driver's: refused as no contact of hers
    assert parsed("call zoe quist", env=env)["intent"] == "refuse.unsupported"
    other = parsed("call zoe quist", "--profile", "david", "--pin", "1234", env=env)
    assert other["slots"] == {"contact": "Zoe Quist"}
    assert parsed("call anna", "--profile", "David", "--pin", "1234", env=env)["intent"] == "refuse.unsupported"
    assert "give it with --pin" in parsed("call anna", "--profile", "David", env=env)  # no terminal to ask on
    explicit = cockpit("parse", "call anna", "--data-dir", str(tmp_path / "car"), "--json")
    assert json.loads(explicit.stdout)["slots"] == {"contact": "Anna"}


def test_an_unknown_profile_is_one_line_naming_the_known_ones(tmp_path):
    env = in_car(cars_profiles(tmp_path / "car"))
    out = cockpit("parse", "call anna", "--profile", "Mario", env=env)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"cockpit: no profile named 'Mario' in {tmp_path / 'car'}; the profiles: Maria, David\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    out = cockpit("parse", "call anna", "--profile", "Maria", env=in_car(empty))
    assert out.returncode == 2
    assert out.stderr == f"cockpit: no profile named 'Maria': there are no profiles in {empty}\n"
    assert list(empty.iterdir()) == []  # reading names creates no database


def test_a_guest_valet_mode_or_no_profiles_mean_no_personal_names(tmp_path):
    guest = in_car(cars_profiles(tmp_path / "guest", active=None))
    assert parsed("call anna", env=guest)["intent"] == "refuse.unsupported"
    from cockpit.profiles.store import ProfileDatabase

    car = cars_profiles(tmp_path / "valet")
    db = ProfileDatabase(car, scrypt_n=2**10)
    db.open()
    db.start_valet("4321")
    db.close()
    # as the car: nothing personal for a valet
    assert parsed("call anna", env=in_car(car))["intent"] == "refuse.unsupported"
    assert parsed("call anna", "--profile", "Maria", env=in_car(car))["slots"] == {"contact": "Anna"}
    assert parsed("call anna", env=in_car(tmp_path))["intent"] == "refuse.unsupported"  # no profiles at all


def test_a_damaged_profile_database_is_said_and_set_aside(tmp_path):
    car = tmp_path / "car"
    car.mkdir()
    (car / "profiles.db").write_bytes(b"not a database" * 100)
    out = cockpit("parse", "call anna", "--profile", "Maria", env=in_car(car))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "kept aside" in out.stderr and "no profile named 'Maria'" in out.stderr


@needs_espeak
def test_recognize_calls_the_active_drivers_contact_from_speech(tmp_path):
    env = in_car(cars_profiles(tmp_path / "car"))
    wav = tmp_path / "call.wav"
    # the female voice: pocketsphinx hears espeak-ng's male en-us "call Anna" as "cooler now" (issue 16's
    # robustness part), with or without a profile
    assert cockpit("say", "call Anna", "--out", str(wav), "--voice", "en-us+f2", "--rate", "130").returncode == 0
    heard = cockpit("recognize", str(wav), "--json", env=env)
    assert heard.returncode == 0, heard.stderr
    got = json.loads(heard.stdout)
    got.pop("unsure")  # a two-word command may be asked about first; the contact is what is tested here
    assert got == {"text": "call anna", "intent": "phone.call", "slots": {"contact": "Anna"}, "engine": "pocketsphinx"}
    other = cockpit("recognize", str(wav), "--json", "--profile", "David", "--pin", "1234", env=env)
    assert other.returncode == 0 and json.loads(other.stdout)["slots"] != {"contact": "Anna"}


# --- installing a model from a zip ------------------------------------------------------------------

def _model_zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            z.writestr(info, "/etc/passwd")
    return path


MODEL_FILES = {"vosk-model-small-xx/am/final.mdl": b"am", "vosk-model-small-xx/conf/model.conf": b"--beam=10",
               "vosk-model-small-xx/graph/HCLG.fst": b"fst", "vosk-model-small-xx/README": b"tiny"}


@pytest.fixture
def data_dir(monkeypatch, tmp_path):
    monkeypatch.setattr(models, "models_dir", lambda: tmp_path / "data" / "vosk")
    monkeypatch.delenv(models.ENV, raising=False)
    return tmp_path / "data" / "vosk"


def test_install_from_a_zip_unpacks_the_model_folder_where_discovery_finds_it(tmp_path, data_dir):
    archive = _model_zip(tmp_path / "m.zip", MODEL_FILES)
    path = models.install("xx", archive)
    assert path == data_dir / "xx" and models.is_model(path) and (path / "README").read_bytes() == b"tiny"
    found = models.find_vosk_model("xx")
    assert found is not None and found.path == path and found.source.startswith("user data folder")
    assert models.install("xx", archive) == path  # again: replaced whole
    assert [p.name for p in data_dir.iterdir()] == ["xx"]  # no unpacking leftovers


@pytest.mark.parametrize(("members", "symlink", "message"), [
    ({"../evil.txt": b"x", **MODEL_FILES}, None, "unsafe member path"),
    ({"/abs/evil.txt": b"x", **MODEL_FILES}, None, "unsafe member path"),
    ({"a/../../evil": b"x", **MODEL_FILES}, None, "unsafe member path"),
    (MODEL_FILES, "vosk-model-small-xx/link", "symbolic link"),
    ({"readme.txt": b"no model here"}, None, "no vosk model inside"),
])
def test_install_refuses_unsafe_or_wrong_zips(tmp_path, data_dir, members, symlink, message):
    with pytest.raises(ModelError, match=message):
        models.install("xx", _model_zip(tmp_path / "m.zip", members, symlink))
    assert not (tmp_path / "evil.txt").exists() and not (data_dir / "xx").exists()


def test_install_refuses_what_is_not_a_zip_and_never_downloads_unasked(tmp_path, data_dir):
    fake = tmp_path / "model.zip"
    fake.write_bytes(b"PK but not really")
    with pytest.raises(ModelError, match="not a zip archive"):
        models.install("xx", fake)
    with pytest.raises(ModelError, match="no such file"):
        models.install("xx", tmp_path / "missing.zip")
    with pytest.raises(ModelError, match="no official model known for 'xx'"):
        models.install("xx")  # would download; refuses before touching the network for an unknown language


@pytest.fixture
def model_server(tmp_path):
    """A real local HTTP server: GET /<name> serves tmp_path/served/<name>; ``cut`` bytes short if asked."""
    import http.server
    import threading

    served = tmp_path / "served"
    served.mkdir()
    state = {"cut": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            f = served / self.path.lstrip("/")
            if not f.is_file():
                self.send_error(404)
                return
            data = f.read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[:len(data) - state["cut"]])

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", served, state
    server.shutdown()
    server.server_close()


def test_install_downloads_the_official_zip_with_progress_and_refuses_a_broken_download(
        tmp_path, data_dir, model_server, monkeypatch):
    url, served, state = model_server
    _model_zip(served / "vosk-model-small-xx.zip", MODEL_FILES)
    monkeypatch.setitem(models.OFFICIAL, "xx", f"{url}/vosk-model-small-xx.zip")
    seen: list[tuple[int, int]] = []
    path = models.install("xx", progress=lambda done, total: seen.append((done, total)))
    size = (served / "vosk-model-small-xx.zip").stat().st_size
    assert path == data_dir / "xx" and models.is_model(path) and seen[-1] == (size, size)

    state["cut"] = 10  # the connection drops before the end: an error, and the installed model stays
    with pytest.raises(ModelError, match="cannot download .*use --from FILE.zip"):
        models.install("xx")
    monkeypatch.setitem(models.OFFICIAL, "xx", f"{url}/gone.zip")
    with pytest.raises(ModelError, match="cannot download .*404"):
        models.install("xx")
    assert models.is_model(data_dir / "xx") and [p.name for p in data_dir.iterdir()] == ["xx"]


def test_install_cli_reports_errors_in_one_line(tmp_path):
    out = subprocess.run([sys.executable, "-m", "cockpit.cli", "voice", "install-model", "xx", "--from",
                          str(tmp_path / "missing.zip")], capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stderr.startswith("cockpit: ") and "no such file" in out.stderr


# --- the speaker --------------------------------------------------------------------------------------

@needs_espeak
def test_speaker_writes_whole_replies_from_many_threads(tmp_path):
    """Thread-safe, one TTS thread; and the end of each reply is there (pyttsx3 2.99 alone drops it)."""
    from concurrent.futures import ThreadPoolExecutor

    from voice.speaker import Speaker

    speaker = Speaker(rate=175, voice="en-us")
    texts = ["Paused.", "Driver temperature set to 21 degrees.", "Navigating home.", "Call Anna?"]
    with ThreadPoolExecutor(4) as pool:
        paths = list(pool.map(lambda t: speaker.synthesize(t, tmp_path / f"{len(t)}.wav"), texts))
    for text, path in zip(texts, paths, strict=True):
        reference = tmp_path / f"ref-{len(text)}.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "175", "-w", str(reference), text], check=True)
        with wave.open(str(path)) as ours, wave.open(str(reference)) as theirs:
            assert ours.getnframes() > 0.8 * theirs.getnframes(), text  # a lost last chunk is up to 1 s


@needs_espeak
def test_speaker_stop_drops_pending_speech_and_errors_are_clear(tmp_path):
    import threading

    from voice.speaker import Speaker, SpeechStopped

    speaker = Speaker()
    results: list[object] = []
    long_text = "This is a long reply that takes a while to synthesise. " * 20

    def talk(i: int) -> None:
        try:
            results.append(speaker.synthesize(long_text, tmp_path / f"{i}.wav"))
        except SpeechStopped as exc:
            results.append(exc)

    threads = [threading.Thread(target=talk, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    speaker.stop()
    for t in threads:
        t.join(timeout=60)
    assert len(results) == 4 and any(isinstance(r, SpeechStopped) for r in results)
    assert speaker.synthesize("Still working.", tmp_path / "after.wav").exists()  # stop is not shutdown
    with pytest.raises(VoiceError, match="nothing to say"):
        speaker.synthesize("  ", tmp_path / "empty.wav")
    with pytest.raises(VoiceError, match="unknown espeak-ng voice 'xx-no-such-voice'"):
        Speaker(voice="xx-no-such-voice").synthesize("hello", tmp_path / "x.wav")
    assert Speaker(voice="en-gb+m3").synthesize("Hello.", tmp_path / "variant.wav").exists()
