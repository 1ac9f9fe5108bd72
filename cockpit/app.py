"""The composition root: the one place that wires source -> SignalStore -> bridge -> domain
stores -> QML windows. Everything else receives what it needs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6.QtQuick  # noqa: F401 - makes root objects QQuickWindows (grabWindow, frameSwapped)
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine, QQmlComponent, QQmlError
from PySide6.QtQuick import QQuickWindow

from cockpit.hmi.adas_store import AdasStore
from cockpit.hmi.bridge import FrameBridge
from cockpit.hmi.climate_store import ClimateStore
from cockpit.hmi.cluster_store import ClusterStore
from cockpit.hmi.energy_store import EnergyStore
from cockpit.hmi.health_store import HealthStore
from cockpit.hmi.language_store import LanguageStore
from cockpit.hmi.media_store import MediaStore
from cockpit.hmi.navigation_store import NavigationStore
from cockpit.hmi.phone_store import PhoneStore
from cockpit.hmi.privacy_store import PrivacyStore
from cockpit.hmi.profiles_store import ProfilesStore
from cockpit.hmi.restrictions_store import RestrictionsStore
from cockpit.hmi.root_store import RootStore, VariantStore
from cockpit.hmi.settings_store import SettingsStore
from cockpit.hmi.software_store import SoftwareStore
from cockpit.hmi.vehicle_store import VehicleStatusStore
from cockpit.hmi.voice_actions import VoiceActions
from cockpit.hmi.voice_store import VoiceStore
from cockpit.hmi.warnings_store import WarningsStore
from cockpit.placement import Rect, side_by_side
from cockpit.profiles.service import ProfileService
from cockpit.resources import ASSETS_DIR, QML_DIR
from cockpit.sources.base import Source
from cockpit.theming.theme import DEFAULT_THEME, Theme
from cockpit.updates.service import UpdateService
from cockpit.variant import DEFAULT_VARIANT, Variant, load_variant
from cockpit.vehicle.store import SignalStore

if TYPE_CHECKING:
    from cockpit.privacy.inventory import Inventory

log = logging.getLogger(__name__)

FONTS_DIR = ASSETS_DIR / "fonts"
VIEWS = {
    "cluster": ("Cockpit.Cluster", "Cluster"),
    "center": ("Cockpit.Center", "Center"),
    "hud": ("Cockpit.Hud", "Hud"),
    "passenger": ("Cockpit.Passenger", "Passenger"),
}


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


class QmlLoadError(RuntimeError):
    """A view's QML failed to load; ``errors`` are (file, line, column, description) tuples."""

    def __init__(self, view: str, errors: list[QQmlError]):
        self.view = view
        self.errors = [(e.url().toLocalFile() or e.url().toString(), e.line(), e.column(), e.description())
                       for e in errors]
        super().__init__(f"could not load the {view} view:\n" + "\n".join(
            f"{file}:{line}:{col}: {text}" for file, line, col, text in self.errors))


messages = QmlMessages()
qInstallMessageHandler(messages)


@cache
def load_fonts() -> None:
    """The project's fonts, so every machine renders the same type (once per process)."""
    for font in sorted(f for f in FONTS_DIR.iterdir() if f.suffix in (".ttf", ".otf")):
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("font %s could not be loaded", font.name)


class Cockpit(QObject):
    """One cockpit: a SignalStore, its domain stores and the windows showing them.

    ``source`` may be None: a harness (test, designer) fills the SignalStore by hand.
    """

    def __init__(self, source: Source | None = None, theme: str | None = None,
                 signals: SignalStore | None = None, theme_dirs: list[Path] = (), qml_dir: Path = QML_DIR,
                 profiles: ProfileService | None = None, variant: Variant | None = None,
                 map_file: Path | None = None, updates: UpdateService | None = None,
                 health: Callable[[], object] | None = None, privacy: Inventory | None = None):
        super().__init__()
        load_fonts()
        # What this car has (its displays and modules): a module it leaves out is never created.
        self.variant = variant = variant or load_variant(DEFAULT_VARIANT)
        theme = theme or variant.theme
        self.source = source
        self.signals = signals or SignalStore()
        self.qml_dir = qml_dir
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(qml_dir))
        self.theme: Theme = self.engine.singletonInstance("Cockpit.Theme", "Theme")
        if theme_dirs:
            self.theme.add_folders(list(theme_dirs))
        if theme != DEFAULT_THEME or theme_dirs:
            self.theme.use(theme)
        self.cluster = ClusterStore(self.signals, self.engine)
        self.climate = ClimateStore(self.signals, self.engine)
        self.energy = EnergyStore(self.signals, self.engine)
        self.vehicle = VehicleStatusStore(self.signals, self.engine)
        self.warnings = WarningsStore(self.signals, self.engine)  # the cluster's card, the Vehicle page's list
        self.settings = SettingsStore(self.signals, self.theme, self.engine, offered=variant.themes)
        self.media = MediaStore(self.signals, self.engine)
        modules = variant.modules
        self.navigation = None
        if modules.navigation:
            self.navigation = NavigationStore(self.signals, self.engine, map_file=map_file,
                                              profile_places=lambda: self.profiles.property("places"))
        self.phone = PhoneStore(self.engine)
        # Driver profiles (None, or a car without the module: no database, an in-memory guest only)
        # The language the screens speak: the driver's (their profile's), switched without a restart
        self.language = LanguageStore(self.engine, self.theme, self.engine)
        self.language.set_language(variant.language)  # the car's, until a driver's profile says otherwise
        self.profiles = ProfilesStore(self.signals, self.settings, self.cluster,
                                      profiles if modules.profiles else None, self.engine,
                                      set_language=self.language.set_language, defaults=variant.profile_display)
        # The voice assistant acts through the same stores as touch; its models load after the
        # first frame (start()). Driver profiles hook in through VoiceActions.switch_profile.
        self.voice_actions = self.voice = None
        if modules.voice:
            self.voice_actions = VoiceActions(self.climate, self.media, self.navigation, self.phone, self.settings,
                                              switch_profile=self.profiles.switch_by_name)
            self.voice = VoiceStore(self.signals, self.voice_actions, self.navigation, self.phone, self.engine,
                                    languages=modules.voice)
        if self.voice is not None and self.navigation is not None:
            self.navigation.announce.connect(self.voice.announce)  # guidance prompts, spoken
            self.navigation.mapChanged.connect(self.voice.names_changed)  # "take me to <street>"
        self.profiles.changed.connect(self._driver_names_changed)
        self._driver_names_changed()
        self.restrictions = RestrictionsStore(self.signals, self.engine)  # what a moving driver may not touch
        self.adas = AdasStore(self.signals, self.engine)  # the road scene's lanes, cars and assistance
        # the Software page: what the maker offers, installing it (in P where it changes the driving
        # screens), rolling back; without an update service it says updates are not set up
        self.software = SoftwareStore(self.signals, updates, self.engine)
        # the Health page: wear predictions from the car's history (``health`` reads it; None: no page)
        self.health = HealthStore(self.signals, health, self.engine) if health is not None else None
        # the Privacy page (from Settings): what ``privacy`` lists, the consents, export and erase; in
        # valet mode it only shows
        self.privacy = None
        if privacy is not None:
            self.privacy = PrivacyStore(self.signals, privacy, self.engine, locked=lambda: (
                "Valet mode: leave it with the valet PIN first" if self.profiles.property("valet") else ""))
            self.profiles.changed.connect(self.privacy.relock)
            # erased profiles: the driver in the seat becomes a guest (not their unsaved changes written back)
            self.privacy.erased.connect(lambda name: self.profiles.start_over() if name in ("profiles", "all")
                                        else None)
        self.root = RootStore(VariantStore(variant, self.engine), self.language, self.cluster, self.climate,
                              self.energy, self.vehicle, self.settings, self.media, self.navigation, self.phone,
                              self.voice, self.profiles, self.restrictions, self.warnings, self.adas,
                              self.software, self.health, self.privacy, self.engine)
        self.bridge = FrameBridge(
            self.signals, [s for s in (self.cluster, self.climate, self.energy, self.vehicle, self.settings,
                                       self.media, self.navigation, self.profiles, self.restrictions,
                                       self.warnings, self.adas, self.software, self.health, self.privacy)
             if s is not None], self.engine
        )
        self.windows: dict[str, QQuickWindow] = {}
        self._components: dict[QQuickWindow, QQmlComponent] = {}
        self._design_size: dict[QQuickWindow, tuple[int, int]] = {}  # the QML's width x height, before any scaling
        self._overlays: dict[str, QObject] = {}  # view -> the error banner shown over it
        self._overlay_text: tuple[str, str] | None = None
        self.theme.changed.connect(self._theme_changed)
        if self.navigation is not None:  # the map's tiles in the theme's colours
            self.theme.changed.connect(self._map_palette)
            self._map_palette()

    def _map_palette(self) -> None:
        theme = self.theme
        self.navigation.tiles.set_palette(theme.property("name"), theme.group("color"), theme.property("dark"),
                                          theme.group("font").get("family", {}).get("ui", ""))

    def _driver_names_changed(self) -> None:
        """The names a driver may say — other drivers, their own contacts — follow the active profile."""
        contacts = [c["name"] for c in self.profiles.property("contacts")]
        self.phone.use_driver_contacts(contacts)
        if self.voice is not None:
            self.voice.set_lists({"driver": [p["name"] for p in self.profiles.property("profiles")],
                                   "contact": contacts})

    @property
    def views(self) -> tuple[str, ...]:
        """The windows this car has, the cluster's (or the screen holding it) first."""
        return self.variant.displays.windows

    def load(self, view: str) -> QQuickWindow:
        """Create a view's window (not shown yet); raises QmlLoadError naming file, line and reason, and
        ValueError for a screen this car does not have."""
        if view not in self.views:
            raise ValueError(f"the {self.variant.title} ({self.variant.name}) has no {view} screen; its screens: "
                             f"{', '.join(self.views)}")
        return self.open_window(view, *VIEWS[view])

    def open_window(self, key: str, module: str, name: str,
                    properties: dict[str, object] | None = None) -> QQuickWindow:
        """Create any window of the cockpit (a view's, the kiosk's) with the root store and ``properties``,
        kept under ``key`` for error banners, reloads and teardown; not shown yet."""
        window = self._create(module, name, properties)
        self.windows[key] = window
        self._theme_changed()  # a theme that failed at start-up is reported on every window
        return window

    def close_window(self, key: str) -> None:
        window = self.windows.pop(key)
        if (overlay := self._overlays.pop(key, None)) is not None:
            self._components.pop(overlay)
        window.close()
        window.deleteLater()
        self._components.pop(window)
        self._design_size.pop(window)

    # ----- errors shown over the running UI ---------------------------------------------------------

    def show_error(self, title: str, message: str) -> None:
        """A banner over every open view; the UI underneath keeps running."""
        self._overlay_text = (title, message)
        for view, window in self.windows.items():
            overlay = self._overlays.get(view)
            if overlay is None:
                component = QQmlComponent(self.engine)
                component.loadFromModule("Cockpit.Dev", "ErrorOverlay")
                overlay = component.create()
                if overlay is None:  # the banner's own QML is broken: the log must do
                    log.error("%s: %s", title, message)
                    return
                overlay.setParentItem(window.contentItem())
                self._overlays[view] = overlay
                self._components[overlay] = component
            overlay.setProperty("title", title)
            overlay.setProperty("message", message)

    def clear_error(self) -> None:
        self._overlay_text = None
        for overlay in self._overlays.values():
            overlay.deleteLater()
            self._components.pop(overlay)
        self._overlays.clear()

    @property
    def error_shown(self) -> tuple[str, str] | None:
        return self._overlay_text

    def _theme_changed(self) -> None:
        error = self.theme.property("error")
        if error:
            self.show_error(f"Theme not applied — showing {self.theme.property('title')}", error)
        elif self._overlay_text and self._overlay_text[0].startswith("Theme"):
            self.clear_error()

    def _create(self, module: str, name: str, properties: dict[str, object] | None = None) -> QQuickWindow:
        component = QQmlComponent(self.engine)
        component.loadFromModule(module, name)
        window = None if component.isError() else component.createWithInitialProperties(
            {"root": self.root, **(properties or {})})
        if window is None:
            raise QmlLoadError(name.lower(), component.errors())
        # PySide ties the created object's lifetime to its component's wrapper: keep them together.
        self._components[window] = component
        self._design_size[window] = (window.width(), window.height())
        return window

    def reload(self, view: str) -> None:
        """Recreate an open view from its (edited) QML; on error the running window stays as it was.

        The stores, and so the vehicle state, are untouched: only the window is new.
        """
        old = self.windows[view]
        self.engine.clearComponentCache()
        new = self._create(*VIEWS[view])  # raises before anything is replaced
        new.setProperty("contentScale", old.property("contentScale"))
        new.setGeometry(old.geometry())
        self.windows[view] = new
        if old.isVisible():
            new.show()
        if (overlay := self._overlays.pop(view, None)) is not None:
            self._components.pop(overlay)
        old.close()
        old.deleteLater()  # its banner, a child item, goes with it
        self._components.pop(old)
        self._design_size.pop(old)

    def start(self, views: tuple[str, ...] | None = None) -> None:
        """Two-stage start: the cluster's first frame comes before the other screens load.
        ``views``: the variant's windows (default), or some of them."""
        views = views or self.views
        if self.source is not None:
            self.source.start(self.signals)
        self.bridge.start()
        first, *rest = views
        window = self.load(first)
        self._arrange()
        window.show()
        if rest:
            def load_rest() -> None:
                for view in rest:
                    self.load(view)
                self._arrange()
                for view in rest:
                    self.windows[view].show()
            # after the first frame is out, on the next turn of the event loop: nothing heavy runs inside
            # the frame's own signal (whoever else waits for that frame hears of it first)
            window.frameSwapped.connect(lambda: QTimer.singleShot(0, load_rest),
                                        Qt.ConnectionType.SingleShotConnection)
        if self.voice is not None:  # voice models load in their own process, once the first frame is out
            window.frameSwapped.connect(self.voice.warm_up, Qt.ConnectionType.SingleShotConnection)
        if self.navigation is not None:  # so does the map
            window.frameSwapped.connect(self.navigation.start, Qt.ConnectionType.SingleShotConnection)

    def _arrange(self) -> None:
        """The open windows side by side on the first one's screen, scaled down together when it is too small."""
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            return  # no screen to fit: pictures and tests keep the design size
        windows = list(self.windows.values())
        area = windows[0].screen().availableGeometry()
        scale, rects = side_by_side([self._design_size[w] for w in windows],
                                    Rect(area.x(), area.y(), area.width(), area.height()))
        for window, rect in zip(windows, rects, strict=True):
            window.setProperty("contentScale", scale)
            window.setGeometry(*rect)

    def stop(self) -> None:
        self.bridge.stop()
        if self.source is not None:
            self.source.stop()

    def close(self) -> None:
        """Stop and destroy the engine before the Python objects it shows (no teardown warnings)."""
        self.stop()
        if self.voice is not None:
            self.voice.close()
        if self.navigation is not None:
            self.navigation.close()
        self.software.close()
        if self.health is not None:
            self.health.close()
        if self.privacy is not None:
            self.privacy.close()
        self.profiles.close()  # saves the last changes, wipes a guest (the end of the drive)
        for w in self.windows.values():
            w.close()
            w.deleteLater()
        self.windows.clear()
        self._components.clear()
        self._design_size.clear()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
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
