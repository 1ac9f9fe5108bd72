"""Design-token loading: aliases, inheritance, conversions and clear errors."""

import json

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
