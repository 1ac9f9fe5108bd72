"""CanDecoder and the mapping file on the demo DBC: every entry resolves, bits come out as cantools
reads them, bad frames are counted and never reach the store, bad mapping files are named."""

from __future__ import annotations

import logging
import math
import struct

import can
import cantools
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.can.decoder import CanDecoder, Reason
from cockpit.can.mapping import MappingError, load_dbc, load_mapping
from cockpit.sources.can import DEMO_DBC, DEMO_MAPPING
from cockpit.vehicle.catalogue import default_catalogue
from cockpit.vehicle.store import SignalStore

CATALOGUE = default_catalogue()
DB = load_dbc(DEMO_DBC)
ENTRIES = load_mapping(DEMO_MAPPING, DB)
_MISSING = object()


@pytest.fixture
def decoder() -> CanDecoder:
    return CanDecoder(DB, DEMO_MAPPING)


@pytest.fixture(scope="module")
def shared_decoder() -> CanDecoder:
    return CanDecoder(DB, DEMO_MAPPING)


def frame(name: str, ts: float = 0.0, dlc: int | None = None, **raw: int) -> can.Message:
    """A demo-DBC frame from raw signal values (every other signal raw 0)."""
    m = DB.get_message_by_name(name)
    data = m.encode({s.name: raw.get(s.name, 0) for s in m.signals}, scaling=False, strict=False)
    data = data if dlc is None else (data + bytes(8))[:dlc]
    return can.Message(arbitration_id=m.frame_id, data=data, is_extended_id=False, timestamp=ts)


# ----- the demo DBC and its mapping ------------------------------------------------------------------


def test_the_demo_dbc_is_clean_for_the_strict_parser():
    db = cantools.database.load_file(str(DEMO_DBC), strict=True)
    assert 10 <= len(db.messages) <= 20  # a small matrix, as a demo car has
    assert all(m.cycle_time for m in db.messages)


def test_every_demo_mapping_entry_resolves_and_the_whole_catalogue_is_carried(decoder):
    for entry in decoder.entries:
        message = DB.get_message_by_name(entry.message)
        assert message.get_signal_by_name(entry.signal) is not None
        assert entry.path in CATALOGUE
    # the car's position comes from the head unit's GNSS receiver, not over the vehicle bus
    location = {spec.path for spec in CATALOGUE if spec.path.startswith("Vehicle.CurrentLocation.")}
    assert len(location) == 3
    assert decoder.paths == {spec.path for spec in CATALOGUE} - location


def _reference(msg: can.Message) -> dict[str, object]:
    """What the mapping says a frame means, computed the slow way: cantools does the bits and scaling."""
    m = DB.get_message_by_frame_id(msg.arbitration_id)
    raw = m.decode(msg.data, decode_choices=False, scaling=False)
    phys = m.decode(msg.data, decode_choices=False)
    out = {}
    for e in ENTRIES:
        if e.message != m.name or raw[e.signal] in e.sna:
            continue
        spec = CATALOGUE[e.path]
        if e.table is not None:
            value = e.table.get(raw[e.signal], _MISSING)
            if value is _MISSING or value is None:
                continue
        elif spec.datatype == "boolean":
            value = raw[e.signal] != 0
        elif spec.datatype == "float":
            value = phys[e.signal] * e.scale + e.offset
        else:
            value = round(phys[e.signal] * e.scale + e.offset)
        if spec.check(value if spec.datatype != "float" else round(value, 6)) is None:
            out[e.path] = value
    return out


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([m.name for m in DB.messages]), st.binary(min_size=8, max_size=8))
def test_any_payload_decodes_as_cantools_reads_it(shared_decoder, name, payload):
    # covers both byte orders (BMS_Status is Motorola), signed fields, tables and SNA codes
    decoder = shared_decoder  # the demo mapping has no throttles: no state between frames
    m = DB.get_message_by_name(name)
    msg = can.Message(arbitration_id=m.frame_id, data=payload[: m.length], is_extended_id=False)
    got = dict(decoder.decode(msg))
    want = _reference(msg)
    assert got.keys() == want.keys()
    for path, value in got.items():
        assert type(value) is type(want[path]), path
        if type(value) is float:
            assert value == pytest.approx(want[path], rel=1e-9, abs=1e-6), path
        else:
            assert value == want[path], path


def test_values_come_out_in_the_catalogue_type(decoder):
    values = dict(decoder.decode(frame("VCU_Drive", VehicleSpeed=8848, MotorSpeed=-1200, MotorPower=-425,
                                       LongitudinalAccel=-1500)))
    assert values == {
        "Vehicle.Speed": 88.48,
        "Vehicle.Powertrain.ElectricMotor.Speed": -1200.0,
        "Vehicle.Powertrain.ElectricMotor.Power": -42,  # int16 kW from 0.1 kW steps, rounded half to even
        "Vehicle.Acceleration.Longitudinal": -1.5,
    }
    assert [type(v) for v in values.values()] == [float, float, int, float]
    assert dict(decoder.decode(frame("BMS_Energy", RangeEstimate=3127, NetCapacity=60))) == {
        "Vehicle.Powertrain.Range": 312_700,  # 0.1 km steps -> metres
        "Vehicle.Powertrain.TractionBattery.Range": 312_700,
        "Vehicle.Powertrain.TractionBattery.NetCapacity": 60,
    }
    units = dict(decoder.decode(frame("HU_Settings", DistanceUnit=1, PressureUnit=2, MediaVolume=35)))
    assert units["Vehicle.Cabin.Infotainment.HMI.DistanceUnit"] == "MILES"
    assert units["Vehicle.Cabin.Infotainment.HMI.TirePressureUnit"] == "BAR"


# ----- bad frames --------------------------------------------------------------------------------------


def test_bad_frames_are_counted_per_message_and_reason_and_never_reach_the_store(decoder):
    store = SignalStore()
    bad = [
        can.Message(arbitration_id=0x7A5, data=bytes(8), is_extended_id=False),  # not in the DBC
        can.Message(arbitration_id=0x100, data=bytes(8), is_extended_id=True),  # right number, extended
        frame("VCU_Drive", dlc=4),  # short
        frame("BCM_Lights", dlc=8),  # long
        frame("VCU_Drive", VehicleSpeed=0xFFFF, MotorSpeed=-0x8000, MotorPower=-0x8000, LongitudinalAccel=-0x8000),
        frame("VCU_Gear", GearSelected=7, ParkingBrake=3),  # 7: no such gear; 3: SNA
        can.Message(arbitration_id=0x400, is_remote_frame=True, dlc=1, is_extended_id=False),
        can.Message(is_error_frame=True),
    ]
    for msg in bad:
        assert store.update_many(decoder.decode(msg)) == 0
    assert store.snapshot() == {}
    assert store.rejections == {}
    # frames that never decoded, and values of decoded frames that were refused, apart
    assert decoder.stats.bad_frames == {
        ("0x7a5", Reason.UNKNOWN_ID): 1,
        ("0x100", Reason.UNKNOWN_ID): 1,
        ("VCU_Drive", Reason.WRONG_LENGTH): 1,
        ("BCM_Lights", Reason.WRONG_LENGTH): 1,
        ("BCM_Lights", Reason.REMOTE_FRAME): 1,
        ("bus", Reason.ERROR_FRAME): 1,
    }
    assert decoder.stats.bad_values == {
        ("VCU_Drive", Reason.NOT_AVAILABLE): 4,
        ("VCU_Gear", Reason.NOT_IN_TABLE): 2,  # SelectedGear and CurrentGear
        ("VCU_Gear", Reason.NOT_AVAILABLE): 1,
    }
    assert decoder.stats.frames_ok == 2 and decoder.stats.values == 0
    assert decoder.stats.as_dict()["values"]["dropped"]["VCU_Gear"] == {"not available": 1, "not in table": 2}
    assert decoder.stats.as_dict()["frames"]["dropped"]["VCU_Drive"] == {"wrong length": 1}
    assert decoder.stats.summary().splitlines() == [
        "frames: 2 decoded, 6 dropped (2 × unknown id, 2 × wrong length, 1 × remote frame, 1 × error frame), "
        "0 of messages the mapping does not use",
        "values: 0 delivered, 7 dropped (5 × not available, 2 × not in table), 0 thinned out by min_interval_ms",
        "  VCU_Drive: 4 values × not available",
        "  VCU_Gear: 2 values × not in table",
        "  0x100: 1 frame × unknown id",
        "  0x7a5: 1 frame × unknown id",
        "  BCM_Lights: 1 frame × remote frame",
        "  BCM_Lights: 1 frame × wrong length",
        "  VCU_Drive: 1 frame × wrong length",
        "  VCU_Gear: 1 value × not available",
        "  bus: 1 frame × error frame",
    ]


def test_an_out_of_range_value_is_dropped_while_the_rest_of_its_frame_goes_through(decoder):
    store = SignalStore()
    # 25.0 V is beyond the catalogue's 12 V-system range; the doors in the same frame are fine
    values = decoder.decode(frame("BCM_Body", LowVoltage=250, DoorFrontLeftOpen=1, BeltDriver=1))
    assert "Vehicle.LowVoltageBattery.CurrentVoltage" not in dict(values)
    assert store.update_many(values) == len(values)
    assert store.value("Vehicle.Cabin.Door.Row1.DriverSide.IsOpen") is True
    assert store.value("Vehicle.LowVoltageBattery.CurrentVoltage") is None
    assert decoder.stats.bad_values == {("BCM_Body", Reason.OUT_OF_RANGE): 1} and decoder.stats.bad_frames == {}
    assert decoder.stats.ok["BCM_Body"] == 1
    # an HVAC setpoint of 40 °C is a valid DBC value but outside the catalogue's 16-28
    values = dict(decoder.decode(frame("HVAC_Status", DriverSetpoint=80, PassengerSetpoint=255, DriverFan=127)))
    assert values.keys().isdisjoint({
        "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature",  # out of range
        "Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature",  # SNA
        "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed",  # SNA
    })
    assert values["Vehicle.Cabin.HVAC.Station.Row1.Passenger.FanSpeed"] == 0
    assert decoder.stats.bad_values[("HVAC_Status", Reason.OUT_OF_RANGE)] == 1
    assert decoder.stats.bad_values[("HVAC_Status", Reason.NOT_AVAILABLE)] == 2


def test_the_first_bad_frames_are_logged_loudly_then_only_every_power_of_ten(decoder, caplog):
    caplog.set_level(logging.WARNING, logger="cockpit.can.decoder")
    for _ in range(120):
        decoder.decode(can.Message(arbitration_id=0x7A5, data=bytes(8), is_extended_id=False))
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3 + 2  # three, then at 10 and at 100
    assert lines[0] == "CAN 0x7a5: unknown id (not in the DBC)"
    assert lines[-1] == "CAN 0x7a5: unknown id, 100 times so far"


@settings(max_examples=500, deadline=None)
@given(
    arbitration_id=st.one_of(st.sampled_from([m.frame_id for m in DB.messages]), st.integers(0, 0x7FF)),
    data=st.binary(max_size=8),
    extended=st.booleans(),
    ts=st.floats(0, 1e9),
)
def test_random_frames_never_raise_and_whatever_comes_out_the_store_accepts(
    shared_decoder, arbitration_id, data, extended, ts
):
    decoder = shared_decoder
    store = SignalStore()
    msg = can.Message(arbitration_id=arbitration_id, data=data, is_extended_id=extended, timestamp=ts)
    values = decoder.decode(msg)
    assert store.update_many(values) == len(values)
    assert store.rejections == {}
    for path, value in values:
        assert CATALOGUE[path].check(value) is None


# ----- multiplexed, extended and IEEE-float signals (through cantools) --------------------------------------

MUX_DBC = """VERSION ""
BU_: ECU
BO_ 2566845694 TireData: 8 ECU
 SG_ Wheel M : 0|2@1+ (1,0) [0|3] "" ECU
 SG_ PressureFL m0 : 8|8@1+ (4,0) [0|1020] "kPa" ECU
 SG_ PressureFR m1 : 8|8@1+ (4,0) [0|1020] "kPa" ECU
BO_ 300 Outside: 8 ECU
 SG_ Temperature : 0|32@1- (1,0) [-50|60] "degC" ECU
 SG_ SpareTire : 32|32@1- (1,0) [0|500] "kPa" ECU
SIG_VALTYPE_ 300 Temperature : 1;
SIG_VALTYPE_ 300 SpareTire : 1;
"""
MUX_MAPPING = """
Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure: {message: TireData, signal: PressureFL}
Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure: {message: 0x98FEF4FE, signal: PressureFR}
Vehicle.Exterior.AirTemperature: {message: Outside, signal: Temperature}
Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure: {message: Outside, signal: SpareTire}
"""


def test_multiplexed_extended_and_float_signals(tmp_path):
    (tmp_path / "mux.dbc").write_text(MUX_DBC)
    (tmp_path / "mux.yaml").write_text(MUX_MAPPING)
    decoder = CanDecoder(tmp_path / "mux.dbc", tmp_path / "mux.yaml")
    tire = 0x18FEF4FE

    def tires(data: bytes, extended: bool = True) -> list:
        return decoder.decode(can.Message(arbitration_id=tire, data=data, is_extended_id=extended))

    assert tires(bytes([0, 60, 0, 0, 0, 0, 0, 0])) == [("Vehicle.Chassis.Axle.Row1.Wheel.Left.Tire.Pressure", 240)]
    assert tires(bytes([1, 61, 0, 0, 0, 0, 0, 0])) == [("Vehicle.Chassis.Axle.Row1.Wheel.Right.Tire.Pressure", 244)]
    assert tires(bytes([1, 200, 0, 0, 0, 0, 0, 0])) == []  # 800 kPa: above the catalogue's 500
    assert tires(bytes([3, 60, 0, 0, 0, 0, 0, 0])) == []  # no such multiplexer value
    assert tires(bytes([0, 60, 0, 0, 0, 0, 0, 0]), extended=False) == []
    outside = can.Message(arbitration_id=300, data=struct.pack("<ff", 21.5, 249.6), is_extended_id=False)
    assert decoder.decode(outside) == [("Vehicle.Exterior.AirTemperature", 21.5),
                                       ("Vehicle.Chassis.Axle.Row2.Wheel.Left.Tire.Pressure", 250)]
    outside.data = bytearray(struct.pack("<ff", math.nan, math.inf))
    assert decoder.decode(outside) == []
    assert decoder.stats.bad_frames == {("TireData", Reason.DECODE_FAILED): 1, ("0x18fef4fe", Reason.UNKNOWN_ID): 1}
    assert decoder.stats.bad_values == {("TireData", Reason.OUT_OF_RANGE): 1, ("Outside", Reason.OUT_OF_RANGE): 2}


# ----- the mapping file's errors name the file, the entry and the reason -----------------------------------

GEAR = "Vehicle.Powertrain.Transmission.SelectedGear"


@pytest.mark.parametrize(
    ("text", "entry", "reason"),
    [
        ("Vehicle.Warp.Speed: {message: VCU_Drive, signal: VehicleSpeed}", "Vehicle.Warp.Speed", "unknown VSS path"),
        ("Vehicle.Speed: {message: VCU_Speed, signal: VehicleSpeed}", "Vehicle.Speed",
         "message 'VCU_Speed' is not in the DBC"),
        ("Vehicle.Speed: {message: 0x123, signal: VehicleSpeed}", "Vehicle.Speed", "message 0x123 is not in the DBC"),
        ("Vehicle.Speed: {message: VCU_Drive, signal: Speed}", "Vehicle.Speed",
         "signal 'Speed' is not in message VCU_Drive"),
        (f"{GEAR}: {{message: VCU_Drive, signal: GearSelected}}", GEAR, "is not in message VCU_Drive but in VCU_Gear"),
        (f"{GEAR}: {{message: VCU_Gear, signal: GearSelected, table: {{Q: 126}}}}", GEAR,
         "'Q' is not a value name of GearSelected"),
        (f"{GEAR}: {{message: VCU_Gear, signal: GearSelected, table: {{P: 300}}}}", GEAR, "300 does not fit int8"),
        (f"{GEAR}: {{message: VCU_Gear, signal: GearSelected, table: {{16: 126}}}}", GEAR,
         "16 cannot occur in the 4-bit signal GearSelected"),
        (f"{GEAR}: {{message: VCU_Gear, signal: GearSelected, table: {{1: 126, P: 126}}}}", GEAR,
         "raw value 1 is given twice"),
        (f"{GEAR}: {{message: VCU_Gear, signal: GearSelected, table: [P, R]}}", GEAR, "table must map DBC values"),
        (f"{GEAR}: {{message: VCU_Gear, signal: GearSelected, table: {{P: 126}}, scale: 2}}", GEAR,
         "scale and offset do not apply"),
        ("Vehicle.Body.Hood.IsOpen: {message: BCM_Body, signal: HoodOpen, table: {0: closed}}",
         "Vehicle.Body.Hood.IsOpen", "expected boolean, got str"),
        ("Vehicle.Cabin.Infotainment.HMI.DistanceUnit: {message: HU_Settings, signal: DistanceUnit}",
         "Vehicle.Cabin.Infotainment.HMI.DistanceUnit", "needs a table"),
        ("Vehicle.Cabin.Infotainment.HMI.DistanceUnit: {message: HU_Settings, signal: DistanceUnit, "
         "table: {km: KM}}", "Vehicle.Cabin.Infotainment.HMI.DistanceUnit", "'KM' is not one of MILES, KILOMETERS"),
        ("Vehicle.Speed: {message: VCU_Drive, signal: VehicleSpeed, scale: fast}", "Vehicle.Speed",
         "scale must be a finite number"),
        ("Vehicle.Speed: {message: VCU_Drive, signal: VehicleSpeed, scale: 0}", "Vehicle.Speed", "must not be 0"),
        ("Vehicle.Speed: {message: VCU_Drive, signal: VehicleSpeed, factor: 2}", "Vehicle.Speed", "unknown key factor"),
        ("Vehicle.Speed: {message: VCU_Drive}", "Vehicle.Speed", "missing signal"),
        ("Vehicle.Speed: VehicleSpeed", "Vehicle.Speed", "expected an entry"),
        ("Vehicle.Speed: {message: VCU_Drive, signal: VehicleSpeed, min_interval_ms: -5}", "Vehicle.Speed",
         "min_interval_ms must be 0 or more"),
        ("Vehicle.Speed: {message: VCU_Drive, signal: VehicleSpeed, sna: [NA]}", "Vehicle.Speed",
         "'NA' is not a value name of VehicleSpeed (SNA)"),
        ("Vehicle.Body.Hood.IsOpen: {message: BCM_Body, signal: HoodOpen, scale: 2}", "Vehicle.Body.Hood.IsOpen",
         "make no sense for a boolean"),
    ],
)
def test_mapping_errors_name_the_file_the_entry_and_the_reason(tmp_path, text, entry, reason):
    file = tmp_path / "car.yaml"
    file.write_text(text + "\n")
    with pytest.raises(MappingError) as err:
        load_mapping(file, DB)
    assert str(err.value).startswith(f"{file}: {entry}: ")
    assert reason in str(err.value)


def test_every_error_of_a_mapping_file_is_reported_at_once(tmp_path):
    file = tmp_path / "car.yaml"
    file.write_text("Vehicle.Warp.Speed: {message: VCU_Drive, signal: VehicleSpeed}\n"
                    "Vehicle.Speed: {message: VCU_Drive, signal: Speed}\n"
                    "Vehicle.Powertrain.ElectricMotor.Power: {message: VCU_Drive, signal: MotorPower}\n")
    with pytest.raises(MappingError) as err:
        load_mapping(file, DB)
    assert len(err.value.errors) == 2


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Vehicle.Speed: {message: VCU_Drive, signal: VehicleSpeed}\n"
         "Vehicle.Speed: {message: VCU_Drive, signal: VehicleSpeed}\n", "'Vehicle.Speed' appears twice"),
        ("Vehicle.Speed: {message: VCU_Drive, signal: [\n", "cannot read the mapping"),
        ("- Vehicle.Speed\n", "expected a mapping of VSS paths to entries, got list"),
        ("", "expected a mapping of VSS paths to entries, got NoneType"),
    ],
)
def test_an_unreadable_mapping_file_is_named(tmp_path, text, reason):
    file = tmp_path / "car.yaml"
    file.write_text(text)
    with pytest.raises(MappingError, match=str(file)) as err:
        load_mapping(file, DB)
    assert reason in str(err.value)


def test_missing_files_are_named(tmp_path):
    with pytest.raises(MappingError, match=f"{tmp_path / 'nope.yaml'}: cannot read the mapping"):
        CanDecoder(DB, tmp_path / "nope.yaml")
    with pytest.raises(MappingError, match=f"{tmp_path / 'nope.dbc'}: cannot read the CAN database"):
        CanDecoder(tmp_path / "nope.dbc", DEMO_MAPPING)
    (tmp_path / "junk.dbc").write_text("BO_ this is not a DBC\n")
    with pytest.raises(MappingError, match="junk.dbc: cannot read the CAN database"):
        load_dbc(tmp_path / "junk.dbc")
