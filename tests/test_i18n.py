"""The screens in four languages: catalogues complete, switched at run time without a restart,
numbers in the locale's way, Arabic mirrored, and text that does not fit found."""

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPointF

from cockpit.cli import main
from cockpit.i18n import catalogs
from cockpit.i18n.catalogs import check_catalog
from cockpit.i18n.languages import LANGUAGES, language
from cockpit.variant import load_variant

from .screens import DRIVING


def test_i18n_check_passes_every_language_complete_and_every_text_fitting(qapp, capsys):
    assert main(["i18n", "check"]) == 0
    out = capsys.readouterr().out
    for code in ("de", "fr", "ar"):
        assert re.search(rf"^{code} \(.+\): \d+ strings, ok$", out, re.M)
    assert out.count("everything fits") == 3  # every shipped variant


def test_a_missing_translation_or_a_lost_placeholder_is_reported(tmp_path, monkeypatch):
    ts = tmp_path / "cockpit_de.ts"
    text = catalogs.ts_file("de").read_text()
    text = text.replace("<translation>%1 offen</translation>", "<translation>offen</translation>", 1)
    text = text.replace("<translation>Klima</translation>", '<translation type="unfinished"></translation>', 1)
    ts.write_text(text)
    monkeypatch.setattr(catalogs, "TS_DIR", tmp_path)
    r = check_catalog("de")
    assert not r.ok and r.placeholders == ["%1 open"] and r.unfinished == ["Climate"]


def test_a_broken_catalogue_is_refused_in_one_line(tmp_path, monkeypatch):
    (tmp_path / "cockpit_fr.ts").write_text("<TS><context><message><source>x")
    monkeypatch.setattr(catalogs, "TS_DIR", tmp_path)
    with pytest.raises(catalogs.CatalogError, match=r"cockpit_fr.ts: .*no element found"):
        check_catalog("fr")


@pytest.fixture
def center(qapp, qml_warnings, tmp_path, monkeypatch):
    """The SUV's center screen on Home, shown; built catalogues in a fresh cache."""
    from cockpit.app import Cockpit, render
    from cockpit.vehicle.store import SignalStore

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    signals = SignalStore(clock=lambda: 0.0)
    signals.update_many(list(DRIVING.items()))
    cockpit = Cockpit(signals=signals, variant=load_variant("suv"))
    render(cockpit, "center")
    yield cockpit
    cockpit.language.use("en")  # the QTranslator and the layout direction are the application's
    cockpit.close()


def _text_of(window, name: str) -> str:  # noqa: ANN001
    return window.findChild(QObject, name).property("text")


def test_a_language_switch_re_renders_the_same_window_without_restart(center):
    from cockpit.app import render

    window = center.windows["center"]
    window.setProperty("page", "climate")
    before = render(center, "center")
    assert center.language.use("de") == ""
    assert center.windows["center"] is window  # the same window: nothing was recreated
    after = render(center, "center")
    assert before != after
    rail = window.findChild(QObject, "navRail")
    assert {"Start", "Klima", "Energie", "System"} <= set(_all_texts(window))
    # numbers the German way: a decimal comma
    stepper = [t for t in _all_texts(window) if re.fullmatch(r"\d+,\d", t)]
    assert "21,5" in stepper
    assert center.language.use("en") == ""
    assert {"Home", "Climate", "Energy", "Settings"} <= set(_all_texts(window)) and rail is not None


def _all_texts(window) -> list[str]:  # noqa: ANN001
    out, todo = [], [window.contentItem()]
    while todo:
        item = todo.pop()
        if item.inherits("QQuickText") and item.isVisible():
            out.append(str(item.property("text")))
        todo.extend(item.childItems())
    return out


def test_arabic_mirrors_the_center_screen_and_uses_a_font_with_its_glyphs(center):
    from cockpit.app import render

    window = center.windows["center"]
    rail = window.findChild(QObject, "navRail")
    x_ltr = rail.mapToScene(QPointF(0, 0)).x()
    assert center.language.use("ar") == ""
    render(center, "center")
    x_rtl = rail.mapToScene(QPointF(0, 0)).x()
    assert x_ltr < 100 and x_rtl > window.width() - 300  # the rail moved to the right-hand edge
    assert center.theme.group("font")["family"]["ui"] == "Noto Sans Arabic UI"
    assert "الرئيسية" in _all_texts(window)
    assert center.language.property("rightToLeft") is True
    center.language.use("fr")
    render(center, "center")
    assert rail.mapToScene(QPointF(0, 0)).x() == x_ltr and center.theme.group("font")["family"]["ui"] != \
        "Noto Sans Arabic UI"


def test_a_language_the_screens_do_not_speak_leaves_the_current_one(center):
    assert center.language.use("de") == ""
    assert center.language.use("tlh") == "the screens do not speak 'tlh'; they speak en, de, fr, ar"
    assert center.language.property("language") == "de"
    assert language("de-AT") is LANGUAGES["de"] and language("pt") is None


def test_a_car_starts_in_its_variants_language_and_units(qapp, qml_warnings, tmp_path, monkeypatch):
    from cockpit.app import Cockpit

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    grand = Cockpit(variant=load_variant("premium"))  # de_DE, bar
    try:
        assert grand.language.property("language") == "de"  # the guest's language is the car's
        assert grand.profiles.property("language") == "de"
    finally:
        grand.language.use("en")
        grand.close()


def test_text_that_does_not_fit_is_found(tmp_path, monkeypatch):
    from cockpit.i18n.fit import check_fit

    long = tmp_path / "ts"
    long.mkdir()
    for f in catalogs.TS_DIR.glob("*.ts"):
        shutil.copy(f, long)
    de = long / "cockpit_de.ts"
    de.write_text(de.read_text().replace("<translation>Umluft</translation>",
                                         "<translation>Umluftbetriebsartumschaltung</translation>"))
    monkeypatch.setattr(catalogs, "TS_DIR", long)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    found = check_fit(["de"], "suv")
    assert [(o.language, o.screen, o.text) for o in found] == [
        ("de", "center · climate", "Umluftbetriebsartumschaltung")]
    assert Path(catalogs.qm_file("de")).parent == tmp_path / "cache" / "cockpit" / "i18n"


def test_the_assistant_says_when_it_cannot_listen_in_the_screens_language(center):
    from cockpit.app import render

    window = center.windows["center"]
    window.setProperty("page", "settings")
    render(center, "center")
    note = window.findChild(QObject, "voiceLanguage")
    assert note.property("visible") is False  # English: it listens
    center.language.use("fr")
    render(center, "center")
    assert note.property("visible") is True
    assert note.property("text") == "Il ne comprend que l’anglais : pas de modèle vocal pour cette langue."
