"""Every file the cockpit reads, fuzzed: hypothesis writes themes, kiosk files, tours, CAN mappings and
JSON Lines recordings, from plain bytes to near-valid documents with hostile pieces spliced in (alias
bombs, deep nesting, recursive aliases, NaN, huge numbers, impossible dates, keys twice, bytes that
are no UTF-8, cut-off text), and hands each to its reader.

The property, for any file: a correct result or the reader's own error with a one-line message that
names the file; never another exception, and an end within HANG_S seconds (a hang guard, not a
measure of speed). A replay plays every line it can and counts every line it skips.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cockpit.can.mapping import KEYS, MappingError, load_dbc, load_mapping
from cockpit.kiosk.config import ConfigError, KioskConfig, load_config
from cockpit.kiosk.tour import ACTIONS, Tour, TourError, load_tour
from cockpit.resources import THEMES_DIR
from cockpit.sources.replay import MAX_LINE, JsonlReplaySource, RecordingError
from cockpit.sources.spec import DEMO_DBC
from cockpit.theming.tokens import ThemeData, TokenError, load_theme, theme_files
from cockpit.vehicle.catalogue import default_catalogue
from cockpit.vehicle.store import SignalStore

HANG_S = 60
# A fixed set of examples by default (the same on every run); FILE_FUZZ_EXAMPLES=2000 explores afresh.
DEFAULT_EXAMPLES = 150
EXAMPLES = int(os.environ.get("FILE_FUZZ_EXAMPLES", DEFAULT_EXAMPLES))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES == DEFAULT_EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DB = load_dbc(DEMO_DBC)
THEMES = {"dark", "light"}
PATHS = [s.path for s in default_catalogue()][:40]


class Hang(Exception):
    pass


@contextmanager
def hang_guard(what: str) -> Iterator[None]:
    def alarm(*_):  # noqa: ANN002, ANN202
        raise Hang(f"{what}: still reading after {HANG_S} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_S)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def example_folder() -> Iterator[Path]:
    """A fresh folder for each example (a pytest fixture would be one for all of a test's examples)."""
    with tempfile.TemporaryDirectory() as d:
        yield Path(d)


# ----- pieces of hostile text ------------------------------------------------------------------------

BOMB = "[&a [l,l,l,l,l,l,l,l,l], " + ", ".join(
    f"&{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)) + "]"
HOSTILE_BYTES = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\x07", b"\r", b"\xef\xbb\xbf", b"\t"]
HOSTILE_JSON = ["[" * 100, "[" * 10_000, "{" * 70, "NaN", "-Infinity", "1e400", "9" * 5000, '"\\ud800"', ",", "}",
                '{"$value": "{', '"{a.b}"', '"{}"', "\u202e", "true", "null", '"$type"']
HOSTILE_YAML = [BOMB, "[" * 100, "[" * 2000, "&a [*a]", "*nowhere", ".nan", "-.inf", "1.0e+400", "9" * 5000,
                "2024-13-45", "2024-02-29", "!!binary aGk=", "!!python/object/apply:os.system [true]", "!!str",
                "<<: {a: 1}", "? [a]\n: b", "---", "...", "%YAML 1.1", "|\n  block", "'", '"', "{", "]", ": :",
                "0x" + "f" * 40, "0o17", "1_000", "190:20:30", "~", "yes", "\u202e", "é"]


def spliced(text: str, pieces: list) -> st.SearchStrategy[bytes]:  # noqa: ANN001
    """``text`` as bytes with up to three cuts, splices of hostile pieces or duplicated lines."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = text.encode()
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(data)))
            kind = draw(st.sampled_from(["piece", "bytes", "cut", "repeat", "drop"]))
            if kind == "piece":
                data = data[:at] + draw(st.sampled_from(pieces)).encode() + data[at:]
            elif kind == "bytes":
                data = data[:at] + draw(st.sampled_from(HOSTILE_BYTES) | st.binary(max_size=8)) + data[at:]
            elif kind == "cut":
                data = data[:at]
            elif kind == "repeat":
                lines = data.split(b"\n")
                i = draw(st.integers(0, len(lines) - 1))
                data = b"\n".join([*lines[: i + 1], lines[i], *lines[i + 1:]])
            else:
                data = data[:at] + data[at + draw(st.integers(1, 40)):]
        return data

    return build()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def one_line_naming(message: str, file: Path) -> None:
    assert str(file.name) in message, message[:300]
    assert "\n" not in message and len(message) < 500, message[:600]


# ----- YAML documents: kiosk files, tours, mappings --------------------------------------------------

SCALARS = ["0", "1", "-1", "3", "10", "90", "0.5", "22.5", "1e3", "true", "false", "null", '"4711"', "'0042'", "4711",
           "top-left", "bottom-right", "auto", "two", "dark", "light", "home", "energy", "wltc", "udds", "left",
           "off", "ok", "driver", "front-left", "Guest", "Alex", "tour.yaml", "missing.yaml", "x.wav", "DI_gear",
           "VCU_Drive", "VehicleSpeed", "0x118", "P", "D", "*a", "*b"]


def yaml_values(keys: list[str]) -> st.SearchStrategy[str]:
    leaf = st.sampled_from(SCALARS + HOSTILE_YAML[:14]) | st.text(max_size=10).map(json.dumps)
    return st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(st.sampled_from(keys) | st.text(max_size=6).map(json.dumps), inner), max_size=4)
        .map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
        st.tuples(st.sampled_from(["&a ", "&b ", "&c "]), inner).map("".join),
    ), max_leaves=12)


def yaml_document(top: list[str], inner: list[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(st.sampled_from(top) | st.text(min_size=1, max_size=8).map(json.dumps), yaml_values(inner))
    return st.lists(pair, max_size=8).map(lambda kv: "".join(f"{k}: {v}\n" for k, v in kv))


def one_value_changed(valid: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """``valid`` with the value after one of its ``key: `` replaced: near-valid, often valid."""
    keys = [m.start() for m in re.finditer(r"\w: ", valid)]

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        at = draw(st.sampled_from(keys)) + 3
        end = len(valid)
        for stop in ",}\n":
            if (i := valid.find(stop, at)) >= 0:
                end = min(end, i)
        return (valid[:at] + draw(values) + valid[end:]).encode()

    return build()


def yaml_files(top: list[str], inner: list[str], valid: str) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=300),
        yaml_document(top, inner).map(str.encode),
        yaml_document(top, inner).flatmap(lambda doc: spliced(doc, HOSTILE_YAML)),
        spliced(valid, HOSTILE_YAML),
        one_value_changed(valid, st.sampled_from(SCALARS)),  # plausible values: often a valid file
        one_value_changed(valid, yaml_values(inner)),
    )


KIOSK_KEYS = ["pin", "idle_reset_s", "tour", "theme", "profile", "page", "speedup", "screens", "unlock", "state_file",
              "status_file", "corner", "hold_s", "max_attempts", "lockout_s", "max_lockout_s"]
VALID_KIOSK = 'pin: "4711"\nidle_reset_s: 30\ntour: tour.yaml\nunlock: {corner: top-left, hold_s: 2}\n'
TOUR_KEYS = ["drive", "length_s", "steps", "profiles", "title", "cycle", "seed", "start_s", "at", "caption",
             "caption_s", *ACTIONS, "zone", "temperature", "fan", "seat_heat", "wheel", "pressure_kpa"]
VALID_TOUR = ("drive: {cycle: wltc, seed: 1, start_s: 10}\nlength_s: 60\nprofiles: {Alex: {theme: light}}\nsteps:\n"
              "  - {at: 0, caption: Hello, page: home}\n  - {at: 5, indicator: left, cruise: 90}\n"
              "  - {at: 9, climate: {zone: driver, temperature: 22.5}, tire: {wheel: front-left, pressure_kpa: 150}}\n")
MAPPING_KEYS = [*KEYS, "VCU_Drive", "VehicleSpeed", "VCU_Gear", "GearSelected", "ParkingBrake", "*latch"]
VALID_MAPPING = ("Vehicle.Speed:\n  message: VCU_Drive\n  signal: VehicleSpeed\n  min_interval_ms: 100\n"
                 "Vehicle.Powertrain.Transmission.SelectedGear:\n  message: VCU_Gear\n  signal: GearSelected\n"
                 "  table: {P: 126, R: -1, N: 0, D: 127, Invalid: null, SNA: null}\n"
                 "Vehicle.Chassis.ParkingBrake.IsEngaged:\n  message: VCU_Gear\n  signal: ParkingBrake\n"
                 "  table: &latch {Released: false, Applied: true, Fault: null, SNA: null}\n"
                 "Vehicle.ADAS.CruiseControl.IsEnabled: {message: ADAS_Status, signal: CruiseEnabled}\n")


@FUZZ
@given(data=yaml_files(KIOSK_KEYS, KIOSK_KEYS + TOUR_KEYS, VALID_KIOSK))
def test_any_kiosk_file_is_a_config_or_a_config_error(data):
    with example_folder() as folder:
        write(folder, "tour.yaml", VALID_TOUR.encode())
        f = write(folder, "kiosk.yaml", data)
        with hang_guard(f"kiosk file {data[:80]!r}"):
            try:
                config = load_config(f)
            except ConfigError as exc:
                assert str(exc).startswith(f"kiosk config {f}: ")
                one_line_naming(str(exc), f)
                return
        assert isinstance(config, KioskConfig) and config.pin.isdigit()


@FUZZ
@given(data=yaml_files(TOUR_KEYS, TOUR_KEYS, VALID_TOUR))
def test_any_tour_is_a_tour_or_a_tour_error(data):
    with example_folder() as folder:
        f = write(folder, "tour.yaml", data)
        with hang_guard(f"tour {data[:80]!r}"):
            try:
                tour = load_tour(f, THEMES)
            except TourError as exc:
                assert str(exc).startswith(f"{f}: ")
                assert "\n" not in str(exc)
                return
        assert isinstance(tour, Tour) and tour.steps and tour.length_s >= tour.steps[-1].at


@FUZZ
@given(data=yaml_files(PATHS[:6] + ["Vehicle.Speed", "Vehicle.Powertrain.Transmission.SelectedGear"],
                       MAPPING_KEYS, VALID_MAPPING))
def test_any_mapping_is_entries_or_a_mapping_error_for_each_problem(data):
    with example_folder() as folder:
        f = write(folder, "mapping.yaml", data)
        with hang_guard(f"mapping {data[:80]!r}"):
            try:
                entries = load_mapping(f, DB)
            except MappingError as exc:
                assert exc.errors and all(e.startswith(f"{f}: ") and "\n" not in e for e in exc.errors)
                return
        assert entries and all(e.path in PATHS or e.path.startswith("Vehicle.") for e in entries)


# ----- themes ----------------------------------------------------------------------------------------

DARK = (THEMES_DIR / "dark.tokens.json").read_text()


def json_values() -> st.SearchStrategy[str]:
    leaf = st.sampled_from(['"#112233"', '"#11223344"', '"red"', "1", "-2.5", "0", "true", "null",
                            '{"value": 12, "unit": "px"}', '{"value": 0.5, "unit": "s"}', '["Inter", "sans"]',
                            '"{palette.grey.50}"', '"{color.text.primary}"', '"{nope}"', '"{x.y}"', '"color"',
                            '"dimension"', '"base.tokens.json"', '"../x.tokens.json"', '"/dev/zero"',
                            *HOSTILE_JSON[2:]])
    names = st.sampled_from(["$value", "$type", "$extensions", "org.cockpit", "extends", "abstract", "title", "mode",
                             "color", "text", "primary", "palette", "a", "a.b", "{a}", ""]) | st.text(max_size=5)
    return st.recursive(leaf, lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(names.map(json.dumps), inner), max_size=5)
        .map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
    ), max_leaves=15)


THEME_FILES = st.one_of(
    st.binary(max_size=300),
    json_values().map(str.encode),
    json_values().flatmap(lambda doc: spliced(doc, HOSTILE_JSON)),
    spliced(DARK, HOSTILE_JSON),
    one_value_changed(DARK, json_values()),
    json_values().map(lambda v: DARK.replace('"color": {', f'"fuzz": {v}, "color": {{', 1).encode()),
)


@FUZZ
@given(data=THEME_FILES)
def test_any_theme_file_is_a_theme_or_a_token_error(data):
    with example_folder() as folder:
        shutil.copy(THEMES_DIR / "base.tokens.json", folder)
        f = write(folder, "t.tokens.json", data)
        with hang_guard(f"theme {data[:80]!r}"):
            assert f in theme_files(folder)  # a broken file is listed: loading it says what is wrong
            try:
                theme = load_theme(f)
            except TokenError as exc:
                message = str(exc)
                assert message.startswith(("t.tokens.json: ", "base.tokens.json: ")) or " is not a theme" in message
                assert "\n" not in message and len(message) < 500, message[:600]
                return
        assert isinstance(theme, ThemeData) and theme.mode in ("dark", "light")
        assert isinstance(theme.nested(), dict)  # the shape QML reads: no token is also a group
        assert all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in theme.tokens.values())


# ----- JSON Lines recordings -------------------------------------------------------------------------

STATUSES = st.sampled_from(["AVAILABLE", "UNAVAILABLE", "STALE", None])
ROWS = st.fixed_dictionaries(
    {"t": st.floats(0, 2) | st.integers(-1, 3) | st.sampled_from([1e300, "0", None])},
    optional={"path": st.sampled_from(PATHS[:5] + ["No.Such", ""]) | st.integers(),
              "value": st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(-1e6, 1e6)
              | st.text(max_size=8) | st.lists(st.integers(), max_size=3),
              "status": STATUSES, "ts": st.floats(0, 2e9) | st.none() | st.text(max_size=3)},
)
LINES = st.one_of(
    ROWS.map(lambda r: json.dumps(r).encode()),
    st.sampled_from([p.encode() for p in HOSTILE_JSON] + HOSTILE_BYTES
                    + [b"", b"   ", b"[]", b"{}", b"[" * 60_000, b'{"t": 0, "path": "' + b"x" * MAX_LINE + b'"}']),
    st.binary(max_size=40),
    ROWS.map(lambda r: json.dumps(r).encode()).flatmap(lambda line: spliced(line.decode(), HOSTILE_JSON)),
)


@FUZZ
@given(lines=st.lists(LINES, max_size=12))
def test_any_recording_replays_every_line_it_can_and_counts_the_rest(lines):
    with example_folder() as folder:
        lines = [line.replace(b"\n", b" ") for line in lines]
        f = write(folder, "r.jsonl", b"\n".join(lines))
        with hang_guard(f"recording {lines[:3]!r}"):
            try:
                source = JsonlReplaySource(f, speed=0)
            except RecordingError as exc:
                one_line_naming(str(exc), f)
                return
            store = SignalStore()
            source.start(store)
            assert source.finished.wait(HANG_S)
            source.stop()
        assert source.error is None
        assert source.stats.replayed >= 1
        assert source.stats.replayed + sum(source.stats.skipped.values()) == sum(1 for line in lines if line.strip())
        assert all("\n" not in example for example in source.stats.first.values())

