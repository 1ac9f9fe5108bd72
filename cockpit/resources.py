"""Where the package's own data lives: QML, themes and assets, found through importlib.resources.

They ship inside the ``cockpit`` package so an installed wheel finds them from any working folder,
exactly as an editable checkout does. Qt loads QML, fonts and images by file path, so the package
must be installed as files (a wheel or a checkout), not imported from a zip.
"""

from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files("cockpit")))
QML_DIR = PACKAGE_DIR / "qml"
THEMES_DIR = PACKAGE_DIR / "themes"
ASSETS_DIR = PACKAGE_DIR / "assets"
