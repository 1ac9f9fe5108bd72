import QtQuick
import Cockpit.Theme

// Traction battery on a straight meter: state of charge (percent) as a number and a filled bar,
// range beside the number. `low` tints both in the warning colour. Each reading shows "--" when
// not valid. The straight counterpart of BatteryGauge.
Item {
    id: root
    property real soc: 0
    property bool socValid: true
    property bool low: false
    property real range: 0
    property bool rangeValid: true
    property string rangeUnit: "km"

    implicitWidth: Theme.size.meterLength
    implicitHeight: reading.height + Theme.space.m + meter.height

    Item {
        id: reading
        width: root.width
        height: number.height
        Text {
            id: number
            text: root.socValid ? Math.round(root.soc) : "--"
            color: !root.socValid ? Theme.color.text.secondary
                                  : root.low ? Theme.color.gauge.batteryLow : Theme.color.text.primary
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.title
            font.weight: root.socValid ? Theme.font.weight.bold : Theme.font.weight.regular
        }
        Text {
            anchors.left: number.right
            anchors.leftMargin: Theme.space.s
            anchors.baseline: number.baseline
            text: "%"
            color: Theme.color.text.secondary
            font.family: Theme.font.family.ui
            font.pixelSize: Theme.font.size.body
        }
        Text {
            anchors.right: parent.right
            anchors.baseline: number.baseline
            text: (root.rangeValid ? Math.round(root.range) : "--") + " " + root.rangeUnit
            color: root.rangeValid ? Theme.color.text.primary : Theme.color.text.secondary
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.body
        }
    }

    LinearMeter {
        id: meter
        anchors.top: reading.bottom
        anchors.topMargin: Theme.space.m
        width: root.width
        to: root.socValid ? Math.max(0, Math.min(1, root.soc / 100)) : 0
        fillColor: root.low ? Theme.color.gauge.batteryLow : Theme.color.gauge.battery
        labels: [{ at: 0, text: "0" }, { at: 0.5, text: "50" }, { at: 1, text: "100 %" }]
    }
}
