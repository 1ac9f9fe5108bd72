"""Shared by the Zenoh tests: free loopback endpoints and bounded waits."""

import socket
import time
from collections.abc import Callable


def free_endpoint() -> str:
    """A loopback TCP endpoint nobody listens on (the OS picks the port)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"tcp/127.0.0.1:{s.getsockname()[1]}"


def wait_until(condition: Callable[[], bool], timeout: float, what: str = "the condition") -> float:
    """Poll ``condition`` until it holds; returns the seconds it took. Fails after ``timeout``."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        time.sleep(0.002)
    return time.monotonic() - start
