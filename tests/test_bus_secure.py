"""Secure-mode set-up: key folders made and checked (each wrong file a clear error), endpoints
refused where plain links would reach other machines, the CLI around it."""

import json
import os
import shutil
import signal
import subprocess
import sys

import pytest
import zenoh
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from cockpit.bus.config import BusError, load_config, settings
from cockpit.bus.keys import KeysError, make_keys
from cockpit.bus.secure import SecureError, access_control, load_keys

from .conftest import ROOT

DISPLAYS = {"cluster": "cluster", "center": "center", "hud": "hud", "passenger": "center"}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bus") / "keys"
    make_keys(folder, DISPLAYS, hosts=["gw.car.local", "192.168.7.1"], days=30)
    return folder


@pytest.fixture
def keys(made, tmp_path):
    """A copy of the made folder each test may spoil."""
    folder = tmp_path / "keys"
    shutil.copytree(made, folder)
    return folder


def test_each_process_gets_its_own_certificate_named_for_it_issued_by_the_ca(made):
    ca = x509.load_pem_x509_certificate((made / "ca.pem").read_bytes())
    for name in ("gateway", *DISPLAYS):
        cert = x509.load_pem_x509_certificate((made / f"{name}.pem").read_bytes())
        cert.verify_directly_issued_by(ca)
        assert cert.subject.rfc4514_string() == f"CN={name}"
        assert (cert.not_valid_after_utc - cert.not_valid_before_utc).days == 30
        assert load_keys(made, name).role == ("gateway" if name == "gateway" else DISPLAYS[name])
    gateway = x509.load_pem_x509_certificate((made / "gateway.pem").read_bytes())
    sans = gateway.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {str(n.value) for n in sans} >= {"localhost", "127.0.0.1", "gw.car.local", "192.168.7.1"}
    assert json.loads((made / "bus.json").read_text()) == {"version": 1, "displays": DISPLAYS}


def test_keys_are_never_written_over_an_existing_folder_or_with_a_bad_name(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "ca.pem").write_text("mine")
    with pytest.raises(KeysError, match="already exists and is not an empty folder"):
        make_keys(tmp_path / "full", DISPLAYS)
    assert (tmp_path / "full" / "ca.pem").read_text() == "mine"
    for displays, reason in [({"Rear Seat": "hud"}, "lower-case letters"), ({"gateway": "hud"}, "not 'gateway'"),
                             ({"rear": "pilot"}, "role 'pilot' is not one of cluster, center, hud")]:
        with pytest.raises(KeysError, match=reason):
            make_keys(tmp_path / "new", displays)
        assert not (tmp_path / "new").exists()


def _replace(path, data: bytes) -> None:  # noqa: ANN001
    path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


@pytest.mark.parametrize("spoil, name, reason", [
    (lambda k: shutil.rmtree(k), "cluster", "not a folder of bus keys"),
    (lambda k: None, "rear", "no display named 'rear' (it has cluster, center, hud, passenger"),
    (lambda k: (k / "bus.json").write_text("{"), "cluster", "bus.json: "),
    (lambda k: (k / "bus.json").write_text('{"version": 1, "displays": {"x y": "hud"}}'), "cluster",
     "display 'x y' with role 'hud'"),
    (lambda k: (k / "bus.json").write_text('{"version": 2}'), "cluster", "not a bus manifest"),
    (lambda k: (k / "ca.pem").unlink(), "cluster", "ca.pem: cannot read it"),
    (lambda k: _replace(k / "ca.pem", b"-----BEGIN CERTIFICATE-----\nAAAA\n"), "cluster",
     "ca.pem: not a PEM certificate"),
    (lambda k: _replace(k / "ca.pem", (k / "hud.pem").read_bytes()), "cluster", "ca.pem: not a CA certificate"),
    (lambda k: _replace(k / "cluster.pem", (k / "hud.pem").read_bytes()), "cluster", "made for 'hud', not 'cluster'"),
    (lambda k: _replace(k / "cluster.key", (k / "hud.key").read_bytes()), "cluster", "not the key of"),
    (lambda k: os.chmod(k / "cluster.key", 0o644), "cluster", "readable by others (mode 644)"),
    (lambda k: _replace(k / "cluster.key", b"\x00" * 100), "cluster", "not an unencrypted PEM private key"),
    (lambda k: _replace(k / "cluster.key", b"x" * 100_000), "cluster", "more than"),
    (lambda k: os.mkfifo(k / "x.pem") or (k / "cluster.pem").unlink() or os.symlink(k / "x.pem", k / "cluster.pem"),
     "cluster", "a named pipe (FIFO), not a file"),
])
def test_a_spoilt_key_folder_is_a_clear_error(keys, spoil, name, reason):
    spoil(keys)
    with pytest.raises(SecureError) as err:
        load_keys(keys, name)
    assert reason in str(err.value)


def test_a_certificate_of_another_ca_is_refused_at_start(keys, tmp_path):
    make_keys(tmp_path / "other", DISPLAYS)
    _replace(keys / "cluster.pem", (tmp_path / "other" / "cluster.pem").read_bytes())
    _replace(keys / "cluster.key", (tmp_path / "other" / "cluster.key").read_bytes())
    with pytest.raises(SecureError, match="cluster.pem: not issued by the CA in"):
        load_keys(keys, "cluster")


def test_an_expired_certificate_is_refused_at_start(keys, tmp_path):
    make_keys(tmp_path / "short", DISPLAYS, days=1)
    ca = x509.load_pem_x509_certificate((tmp_path / "short" / "ca.pem").read_bytes())
    ca_key = serialization.load_pem_private_key((tmp_path / "short" / "ca.key").read_bytes(), None)
    old = x509.load_pem_x509_certificate((tmp_path / "short" / "hud.pem").read_bytes())
    expired = (x509.CertificateBuilder().subject_name(old.subject).issuer_name(ca.subject).public_key(old.public_key())
               .serial_number(1).not_valid_before(old.not_valid_before_utc.replace(year=2020))
               .not_valid_after(old.not_valid_before_utc.replace(year=2021)).sign(ca_key, hashes.SHA256()))
    _replace(tmp_path / "short" / "hud.pem", expired.public_bytes(serialization.Encoding.PEM))
    with pytest.raises(SecureError, match=r"hud.pem: valid from 2020-.* to 2021-.*, not today"):
        load_keys(tmp_path / "short", "hud")


def test_access_control_lets_each_display_request_only_under_its_own_name(made):
    gateway = access_control(load_keys(made, "gateway"))
    assert gateway["default_permission"] == "deny"
    requests = {r["id"]: r["key_exprs"] for r in gateway["rules"] if r["id"].endswith("-requests")}
    assert set(requests) == {"center-requests", "passenger-requests"}  # the cluster and the HUD ask for nothing
    assert all(k.startswith("cockpit/request/center/") for k in requests["center-requests"])
    assert not any("/Vehicle/Speed" in k for k in requests["center-requests"])  # a sensor is no request
    puts = [r for r in gateway["rules"] if "put" in r["messages"]]
    assert [r["flows"] for r in puts] == [["egress"]]  # nobody else's put comes in
    display = access_control(load_keys(made, "hud"))
    assert display["subjects"] == [{"id": "gateway", "cert_common_names": ["gateway"]}]


# ----- endpoints --------------------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["tcp/0.0.0.0:7447", "tcp/192.168.1.10:7447", "tcp/gw.local:7447",
                                      "udp/10.0.0.1:7447", "tcp/[2001:db8::1]:7447", "quic/8.8.8.8:7447"])
def test_plain_links_beyond_this_machine_are_refused_unless_insecure(endpoint, caplog):
    with pytest.raises(BusError, match="beyond this machine, and plain links have no authentication"):
        settings(listen=[endpoint], gateway=True)
    settings(listen=[endpoint], gateway=True, insecure=True)
    assert f"INSECURE: plain Zenoh on {endpoint}" in caplog.text


@pytest.mark.parametrize("endpoint", ["tcp/127.0.0.1:7447", "tcp/127.9.9.9:1", "tcp/localhost:7447",
                                      "tcp/[::1]:7447", "unixsock-stream//tmp/cockpit.sock"])
def test_plain_links_on_this_machine_need_nothing(endpoint, caplog):
    settings(connect=[endpoint])
    assert "INSECURE" not in caplog.text


def test_secure_mode_takes_tls_endpoints_only(made):
    keys = load_keys(made, "cluster")
    assert settings(keys=keys)["connect"]["endpoints"] == ["tls/127.0.0.1:7447"]
    with pytest.raises(BusError, match="with --secure every endpoint is tls/HOST:PORT"):
        settings(connect=["tcp/127.0.0.1:7447"], keys=keys)


def test_an_operators_config_file_is_read_within_bounds(tmp_path):
    good = tmp_path / "zenoh.json5"
    good.write_text('{mode: "peer", listen: {endpoints: ["tcp/127.0.0.1:0"]}}')
    assert isinstance(load_config(good), zenoh.Config)
    for text, reason in [("{mode: 'peer', bogus: 1}", "not a Zenoh configuration (unknown field `bogus`"),
                         ("x" * 300_000, "more than"), (b"\xff\xfe", "not UTF-8")]:
        bad = tmp_path / "bad.json5"
        bad.write_bytes(text if isinstance(text, bytes) else text.encode())
        with pytest.raises(BusError) as err:
            load_config(bad)
        assert reason in str(err.value)


# ----- the command line ---------------------------------------------------------------------------------


def cockpit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cockpit.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_bus_keys_and_config_from_the_command_line(tmp_path):
    made = cockpit("bus", "keys", "--out", str(tmp_path / "k"), "--display", "passenger:center", "--display", "rear")
    assert made.returncode == 0, made.stderr
    assert json.loads((tmp_path / "k" / "bus.json").read_text())["displays"] == {
        "cluster": "cluster", "center": "center", "hud": "hud", "passenger": "center", "rear": "hud"}
    again = cockpit("bus", "keys", "--out", str(tmp_path / "k"))
    assert again.returncode == 2 and "keys are never overwritten" in again.stderr
    shown = cockpit("bus", "config", "--secure", str(tmp_path / "k"), "--name", "rear")
    assert shown.returncode == 0, shown.stderr
    config = json.loads(shown.stdout)
    assert config["transport"]["link"]["protocols"] == ["tls"] and config["access_control"]["enabled"] is True
    unknown = cockpit("bus", "config", "--secure", str(tmp_path / "k"), "--name", "boot")
    assert unknown.returncode == 2 and "no display named 'boot'" in unknown.stderr


@pytest.mark.parametrize("args, message", [
    (["gateway", "--listen", "tcp/0.0.0.0:7447"], "beyond this machine"),
    (["gateway", "--secure", "KEYS", "--insecure"], "--secure and --insecure: choose one"),
    (["gateway", "--secure", "KEYS", "--listen", "tcp/127.0.0.1:7447"], "with --secure every endpoint is tls/"),
    (["gateway", "--name", "center"], "a gateway is always 'gateway'"),
    (["gateway", "--source", "zenoh"], "it does not read another gateway"),
    (["cluster", "--secure", "KEYS", "--name", "boot"], "no display named 'boot'"),
    (["cluster", "--name", "Rear Seat"], "a display's name is lower-case letters"),
    (["cluster", "--zenoh-config", "CONFIG", "--connect", "tcp/127.0.0.1:1"], "--zenoh-config with --connect"),
    (["demo", "--secure", "KEYS"], "--secure: only with --source zenoh"),
    (["signals", "watch", "--source", "zenoh", "--secure", "KEYS"], "say which display's certificate to use"),
])
def test_bus_options_that_cannot_work_are_one_line(args, message, made, tmp_path):
    (tmp_path / "z.json5").write_text("{}")
    result = cockpit(*[str(made) if a == "KEYS" else str(tmp_path / "z.json5") if a == "CONFIG" else a for a in args])
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_the_multi_process_demo_runs_each_display_as_its_own_secure_process(made):
    from .zenoh_helpers import free_endpoint

    endpoint = free_endpoint("tls")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    demo = subprocess.Popen([sys.executable, "-m", "cockpit.cli", "demo", "--processes", "--views", "cluster,hud",
                             "--secure", str(made), "--listen", endpoint, "--speedup", "10"],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert "as 3 processes on " + endpoint + " (secure)" in demo.stderr.readline()
        # what the gateway publishes, read as the HUD would (its certificate)
        watch = cockpit("signals", "watch", "--source", "zenoh", "--secure", str(made), "--name", "hud",
                        "--connect", endpoint, "--json", "--duration", "4", "Vehicle.Speed")
        assert watch.returncode == 0, watch.stderr
        assert [json.loads(line)["status"] for line in watch.stdout.splitlines()][-1] == "AVAILABLE"
        children = subprocess.run(["pgrep", "-P", str(demo.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 3
    finally:
        demo.send_signal(signal.SIGINT)
        assert demo.wait(timeout=30) == 0
    for pid in children:  # none left behind
        assert not os.path.exists(f"/proc/{pid}") or "zombie" in open(f"/proc/{pid}/status").read().lower()
