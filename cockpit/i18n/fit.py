"""Text that does not fit: every page of every screen rendered in every language, each text item
read back — elided or clipped (``truncated``), or wider than the item it sits in. Offscreen Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from .languages import SOURCE

SLACK_PX = 2  # antialiasing and rounding


@dataclass(frozen=True)
class Overflow:
    language: str
    screen: str  # "cluster", "center · climate", …
    text: str
    why: str  # "is cut short" / "runs 23 px past its container"
    where: int = 0  # the text item's place in the screen's item tree (the same item in every language)

    def __str__(self) -> str:
        return f"{self.language}: {self.screen}: {self.text!r} {self.why}"


def _texts(item: QQuickItem) -> Iterator[QQuickItem]:
    todo = [item]
    while todo:
        it = todo.pop()
        if not it.isVisible() or it.opacity() == 0:
            continue
        if it.inherits("QQuickText"):
            yield it
        todo.extend(it.childItems())


def overflows(root: QQuickItem, language: str, screen: str) -> list[Overflow]:
    out = []
    for where, t in enumerate(_texts(root)):
        text = str(t.property("text") or "")
        if not text.strip():
            continue
        if t.property("truncated"):
            out.append(Overflow(language, screen, text, "is cut short (elided or clipped)", where))
            continue
        parent = t.parentItem()
        if parent is None or parent.width() <= 0:
            continue
        wider = (t.property("contentWidth") or 0) - t.width()
        # set narrower than its one line of text, or than a word of a wrapping text (words do not break)
        if wider > SLACK_PX:
            out.append(Overflow(language, screen, text, f"is {wider:.0f} px wider than its box", where))
            continue
        # the box itself within its parent's: a label wider than the rail it sits in spills over its neighbours
        left = t.mapToItem(parent, QPointF(0, 0)).x()
        past = max(-left, left + t.width() - parent.width())
        if past > SLACK_PX and not parent.inherits("QQuickRow") and not parent.inherits("QQuickColumn"):
            out.append(Overflow(language, screen, text, f"runs {past:.0f} px past its container", where))
    return out


def check_fit(languages: list[str], variant: str | None = None,
              progress: Callable[[str], None] = lambda line: None) -> list[Overflow]:
    """Render every screen of the car (every center page) in each of ``languages``; what does not fit
    because of the language: an item that is cut short in the source language too shows data that
    is long (a song's artist), not a translation, and is left out."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["cockpit-i18n"])  # noqa: F841 - outlives the renders
    from cockpit.app import Cockpit, render
    from cockpit.gallery import picture_data, simulated
    from cockpit.pages import CENTER_PAGES
    from cockpit.variant import load_variant

    car = load_variant(variant) if variant else load_variant()
    signals, source = simulated()
    source.run_for(signals, 1500.0)  # mid-drive: every value shown, a telltale or two lit
    cockpit = Cockpit(signals=signals, variant=car, **picture_data())
    found: list[Overflow] = []
    source_texts: set[tuple[str, int, str]] = set()
    try:
        for lang in [SOURCE, *(c for c in languages if c != SOURCE)]:
            if why := cockpit.language.use(lang):
                raise ValueError(why)
            for view in cockpit.views:
                pages = ([p for p in CENTER_PAGES if p != "driver" or car.modules.profiles] if view == "center"
                         else [None])
                for page in pages:
                    window = cockpit.windows.get(view) or cockpit.load(view)
                    if page:
                        window.setProperty("page", page)
                    render(cockpit, view)
                    screen = f"{view} · {page}" if page else view
                    progress(f"{lang} {screen}")
                    found += overflows(window.contentItem(), lang, screen)
                    if lang == SOURCE:  # what each item says untranslated: data (a song, a name) stays so
                        source_texts |= {(screen, i, str(t.property("text") or ""))
                                         for i, t in enumerate(_texts(window.contentItem()))}
    finally:
        cockpit.close()
    data = {(o.screen, o.where) for o in found if o.language == SOURCE}
    return [o for o in found if (o.screen, o.where) not in data and o.language in languages
            and (o.screen, o.where, o.text) not in source_texts]
