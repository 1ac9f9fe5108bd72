"""The composition root: the one place that wires source -> SignalStore -> bridge -> domain
stores -> QML windows. Everything else receives what it needs."""

from __future__ import annotations

import logging
from pathlib import Path

import PySide6.QtQuick  # noqa: F401 - makes root objects QQuickWindows (grabWindow, frameSwapped)
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from cockpit.hmi.bridge import FrameBridge
from cockpit.hmi.climate_store import ClimateStore
from cockpit.hmi.cluster_store import ClusterStore
from cockpit.hmi.energy_store import EnergyStore
from cockpit.hmi.settings_store import SettingsStore
from cockpit.hmi.vehicle_store import VehicleStatusStore
from cockpit.sources.base import Source
from cockpit.theming.theme import DEFAULT_THEME, Theme
from cockpit.vehicle.store import SignalStore

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parents[1] / "qml"
VIEWS = {"cluster": ("Cockpit.Cluster", "Cluster"), "center": ("Cockpit.Center", "Center")}


class QmlMessages:
    """Collects QML warnings and errors (a warning at run time is a bug: tests fail on any)."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def __call__(self, kind: QtMsgType, context, message: str) -> None:  # noqa: ANN001
        if kind == QtMsgType.QtDebugMsg or kind == QtMsgType.QtInfoMsg:
            log.debug("qml: %s", message)
            return
        where = f"{context.file}:{context.line}: " if context and context.file else ""
        self.warnings.append(where + message)
        log.warning("qml: %s%s", where, message)


messages = QmlMessages()
qInstallMessageHandler(messages)


class Cockpit(QObject):
    """One cockpit: a SignalStore, its domain stores and the windows showing them.

    ``source`` may be None: a harness (test, designer) fills the SignalStore by hand.
    """

    def __init__(self, source: Source | None = None, theme: str = DEFAULT_THEME,
                 signals: SignalStore | None = None):
        super().__init__()
        self.source = source
        self.signals = signals or SignalStore()
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_DIR))
        self.theme: Theme = self.engine.singletonInstance("Cockpit.Theme", "Theme")
        if theme != DEFAULT_THEME:
            self.theme.use(theme)
        self.cluster = ClusterStore(self.signals, self.engine)
        self.climate = ClimateStore(self.signals, self.engine)
        self.energy = EnergyStore(self.signals, self.engine)
        self.vehicle = VehicleStatusStore(self.signals, self.engine)
        self.settings = SettingsStore(self.signals, self.theme, self.engine)
        self.bridge = FrameBridge(
            self.signals, [self.cluster, self.climate, self.energy, self.vehicle, self.settings], self.engine
        )
        self.windows: dict[str, QQuickWindow] = {}

    def view_properties(self, view: str) -> dict[str, QObject]:
        if view == "cluster":
            return {"store": self.cluster}
        return {"climate": self.climate, "energy": self.energy, "vehicle": self.vehicle,
                "settings": self.settings, "cluster": self.cluster}

    def load(self, view: str) -> QQuickWindow:
        """Create a view's window (not shown yet); raises RuntimeError if the QML fails to load."""
        module, name = VIEWS[view]
        self.engine.setInitialProperties(self.view_properties(view))
        before = len(self.engine.rootObjects())
        self.engine.loadFromModule(module, name)
        roots = self.engine.rootObjects()
        if len(roots) == before:
            raise RuntimeError(f"could not load the {view} view: {'; '.join(messages.warnings[-3:])}")
        window = roots[-1]
        self.windows[view] = window
        return window

    def start(self, views: tuple[str, ...] = ("cluster", "center")) -> None:
        """Two-stage start: the cluster's first frame comes before the center screen loads."""
        if self.source is not None:
            self.source.start(self.signals)
        self.bridge.start()
        first, *rest = views
        window = self.load(first)
        window.show()
        if rest:
            def load_rest() -> None:
                x = window.x() + window.width()
                for view in rest:
                    w = self.load(view)
                    # side by side where the screen has room (a window manager may still move it)
                    if x + w.width() <= window.screen().availableGeometry().right() + 1:
                        w.setPosition(x, window.y())
                        x += w.width()
                    w.show()
            window.frameSwapped.connect(load_rest, Qt.ConnectionType.SingleShotConnection)

    def stop(self) -> None:
        self.bridge.stop()
        if self.source is not None:
            self.source.stop()

    def close(self) -> None:
        """Stop and destroy the engine before the Python objects it shows (no teardown warnings)."""
        self.stop()
        for w in self.windows.values():
            w.close()
        self.windows.clear()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def render(cockpit: Cockpit, view: str) -> QImage:
    """Show ``view`` (loading it if needed) with the SignalStore's current state and grab a frame.

    Works offscreen (QT_QPA_PLATFORM=offscreen): used by ``cockpit screenshot``, the tests and
    the designers' harnesses.
    """
    window = cockpit.windows.get(view) or cockpit.load(view)
    window.show()
    cockpit.bridge.flush()
    QGuiApplication.processEvents()
    return window.grabWindow()
