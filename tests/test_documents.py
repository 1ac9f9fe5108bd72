"""Files people write, read within bounds (cockpit/documents.py), and every reader of them refusing
the same classes of bad file with its own error: themes, kiosk files, tours, CAN mappings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
import yaml

from cockpit.can.mapping import MappingError, load_dbc, load_mapping
from cockpit.documents import MAX_BYTES, DocumentError, parse_json, parse_yaml, read_text, shown
from cockpit.kiosk.config import ConfigError, load_config
from cockpit.kiosk.tour import TourError, load_tour
from cockpit.resources import ASSETS_DIR, THEMES_DIR
from cockpit.sources.spec import DEMO_DBC, DEMO_MAPPING
from cockpit.theming.tokens import TokenError, load_theme

from .test_file_fuzz import hang_guard

# "billion laughs": nine lists of nine of the one before, 9^9 values in 300 bytes
BOMB = "[&a [lol,lol,lol,lol,lol,lol,lol,lol,lol], " + ", ".join(
    f"&{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)) + "]"


def refused(text: str, parse=parse_yaml) -> str:  # noqa: ANN001
    with pytest.raises(DocumentError) as err:
        parse(text)
    return str(err.value)


# ----- YAML -------------------------------------------------------------------------------------


def test_an_alias_bomb_is_refused_after_a_few_values_in_little_memory():
    tracemalloc.start()
    try:
        reason = refused(f"theme: {BOMB}\n")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert reason.startswith("line 1, column ") and reason.endswith("more than 200,000 values (with aliases expanded)")
    assert peak < 5 << 20  # the 9^9 values were never made; safe_load's shared lists would be walked by a repr


def test_aliases_within_the_bounds_work_as_in_safe_load():
    shipped = ASSETS_DIR / "can" / "tesla-model3.yaml"  # shares one table between five doors with &latch
    assert "*latch" in shipped.read_text()
    assert parse_yaml(shipped.read_text()) == yaml.safe_load(shipped.read_text())
    assert parse_yaml("a: &x [1, 2]\nb: *x\nc: {<<: {k: 1, j: 2}, j: 3}\n") == {"a": [1, 2], "b": [1, 2],
                                                                              "c": {"k": 1, "j": 3}}


@pytest.mark.parametrize("text, reason", [
    ("a: " + "[" * 10_000 + "]" * 10_000, "not valid YAML (exceeded maximum nesting depth)"),  # libyaml's own limit
    ("a: " + "[" * 100_000, "not valid YAML (exceeded maximum nesting depth)"),
    ("a: " + "[" * 70 + "]" * 70, "nested deeper than 64 levels"),  # within libyaml's limit, not within ours
    ("".join(" " * i + f"k{i}:\n" for i in range(70)), "nested deeper than 64 levels"),
    ("a: &u {b: *u}", "alias *u stands for a value that contains it"),  # safe_load makes a recursive dict
    ("pin: '1'\npin: '2'\n", "'pin' appears twice"),  # safe_load keeps the last one silently
    ("a: .nan", "'.nan' is not a finite number"),
    ("a: -.inf", "'-.inf' is not a finite number"),
    ("a: 1.0e+400", "'1.0e+400' is not a finite number"),
    ("a: " + "9" * 5000, "is too long a number"),  # int() refuses past 4,300 digits with a ValueError
    ("a: 2024-13-45", "'2024-13-45': month must be in 1..12"),  # a ValueError from datetime
    ("a: !!python/object/apply:os.system [true]", "not valid YAML (could not determine a constructor"),
    ("a: *nowhere", "not valid YAML (found undefined alias 'nowhere')"),
    ("a: 1\nb: \x07", "line 2: the character U+0007 is not allowed in YAML"),
    ("a: [", "not valid YAML"),
    ("a: 1\n---\nb: 2\n", "not valid YAML (but found another document)"),
])
def test_yaml_beyond_the_bounds_is_refused_with_the_line(text, reason):
    message = refused(text)
    assert message.startswith("line ") and reason in message and "\n" not in message


def test_without_libyaml_the_python_parser_is_held_to_the_same_bounds():
    script = f"""
import yaml
del yaml.CSafeLoader  # a PyYAML built without libyaml
from cockpit.documents import DocumentError, _BoundedLoader, parse_yaml
assert yaml.SafeLoader in _BoundedLoader.__mro__
for text in ({BOMB!r}, "a: " + "[" * 100_000, "a: &u [*u]", "a: 1\\na: 2", "a: .inf", "\\x00"):
    try:
        parse_yaml(text)
    except DocumentError as exc:
        print(exc)
print(parse_yaml(open({str(ASSETS_DIR / "can" / "tesla-model3.yaml")!r}).read()) == yaml.safe_load(
    open({str(ASSETS_DIR / "can" / "tesla-model3.yaml")!r}).read()))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "line 1, column 216: more than 200,000 values (with aliases expanded)",
        "line 1, column 67: nested deeper than 64 levels",
        "line 1, column 8: alias *u stands for a value that contains it",
        "line 2, column 1: 'a' appears twice",
        "line 1, column 4: '.inf' is not a finite number",
        "line 1: the character U+0000 is not allowed in YAML",
        "True",
    ]


# ----- JSON -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, reason", [
    ("[" * 100_000, "line 1, column 65: nested deeper than 64 levels"),  # json.loads: RecursionError
    ('{"a":\n' + "[" * 65 + "]" * 65 + "}", "line 2, column 64: nested deeper than 64 levels"),  # { is one
    ('{"a": NaN}', "NaN is not a number JSON has (RFC 8259)"),
    ('{"a": -Infinity}', "-Infinity is not a number JSON has (RFC 8259)"),
    ('{"a": 1e400}', "'1e400' is too large a number"),  # float() makes it inf
    ('{"a": 1, "a": 2}', "'a' appears twice in one object"),
    ('{"a": ' + "9" * 5000 + "}", "is too long a number (5,000 characters)"),
    ('{"a": ', "line 1, column 7: Expecting value"),
])
def test_json_beyond_the_bounds_is_refused(text, reason):
    assert reason in refused(text, parse_json)


@pytest.mark.parametrize("text", [
    '"\\' * 300_000 + "[" * 65,  # each '"' opened a string that ran to the end: the scan was quadratic
    "[" * 60 + '"' + "x" * 1_000_000 + "[" * 65,
])
def test_the_nesting_scan_reads_a_text_once(text):
    with hang_guard("the nesting scan"):
        with pytest.raises(DocumentError):
            parse_json(text)


def test_brackets_in_json_strings_are_not_nesting():
    text = json.dumps({"a": "[" * 1000 + "\\\"{" * 100, "b": [[1]]})
    assert parse_json(text) == json.loads(text)
    assert parse_json("[" * 64 + "]" * 64) == json.loads("[" * 64 + "]" * 64)


# ----- the file ---------------------------------------------------------------------------------


def test_a_file_is_read_up_to_its_cap_and_no_further(tmp_path):
    at_cap, over = tmp_path / "at.yaml", tmp_path / "over.yaml"
    at_cap.write_bytes(b"#" * MAX_BYTES)
    assert read_text(at_cap) == "#" * MAX_BYTES
    with open(over, "wb") as f:
        f.truncate(8 << 30)  # 8 GiB that take no disk: only the first MiB is read
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError, match=r"^more than 1,048,576 bytes, too large"):
            read_text(over)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_BYTES


@pytest.mark.parametrize("make, reason", [
    (lambda p: os.mkfifo(p), "a named pipe (FIFO), not a file"),  # opening it would wait for a writer
    (lambda p: p.mkdir(), "a folder, not a file"),
    (lambda p: None, "cannot read it (No such file or directory)"),
    (lambda p: p.write_bytes(b"a: 1\nb: caf\xe9\n"), "line 2, column 7: not UTF-8 text (byte 0xe9)"),
    (lambda p: p.write_text("a: 1", encoding="utf-16"), "line 1, column 1: not UTF-8 text (byte 0xff)"),
])
def test_what_is_no_readable_text_file_is_said(tmp_path, make, reason):
    path = tmp_path / "f.yaml"
    make(path)
    with pytest.raises(DocumentError) as err:
        read_text(path)
    assert str(err.value) == reason


def test_a_device_is_refused():
    with pytest.raises(DocumentError, match="^a character device, not a file$"):
        read_text("/dev/zero")


def test_a_byte_order_mark_is_no_part_of_the_text(tmp_path):
    (tmp_path / "f.yaml").write_bytes("\ufeffa: 1\n".encode())
    assert parse_yaml(read_text(tmp_path / "f.yaml")) == {"a": 1}


def test_a_value_quoted_in_a_message_is_cut_short():
    assert len(shown("x" * 100_000)) <= 80
    assert len(shown(list(range(100_000)))) <= 80
    assert len(shown(["x" * 1000] * 1000)) <= 80
    nested: list = []
    for _ in range(1000):
        nested = [nested]
    assert len(shown(nested)) <= 80


# ----- every reader -----------------------------------------------------------------------------

DB = load_dbc(DEMO_DBC)
THEMES = {"dark", "light"}
JSON_BAD = {
    "nested 100,000 deep": ('{"a": ' + "[" * 100_000, "line 1, column 70: nested deeper than 64 levels"),
    "NaN": ('{"c": {"$type": "number", "n": {"$value": NaN}}}', "NaN is not a number JSON has"),
    "a key twice": ('{"c": {}, "c": {}}', "'c' appears twice in one object"),
}
YAML_BAD = {
    "an alias bomb": (f"x: {BOMB}\n", "line 1, column 219: more than 200,000 values"),
    "nested 70 deep": ("x: " + "[" * 70 + "]" * 70, "line 1, column 67: nested deeper than 64 levels"),
    "a recursive alias": ("x: &u [*u]\n", "line 1, column 8: alias *u stands for a value that contains it"),
    "NaN": ("x: .nan\n", "line 1, column 4: '.nan' is not a finite number"),
    "a key twice": ("x: 1\nx: 2\n", "line 2, column 1: 'x' appears twice"),
}
ANY_BAD = {
    "not UTF-8": (b"\xff\xfe", "line 1, column 1: not UTF-8 text (byte 0xff)"),
    "over the size cap": (b" " * (MAX_BYTES + 1), "more than 1,048,576 bytes, too large"),
    "a named pipe": (None, "a named pipe (FIFO), not a file"),
}
READERS = {  # name: (read, its error type, file suffix, the bad documents of its format)
    "theme": (load_theme, TokenError, ".tokens.json", JSON_BAD),
    "kiosk file": (load_config, ConfigError, ".yaml", YAML_BAD),
    "tour": (lambda f: load_tour(f, THEMES), TourError, ".yaml", YAML_BAD),
    "mapping": (lambda f: load_mapping(f, DB), MappingError, ".yaml", YAML_BAD),
}
CASES = [(reader, case, *bad) for reader, (_, _, _, own) in READERS.items()
         for case, bad in {**own, **ANY_BAD}.items()]


@pytest.mark.parametrize("reader, case, content, reason", CASES, ids=[f"{r}: {c}" for r, c, *_ in CASES])
def test_every_reader_refuses_each_class_of_bad_file_with_its_own_error(tmp_path, reader, case, content, reason):
    read, error, suffix, _ = READERS[reader]
    path = tmp_path / f"bad{suffix}"
    if content is None:
        os.mkfifo(path)
    else:
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(error) as err:
        read(path)
    message = str(err.value)
    assert path.name in message and reason in message, message
    assert "\n" not in message and len(message) < 300


def test_the_shipped_files_load_through_the_bounded_reader():
    config = load_config()
    assert load_tour(config.tour).steps
    assert load_mapping(DEMO_MAPPING, DB)  # the Tesla mapping (with its aliases) is tests/test_can_tesla.py's
    for theme in THEMES_DIR.glob("*.tokens.json"):
        load_theme(theme)


def test_the_cli_says_it_in_one_line_with_status_2(tmp_path):
    bomb = tmp_path / "kiosk.yaml"
    bomb.write_text(f'pin: "4711"\ntheme: {BOMB}\n')  # hung 'kiosk check' (a repr of 9^9 values)
    out = subprocess.run([sys.executable, "-m", "cockpit.cli", "kiosk", "check", "--kiosk-config", str(bomb)],
                         capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[1],
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 2
    assert out.stderr == (f"cockpit: kiosk config {bomb}: line 2, column 223: more than 200,000 values "
                          "(with aliases expanded)\n")


@pytest.mark.parametrize("text, shown_as", [
    ('"Vehicle.\\nSpeed": {message: VCU_Drive, signal: VehicleSpeed}', "'Vehicle.\\nSpeed': unknown VSS path"),
    ("Vehicle.Speed: {message: VCU_Drive, signal: VehicleSpeed, \"a\\nb\": 1}", "unknown key 'a\\nb'"),
    ("? " + "V" * 5000 + "\n: {message: x}", "'VVVVVVVVVV"),  # a long key is written after '?'
])
def test_names_from_a_mapping_are_quoted_on_one_line(tmp_path, text, shown_as):
    f = tmp_path / "m.yaml"
    f.write_text(text)
    with pytest.raises(MappingError) as err:
        load_mapping(f, DB)
    assert shown_as in str(err.value) and "\n" not in str(err.value) and len(str(err.value)) < 300
