"""Run ``pyside6-qmllint`` over the project's QML, with type information for the Python types.

qmllint cannot see types registered from Python at run time, so this writes a ``.qmltypes``
description of each Python QML module (read from the live meta-objects, so it never drifts from
the code) into a scratch import folder that qmllint is given. Usage: ``python -m cockpit.hmi.qmllint``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QMetaMethod, QObject

import cockpit.app  # noqa: F401 - registers every QML type
from cockpit.hmi.adas_store import AdasStore
from cockpit.hmi.climate_store import ClimateStore
from cockpit.hmi.cluster_store import ClusterStore
from cockpit.hmi.domain import ActuatorState
from cockpit.hmi.energy_store import EnergyStore
from cockpit.hmi.health_store import HealthStore
from cockpit.hmi.language_store import LanguageStore
from cockpit.hmi.map_tiles import MapTiles
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
from cockpit.hmi.voice_store import VoiceStore
from cockpit.hmi.warnings_store import WarningsStore
from cockpit.kiosk.store import KioskStore
from cockpit.resources import QML_DIR
from cockpit.theming.theme import Theme

MODULES: dict[str, list[tuple[type[QObject], bool]]] = {  # module -> (type, is singleton)
    "Cockpit.Stores": [(t, False) for t in (ActuatorState, ClusterStore, ClimateStore, EnergyStore,
                                             VehicleStatusStore, SettingsStore, MediaStore, NavigationStore,
                                             PhoneStore, VoiceStore, ProfilesStore, KioskStore, VariantStore,
                                             LanguageStore, RootStore, MapTiles, RestrictionsStore,
                                             WarningsStore, AdasStore, SoftwareStore, HealthStore, PrivacyStore)],
    "Cockpit.Theme": [(Theme, True)],
}
_TYPES = {"double": "double", "QString": "QString", "bool": "bool", "int": "int", "QVariant": "QVariant",
          "QVariantMap": "QVariantMap", "QVariantList": "QVariantList"}


def _type(name: str) -> str:
    name = name.rstrip("*")
    return _TYPES.get(name, name.split(".")[-1])


def describe(cls: type[QObject], module: str | None, singleton: bool) -> str:
    """A qmltypes Component; ``module`` None for a base class QML only sees through subclasses."""
    mo = cls.staticMetaObject
    lines = [
        "    Component {",
        f'        name: "{cls.__name__}"',
        '        accessSemantics: "reference"',
        f'        prototype: "{mo.superClass().className()}"',
    ]
    if module:
        lines += [
            f'        exports: ["{module}/{cls.__name__} 1.0"]',
            "        isCreatable: false",
            f"        isSingleton: {'true' if singleton else 'false'}",
            "        exportMetaObjectRevisions: [256]",
        ]
    for i in range(mo.propertyOffset(), mo.propertyCount()):
        p = mo.property(i)
        notify = f'; notify: "{bytes(p.notifySignal().name()).decode()}"' if p.hasNotifySignal() else ""
        const = "; isConstant: true" if p.isConstant() else ""
        lines.append(f'        Property {{ name: "{p.name()}"; type: "{_type(p.typeName())}"; '
                     f'isReadonly: true; read: "{p.name()}"{notify}{const}; index: {i - mo.propertyOffset()} }}')
    for i in range(mo.methodOffset(), mo.methodCount()):
        m = mo.method(i)
        kind = "Signal" if m.methodType() == QMetaMethod.MethodType.Signal else "Method"
        ret = "" if kind == "Signal" or m.typeName() == "void" else f'; type: "{_type(m.typeName())}"'
        params = "".join(
            f' Parameter {{ name: "{bytes(n).decode() or f"a{j}"}"; type: "{_type(bytes(t).decode())}" }}'
            for j, (n, t) in enumerate(zip(m.parameterNames(), m.parameterTypes(), strict=True))
        )
        lines.append(f'        {kind} {{ name: "{bytes(m.name()).decode()}"{ret};{params} }}')
    lines.append("    }")
    return "\n".join(lines)


def write_type_info(out: Path) -> None:
    for module, types in MODULES.items():
        folder = out.joinpath(*module.split("."))
        folder.mkdir(parents=True, exist_ok=True)
        bases = {b for cls, _ in types for b in cls.__mro__[1:] if b.__module__.startswith("cockpit.")}
        body = "\n".join([describe(cls, module, single) for cls, single in types]
                         + [describe(b, None, False) for b in sorted(bases, key=lambda b: b.__name__)])
        (folder / "types.qmltypes").write_text(f"import QtQuick.tooling 1.2\nModule {{\n{body}\n}}\n")
        (folder / "qmldir").write_text(f"module {module}\ntypeinfo types.qmltypes\ndepends QtQuick\n")


def qml_files() -> list[Path]:
    return sorted(QML_DIR.rglob("*.qml"))


def _qmllint() -> str:
    """The qmllint of the PySide6 install this Python runs (a venv's bin may not be on PATH)."""
    beside = Path(sys.executable).parent / "pyside6-qmllint"
    return str(beside) if beside.exists() else "pyside6-qmllint"


def run(files: list[Path] | None = None) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        write_type_info(Path(tmp))
        cmd = [_qmllint(), "-I", tmp, "-I", str(QML_DIR), *map(str, files or qml_files())]
        return subprocess.run(cmd, capture_output=True, text=True)


if __name__ == "__main__":
    result = run([Path(a) for a in sys.argv[1:]] or None)
    sys.stdout.write(result.stdout + result.stderr)
    sys.exit(result.returncode or bool((result.stdout + result.stderr).strip()))
