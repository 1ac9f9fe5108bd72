#!/bin/sh
# Remake every picture in docs/screenshots/ (README.md and docs/*.md show them), offscreen, with the
# commands below; run from the repository:
#
#   tools/doc_screenshots.sh [OUT_DIR]            (default docs/screenshots)
#
# BIN names the folder with the cockpit command and its python (default .venv/bin). The README's
# pictures are the WLTC demo drive at 1,500 s (seed 1). Not remade here: kiosk-cage.png, the kiosk
# inside cage on wlroots' headless backend, which needs root, cage and grim:
#   sudo python3 tools/kiosk_under_cage.py --out docs/screenshots/kiosk-cage.png   (docs/kiosk.md)
set -eu
out=${1:-docs/screenshots}
bin=${BIN:-.venv/bin}
mkdir -p "$out"

shot() { "$bin/cockpit" screenshot --at 1500 "$@"; }
shot --view cluster --out "$out/cluster.png"
shot --view cluster --theme light --out "$out/cluster-light.png"
for page in home climate energy vehicle settings; do
    shot --view center --page "$page" --out "$out/center-$page.png"
done
shot --view center --page climate --theme light --out "$out/center-climate-light.png"

# the City theme's bar layout in the gallery's "driving" state (left indicator on, cruise control at 90)
gallery=$(mktemp -d)
"$bin/cockpit" gallery --views cluster --themes city-dark --states driving --out "$gallery"
cp "$gallery/cluster/driving/city-dark.png" "$out/cluster-city.png"
rm -r "$gallery"

# driver assistance (docs/adas.md): the road scene and the HUD in the gallery's ADAS states
gallery=$(mktemp -d)
"$bin/cockpit" gallery --views cluster,hud --themes dark,light --states acc-following,forward-collision,blind-spot \
    --out "$gallery"
for state in acc-following forward-collision blind-spot; do
    cp "$gallery/cluster/$state/dark.png" "$out/adas-cluster-$state.png"
    cp "$gallery/hud/$state/light.png" "$out/adas-hud-$state.png"
done
cp "$gallery/cluster/acc-following/light.png" "$out/adas-cluster-acc-following-light.png"
rm -r "$gallery"
# the next turn on the HUD: chevrons on the road
"$bin/cockpit" screenshot --view hud --route Mannerheimintie Unioninkatu --at 60 --out "$out/navigation-hud.png"

# each vehicle variant's screens (docs/variants.md)
shot --variant city --view center --out "$out/variant-city-center.png"
shot --variant premium --view cluster --out "$out/variant-premium-cluster.png"
shot --variant premium --view passenger --out "$out/variant-premium-passenger.png"

"$bin/python" tools/voice_screens.py "$out"     # voice-listening, voice-cluster, voice-answer
"$bin/python" tools/profile_screens.py "$out"   # profiles-*
PYTHONPATH=. "$bin/python" tools/software_screens.py "$out"  # software-*: a real repository on 127.0.0.1 (tests/update_helpers.py)
"$bin/python" tools/kiosk_screens.py "$out"     # kiosk-tour, kiosk-pin-pad
