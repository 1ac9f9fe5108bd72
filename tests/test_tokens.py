"""Design-token loading: aliases, inheritance, conversions and clear errors."""

import json
import os
import re
import shutil

import pytest

from cockpit.resources import THEMES_DIR
from cockpit.theming.tokens import TokenError, load_theme, theme_files


def write(folder, name, data):
    path = folder / f"{name}.tokens.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return path


def test_shipped_themes_load_and_define_the_same_tokens():
    themes = [load_theme(f) for f in theme_files(THEMES_DIR)]
    assert {t.name for t in themes} >= {"dark", "light"}
    assert {t.mode for t in themes} == {"dark", "light"}
    names = [set(t.tokens) for t in themes]
    assert all(n == names[0] for n in names)
    assert "base" not in {t.name for t in themes}  # abstract files are not selectable


def test_aliases_resolve_through_chains_and_types_inherit(tmp_path):
    f = write(tmp_path, "t", {
        "palette": {"$type": "color", "ink": {"$value": "#112233"}},
        "color": {"$type": "color", "text": {"$value": "{palette.ink}"}, "title": {"$value": "{color.text}"}},
        "size": {"gap": {"$type": "dimension", "$value": {"value": 12, "unit": "px"}}},
        "motion": {"$type": "duration", "slow": {"$value": {"value": 0.5, "unit": "s"}}},
    })
    t = load_theme(f)
    assert t.tokens["color.title"] == "#112233"
    assert t.tokens["size.gap"] == 12
    assert t.tokens["motion.slow"] == 500
    assert t.nested()["color"]["text"] == "#112233"


def test_extends_overrides_the_base(tmp_path):
    write(tmp_path, "base", {"$extensions": {"org.cockpit": {"abstract": True}},
                             "c": {"$type": "color", "a": {"$value": "#000000"}, "b": {"$value": "#111111"}}})
    f = write(tmp_path, "child", {"$extensions": {"org.cockpit": {"extends": "base.tokens.json", "mode": "light"}},
                                  "c": {"$type": "color", "b": {"$value": "{c.a}"}}})
    t = load_theme(f)
    assert t.tokens == {"c.a": "#000000", "c.b": "#000000"} and t.mode == "light"
    assert [p.name for p in theme_files(tmp_path)] == ["child.tokens.json"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"c": {"$type": "color", "a": {"$value": "{c.b}"}, "b": {"$value": "{c.a}"}}},
         "t.tokens.json: c.a: alias cycle"),
        ({"c": {"$type": "color", "a": {"$value": "{c.missing}"}}},
         "t.tokens.json: c.a: unknown reference {c.missing}"),
        ({"c": {"$type": "color", "a": {"$value": "red"}}}, "c.a: colour 'red' is not #rrggbb"),
        ({"c": {"a": {"$value": "#ffffff"}}}, "c.a: no $type"),
        ({"s": {"$type": "dimension", "a": {"$value": "12px"}}}, "s.a: dimension '12px' must be"),
        ({"s": {"$type": "gradient", "a": {"$value": 1}}}, "s.a: unsupported $type 'gradient'"),
        ('{"c": {', "t.tokens.json: line 1"),
    ],
)
def test_errors_name_the_file_and_the_token(tmp_path, data, message):
    with pytest.raises(TokenError) as err:
        load_theme(write(tmp_path, "t", data))
    assert message in str(err.value)


def test_extends_cycle_is_reported(tmp_path):
    write(tmp_path, "a", {"$extensions": {"org.cockpit": {"extends": "b.tokens.json"}}})
    write(tmp_path, "b", {"$extensions": {"org.cockpit": {"extends": "a.tokens.json"}}})
    with pytest.raises(TokenError, match="extends.*cycle"):
        load_theme(tmp_path / "a.tokens.json")


# ----- bad files: each class refused with the file and the reason, never a traceback or a hang -----

DARK = json.loads((THEMES_DIR / "dark.tokens.json").read_text())


def designer_folder(tmp_path, **cockpit_settings):
    shutil.copy(THEMES_DIR / "base.tokens.json", tmp_path)
    theme = json.loads(json.dumps(DARK))
    theme["$extensions"]["org.cockpit"].update(cockpit_settings)
    return write(tmp_path, "t", theme)


@pytest.mark.parametrize("base", ["../base.tokens.json", "/etc/passwd", "/dev/zero", "sub/base.tokens.json",
                                  "base.json", "", "base\0.tokens.json", 5, ["base.tokens.json"], None, True])
def test_extends_names_a_theme_file_beside_the_theme_and_nothing_else(tmp_path, base):
    (tmp_path / "sub").mkdir()
    shutil.copy(THEMES_DIR / "base.tokens.json", tmp_path / "sub")
    shutil.copy(THEMES_DIR / "base.tokens.json", tmp_path.parent / "base.tokens.json")  # what '../' would reach
    with pytest.raises(TokenError) as err:
        load_theme(designer_folder(tmp_path, extends=base))
    message = str(err.value)
    assert message.startswith("t.tokens.json: ") and "\n" not in message
    assert ("'extends' must name a theme file in the same folder" in message if isinstance(base, str)
            else "extends must be text" in message)


def test_extends_of_a_file_that_is_not_there_names_it(tmp_path):
    with pytest.raises(TokenError, match=r"^t.tokens.json: extends 'nothere.tokens.json': cannot read it "
                                         r"\(No such file or directory\)$"):
        load_theme(designer_folder(tmp_path, extends="nothere.tokens.json"))


@pytest.mark.parametrize("settings, message", [
    ({"$extensions": 5}, "$extensions and $extensions.\"org.cockpit\" must be JSON objects"),
    ({"$extensions": {"org.cockpit": []}}, "must be JSON objects"),
    ({"$extensions": {"org.cockpit": {"extend": "base.tokens.json"}}}, "unknown setting 'extend'"),
    ({"$extensions": {"org.cockpit": {"mode": "purple"}}}, "mode must be dark or light, got 'purple'"),
    ({"$extensions": {"org.cockpit": {"title": ["x"]}}}, ".title must be text, got ['x']"),
    ({"$extensions": {"org.cockpit": {"abstract": "yes"}}}, ".abstract must be true or false"),
])
def test_the_cockpit_settings_of_a_theme_are_checked(tmp_path, settings, message):
    with pytest.raises(TokenError, match=re.escape(message)):
        load_theme(write(tmp_path, "t", {**settings, "c": {"$type": "color", "a": {"$value": "#000000"}}}))


def test_a_5000_step_alias_chain_resolves(tmp_path):
    chain = {f"c{i}": {"$value": f"{{chain.c{i + 1}}}"} for i in range(5000)}  # was a RecursionError
    t = load_theme(write(tmp_path, "t", {"chain": {"$type": "color", **chain, "c5000": {"$value": "#A0B0C0"}}}))
    assert t.tokens["chain.c0"] == t.tokens["chain.c4999"] == "#a0b0c0"


def test_a_long_alias_cycle_is_said_in_a_short_line(tmp_path):
    cycle = {f"c{i}": {"$value": f"{{chain.c{(i + 1) % 5000}}}"} for i in range(5000)}
    with pytest.raises(TokenError) as err:
        load_theme(write(tmp_path, "t", {"chain": {"$type": "color", **cycle}}))
    assert str(err.value) == ("t.tokens.json: chain.c0: alias cycle: chain.c0 -> chain.c1 -> chain.c2 -> "
                              "… 4997 more … -> chain.c0")


@pytest.mark.parametrize("data, message", [
    ({"c": {"$type": "string", "a.b": {"$value": "x"}}}, "'c.a.b': a token or group name is printable text of at most"
                                                          " 100 characters without '.', '{' or '}'"),
    ({"c": {"$type": "string", "{a}": {"$value": "x"}}}, "'c.{a}': a token or group name is"),
    ({"c": {"$type": "string", "": {"$value": "x"}}}, "'c.': a token or group name is"),
    ({"c": {"$type": "string", "a\nb": {"$value": "x"}}}, "'c.a\\nb': a token or group name is"),  # a line break
    ({"c": {"$type": "string", "x" * 101: {"$value": "x"}}}, "'c.xxxxxxx"),
    ({"c": {"$type": "color", "a": {"$value": "{a\nb}"}}}, "c.a: unknown reference '{a\\nb}'"),
    ({"c": {"$type": "string", "a": {"$value": "x", "b": {"$value": "y"}}}}, "c.a: a token holds no tokens"),
    ({"s": {"$type": "dimension", "a": {"$value": {"value": True, "unit": "px"}}}},
     "s.a: dimension {'unit': 'px', 'value': True} must be"),  # True was taken for 1
    ({"s": {"$type": "string", "a": {"$value": ["x" * 100_000]}}}, "s.a: string ['xxxxxxxxxxxxxxxxxxxx"),
])
def test_names_and_values_a_theme_cannot_mean_are_refused(tmp_path, data, message):
    with pytest.raises(TokenError) as err:
        load_theme(write(tmp_path, "t", data))
    assert message in str(err.value) and len(str(err.value)) < 200


def test_a_theme_cannot_turn_a_token_of_its_base_into_a_group(tmp_path):
    write(tmp_path, "base", {"$extensions": {"org.cockpit": {"abstract": True}},
                             "c": {"$type": "color", "a": {"$value": "#000000"}}})
    f = write(tmp_path, "t", {"$extensions": {"org.cockpit": {"extends": "base.tokens.json"}},
                              "c": {"$type": "color", "a": {"x": {"$value": "#111111"}}}})
    with pytest.raises(TokenError, match="c.a: a token and a group at once"):  # was an AttributeError in nested()
        load_theme(f)


@pytest.mark.parametrize("content, message", [
    ('{"c": ' + "[" * 10_000 + "]" * 10_000 + "}", "line 1, column 70: nested deeper than 64 levels"),
    ('{"a":' * 10_000 + "1" + "}" * 10_000, "line 1, column 321: nested deeper than 64 levels"),  # groups
    (b'{"title": "Caf\xe9"}', "line 1, column 15: not UTF-8 text (byte 0xe9)"),
    ('{"n": {"$type": "number", "$value": NaN}}', "NaN is not a number JSON has"),
    ('{"n": {"$type": "number", "$value": 1e999}}', "'1e999' is too large a number"),
    ('{"n": {"$type": "number", "$value": ' + "9" * 5000 + "}}", "is too long a number"),
    ('{"c": {}, "c": {}}', "'c' appears twice in one object"),
    (b" " * (1 << 20) + b"{}", "more than 1,048,576 bytes"),
    ("[]", "the top level must be a JSON object of token groups"),
    ("", "line 1, column 1: Expecting value"),
])
def test_a_file_that_is_no_theme_is_refused_with_the_reason(tmp_path, content, message):
    f = tmp_path / "t.tokens.json"
    f.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(TokenError) as err:
        load_theme(f)
    assert str(err.value).startswith("t.tokens.json: ") and message in str(err.value)


def test_a_folder_with_broken_files_and_a_fifo_is_listed_without_hanging(tmp_path):
    shutil.copy(THEMES_DIR / "base.tokens.json", tmp_path)
    shutil.copy(THEMES_DIR / "dark.tokens.json", tmp_path)
    (tmp_path / "deep.tokens.json").write_text("[" * 100_000)
    (tmp_path / "bytes.tokens.json").write_bytes(b"\xff" * 10)
    os.mkfifo(tmp_path / "pipe.tokens.json")  # reading it would wait for a writer forever
    names = [f.name for f in theme_files(tmp_path)]
    assert names == ["bytes.tokens.json", "dark.tokens.json", "deep.tokens.json", "pipe.tokens.json"]
    with pytest.raises(TokenError, match="^pipe.tokens.json: a named pipe"):
        load_theme(tmp_path / "pipe.tokens.json")


@pytest.mark.parametrize("name", ["../dark", "/etc/passwd", "sub/dark", "", "dark\0", "dark/"])
def test_a_theme_is_chosen_by_name_never_by_path(qapp, tmp_path, name):
    from cockpit.theming.theme import Theme

    (tmp_path / "sub").mkdir()
    shutil.copy(THEMES_DIR / "dark.tokens.json", tmp_path / "sub")
    theme = Theme(folders=[tmp_path / "sub", THEMES_DIR])
    with pytest.raises(TokenError, match="is not a theme name"):
        theme.file(name)
    assert theme.use(name) is False and theme.property("name") == "dark"


def test_themes_check_reports_a_bad_file_in_one_line(tmp_path):
    from .test_cli import cockpit

    f = tmp_path / "deep.tokens.json"
    f.write_text("[" * 100_000)  # was a RecursionError traceback
    result = cockpit("themes", "check", str(f))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "✗ deep.tokens.json: line 1, column 65: nested deeper than 64 levels" in result.stdout


def test_a_theme_name_too_long_for_the_disk_is_no_theme(qapp):
    from cockpit.theming.theme import Theme

    theme = Theme()
    with pytest.raises(TokenError, match="^no theme named 'xxxx"):  # was an OSError (File name too long)
        theme.file("x" * 300)
    assert theme.use("x" * 300) is False and theme.property("name") == "dark"
