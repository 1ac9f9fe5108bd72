"""The one object every window receives: the domain stores as constant properties, and what the
car's variant includes. Windows pick from it the stores their views need (Neptune 3 UI's RootStore),
so the composition root hands out one thing and a window never reaches into Python for another.

A store of a module the variant leaves out is null: the QML that shows that module checks
``root.variant.<module>`` (or the store) and creates nothing for it.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject
from PySide6.QtQml import QmlElement, QmlUncreatable

from cockpit.variant import CENTER_SIZE, Variant

from .adas_store import AdasStore
from .climate_store import ClimateStore
from .cluster_store import ClusterStore
from .energy_store import EnergyStore
from .health_store import HealthStore
from .language_store import LanguageStore
from .media_store import MediaStore
from .navigation_store import NavigationStore
from .phone_store import PhoneStore
from .privacy_store import PrivacyStore
from .profiles_store import ProfilesStore
from .restrictions_store import RestrictionsStore
from .settings_store import SettingsStore
from .software_store import SoftwareStore
from .vehicle_store import VehicleStatusStore
from .voice_store import VoiceStore
from .warnings_store import WarningsStore

QML_IMPORT_NAME = "Cockpit.Stores"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the variant comes from its file")
class VariantStore(QObject):
    """What the car has, for QML: fixed for the life of the cockpit."""

    def __init__(self, variant: Variant, parent: QObject | None = None):
        super().__init__(parent)
        self._variant = variant

    def _get(kind: type, read):  # noqa: ANN001, ANN202, N805 - a property factory
        return Property(kind, lambda self: read(self._variant), constant=True)

    name = _get(str, lambda v: v.name)
    title = _get(str, lambda v: v.title)
    segment = _get(str, lambda v: v.segment)
    integratedCluster = _get(bool, lambda v: v.displays.integrated)  # noqa: N815
    integratedWidth = _get(int, lambda v: v.displays.center_width - CENTER_SIZE[0])  # noqa: N815
    hud = _get(bool, lambda v: v.displays.hud)
    passenger = _get(bool, lambda v: v.displays.passenger)
    navigation = _get(bool, lambda v: v.modules.navigation)
    adasLevel = _get(int, lambda v: v.modules.adas)  # noqa: N815
    voice = _get(bool, lambda v: bool(v.modules.voice))
    profiles = _get(bool, lambda v: v.modules.profiles)
    del _get


@QmlElement
@QmlUncreatable("the composition root makes it (cockpit/app.py)")
class RootStore(QObject):
    def __init__(self, variant: VariantStore, language: LanguageStore, cluster: ClusterStore, climate: ClimateStore,
                 energy: EnergyStore, vehicle: VehicleStatusStore, settings: SettingsStore, media: MediaStore,
                 navigation: NavigationStore | None, phone: PhoneStore, voice: VoiceStore | None,
                 profiles: ProfilesStore, restrictions: RestrictionsStore, warnings: WarningsStore,
                 adas: AdasStore, software: SoftwareStore | None = None, health: HealthStore | None = None,
                 privacy: PrivacyStore | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._stores = {"variant": variant, "language": language, "cluster": cluster, "climate": climate,
                        "energy": energy, "vehicle": vehicle, "settings": settings, "media": media,
                        "navigation": navigation, "phone": phone, "voice": voice, "profiles": profiles,
                        "restrictions": restrictions, "warnings": warnings, "adas": adas,
                        "software": software, "health": health, "privacy": privacy}

    def _store(name: str, kind: type):  # noqa: ANN202, N805 - a property factory
        return Property(kind, lambda self: self._stores[name], constant=True)

    variant = _store("variant", VariantStore)
    language = _store("language", LanguageStore)
    cluster = _store("cluster", ClusterStore)
    climate = _store("climate", ClimateStore)
    energy = _store("energy", EnergyStore)
    vehicle = _store("vehicle", VehicleStatusStore)
    settings = _store("settings", SettingsStore)
    media = _store("media", MediaStore)
    navigation = _store("navigation", NavigationStore)
    phone = _store("phone", PhoneStore)
    voice = _store("voice", VoiceStore)
    profiles = _store("profiles", ProfilesStore)
    warnings = _store("warnings", WarningsStore)
    restrictions = _store("restrictions", RestrictionsStore)
    adas = _store("adas", AdasStore)
    software = _store("software", SoftwareStore)
    health = _store("health", HealthStore)
    privacy = _store("privacy", PrivacyStore)
    del _store
