"""The recognizer's process starts from a script without a ``__main__`` guard (a screenshot tool): the
child imports only what it runs, never the script again (which would start a second cockpit)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = '''
import asyncio
from tests.fake_voice import fake
from voice.worker import Worker

print("script ran")
worker = Worker(fake(["okay"]))
print("engine:", asyncio.run(worker.start()))
worker.close()
'''


def test_a_script_without_a_main_guard_starts_the_recognizer_once(tmp_path):
    script = tmp_path / "tool.py"
    script.write_text(SCRIPT)
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=root,
                         env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("script ran") == 1 and "engine:" in out.stdout, out.stdout + out.stderr
