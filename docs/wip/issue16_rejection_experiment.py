"""Research for issue 16's rejection (not part of the product; run from the repository):

    python docs/wip/issue16_rejection_experiment.py en-us,gmw/en > out.jsonl

Speaks voice_corpus.TUNING (in grammar) and OUT_OF_GRAMMAR with espeak-ng in each voice, then decodes
each utterance three ways on the same audio: the product's recognizer (grammar + garbage loop), the
grammar alone (forced), a free decode with en-us.lm.bin, and an all-phone decode. pocketsphinx 5's
Python scores come back logmath.exp()-ed: logmath.log() gives the raw log scores (per-frame
normalised by the best senone, so comparable across decoders on the same audio). Per utterance:
d_total = (forced - free total score) / frames, d_phone = (forced - all-phone acoustic) / frames."""
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pocketsphinx

sys.path.insert(0, ".")
from tests.voice_corpus import LISTS, OUT_OF_GRAMMAR, TUNING  # noqa: E402
from voice import grammar  # noqa: E402
from voice.assistant import FILE_PADDING_S  # noqa: E402
from voice.audio import pad, read_wav  # noqa: E402
from voice.intents import IntentMatcher  # noqa: E402
from voice.sphinx_recognizer import SphinxRecognizer, comfort_noise  # noqa: E402

rec = SphinxRecognizer()
matcher = IntentMatcher("en", LISTS)
g = grammar.build(matcher)
rec.set_grammar(g)
mp = rec.model_path


def decoder(**kw) -> pocketsphinx.Decoder:  # noqa: ANN003
    cfg = pocketsphinx.Config(hmm=str(mp / "en-us"), dict=str(mp / "cmudict-en-us.dict"), beam=1e-60,
                              pbeam=1e-60, wbeam=1e-40, bestpath=False, samprate=16000, **kw)
    cfg["loglevel"] = "FATAL"
    return pocketsphinx.Decoder(cfg)


free = decoder(lm=str(mp / "en-us.lm.bin"))
phone = decoder(lm=None, allphone=str(mp / "en-us-phone.lm.bin"))
forced = decoder(lm=None)  # the grammar alone, no garbage loop
start, final, trans = g.to_fsg((), 1e-20)
usable = {w for w in g.words() if forced.lookup_word(w) is not None}
trans = [t for t in trans if t[3] is None or t[3] in usable]
forced.add_fsg("g", forced.create_fsg("g", start, final, [t if t[3] is not None else t[:3] for t in trans]))
forced.activate_search("g")


def run(d: pocketsphinx.Decoder, audio: np.ndarray) -> tuple[str, tuple[int, int], int]:
    """(hypothesis, (total log score, acoustic log score), frames)."""
    d.start_utt()
    d.process_raw(audio.tobytes(), False, True)
    d.end_utt()
    h = d.hyp()
    acoustic = sum(d.logmath.log(s.ascore) for s in list(d.seg() or []))
    total = d.logmath.log(h.score) if h else -10**9
    return (h.hypstr if h else ""), (total, acoustic), d.n_frames()


sets = [("in", t) for t, _, _ in TUNING] + [("oog", t) for t in OUT_OF_GRAMMAR]
for voice in sys.argv[1].split(","):
    for kind, text in sets:
        wav = Path("/tmp") / f"{re.sub(r'[^a-z0-9]+', '_', text)[:50]}-{re.sub(r'[^a-z0-9]+', '_', voice)}.wav"
        if not wav.exists():
            subprocess.run(["espeak-ng", "-v", voice, "-w", str(wav), text], check=True)
        audio = comfort_noise(pad(read_wav(wav), FILE_PADDING_S), np.random.default_rng(0))
        gh, _, n = run(rec._decoder, audio)
        fh, fs, _ = run(forced, audio)
        lh, ls, _ = run(free, audio)
        _, ps, _ = run(phone, audio)
        print(json.dumps(dict(voice=voice, kind=kind, text=text, garbage_hyp=gh, forced=fh,
                              forced_ok=matcher.match(fh) is not None, free=lh,
                              d_total=(fs[0] - ls[0]) / max(n, 1), d_phone=(fs[1] - ps[1]) / max(n, 1), n=n)),
              flush=True)
