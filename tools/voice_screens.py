"""Render the voice assistant at work to docs/screenshots/: a real turn of the real recognizer.

    python tools/voice_screens.py [OUT_DIR] [theme]

The kiosk tour's recording ("set the driver temperature to twenty two") is heard as if spoken, at
its own pace, by the assistant ``cockpit demo`` loads; the car is the WLTC demo drive at 1,500 s
(the README's pictures). Three pictures of the one turn: the center screen while it listens
(voice-listening.png), the cluster's microphone at the same moment (voice-cluster.png), and the
answer (voice-answer.png); then "I'm freezing" in espeak-ng's en-us+f2 voice, which the assistant
asks about before acting (voice-question.png). Prints any QML warning.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import Cockpit, messages, render  # noqa: E402
from cockpit.gallery import simulated, wait_for_voice  # noqa: E402
from cockpit.gallery import wait_until as settled  # noqa: E402
from cockpit.resources import ASSETS_DIR  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
theme = sys.argv[2] if len(sys.argv) > 2 else "dark"
WAV = ASSETS_DIR / "kiosk" / "set-temperature-22.wav"


def wait_until(test, timeout_s: float = 60.0) -> None:  # noqa: ANN001
    if not settled(test, timeout_s):
        sys.exit(f"gave up after {timeout_s:g} s waiting for the voice assistant")


def save(cockpit: Cockpit, view: str, name: str) -> None:
    render(cockpit, view).save(str(out / name))
    print(out / name)


out.mkdir(parents=True, exist_ok=True)
signals, source = simulated()
cockpit = Cockpit(theme=theme, signals=signals)
source.run_for(signals, 1500.0)
wait_for_voice(cockpit)
if error := cockpit.voice.property("error"):
    sys.exit(error)
cockpit.load("cluster")
cockpit.load("center")
render(cockpit, "center")
task = cockpit.voice.listen_to_file(WAV, 1.0)
wait_until(lambda: len(cockpit.voice.property("partial").split()) >= 5)  # most of the sentence heard
save(cockpit, "center", "voice-listening.png")
save(cockpit, "cluster", "voice-cluster.png")
wait_until(lambda: cockpit.voice.property("state") == "speaking")
source.step(signals, 1.0)  # the car confirms the temperature asked for
save(cockpit, "center", "voice-answer.png")
wait_until(task.done)
with tempfile.TemporaryDirectory() as scratch:
    said = Path(scratch) / "freezing.wav"
    subprocess.run(["espeak-ng", "-v", "en-us+f2", "-w", str(said), "i'm freezing"], check=True)
    task = cockpit.voice.listen_to_file(said, 1.0)
    wait_until(lambda: cockpit.voice.property("state") == "speaking")
    save(cockpit, "center", "voice-question.png")
    wait_until(task.done)
cockpit.close()

for w in messages.warnings:
    print("warning:", w)
