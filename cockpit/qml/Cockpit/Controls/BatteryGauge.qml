import QtQuick
import Cockpit.Theme

// Traction battery: state of charge (percent) as a filled ring and a number, range below it.
// `low` tints the ring in the warning colour. Each reading shows "--" when not valid.
Item {
    id: root
    property real soc: 0
    property bool socValid: true
    property bool low: false
    property real range: 0
    property bool rangeValid: true
    property string rangeUnit: "km"

    readonly property real startAngle: 150
    readonly property real sweep: 240
    readonly property real fraction: socValid ? Math.max(0, Math.min(1, soc / 100)) : 0

    implicitWidth: Theme.size.gaugeSide
    implicitHeight: Theme.size.gaugeSide

    DialArc {
        anchors.fill: parent
        startAngle: root.startAngle
        sweep: root.sweep
        stroke: Theme.size.gaugeStrokeSide
        to: root.fraction
        fillColor: !root.socValid ? Theme.color.gauge.stale
                                  : root.low ? Theme.color.gauge.batteryLow : Theme.color.gauge.battery
    }

    DialScale {
        anchors.fill: parent
        startAngle: root.startAngle
        sweep: root.sweep
        outerRadius: root.width / 2 - Theme.size.gaugeStrokeSide - Theme.space.s
        majorLength: Theme.size.gaugeStrokeSide
        minorLength: Theme.size.gaugeStrokeSide / 2
        minor: [0.125, 0.375, 0.625, 0.875]
        major: [0, 0.25, 0.5, 0.75, 1]
        labels: [{ at: 0, text: "0" }, { at: 0.5, text: "50" }, { at: 1, text: "100" }]
    }

    Row {
        id: charge
        anchors.centerIn: parent
        anchors.verticalCenterOffset: -Theme.space.m
        Text {
            id: socText
            text: root.socValid ? Math.round(root.soc) : "--"
            color: !root.socValid ? Theme.color.text.secondary
                                  : root.low ? Theme.color.gauge.batteryLow : Theme.color.text.primary
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.title
        }
        Text {
            anchors.baseline: socText.baseline
            text: "%"
            color: Theme.color.text.secondary
            font.family: Theme.font.family.ui
            font.pixelSize: Theme.font.size.body
        }
    }
    Text {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: charge.bottom
        text: (root.rangeValid ? Math.round(root.range) : "--") + " " + root.rangeUnit
        color: Theme.color.text.secondary
        font.family: Theme.font.family.numeric
        font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
        font.pixelSize: Theme.font.size.body
    }
}
