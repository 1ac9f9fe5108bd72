"""The map's static layers as 256-pixel Web Mercator tiles, drawn once with QPainter per zoom level,
map and theme, off the GUI thread, and kept as PNG files that QML's Images load asynchronously.
Only the route line and the car are drawn live on top (navigation page). Measured before we began
(docs/navigation.md): moving cached images costs ~1 ms of CPU a frame; drawing every road each
frame 14-31 ms.

The colours come from the theme: land is the screen's background, roads and buildings the text
colour mixed into it, water and green areas its blue and green blended in; so every theme has its
map, light or dark, without map tokens of its own.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, QPointF, QRectF, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.navigation.cache import default_cache_dir
from cockpit.theming.contrast import composite, parse

if TYPE_CHECKING:  # numpy comes with the map, after the first frame
    from cockpit.navigation.mapdata import MapData

log = logging.getLogger(__name__)
QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1

TILE = 256
TILE_FORMAT = 1  # bump when the drawing changes: tiles drawn before are then left behind
MIN_ZOOM, MAX_ZOOM = 12, 19
LABEL_ZOOM = 16  # street names from this zoom on
# road width in pixels at zoom 17 (it doubles per level up, halves per level down, within limits)
WIDTH_Z17 = {"major": 11.0, "minor": 7.5, "service": 3.5, "path": 1.6}


def _mix(a: str, b: str, share: float) -> QColor:
    """``b`` laid over ``a`` at ``share`` opacity."""
    return QColor(composite(replace(parse(b), a=share), a).hex())


def palette(colors: dict, dark: bool) -> dict[str, QColor]:
    """The map's colours from a theme's colour tokens."""
    land = colors["background"]["base"] if dark else _mix(colors["background"]["base"], colors["text"]["primary"],
                                                          0.05).name()
    ink = colors["text"]["primary"]
    return {
        "land": QColor(land),
        "water": _mix(land, colors["telltale"]["highBeam"], 0.35 if dark else 0.3),
        "green": _mix(land, colors["telltale"]["on"], 0.16 if dark else 0.22),
        "building": _mix(land, ink, 0.09 if dark else 0.1),
        "major": _mix(land, ink, 0.42) if dark else QColor(colors["background"]["base"]),
        "minor": _mix(land, ink, 0.27) if dark else QColor(colors["background"]["base"]),
        "service": _mix(land, ink, 0.18 if dark else 0.12),
        "path": _mix(land, ink, 0.14 if dark else 0.2),
        "casing": _mix(land, ink, 0.0 if dark else 0.25),
        "label": QColor(colors["text"]["secondary"]),
    }


def render_tile(data: MapData | None, colors: dict[str, QColor], z: int, x: int, y: int,
                font_family: str = "") -> QImage:
    image = QImage(TILE, TILE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(colors["land"])
    if data is None:
        return image
    n = 1 << z
    scale = TILE * n
    ox, oy = x / n, y / n
    margin = 16 / scale  # a road's width beyond the tile's edge still shows on it
    features = data.within(ox - margin, oy - margin, ox + 1 / n + margin, oy + 1 / n + margin)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def polygon(points) -> QPolygonF:  # noqa: ANN001
        px = (points - (ox, oy)) * scale
        return QPolygonF([QPointF(a, b) for a, b in px.tolist()])

    grow = 2.0 ** (z - 17)
    roads = []
    for f in features:
        if f.kind in ("water", "green", "building"):
            if f.kind == "building" and z < 15:
                continue
            path = QPainterPath()
            path.addPolygon(polygon(f.points))
            for hole in f.holes:
                path.addPolygon(polygon(hole))
            path.setFillRule(Qt.FillRule.OddEvenFill)
            painter.fillPath(path, colors[f.kind])
        elif not (f.kind == "path" and z < 15) and not (f.kind == "service" and z < 14):
            roads.append(f)
    casing = colors["casing"] != colors["land"]
    for layer in (("casing",) if casing else ()) + ("fill",):
        for f in roads:
            width = max(WIDTH_Z17[f.kind] * grow, 0.8)
            if layer == "casing":
                if f.kind == "path":
                    continue
                pen = QPen(colors["casing"], width + 2.0)
            else:
                pen = QPen(colors[f.kind], width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPolyline(polygon(f.points))
    if z >= LABEL_ZOOM:
        _labels(painter, [f for f in roads if f.name and f.kind in ("major", "minor")], colors, ox, oy, scale,
                font_family)
    painter.end()
    return image


def _labels(painter: QPainter, roads: list, colors: dict[str, QColor], ox: float, oy: float, scale: float,
            family: str) -> None:
    """Each street's name once per tile, along its longest stretch inside the tile, upright."""
    font = QFont(family) if family else QFont()
    font.setPixelSize(12)
    font.setWeight(QFont.Weight.Medium)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    placed: list[QRectF] = []
    done: set[str] = set()
    for f in sorted(roads, key=lambda r: r.kind != "major"):
        if f.name in done:
            continue
        px = ((f.points - (ox, oy)) * scale).tolist()
        width = metrics.horizontalAdvance(f.name)
        best = None
        for (x0, y0), (x1, y1) in _straight_runs(px):
            length = math.hypot(x1 - x0, y1 - y0)
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            inside = width / 2 + 4 <= mx <= TILE - width / 2 - 4 and 12 <= my <= TILE - 12
            if length > width + 12 and inside and (best is None or length > best[0]):
                best = (length, mx, my, math.degrees(math.atan2(y1 - y0, x1 - x0)))
        if best is None:
            continue
        _, mx, my, angle = best
        if angle > 90:
            angle -= 180
        elif angle < -90:
            angle += 180
        box = QRectF(mx - width / 2 - 4, my - 10, width + 8, 20)
        if any(box.intersects(p) for p in placed):
            continue
        placed.append(box)
        done.add(f.name)
        painter.save()
        painter.translate(mx, my)
        painter.rotate(angle)
        text = QPainterPath()
        text.addText(-width / 2, metrics.ascent() / 2 - 1, font, f.name)
        painter.strokePath(text, QPen(colors["land"], 3.0))  # a halo so the name reads over the road
        painter.fillPath(text, colors["label"])
        painter.restore()


def _straight_runs(points: list[list[float]], bend_deg: float = 12.0) -> list[tuple[list[float], list[float]]]:
    """A polyline as its nearly straight stretches (first and last point of each): a name is written
    along a stretch, and OSM draws a straight street as many short pieces."""
    runs = []
    start = 0
    for i in range(1, len(points) - 1):
        (ax, ay), (bx, by), (cx, cy) = points[start], points[i], points[i + 1]
        turn = math.degrees(math.atan2(cy - by, cx - bx) - math.atan2(by - ay, bx - ax))
        if abs((turn + 180) % 360 - 180) > bend_deg:
            runs.append((points[start], points[i]))
            start = i
    if len(points) >= 2:
        runs.append((points[start], points[-1]))
    return runs


@QmlElement
@QmlUncreatable("the navigation store has one")
class MapTiles(QObject):
    """Tiles as PNG files in a cache folder, drawn on a thread of their own. QML asks ``url(theme,
    z, x, y)`` for each tile it shows: the file's URL when it is drawn, else "" (and it is queued);
    ``revision`` grows when tiles are ready, so bindings ask again. Qt reads the files in its own
    loader threads without touching Python, which an image provider written in Python cannot avoid
    (its requests come from those threads and need the interpreter while the GUI thread holds it:
    that deadlocked, now and then, here)."""

    revisionChanged = Signal()
    _drawn = Signal(str)

    def __init__(self, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._root = folder or default_cache_dir().parent / "tiles"
        self._data: MapData | None = None
        self._map_key = ""
        self._palettes: dict[str, tuple[str, dict[str, QColor]]] = {}  # theme -> (colour hash, colours)
        self._font = ""
        self._ready: set[str] = set()
        self._queued: set[str] = set()
        self._revision = 0
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="map-tiles")
        self._drawn.connect(self._on_drawn)
        self._batch = QTimer(self, singleShot=True, interval=40, timeout=self._bump)  # one re-ask per batch
        self.rendered = 0

    def use(self, data: MapData | None, map_key: str) -> None:
        self._data, self._map_key = data, map_key
        self._ready.clear()
        self._queued.clear()
        self._bump()

    def set_palette(self, theme: str, colors: dict, dark: bool, font_family: str = "") -> None:
        digest = hashlib.sha256(json.dumps([colors, dark, font_family], sort_keys=True).encode()).hexdigest()[:16]
        self._palettes[theme] = (digest, palette(colors, dark))
        self._font = font_family
        self._bump()

    def _file(self, theme: str, z: int, x: int, y: int) -> Path | None:
        entry = self._palettes.get(theme)
        if entry is None or self._data is None:
            return None
        return self._root / f"v{TILE_FORMAT}-{self._map_key}" / entry[0] / str(z) / str(x) / f"{y}.png"

    @Slot(str, int, int, int, int, result=str)
    def url(self, theme: str, z: int, x: int, y: int, revision: int = 0) -> str:  # noqa: ARG002 - re-asked per revision
        if not (MIN_ZOOM <= z <= MAX_ZOOM and 0 <= x < 1 << z and 0 <= y < 1 << z):
            return ""
        file = self._file(theme, z, x, y)
        if file is None:
            return ""
        key = str(file)
        if key in self._ready:
            return QUrl.fromLocalFile(key).toString()
        if key not in self._queued:
            self._queued.add(key)
            self._worker.submit(self._draw, self._data, self._palettes[theme][1], self._font, z, x, y, file)
        return ""

    def wait(self) -> None:
        """Until the tiles asked for so far are drawn (pictures, tests); they show after events run."""
        self._worker.submit(lambda: None).result()

    def _draw(self, data: MapData, colors: dict[str, QColor], font: str, z: int, x: int, y: int, file: Path) -> None:
        try:
            if not file.exists():  # drawn by an earlier run: kept on disk
                file.parent.mkdir(parents=True, exist_ok=True)
                tmp = file.with_suffix(".tmp.png")
                if not render_tile(data, colors, z, x, y, font).save(str(tmp), "PNG"):
                    raise OSError(f"could not write {tmp}")
                os.replace(tmp, file)
                self.rendered += 1
        except OSError as exc:
            log.warning("map tile %s/%s/%s not drawn: %s", z, x, y, exc)
            return
        self._drawn.emit(str(file))

    def _on_drawn(self, key: str) -> None:
        self._queued.discard(key)
        self._ready.add(key)
        if not self._batch.isActive():
            self._batch.start()

    def _bump(self) -> None:
        self._revision += 1
        self.revisionChanged.emit()

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)

    revision = Property(int, lambda self: self._revision, notify=revisionChanged)
