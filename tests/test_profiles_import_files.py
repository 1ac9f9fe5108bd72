"""``cockpit profiles import`` whatever it is given: a device that never ends, a pipe nobody writes to,
standard input that never stops, a folder, a damaged or foreign file — one line naming it and why,
exit 2, in bounded time and memory. Real files, a real FIFO, real /dev/zero, a real pipe."""

import os
import subprocess
import sys
import threading

import pytest

from cockpit.files import InputFileError, open_regular, read_capped
from cockpit.profiles.crypto import new_key, seal
from cockpit.profiles.schema import MAX_EXPORT_BYTES, default_profile, export_bytes

from .conftest import ROOT

HANG = 60  # seconds: far more than any of these takes; only a hang reaches it


def cockpit(data, *args: str, **run) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit.cli", "profiles", "--data-dir", str(data), *args],
                          cwd=ROOT, capture_output=True, timeout=HANG, env={"PATH": "/usr/bin:/bin"}, **run)


def refused(result: subprocess.CompletedProcess, *words: str) -> str:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.startswith("cockpit: ") and err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err
    return err


def test_dev_zero_is_refused_without_reading_it(tmp_path):
    refused(cockpit(tmp_path / "car", "import", "/dev/zero"), "/dev/zero: a character device, not a file")


def test_a_fifo_with_no_writer_is_refused_without_waiting_for_one(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused(cockpit(tmp_path / "car", "import", str(fifo)), f"{fifo}: a named pipe (FIFO), not a file")


def test_a_path_swapped_for_a_fifo_after_the_check_cannot_block_the_open(tmp_path):
    """open_regular opens without blocking and checks what it opened: a FIFO never hangs it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outcome = []

    def attempt() -> None:
        try:
            open_regular(fifo)
        except InputFileError as exc:
            outcome.append(str(exc))

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(HANG)
    assert outcome == [f"{fifo}: a named pipe (FIFO), not a file"]


def test_endless_standard_input_stops_at_the_cap_while_reading(tmp_path):
    """A writer that never stops: the import must give up after 1 MB, not wait for the end."""
    proc = subprocess.Popen([sys.executable, "-m", "cockpit.cli", "profiles", "--data-dir", str(tmp_path / "car"),
                             "import", "-"], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={"PATH": "/usr/bin:/bin"})
    written = 0

    def flood() -> None:
        nonlocal written
        block = b"{" * 65536
        try:
            while True:
                proc.stdin.write(block)
                written += len(block)
        except (BrokenPipeError, ValueError, OSError):
            pass

    threading.Thread(target=flood, daemon=True).start()
    proc.wait(HANG)  # not communicate(): it would close standard input under the writer
    assert proc.returncode == 2
    assert proc.stderr.read().decode() == f"cockpit: standard input: more than {MAX_EXPORT_BYTES:,} bytes, " \
                           "too large for a profile export\n"
    assert written < 64 * MAX_EXPORT_BYTES  # it stopped reading; the pipe then filled and broke


def test_an_export_on_standard_input_imports(tmp_path):
    data = tmp_path / "car"
    result = cockpit(data, "import", "-", input=export_bytes(default_profile("Anna")))
    assert result.returncode == 0 and result.stdout.decode() == "imported 'Anna'\n"
    dupe = cockpit(data, "import", "-", input=export_bytes(default_profile("Anna")))
    refused(dupe, "already a profile named 'Anna'")


def test_a_folder_a_missing_file_and_a_link_to_a_device(tmp_path):
    refused(cockpit(tmp_path / "car", "import", str(tmp_path)), f"{tmp_path}: a folder, not a file")
    refused(cockpit(tmp_path / "car", "import", str(tmp_path / "nope.json")),
            "nope.json: cannot read it (No such file or directory)")
    (tmp_path / "plain").write_text("a file, not a folder")
    inside_a_file = tmp_path / "plain" / "x.json"  # the open itself fails (as root, unreadable files do not)
    refused(cockpit(tmp_path / "car", "import", str(inside_a_file)), "x.json: cannot read it (Not a directory)")
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    refused(cockpit(tmp_path / "car", "import", str(link)), "zero.json: a character device, not a file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file(tmp_path):
    locked = tmp_path / "locked.json"
    locked.write_bytes(export_bytes(default_profile("Anna")))
    locked.chmod(0)
    refused(cockpit(tmp_path / "car", "import", str(locked)), "locked.json: cannot read it (Permission denied)")


def test_a_file_over_the_cap_is_refused_having_read_one_byte_more(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(50 * MAX_EXPORT_BYTES)  # 50 MB, sparse
    refused(cockpit(tmp_path / "car", "import", str(big)), "more than 1,000,000 bytes")
    with pytest.raises(InputFileError, match="too large for a test"):
        read_capped(big, 10, "a test")
    exact = tmp_path / "exact"
    exact.write_bytes(b"x" * 10)
    assert read_capped(exact, 10, "a test") == b"x" * 10


def _export(name: str = "Anna") -> bytes:
    return export_bytes(default_profile(name))


@pytest.mark.parametrize(("content", "words"), [
    (b"", ["not valid JSON at line 1 column 1"]),
    (_export()[: len(_export()) // 2], ["not valid JSON at line"]),  # cut short in a copy
    (bytes(range(256)) * 4, ["not UTF-8 text (byte 128)"]),  # garbage
    (seal(new_key(), _export(), b"export"), ["not UTF-8 text"]),  # an encrypted export, any key
    (b"\xef\xbb\xbf" + _export(), ["not valid JSON at line 1 column 1"]),  # a byte-order mark in front
    (_export().replace(b'"format": "cockpit.profile"', b'"format": "other"'), ["not a cockpit profile export"]),
])
def test_damaged_and_foreign_files_get_one_line(tmp_path, content, words):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    refused(cockpit(tmp_path / "car", "import", str(bad)), f"{bad}: ", *words)


def test_the_profile_database_itself_is_not_an_export(tmp_path):
    data = tmp_path / "car"
    assert cockpit(data, "create", "Anna").returncode == 0
    refused(cockpit(tmp_path / "other", "import", str(data / "profiles.db")), "profiles.db: not UTF-8 text")
    refused(cockpit(tmp_path / "other", "import", str(data / "profiles.key")), "profiles.key: not")


def test_standard_input_closed_is_said_not_crashed_on(tmp_path):
    def closed(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "cockpit.cli", "profiles", "--data-dir", str(tmp_path / "car"), *args]
        return subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", *command], cwd=ROOT, capture_output=True,
                              timeout=HANG, env={"PATH": "/usr/bin:/bin"})

    refused(closed("import", "-"), "standard input: closed, nothing to read")
    refused(closed("create", "Bo", "--pin", "-"), "standard input: closed, nothing to read")
    assert cockpit(tmp_path / "car", "create", "Bo", "--pin", "1234").returncode == 0
    refused(closed("show", "Bo"), "Bo is protected by a PIN: give it with --pin")
    refused(closed("erase", "Bo"), "add --yes to confirm")
