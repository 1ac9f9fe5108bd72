pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// The static scale of a dial: tick marks and their labels, built once (no per-frame painting).
// Positions are fractions 0…1 of the sweep; `labels` is a list of { at: fraction, text: "20" }.
Item {
    id: root
    property real startAngle: 150
    property real sweep: 240
    property real outerRadius: Math.min(width, height) / 2
    property var minor: []
    property var major: []
    property var labels: []
    property real majorLength: Theme.size.gaugeStroke
    property real minorLength: Theme.size.gaugeStroke / 2
    property real tickWidth: Theme.size.gaugeStroke / 5
    property real labelRadius: outerRadius - majorLength - Theme.space.l
    property color tickColor: Theme.color.gauge.tick
    property color labelColor: Theme.color.text.secondary

    component Tick: Rectangle {
        id: tick
        required property real modelData
        x: root.width / 2 - width / 2
        y: root.height / 2 - root.outerRadius
        color: root.tickColor
        antialiasing: true
        transform: Rotation {
            origin.x: tick.width / 2
            origin.y: root.outerRadius
            angle: root.startAngle + root.sweep * tick.modelData + 90
        }
    }

    Repeater {
        model: root.minor
        Tick {
            width: root.tickWidth / 2
            height: root.minorLength
        }
    }
    Repeater {
        model: root.major
        Tick {
            width: root.tickWidth
            height: root.majorLength
        }
    }
    Repeater {
        model: root.labels
        Text {
            id: label
            required property var modelData
            readonly property real angle: (root.startAngle + root.sweep * modelData.at) * Math.PI / 180
            x: root.width / 2 + root.labelRadius * Math.cos(angle) - width / 2
            y: root.height / 2 + root.labelRadius * Math.sin(angle) - height / 2
            text: modelData.text
            color: root.labelColor
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.caption
        }
    }
}
