"""Legibility and safety checks of themes: colour maths, each rule, the shipped themes, main()."""

import copy
import json

import pytest

from cockpit.resources import THEMES_DIR
from cockpit.theming import check
from cockpit.theming.check import TOKEN_GROUPS, check_paths, check_theme, main
from cockpit.theming.contrast import composite, contrast, hsl, hue_distance, luminance, parse
from cockpit.theming.tokens import theme_files

# --- colour maths -------------------------------------------------------------------------


@pytest.mark.parametrize("fg, bg, ratio", [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#000000", 21.0),  # order does not matter
    ("#777777", "#ffffff", 4.48),  # the classic grey that just fails AA
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
    ("#595959", "#ffffff", 7.0),  # AAA on white
    ("#0000ff", "#ffffff", 8.59),
    ("#ff0000", "#ffffff", 4.0),
    ("#00ff00", "#000000", 15.3),
    ("#123456", "#123456", 1.0),
])
def test_contrast_of_known_pairs(fg, bg, ratio):
    assert contrast(fg, bg) == pytest.approx(ratio, abs=0.01)


def test_luminance_of_pure_colours_is_the_wcag_weights():
    assert luminance("#ffffff") == pytest.approx(1.0)
    assert luminance("#000000") == 0.0
    assert luminance("#ff0000") == pytest.approx(0.2126)
    assert luminance("#00ff00") == pytest.approx(0.7152)
    assert luminance("#0000ff") == pytest.approx(0.0722)
    # below the 0.04045 knee sRGB is linear (c / 12.92); above it the 2.4 power curve
    assert luminance("#0a0a0a") == pytest.approx(10 / 255 / 12.92)
    assert luminance("#808080") == pytest.approx(((128 / 255 + 0.055) / 1.055) ** 2.4)


def test_alpha_is_composited_over_the_background():
    half_black = parse("#00000080")
    assert half_black.a == pytest.approx(128 / 255)
    assert composite("#00000080", "#ffffff").hex() == "#7f7f7f"
    assert composite("#ff000000", "#123456").hex() == "#123456"  # fully transparent: the background
    assert composite("#abcdef", "#000000").hex() == "#abcdef"  # opaque: itself
    assert contrast("#00000080", "#ffffff") == pytest.approx(contrast("#7f7f7f", "#ffffff"))
    assert contrast("#ffffff00", "#000000") == pytest.approx(1.0)


def test_hsl_and_hue_distance():
    assert hsl("#ff0000").h == 0 and hsl("#ff0000").s == 1
    assert hsl("#00ff00").h == pytest.approx(120)
    assert hsl("#0000ff").h == pytest.approx(240)
    assert hsl("#ffb020").h == pytest.approx(38.7, abs=0.1)
    grey = hsl("#808080")
    assert grey.s == 0 and grey.l == pytest.approx(128 / 255)
    assert hue_distance(350, 10) == 20 and hue_distance(10, 350) == 20 and hue_distance(0, 180) == 180


@pytest.mark.parametrize("bad", ["red", "#fff", "#12345", "#1234567", "#gggggg", ""])
def test_bad_colours_are_refused(bad):
    with pytest.raises(ValueError, match="not #rrggbb"):
        parse(bad)


# --- synthetic themes ---------------------------------------------------------------------


def dim(px):
    return {"$value": {"value": px, "unit": "px"}}


GOOD = {
    "$extensions": {"org.cockpit": {"title": "Test", "mode": "dark"}},
    "color": {
        "$type": "color",
        "background": {"base": {"$value": "#000000"}, "surface": {"$value": "#111111"},
                       "raised": {"$value": "#1c1c1c"}},
        "text": {"primary": {"$value": "#ffffff"}, "secondary": {"$value": "#bbbbbb"},
                 "disabled": {"$value": "#444444"}, "onAccent": {"$value": "#000000"}},
        "accent": {"$value": "#38d6e8"},
        "selected": {"$value": "#0d3136"},
        "gauge": {"track": {"$value": "#222222"}, "needle": {"$value": "#ff5a52"},
                  "speed": {"$value": "#38d6e8"}, "stale": {"$value": "#333333"}},
        "telltale": {"danger": {"$value": "#ff5a52"}, "warning": {"$value": "#ffb020"},
                     "on": {"$value": "#3ddc84"}, "highBeam": {"$value": "#4f8dff"}},
        "state": {"pending": {"$value": "{color.telltale.warning}"}, "error": {"$value": "{color.telltale.danger}"}},
    },
    "font": {"size": {"$type": "dimension", "caption": dim(24), "body": dim(28)}},
    "size": {"$type": "dimension", "touchTarget": dim(88)},
}


def theme(tmp_path, edit=None, name="t"):
    data = copy.deepcopy(GOOD)
    if edit:
        edit(data)
    path = tmp_path / f"{name}.tokens.json"
    path.write_text(json.dumps(data))
    return path


@pytest.fixture
def qml(tmp_path):
    """A view folder that uses a few tokens, and nothing undefined."""
    folder = tmp_path / "qml" / "Views"
    folder.mkdir(parents=True)
    (folder / "Ok.qml").write_text(
        "import QtQuick\nimport Cockpit.Theme\n"
        "Text { color: Theme.color.text.primary; font.pixelSize: Theme.font.size.body }\n")
    return tmp_path / "qml"


def failed(report, rule):
    return [f for f in report.findings if f.rule == rule]


def test_a_good_synthetic_theme_passes_every_rule(tmp_path, qml):
    report = check_theme(theme(tmp_path), qml)
    assert report.ok and not report.findings, report.text()
    assert {f.rule for f in report.results} == set(check.RULES)


def test_low_contrast_text_is_an_error_naming_the_tokens_and_ratio(tmp_path, qml):
    def grey_text(d):
        d["color"]["text"]["secondary"]["$value"] = "#555555"

    report = check_theme(theme(tmp_path, grey_text), qml)
    bad = failed(report, "text-contrast")
    assert not report.ok
    assert {f.tokens for f in bad} == {("color.text.secondary", bg) for bg in (
        "color.background.base", "color.background.surface", "color.background.raised", "color.selected")}
    on_base = next(f for f in bad if f.tokens[1] == "color.background.base")
    assert on_base.measured == pytest.approx(2.81, abs=0.01) and on_base.threshold == 4.5
    text = report.text()
    assert "✗ color.text.secondary on color.background.base: 2.81:1 < 4.5 (#555555 on #000000)" in text
    assert "✗ text contrast ≥ 4.5:1" in text


def test_disabled_text_is_exempt_and_the_report_says_why(tmp_path, qml):
    report = check_theme(theme(tmp_path), qml)  # text.disabled #444444 on black: 2.1:1
    assert report.ok
    assert not any("color.text.disabled" in f.tokens for f in report.results if f.rule == "text-contrast")
    assert "color.text.disabled not measured: WCAG 2.x SC 1.4.3 exempts" in report.text()


def test_text_on_accent_is_paired_with_the_accent(tmp_path, qml):
    def white_on_cyan(d):
        d["color"]["text"]["onAccent"]["$value"] = "#ffffff"

    bad = failed(check_theme(theme(tmp_path, white_on_cyan), qml), "text-contrast")
    assert [f.tokens for f in bad] == [("color.text.onAccent", "color.accent")]


def test_status_colours_drawn_as_text_meet_the_text_threshold(tmp_path, qml):
    def dim_red(d):  # 3.3:1 on black: fine for a telltale (3:1), too faint for "Not applied" in red
        d["color"]["telltale"]["danger"]["$value"] = "#d02020"

    report = check_theme(theme(tmp_path, dim_red), qml)
    assert {f.tokens[0] for f in failed(report, "text-contrast")} == {"color.telltale.danger", "color.state.error"}
    assert not failed(report, "ui-contrast")


def test_ui_element_below_three_to_one_is_an_error(tmp_path, qml):
    def dark_needle(d):
        d["color"]["gauge"]["needle"]["$value"] = "#503030"

    bad = failed(check_theme(theme(tmp_path, dark_needle), qml), "ui-contrast")
    assert {f.tokens for f in bad} == {("color.gauge.needle", "color.background.base"),
                                       ("color.gauge.needle", "color.gauge.track")}
    assert all(f.threshold == 3.0 and f.measured < 3 for f in bad)


def test_stale_gauge_grey_is_not_a_ui_element(tmp_path, qml):
    # #333333 on black is 1.7:1 and fine: a missing reading is greyed on purpose
    report = check_theme(theme(tmp_path), qml)
    assert not any("color.gauge.stale" in f.tokens for f in report.results if f.rule == "ui-contrast")


def test_blue_used_for_a_warning_state_is_an_error(tmp_path, qml):
    def blue_pending(d):
        d["color"]["state"]["pending"]["$value"] = "#4f8dff"

    bad = failed(check_theme(theme(tmp_path, blue_pending), qml), "telltale-colour")
    assert [f.tokens for f in bad] == [("color.state.pending",)]
    assert "reserved for the high beam" in bad[0].figure


def test_blue_warning_telltale_fails_both_its_meaning_and_the_reservation(tmp_path, qml):
    def blue_warning(d):
        d["color"]["telltale"]["warning"]["$value"] = "#3050ff"

    bad = failed(check_theme(theme(tmp_path, blue_warning), qml), "telltale-colour")
    assert {f.subject for f in bad} >= {"color.telltale.warning is amber/yellow", "color.telltale.warning is not blue"}


def test_cyan_and_blue_grey_are_not_blue(tmp_path, qml):
    def cyan_and_slate(d):
        d["color"]["gauge"]["speed"]["$value"] = "#38d6e8"  # hue 186°
        d["color"]["gauge"]["stale"]["$value"] = "#4d5560"  # hue 215°, saturation 11%

    assert not failed(check_theme(theme(tmp_path, cyan_and_slate), qml), "telltale-colour")


def test_red_telltale_turned_orange_loses_its_meaning(tmp_path, qml):
    def orange(d):
        d["color"]["telltale"]["danger"]["$value"] = "#ff8c00"

    bad = failed(check_theme(theme(tmp_path, orange), qml), "telltale-colour")
    assert [f.subject for f in bad] == ["color.telltale.danger is red"]
    assert bad[0].measured == pytest.approx(32.9, abs=0.1)
    assert "outside red" in bad[0].figure


def test_greyish_telltale_is_not_saturated_enough(tmp_path, qml):
    def washed_out_green(d):
        d["color"]["telltale"]["on"]["$value"] = "#7a9a85"

    bad = failed(check_theme(theme(tmp_path, washed_out_green), qml), "telltale-colour")
    assert [f.subject for f in bad] == ["color.telltale.on is green"] and "saturation" in bad[0].figure


def test_missing_telltale_colour_is_an_error(tmp_path, qml):
    def no_high_beam(d):
        del d["color"]["telltale"]["highBeam"]

    bad = failed(check_theme(theme(tmp_path, no_high_beam), qml), "telltale-colour")
    assert [f.subject for f in bad] == ["color.telltale.highBeam is not defined"]


def test_tiny_font_is_an_error(tmp_path, qml):
    def tiny(d):
        d["font"]["size"]["footnote"] = dim(18)

    report = check_theme(theme(tmp_path, tiny), qml)
    bad = failed(report, "text-size")
    assert [(f.subject, f.measured, f.threshold) for f in bad] == [("font.size.footnote", 18, 24)]
    assert "✗ font.size.footnote: 18 px < 24" in report.text()


def test_small_touch_target_is_an_error(tmp_path, qml):
    def small(d):
        d["size"]["touchTarget"] = dim(64)

    bad = failed(check_theme(theme(tmp_path, small), qml), "touch-target")
    assert [(f.subject, f.measured, f.threshold) for f in bad] == [("size.touchTarget", 64, 76)]


def test_missing_touch_target_is_an_error(tmp_path, qml):
    def none(d):
        del d["size"]

    assert [f.subject for f in failed(check_theme(theme(tmp_path, none), qml), "touch-target")] == [
        "size.touchTarget is not defined"]


def test_undefined_token_in_a_view_is_reported_with_file_and_line(tmp_path, qml):
    (qml / "Views" / "Bad.qml").write_text(
        "import QtQuick\n"
        "import Cockpit.Theme\n"
        "Rectangle {\n"
        "    // Theme.color.inAComment is not a use\n"
        "    property string why: \"Theme.color.inAString\"\n"
        "    color: Theme.dark ? Theme.color.background.base : Theme.color.background.raised\n"
        "    border.color: Theme.color.telltale[role]\n"
        "    Text { text: Theme.title + Theme.error; color: Theme.color.text.tertiary }\n"
        "    Text { color: Theme.color.text.tertiary }\n"
        "}\n")
    (qml / "Views" / "Helpers.js").write_text(".pragma library\nfunction gap() { return Theme.space.huge }\n")
    report = check_theme(theme(tmp_path), qml)
    bad = failed(report, "tokens-defined")
    assert {f.subject: [w.rsplit("qml/", 1)[-1] for w in f.where] for f in bad} == {
        "Theme.color.text.tertiary": ["Views/Bad.qml:8", "Views/Bad.qml:9"],
        "Theme.space.huge": ["Views/Helpers.js:2"],
    }
    assert all(f.severity == "error" for f in bad) and not report.ok
    used = {f.subject for f in report.results if f.rule == "tokens-defined"}
    assert "Theme.color.telltale" in used  # a group picked by key at run time: defined
    assert not used & {"Theme.dark", "Theme.title", "Theme.error", "Theme.color.inAComment", "Theme.color.inAString"}
    assert "Bad.qml:8" in report.text()


def test_a_text_size_set_by_a_number_in_a_view_is_a_warning(tmp_path, qml):
    (qml / "Views" / "Small.qml").write_text(
        "import QtQuick\nimport Cockpit.Theme\nText {\n    font.pixelSize: Theme.font.size.caption * 0.5\n}\n")
    report = check_theme(theme(tmp_path), qml)
    assert report.ok and [f.where[0].endswith("Small.qml:4") for f in report.warnings] == [True]


def test_a_missing_qml_folder_is_a_warning(tmp_path):
    report = check_theme(theme(tmp_path), tmp_path / "nowhere")
    assert report.ok and [f.rule for f in report.warnings] == ["tokens-defined"]


@pytest.mark.parametrize("content, message", [
    ('{"color": {', "line 1"),
    (json.dumps({"c": {"$type": "color", "a": {"$value": "{c.b}"}, "b": {"$value": "{c.a}"}}}), "alias cycle"),
    (json.dumps({"c": {"$type": "color", "a": {"$value": "red"}}}), "not #rrggbb"),
])
def test_a_broken_theme_is_reported_not_raised(tmp_path, qml, content, message):
    path = tmp_path / "broken.tokens.json"
    path.write_text(content)
    report = check_theme(path, qml)
    assert not report.ok and [f.rule for f in report.findings] == ["load"]
    assert message in report.findings[0].subject and "broken.tokens.json" in report.findings[0].subject
    assert "✗ theme file loads" in report.text()


def test_folders_skip_abstract_bases_but_load_them_through_extends(tmp_path, qml):
    base = copy.deepcopy(GOOD)
    base["$extensions"] = {"org.cockpit": {"abstract": True}}
    (tmp_path / "base.tokens.json").write_text(json.dumps(base))
    (tmp_path / "child.tokens.json").write_text(json.dumps({
        "$extensions": {"org.cockpit": {"extends": "base.tokens.json", "title": "Child", "mode": "light"}}}))
    reports = check_paths([tmp_path], qml)
    assert [(r.name, r.title, r.ok) for r in reports] == [("child", "Child", True)]
    only_base = check_paths([tmp_path / "base.tokens.json"], qml)
    assert only_base[0].skipped and only_base[0].ok and "skipped" in only_base[0].text()


def test_missing_paths_and_empty_folders_are_errors(tmp_path, qml):
    (tmp_path / "empty").mkdir()
    reports = check_paths([tmp_path / "nope.tokens.json", tmp_path / "empty"], qml)
    assert [r.ok for r in reports] == [False, False]
    assert reports[0].findings[0].subject == "nope.tokens.json: cannot read it (No such file or directory)"
    assert "no *.tokens.json" in reports[1].findings[0].subject


def test_report_to_json(tmp_path, qml):
    def tiny(d):
        d["font"]["size"]["caption"] = dim(20)

    data = json.loads(json.dumps(check_theme(theme(tmp_path, tiny), qml).to_json()))
    assert data["theme"] == "t" and data["ok"] is False and data["errors"] == 1
    assert data["findings"] == [{
        "rule": "text-size", "passed": False, "severity": "error", "subject": "font.size.caption",
        "tokens": ["font.size.caption"], "measured": 20, "threshold": 24, "figure": "20 px < 24", "where": [],
        "detail": ""}]


# --- the shipped themes and main() --------------------------------------------------------


def test_every_shipped_theme_passes():
    reports = check_paths([THEMES_DIR])
    assert {r.name for r in reports} == {f.name.removesuffix(".tokens.json") for f in theme_files(THEMES_DIR)}
    assert {"dark", "light"} <= {r.name for r in reports}
    for r in reports:
        assert r.ok, r.text()
        assert not r.warnings, r.text()
        assert sum(f.rule == "tokens-defined" for f in r.results) > 50  # the real views were read


def test_main_exit_codes(tmp_path, qml, capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Cockpit Dark" in out and "Cockpit Light" in out and "fail" not in out.splitlines()[-1]

    good = theme(tmp_path, name="good")
    bad = theme(tmp_path, lambda d: d["size"].update(touchTarget=dim(40)), name="bad")
    assert main([str(good)], qml_dir=qml) == 0
    assert main([str(good), str(bad)], qml_dir=qml) == 1
    out = capsys.readouterr().out
    assert "✗ size.touchTarget: 40 px < 76" in out and out.splitlines()[-1].endswith("1 fail (bad)")
    assert main([str(tmp_path / "missing.tokens.json")], qml_dir=qml) == 1

    capsys.readouterr()
    assert main([str(bad)], qml_dir=qml, as_json=True) == 1
    assert json.loads(capsys.readouterr().out)[0]["errors"] == 1


def test_token_groups_match_the_theme_singleton():
    """The views' token groups are the singleton's QVariant properties; anything else is not a token."""
    from cockpit.theming.theme import Theme

    meta = Theme.staticMetaObject
    maps = {meta.property(i).name() for i in range(meta.propertyOffset(), meta.propertyCount())
            if meta.property(i).typeName() == "QVariant"}
    assert maps == set(TOKEN_GROUPS)


# --- the accent's hue against the warning colours -------------------------------------------


def test_oklch_matches_css_color_4_reference_values():
    from cockpit.theming.contrast import oklch
    red = oklch("#ff0000")  # CSS Color 4: oklch(62.8% 0.2577 29.2339)
    assert (red.l, red.c, red.h) == pytest.approx((0.628, 0.2577, 29.234), abs=0.001)
    white = oklch("#ffffff")
    assert white.l == pytest.approx(1.0, abs=1e-4) and white.c < 1e-4 and white.h == 0


def test_an_accent_near_the_warning_amber_is_an_error(tmp_path, qml):
    def tangerine(d):  # the City accent before this rule: 25° from amber, 24° from red
        d["color"]["accent"]["$value"] = "#ff8c42"

    report = check_theme(theme(tmp_path, tangerine), qml)
    bad = failed(report, "accent-hue")
    assert not report.ok and all(f.severity == "error" for f in bad)
    assert {f.tokens[1] for f in bad} == {"color.telltale.warning", "color.telltale.danger",
                                          "color.state.pending", "color.state.error"}
    amber = next(f for f in bad if f.tokens[1] == "color.telltale.warning")
    assert amber.measured == pytest.approx(24.6, abs=0.1) and amber.threshold == 30
    assert "< 30°" in amber.figure and "#ff8c42 vs #ffb020" == amber.detail


def test_an_accent_far_from_amber_and_red_passes_and_is_measured_in_oklch(tmp_path, qml):
    def violet(d):
        d["color"]["accent"]["$value"] = "#c98aff"

    report = check_theme(theme(tmp_path, violet), qml)
    measured = [f for f in report.results if f.rule == "accent-hue"]
    assert len(measured) == 4 and all(f.passed for f in measured)
    assert min(f.measured for f in measured) == pytest.approx(79.1, abs=0.1)  # from red at 27°


def test_a_grey_accent_has_no_hue_to_confuse(tmp_path, qml):
    def grey(d):  # HSL would call this amber-hued; its chroma says grey
        d["color"]["accent"]["$value"] = "#c8c4bd"

    measured = [f for f in check_theme(theme(tmp_path, grey), qml).results if f.rule == "accent-hue"]
    assert measured and all(f.passed and "a grey" in f.figure for f in measured)


def test_every_shipped_accent_is_far_from_the_warning_colours():
    for r in check_paths([THEMES_DIR]):
        if r.skipped:
            continue
        measured = [f for f in r.results if f.rule == "accent-hue"]
        assert len(measured) == 4 and all(f.passed for f in measured), r.text()
