pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import Cockpit.Theme
import Cockpit.Controls

// Adaptive cruise on the HUD: its symbol and set speed, and under them the time gap as bars (1 to
// 4, the steering wheel's setting) with, past them, the car it follows when there is one (as a
// distance-control symbol draws it: bars between the driver and the car ahead). Green while it
// holds the speed (ISO 2575: a system at work), grey while it is on but not holding (standby: the
// driver braked, or it has not been set). Only the bars set are drawn: a HUD shows no empty slots.
Column {
    id: root
    property bool active: false
    property real setSpeed: 0
    property int gapBars: 0  // 0: not known (plain cruise control): no bars
    property bool following: false  // a car ahead is what it keeps the gap to

    readonly property color tone: active ? Theme.color.hud.active : Theme.color.hud.secondary

    spacing: Theme.space.s

    Row {
        anchors.right: parent.right
        spacing: Theme.space.s
        TelltaleSymbol {
            anchors.verticalCenter: parent.verticalCenter
            width: Theme.size.icon
            height: width
            icon: "cruise"
            color: root.tone
        }
        Text {
            objectName: "hudSetSpeed"
            anchors.verticalCenter: parent.verticalCenter
            text: Math.round(root.setSpeed)
            color: root.tone
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }
            font.pixelSize: Theme.font.size.title
            font.weight: Theme.font.weight.bold
        }
    }
    // The bars lie on the road ahead like the chevrons: the nearest widest, at the bottom, each a
    // little narrower toward the horizon. Four places, so the symbol does not move as the gap
    // changes; only the bars set are drawn, and the car ahead past the last.
    Item {
        id: gap
        objectName: "hudGapBars"
        anchors.right: parent.right
        width: Theme.size.icon * 1.5
        height: root.slots * root.pitch + root.carHeight
        visible: root.gapBars > 0
        Repeater {
            model: root.gapBars
            Shape {
                id: bar
                required property int index
                readonly property real foot: height - index * root.pitch  // its lower edge
                readonly property real inset: (index * root.pitch + root.barHeight) * root.taper
                readonly property real insetFoot: index * root.pitch * root.taper
                anchors.fill: parent
                preferredRendererType: Shape.CurveRenderer
                ShapePath {
                    strokeWidth: -1
                    strokeColor: Theme.color.none
                    fillColor: root.tone
                    PathPolyline {
                        path: [Qt.point(bar.insetFoot, bar.foot), Qt.point(bar.width - bar.insetFoot, bar.foot),
                               Qt.point(bar.width - bar.inset, bar.foot - root.barHeight),
                               Qt.point(bar.inset, bar.foot - root.barHeight)]
                    }
                }
            }
        }
        Rectangle {
            objectName: "hudLead"
            readonly property real foot: gap.height - root.gapBars * root.pitch
            visible: root.following
            anchors.horizontalCenter: parent.horizontalCenter
            y: foot - height
            width: (gap.width - 2 * (gap.height - foot) * root.taper) * 0.6
            height: root.carHeight
            radius: Theme.radius.s / 2
            color: root.tone
        }
    }
    readonly property int slots: 4
    readonly property real carHeight: barHeight * 1.75
    readonly property real barHeight: Theme.space.s
    readonly property real pitch: barHeight + Theme.space.xs
    readonly property real taper: 0.35  // px in from each side per px up: the road's convergence
}
