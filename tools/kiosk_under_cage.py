"""Run an installed kiosk the way deploy/cockpit-kiosk.service does — inside cage, as an unprivileged
user, with the variables systemd gives a Type=notify service and WatchdogSec=20 — on wlroots'
headless backend (no GPU, no monitor, no seat), and report what systemd would hear and what the
screen shows. For checking a build of the deployment on a machine without a display.

    sudo python3 tools/kiosk_under_cage.py [--cockpit /opt/cockpit/.venv/bin/cockpit] [--user nobody]
                                           [--seconds 40] [--out cage.png] [-- extra kiosk arguments]

Needs root (to start cage as --user: cage refuses to run as root), and the Debian packages cage,
xwayland and grim (the screenshot). The cockpit must be installed where --user can run it (not
under /root). Exit status: 0 when READY=1 and WATCHDOG=1 pings arrived and the picture was taken.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WATCHDOG_S = 20  # the unit's WatchdogSec


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cockpit", default="/opt/cockpit/.venv/bin/cockpit")
    ap.add_argument("--user", default="nobody")
    ap.add_argument("--seconds", type=float, default=40.0)
    ap.add_argument("--out", type=Path, default=Path("cage.png"))
    ap.add_argument("extra", nargs="*", help="more arguments for `cockpit demo --kiosk`")
    args = ap.parse_args()
    missing = [tool for tool in ("cage", "Xwayland", "grim", "runuser") if shutil.which(tool) is None]
    if missing or os.geteuid() != 0:
        sys.exit(f"needs root and {', '.join(missing) or 'nothing else'} (apt install cage xwayland grim)")
    user = pwd.getpwnam(args.user)

    with tempfile.TemporaryDirectory(prefix="kiosk-cage-") as tmp:
        os.chmod(tmp, 0o755)
        home, runtime = Path(tmp, "home"), Path(tmp, "runtime")
        for folder in (home, runtime):
            folder.mkdir(mode=0o700)
            os.chown(folder, user.pw_uid, user.pw_gid)
        sock_path = Path(tmp, "notify")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        listener.bind(str(sock_path))
        os.chmod(sock_path, 0o666)
        listener.settimeout(0.2)
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
               "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
               "QT_QPA_PLATFORM": "wayland", "XDG_SESSION_TYPE": "wayland",
               "NOTIFY_SOCKET": str(sock_path), "WATCHDOG_USEC": str(WATCHDOG_S * 1_000_000)}
        # as systemd starts it: cage is the main process, so WATCHDOG_PID names cage
        cage = subprocess.Popen(
            ["runuser", "-u", args.user, "--", "env", *(f"{k}={v}" for k, v in env.items()), "sh", "-c",
             'export WATCHDOG_PID=$$; exec cage -d -- "$0" demo --kiosk "$@"', args.cockpit, *args.extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        heard: list[tuple[float, str]] = []
        start = time.monotonic()
        shot = None
        while time.monotonic() - start < args.seconds and cage.poll() is None:
            try:
                heard.append((time.monotonic() - start, listener.recv(4096).decode()))
            except TimeoutError:
                pass
            if shot is None and any(m.startswith("READY=1") for _, m in heard) and time.monotonic() - start > 15:
                shot = subprocess.run(["runuser", "-u", args.user, "--", "env", f"XDG_RUNTIME_DIR={runtime}",
                                       "WAYLAND_DISPLAY=wayland-0", "grim", str(runtime / "shot.png")],
                                      capture_output=True, text=True)
        still_running = cage.poll() is None
        cage.terminate()
        output = cage.communicate(timeout=30)[0]
        if shot is not None and shot.returncode == 0:
            shutil.copy(runtime / "shot.png", args.out)

    for t, message in heard:
        if message != "WATCHDOG=1":
            print(f"{t:6.1f} s  {message.replace(chr(10), ' | ')}")
    pings = [t for t, m in heard if m == "WATCHDOG=1"]
    print(f"WATCHDOG=1 × {len(pings)}" + (f", every {(pings[-1] - pings[0]) / max(1, len(pings) - 1):.1f} s"
                                          if len(pings) > 1 else ""))
    print(f"kiosk {'still running' if still_running else f'ended early: status {cage.returncode}'} after "
          f"{args.seconds:g} s; screenshot: {args.out if shot is not None and shot.returncode == 0 else 'none'}")
    if shot is not None and shot.returncode != 0:
        print(f"grim: {shot.stderr.strip()}")
    if not still_running:
        print(output[-3000:])
    ready = any(m.startswith("READY=1") for _, m in heard)
    return 0 if ready and pings and still_running and shot is not None and shot.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
