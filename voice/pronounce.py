"""Pronunciations for words the English dictionary lacks (a contact called "Siobhan"), from espeak-ng.

espeak-ng writes IPA; this maps it to the ARPAbet phones of the CMU dictionary that pocketsphinx's
en-us model uses. Without espeak-ng, such words have no pronunciation and their sentences are left out
of the grammar (with a warning), rather than guessed."""

from __future__ import annotations

import logging
import shutil
import subprocess

log = logging.getLogger(__name__)

# Longest symbols first when matching. Stress and length marks are dropped.
_IPA = {
    "aɪ": "AY", "aʊ": "AW", "eɪ": "EY", "oʊ": "OW", "ɔɪ": "OY", "əʊ": "OW", "tʃ": "CH", "dʒ": "JH",
    "ɑː": "AA", "ɔː": "AO", "iː": "IY", "uː": "UW", "ɜː": "ER", "ɪɹ": "IH R", "ɛɹ": "EH R", "ʊɹ": "UH R",
    "ɑ": "AA", "æ": "AE", "ʌ": "AH", "ə": "AH", "ɐ": "AH", "ɔ": "AO", "ɛ": "EH", "e": "EH", "ɚ": "ER",
    "ɝ": "ER", "ɪ": "IH", "i": "IY", "ᵻ": "IH", "ʊ": "UH", "u": "UW", "o": "OW", "a": "AE", "ɒ": "AA",
    "b": "B", "d": "D", "ð": "DH", "f": "F", "ɡ": "G", "g": "G", "h": "HH", "j": "Y", "k": "K", "l": "L",
    "m": "M", "n": "N", "ŋ": "NG", "p": "P", "ɹ": "R", "r": "R", "s": "S", "ʃ": "SH", "t": "T", "θ": "TH",
    "v": "V", "w": "W", "z": "Z", "ʒ": "ZH", "ɾ": "T", "ʔ": "T", "x": "K", "ç": "HH", "ɬ": "L",
}
_IGNORED = set("ˈˌː.ˑ-̃ ̩")


def ipa_to_arpabet(ipa: str) -> list[str]:
    phones: list[str] = []
    i = 0
    while i < len(ipa):
        for size in (2, 1):
            piece = ipa[i:i + size]
            if piece in _IPA:
                phones += _IPA[piece].split()
                i += size
                break
        else:
            if ipa[i] not in _IGNORED and not ipa[i].isspace():
                log.debug("no ARPAbet phone for IPA %r in %r", ipa[i], ipa)
            i += 1
    return phones


def espeak_pronunciations(words: list[str], voice: str = "en-us") -> dict[str, str]:
    """ARPAbet pronunciations (space-separated phones) for ``words``, one espeak-ng call for all."""
    exe = shutil.which("espeak-ng")
    if exe is None or not words:
        if words:
            log.warning("espeak-ng is not installed: no pronunciation for %s", ", ".join(words))
        return {}
    text = "\n".join(words)
    try:
        out = subprocess.run([exe, "-q", "--ipa", "-v", voice], input=text, capture_output=True, text=True,
                             timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("espeak-ng failed (%s): no pronunciation for %s", exc, ", ".join(words))
        return {}
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    if len(lines) != len(words):  # espeak joined or split lines: ask word by word
        lines = [subprocess.run([exe, "-q", "--ipa", "-v", voice, w], capture_output=True, text=True,
                                timeout=10).stdout.strip() for w in words]
    return {w: " ".join(p) for w, line in zip(words, lines, strict=True) if (p := ipa_to_arpabet(line))}
