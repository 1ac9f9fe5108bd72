import QtQuick
import QtQuick.Shapes
import Cockpit.Theme

// The next maneuver drawn on the road, as an augmented-reality HUD does: a few chevrons lying on a
// road plane seen in perspective (they shrink and flatten toward the horizon), following a path
// that runs ahead and then bends the maneuver's way. Sized in metres on the ground and projected
// once per maneuver and size: nothing is repainted per frame, and only `opacity` follows the
// distance (a brighter cue as the turn nears).
Item {
    id: root
    property string maneuver  // a NavigationStore maneuver type: turn-left, slight-right, uturn, …
    property color color: Theme.color.hud.guide

    // The road plane: a point x m to the right and z m ahead lands at (width/2 + focal·x/z,
    // horizon + focal·eye/z). The nearest ground drawn (near m ahead) meets the item's bottom edge.
    readonly property real horizon: height * 0.25  // low enough that the far chevrons pass under the corners
    // m: above a driver's eye (1.2 m), as if seen from a little higher: at the true angle every
    // chevron past the first would be squashed into a sliver
    readonly property real eye: 1.8
    readonly property real near: 5.1  // m: where the ground meets the bottom edge: under the first chevron, raised
    readonly property real focal: (height - horizon) * near / eye

    // How far the path bends (degrees, + to the right) for each maneuver; straight for the rest.
    // A roundabout stays straight: the way in is ahead, and the exit is the icon's to say. A U-turn
    // turns left, as in right-hand traffic (the map's).
    readonly property var bends: ({
        "slight-left": -35, "slight-right": 35, "turn-left": -90, "turn-right": 90,
        "sharp-left": -135, "sharp-right": 135, "uturn": -180
    })
    readonly property real bend: (bends[maneuver] ?? 0) * Math.PI / 180

    // The path: straight for `lead` m, then an arc through `bend` that ends at the last chevron (so
    // it points the maneuver's way, and what lies past a U-turn never swings back into view).
    readonly property int count: 4
    readonly property real first: 7.0  // m along the path to the first chevron's middle
    readonly property real spacing: 4.2
    readonly property real lead: 8.0
    readonly property real radius: bend === 0 ? 1 : (first + (count - 1) * spacing - lead) / Math.abs(bend)

    // One chevron on the ground, pointing along +v, centred on (0, 0): u across, v along, in metres.
    readonly property real chevronWidth: 3.4  // about a lane's width: it marks the lane to be in
    readonly property real chevronRise: 1.1  // the arms sweep back this much per metre across
    readonly property real chevronThickness: 0.8
    readonly property var outline: {
        const half = chevronWidth / 2
        const tip = (half * chevronRise + chevronThickness) / 2
        const arm = tip - half * chevronRise
        return [[0, tip], [half, arm], [half, arm - chevronThickness], [0, tip - chevronThickness],
                [-half, arm - chevronThickness], [-half, arm], [0, tip]]
    }

    function pose(s) {  // the point s m along the path, and its heading (radians, + to the right)
        if (s <= lead || bend === 0)
            return { x: 0, z: s, heading: 0 }
        const side = bend < 0 ? -1 : 1
        const turned = Math.min((s - lead) / radius, Math.abs(bend))
        return { x: side * radius * (1 - Math.cos(turned)), z: lead + radius * Math.sin(turned), heading: side * turned }
    }

    function project(x, z) {
        return Qt.point(width / 2 + focal * x / z, horizon + focal * eye / z)
    }

    // Each chevron's outline on the screen, raised off the road: stretched upright about its middle
    // `raise` times, as if tilted toward the driver. Flat on the road, a chevron turned across it
    // shows only its edge; raised, it still points.
    readonly property real raise: 1.6
    readonly property var chevrons: {
        const out = []
        for (let i = 0; i < count; ++i) {
            const p = pose(first + i * spacing)
            const across = { x: Math.cos(p.heading), z: -Math.sin(p.heading) }
            const along = { x: Math.sin(p.heading), z: Math.cos(p.heading) }
            const middle = project(p.x, p.z).y
            out.push(outline.map(([u, v]) => {
                const q = project(p.x + u * across.x + v * along.x, p.z + u * across.z + v * along.z)
                return Qt.point(q.x, middle + raise * (q.y - middle))
            }))
        }
        return out
    }

    Repeater {
        model: root.chevrons.length
        Shape {
            objectName: "hudChevron"
            anchors.fill: parent
            preferredRendererType: Shape.CurveRenderer  // antialiased edges without multisampling
            // the nearest brightest: the far ones recede into the road
            opacity: 1 - index * 0.18
            ShapePath {
                strokeWidth: -1
                strokeColor: Theme.color.none
                fillColor: root.color
                PathPolyline { path: root.chevrons[index] }
            }
        }
    }
}
