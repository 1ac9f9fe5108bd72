"""Names, key fob ids and PINs: one validator whichever way they come in (CLI, import, the database,
the car's key reader), refusing what cannot be shown safely with the reason and where it is."""

import json
import re

import pytest

from cockpit.profiles.schema import ProfileFormatError, default_profile, export_bytes, parse_export, validate
from cockpit.profiles.store import BadPin, NameTaken, ProfileDatabase, ProfileError

from .test_profiles_cli import profiles

FAST = 2**10

BAD_NAMES = [  # (name, what the message must say)
    ("An\x00na", "contains a control character (U+0000) at position 3"),
    ("An\nna", "contains a line break (U+000A) at position 3"),
    ("\x1b[31mAnna", "contains a control character (U+001B) at position 1"),
    ("Anna\x85", "contains a control character (U+0085) at position 5"),  # C1: a terminal's NEL
    ("Bob\u202eevil", "contains a bidirectional-text override (U+202E) at position 4"),
    ("\u2067Bob", "contains a bidirectional-text override (U+2067) at position 1"),  # an isolate
    ("An\u200bna", "contains an invisible formatting character (U+200B) at position 3"),  # zero-width space
    ("Anna\u200d", "contains an invisible formatting character (U+200D) at position 5"),  # zero-width joiner
    ("\ufeffAnna", "contains an invisible formatting character (U+FEFF) at position 1"),
    ("An\u2028na", "contains a line separator (U+2028) at position 3"),
    ("An\ud800na", "contains a lone surrogate (U+D800, not Unicode text) at position 3"),
    ("x" * 100_000, "longer than 40 characters"),
    (" Anna", "must not start or end with spaces"),
    ("\u3000", "must not be empty"),
]


def opened(folder) -> ProfileDatabase:
    db = ProfileDatabase(folder, scrypt_n=FAST)
    assert db.open().ok
    return db


@pytest.mark.parametrize(("name", "why"), BAD_NAMES)
def test_a_bad_name_is_refused_by_the_store_and_by_import_with_the_reason(tmp_path, name, why):
    db = opened(tmp_path)
    with pytest.raises(ProfileError) as made:
        db.create(name)
    assert str(made.value) == f"profile name: {why}"
    doc = default_profile("Anna")
    doc["name"] = name
    text = json.dumps({"format": "cockpit.profile", "profile": doc})  # json escapes what cannot be encoded
    with pytest.raises(ProfileFormatError) as imported:
        db.import_(text, source="in.json")
    assert str(imported.value) == f"in.json: profile.name: {why}"
    with pytest.raises(ProfileError, match="profile name: "):
        db.import_(export_bytes(default_profile("Anna")), name=name)  # --name goes through it too
    assert db.summaries() == []


def test_shown_text_elsewhere_in_a_profile_refuses_the_same_characters():
    """Contacts, places and favourites may keep a zero-width joiner (emoji, Persian), never a control."""
    doc = default_profile("Anna")
    doc["contacts"] = [{"name": "Ma\u202erk", "phone": "+1 2"}]
    with pytest.raises(ProfileFormatError, match=r"contacts\[0\]\.name: contains a bidirectional-text override "
                                                 r"\(U\+202E\) at position 3"):
        validate(doc)
    doc["contacts"] = [{"name": "\U0001f469\u200d\U0001f692 Mira", "phone": "+1 2"}]
    assert validate(doc)["contacts"][0]["name"].endswith("Mira")
    doc["places"]["home"] = {"label": "Home", "address": "Main St\x1b]0;pwned\x07", "latitude": None,
                             "longitude": None}
    with pytest.raises(ProfileFormatError, match=r"home\.address: contains a control character \(U\+001B\)"):
        validate(doc)


def test_names_are_stored_composed_so_an_accent_typed_two_ways_is_one_name(tmp_path):
    db = opened(tmp_path)
    made = db.create("Jose\u0301")  # e + combining acute
    assert made.name == "Jos\u00e9" and db.summaries()[0].name == "Jos\u00e9"
    assert db.find("jos\u00e9").id == db.find("JOSE\u0301").id == made.id
    with pytest.raises(NameTaken):
        db.create("Jos\u00e9")
    assert parse_export(export_bytes(default_profile("Jose\u0301")))["name"] == "Jos\u00e9"


@pytest.mark.parametrize(("fob", "why"), [
    ("key\x1b[2J", "a control character (U+001B) at position 4 is not allowed"),
    ("\u202ekey", "a bidirectional-text override (U+202E) at position 1 is not allowed"),
    ("key\u200b1", "an invisible formatting character (U+200B) at position 4 is not allowed"),
    ("key 1", "a space (U+0020) at position 4 is not allowed"),
    ("k" * 100_000, "longer than 64 characters"),
    ("", "must not be empty"),
])
def test_a_bad_key_fob_id_is_refused_when_created_or_linked(tmp_path, fob, why):
    db = opened(tmp_path)
    with pytest.raises(ProfileError, match="^key fob id: " + re.escape(why)):
        db.create("Anna", key_fob=fob)
    db.create("Anna", key_fob="key-1")
    with pytest.raises(ProfileError, match="^key fob id: " + re.escape(why)):
        db.link_key_fob("Anna", fob)
    assert db.summaries()[0].key_fob == "key-1"
    db.link_key_fob("Anna", "0xA1:B2_c3.4-5")
    assert db.find_key_fob("0xA1:B2_c3.4-5").name == "Anna"


def test_a_stored_label_that_fails_the_validator_is_set_aside_like_any_invalid_row(tmp_path):
    """Whatever is stored passes the same check as what comes in (a row written by an older cockpit)."""
    db = opened(tmp_path)
    good, odd = db.create("Anna"), db.create("Bo", pin="1234")
    label = db._label(odd.id, db._secret(odd.id), "Bo\u202e", None, False)
    db._conn.execute("UPDATE profiles SET label=? WHERE id=?", (label, odd.id))
    db.close()
    again = ProfileDatabase(tmp_path, scrypt_n=FAST)
    report = again.open()
    assert report.dropped == [odd.id] and "bidirectional-text override" in str(report)
    assert [s.id for s in again.summaries()] == [good.id]


@pytest.mark.parametrize(("pin", "why"), [
    ("1234\n", "a PIN is 4 digits: a line break (U+000A) at position 5 is not one of 0-9"),
    ("1234\r\n", "a PIN is 4 digits: a line break (U+000D) at position 5 is not one of 0-9"),
    (" 1234", "a PIN is 4 digits: a space (U+0020) at position 1 is not one of 0-9"),
    ("\u0661\u0662\u0663\u0664", "a PIN is 4 digits: '\u0661' (U+0661) at position 1 is not one of 0-9"),
    ("12345", "a PIN is 4 digits, not 5"),
    ("1" * 100_000, "a PIN is 4 digits, not 100000"),
])
def test_a_pin_is_exactly_four_digits_everywhere(tmp_path, pin, why):
    """"1234\\n" used to pass (re's $ matches before a final newline) and lock its owner out: the PIN
    pad can never type the newline. Now it is refused when set, and never counted as a wrong try."""
    db = opened(tmp_path)
    with pytest.raises(BadPin, match=f"^{re.escape(why)}$"):
        db.create("Anna", pin=pin)
    db.create("Bo", pin="1234")
    with pytest.raises(BadPin, match=f"^{re.escape(why)}$"):
        db.unlock("Bo", pin)
    with pytest.raises(BadPin, match=f"^{re.escape(why)}$"):
        db.start_valet(pin)
    assert db.summaries()[-1].failures == 0 and db.unlock("Bo", "1234").name == "Bo"



def test_cli_pin_from_standard_input_loses_its_line_ending_and_an_argument_keeps_everything(tmp_path):
    data = tmp_path / "car"
    made = profiles(data, "create", "Bo", "--pin", "-", stdin="1234\n")  # echo 1234 | cockpit profiles create …
    assert made.returncode == 0 and made.stdout == "created 'Bo' with a PIN\n"
    assert profiles(data, "show", "Bo", "--pin", "1234").returncode == 0  # the PIN is 1234, not "1234\n"
    assert profiles(data, "show", "Bo", "--pin", "-", stdin="1234\r\n").returncode == 0
    for stdin in ("1234\n\n", "1234 \n", "", "\n"):
        result = profiles(data, "show", "Bo", "--pin", "-", stdin=stdin)
        assert result.returncode == 2 and result.stderr.startswith("cockpit: a PIN is 4 digits"), stdin
    argument = profiles(data, "create", "Cy", "--pin", "1234\n")
    assert argument.returncode == 2
    assert argument.stderr == "cockpit: a PIN is 4 digits: a line break (U+000A) at position 5 is not one of 0-9\n"
    asked = profiles(data, "show", "Bo")
    assert asked.returncode == 2 and "give it with --pin (--pin - reads it from standard input)" in asked.stderr
    flood = profiles(data, "show", "Bo", "--pin", "-", stdin="1" * 100_000)
    assert flood.stderr == "cockpit: standard input: more than 64 bytes, too large for a PIN\n"


def test_cli_names_and_key_fobs_never_reach_the_terminal_raw(tmp_path):
    data = tmp_path / "car"
    escape = profiles(data, "create", "\x1b[31mAnna")
    assert escape.returncode == 2 and "\x1b" not in escape.stderr
    assert escape.stderr == "cockpit: profile name: contains a control character (U+001B) at position 1\n"
    fob = profiles(data, "create", "Anna", "--key-fob", "key\x1b[2J")
    assert fob.returncode == 2 and "\x1b" not in fob.stderr
    long = profiles(data, "show", "x" * 100_000)
    assert long.returncode == 2 and len(long.stderr) < 200
    assert profiles(data, "list").stdout.startswith("no profiles yet")
