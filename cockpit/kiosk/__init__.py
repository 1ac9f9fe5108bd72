"""Kiosk demo mode: an unattended showroom cockpit (``cockpit demo --kiosk``).

    config.py    the operator's kiosk file (PIN, idle timeout, tour, defaults), validated
    tour.py      the attract loop: a tour script (data file) and the player that runs it
    drive.py     the tour's car: the simulator, restartable, with signals the tour holds
    idle.py      visitor input: pauses the tour, resets after a quiet spell
    lockdown.py  what keeps a visitor in: swallowed shortcuts, ignored close requests, the PIN
    state.py     counters and tour position that survive a restart (written atomically)
    watchdog.py  systemd notifications: READY after the first frame, WATCHDOG from the GUI thread
    demo_profiles.py  the tour's demo drivers, rebuilt for every visitor
    store.py     KioskStore, what the kiosk windows (qml/Cockpit/Kiosk) show
    app.py       the kiosk itself: windows on one or two screens, wiring, reset
"""
