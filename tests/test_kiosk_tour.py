"""The kiosk's files: the kiosk config and the tour script validate with errors that name the file,
the step and the reason; the tour player keeps its timeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cockpit.cli import main
from cockpit.kiosk.config import DEFAULT_CONFIG, ConfigError, load_config
from cockpit.kiosk.tour import Tour, TourError, TourPlayer, load_tour

from .voice_helpers import an_hour, header

THEMES = {"dark", "light", "city-dark", "city-light"}
GOOD_STEPS = [{"at": 0, "caption": "Hello", "page": "home"}, {"at": 5, "indicator": "left"}]


def write(tmp_path: Path, data, name: str = "tour.yaml") -> Path:  # noqa: ANN001
    f = tmp_path / name
    f.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True))
    return f


# ----- the shipped files ---------------------------------------------------------------------------


def test_the_shipped_kiosk_file_and_tour_are_valid_and_cover_the_story():
    config = load_config()
    assert config.file == DEFAULT_CONFIG
    assert config.idle_reset_s == 90 and config.placeholder_pin
    tour = load_tour(config.tour)
    actions = {a for s in tour.steps for a in s.actions}
    assert {"indicator", "cruise", "climate", "voice", "profile", "theme", "tire", "page"} <= actions
    assert tour.drive.cycle == "wltc"
    voice = next(s.actions["voice"] for s in tour.steps if "voice" in s.actions)
    assert voice.is_file() and voice.suffix == ".wav"
    assert all(len(s.caption) <= 120 for s in tour.steps)


def test_kiosk_check_reports_the_steps(capsys):
    assert main(["kiosk", "check"]) == 0
    out = capsys.readouterr().out
    assert "tour" in out and "13 steps" in out and "placeholder" in out


# ----- the tour script -----------------------------------------------------------------------------


@pytest.mark.parametrize("steps, step, reason", [
    ([{"at": 0, "caption": "x"}, {"at": 3, "page": "radio"}], 2, "'page' 'radio' is not a center screen page"),
    ([{"at": 10, "caption": "x"}, {"at": 5, "caption": "y"}], 2, "comes before the previous step"),
    ([{"caption": "no time"}], 1, "no 'at'"),
    ([{"at": 0}], 1, "needs a caption or an action"),
    ([{"at": 0, "caption": "x" * 121}], 1, "at most 120"),
    ([{"at": 0, "theme": "neon"}], 1, "'theme' 'neon' is not an available theme"),
    ([{"at": 0, "climate": {"temperature": 40}}], 1, "'climate.temperature': 40.0 is above the maximum 28"),
    ([{"at": 0, "climate": {"temperature": 21.3}}], 1, "in steps of 0.5"),
    ([{"at": 0, "climate": {"zone": "rear"}}], 1, "'climate.zone' must be driver or passenger"),
    ([{"at": 0, "cruise": 300}], 1, "'cruise' must be a set speed from 30 to 200"),
    ([{"at": 0, "indicator": "up"}], 1, "'indicator' must be left, right or off"),
    ([{"at": 0, "tire": {"wheel": "spare"}}], 1, "'tire.wheel' must be one of front-left"),
    ([{"at": 0, "voice": "missing.wav"}], 1, "missing.wav': cannot read it (No such file or directory)"),
    ([{"at": 0, "voice": "x" * 300 + ".wav"}], 1, "cannot read it (File name too long)"),  # was an OSError
    ([{"at": 0, "voice": "command.mp3"}], 1, "must name a .wav recording"),
    ([{"at": 0, "caption": "x", "sound": "beep"}], 1, "unknown key 'sound'"),
    ([{"at": -1, "caption": "x"}], 1, "'at' must be a number of seconds, 0 or more"),
    ([{"at": 0, "caption": "x"}, "just text"], 2, "a step is a mapping"),
    ([{"at": 0, "theme": ["dark"]}], 1, "'theme' ['dark'] is not an available theme"),  # was a TypeError
    ([{"at": 0, "tire": {"wheel": ["front-left"]}}], 1, "'tire.wheel' must be one of"),  # was a TypeError
    ([{"at": 0, "caption": ["x" * 1000] * 100}], 1, "'caption' must be text, got ['xxxx"),
])
def test_a_bad_step_is_named_with_its_number_and_reason(tmp_path, steps, step, reason):
    f = write(tmp_path, {"steps": steps})
    with pytest.raises(TourError) as e:
        load_tour(f, THEMES)
    assert e.value.step == step
    assert reason in e.value.reason
    assert str(e.value).startswith(f"{f}: step {step}: ")


@pytest.mark.parametrize("doc, reason", [
    ("steps:\n  - at: 0\n    caption: \"a\" \"b\"\n", "line 3, column 18: not valid YAML"),
    ("- just\n- a list\n", "expected a mapping"),
    ({"steps": []}, "'steps' must be a non-empty list"),
    ({"steps": GOOD_STEPS, "drive": {"cycle": "nedc"}}, "'drive.cycle' 'nedc' is not a drive cycle"),
    ({"steps": GOOD_STEPS, "drive": {"start_s": 5000}}, "'drive.start_s' must be a number of seconds from 0 to 1800"),
    ({"steps": GOOD_STEPS, "length_s": 3}, "not before the last step"),
    ({"steps": GOOD_STEPS, "loop": True}, "unknown key 'loop'"),
    ({"steps": GOOD_STEPS, "profiles": {"Guest": {}}}, "a name other than Guest"),
    ({"steps": GOOD_STEPS, "profiles": {"Alex": {"theme": "neon"}}}, "'profiles.Alex'.theme 'neon'"),
    ({"steps": GOOD_STEPS, "profiles": {"Alex": {"theme": {}}}}, "'profiles.Alex'.theme {}"),  # was a TypeError
    ({"steps": GOOD_STEPS, "drive": {"cycle": ["wltc"]}}, "'drive.cycle' ['wltc'] is not a drive cycle"),  # same
    ({"steps": GOOD_STEPS, "drive": {"x\ny": 1}}, "unknown key 'drive.x\\ny'"),  # a name in a message is one line
    ({"steps": GOOD_STEPS, "profiles": {"A\nB": {"theme": "neon"}}}, "'profiles.A\\nB'.theme 'neon'"),
])
def test_a_bad_script_is_named_with_the_reason(tmp_path, doc, reason):
    f = write(tmp_path, doc)
    with pytest.raises(TourError) as e:
        load_tour(f, THEMES)
    assert str(e.value).startswith(f"{f}: ")
    assert reason in str(e.value) and "\n" not in str(e.value)


def test_a_missing_tour_file_is_named(tmp_path):
    with pytest.raises(TourError, match=r"nope.yaml: cannot read it \(No such file"):
        load_tour(tmp_path / "nope.yaml", THEMES)


def test_the_kiosk_refuses_to_start_on_a_bad_tour(tmp_path, capsys):
    write(tmp_path, {"steps": [{"at": 0, "caption": "ok"}, {"at": 1, "cruise": "fast"}]})
    config = write(tmp_path, json.dumps({"pin": "1234", "tour": "tour.yaml"}), "kiosk.yaml")
    assert main(["demo", "--kiosk", "--kiosk-config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "tour.yaml: step 2: 'cruise' must be a set speed" in err


def test_demo_drivers_are_the_profiles_the_steps_name(tmp_path):
    f = write(tmp_path, {"profiles": {"Alex": {"theme": "light", "temperature": 23}, "Kim": {}},
                         "steps": [{"at": 0, "profile": "Alex"}, {"at": 1, "profile": "Sam"},
                                   {"at": 2, "profile": "Guest"}]})
    tour = load_tour(f, THEMES)
    assert tour.demo_drivers() == {"Alex": {"theme": "light", "temperature": 23}, "Kim": {}, "Sam": {}}


# ----- the kiosk file ------------------------------------------------------------------------------


@pytest.mark.parametrize("data, reason", [
    ({}, "no 'pin'"),
    ({"pin": 1234}, "must be quoted digits"),
    ({"pin": "12a4"}, "4 to 8 digits"),
    ({"pin": "123"}, "4 to 8 digits"),
    ({"pin": "1234", "idle_reset_s": 5}, "the minimum is 10 s"),
    ({"pin": "1234", "idle_reset_s": "soon"}, "'idle_reset_s' must be a number"),
    ({"pin": "1234", "unlock": {"corner": "middle"}}, "'unlock.corner' must be one of"),
    ({"pin": "1234", "unlock": {"hold_s": 30}}, "between 0.5 and 10 s"),
    ({"pin": "1234", "unlock": {"max_attempts": 0}}, "'unlock.max_attempts'"),
    ({"pin": "1234", "unlock": {"lock_s": 5}}, "unknown setting 'unlock.lock_s'"),
    ({"pin": "1234", "unlock": {"lock\ns": 5}}, "unknown setting 'unlock.lock\\ns'"),  # one line
    ({"pin": "1234", "screens": 3}, "'screens' must be a non-empty text"),
    ({"pin": "1234", "screens": "three"}, "'screens' must be one of auto, one, two"),
    ({"pin": "1234", "page": "radio"}, "'page' 'radio' is not a center screen page"),
    ({"pin": "1234", "tour": "nowhere.yaml"}, "nowhere.yaml': cannot read it (No such file or directory)"),
    ({"pin": "1234", "tour": "x" * 300}, "cannot read it (File name too long)"),  # was an OSError
    ({"pin": "1234", "speedup": 0}, "'speedup' must be above 0"),
    ({"pin": "1234", "pinn": "1"}, "unknown setting 'pinn'"),
    ({"pin": "1234", "tour": "~nobody-here/tour.yaml"}, "'tour': no home folder for '~nobody-here'"),  # RuntimeError
    ({"pin": "1234", "tour": "tour\0.yaml"}, "'tour' must be a file name, got 'tour\\x00.yaml'"),
    ({"pin": "1234", "page": ["x" * 1000] * 100}, "'page' must be a non-empty text, got ['xxxx"),
])
def test_a_bad_kiosk_file_is_refused_with_the_reason(tmp_path, data, reason):
    write(tmp_path, {"steps": GOOD_STEPS})
    f = write(tmp_path, json.dumps(data), "kiosk.yaml")
    with pytest.raises(ConfigError) as e:
        load_config(f)
    assert str(e.value).startswith(f"kiosk config {f}: ")
    assert reason in e.value.reason and len(e.value.reason) < 200 and "\n" not in e.value.reason


def test_kiosk_file_paths_are_relative_to_it_and_the_pin_is_never_shown(tmp_path):
    write(tmp_path, {"steps": GOOD_STEPS}, "my-tour.yaml")
    f = write(tmp_path, "pin: '0042'\ntour: my-tour.yaml\nstate_file: s.json\nidle_reset_s: 10\n", "k.yaml")
    c = load_config(f)
    assert c.pin == "0042" and not c.placeholder_pin
    assert c.tour == tmp_path / "my-tour.yaml" and c.state_file == tmp_path / "s.json"
    assert "0042" not in repr(c)


def test_bad_yaml_names_the_line(tmp_path):
    f = write(tmp_path, "pin: '1234'\nunlock: [corner\n", "k.yaml")
    with pytest.raises(ConfigError, match="line 3|line 2"):
        load_config(f)


# ----- the player ----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_the_player_runs_steps_on_time_at_its_speed_and_waits_while_paused(qtbot, tmp_path):
    tour: Tour = load_tour(write(tmp_path, {"length_s": 60, "steps": [
        {"at": 0, "caption": "one", "caption_s": 5},
        {"at": 10, "page": "climate"},
        {"at": 20, "caption": "three"},
    ]}), THEMES)
    clock, done = Clock(), []
    player = TourPlayer(tour, lambda step: done.append((step.number, clock.t)), speedup=2.0, clock=clock)
    finished = []
    player.finished.connect(lambda: finished.append(clock.t))
    player.start()
    assert done == [(1, 100.0)] and player.caption == "one"
    clock.t += 3  # 6 tour seconds: past the caption's 5 s
    player.tick()
    assert player.caption == "" and len(done) == 1
    clock.t += 2  # 10 tour seconds
    player.tick()
    assert done[-1] == (2, 105.0)
    player.pause()
    clock.t += 100  # a visitor plays for a while: the tour does not move
    player.resume()
    assert len(done) == 2 and player.position_s == pytest.approx(10.0)
    clock.t += 5
    player.tick()
    assert done[-1][0] == 3 and player.caption == "three"
    clock.t += 20  # 60 tour seconds: the end
    player.tick()
    assert finished and not player.running
    player.start(from_step=1)  # after a restart: from the second step, at its time
    assert player.position_s == 10.0 and done[-1][0] == 2
    player.stop()


def test_a_failing_step_does_not_stop_the_tour(qtbot, tmp_path):
    tour = load_tour(write(tmp_path, {"steps": [{"at": 0, "caption": "a"}, {"at": 0, "caption": "b"}]}), THEMES)
    seen = []

    def run(step):  # noqa: ANN001
        seen.append(step.number)
        if step.number == 1:
            raise RuntimeError("a broken action")

    player = TourPlayer(tour, run, clock=Clock())
    player.start()
    assert seen == [1, 2] and player.caption == "b"
    player.stop()


def test_the_tour_takes_over_only_the_signals_its_steps_drive(tmp_path):
    def scripted(*steps: dict) -> set[str]:
        data = {"length_s": 100, "steps": [{"at": i * 10, "caption": "x", **a} for i, a in enumerate(steps)]}
        return {p.rsplit(".", 2)[-2] + "." + p.rsplit(".", 1)[-1] for p in
                load_tour(write(tmp_path, data), THEMES).scripted_paths()}

    assert scripted({"page": "home"}, {"theme": "light"}) == set()
    assert scripted({"cruise": 90}, {"cruise": "off"}) == {"CruiseControl.IsEnabled", "CruiseControl.IsActive",
                                                          "CruiseControl.SpeedSet"}
    assert scripted({"indicator": "left"}) == {"Left.IsSignaling", "Right.IsSignaling"}


@pytest.mark.parametrize("make, reason", [
    (lambda p: an_hour(p), "3,600.0 s of audio"),  # refused at load, not when the step plays to visitors
    (lambda p: p.write_bytes(b"RIFF not a wave at all"), "not a PCM WAV file"),
    (lambda p: p.write_bytes(header(channels=9, data_bytes=32) + bytes(32)), "9 channels"),
])
def test_a_voice_step_whose_recording_cannot_be_heard_is_refused_when_the_tour_loads(tmp_path, make, reason):
    make(tmp_path / "say.wav")
    f = write(tmp_path, {"steps": [{"at": 0, "voice": "say.wav"}]})
    with pytest.raises(TourError) as e:
        load_tour(f, THEMES)
    assert e.value.step == 1 and reason in e.value.reason
