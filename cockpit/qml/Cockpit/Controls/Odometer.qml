import QtQuick
import Cockpit.Theme

// Odometer and trip meter readout; each shows "--" when not valid.
Row {
    id: root
    property real odometer: 0
    property bool odometerValid: true
    property real trip: 0
    property bool tripValid: true
    property string unit: "km"

    spacing: Theme.space.l

    component Reading: Row {
        id: reading
        property string label
        property string value
        property bool valid: true
        property string unit
        spacing: Theme.space.s
        Text {
            anchors.baseline: valueText.baseline
            text: reading.label
            color: Theme.color.text.secondary
            font.family: Theme.font.family.ui
            font.pixelSize: Theme.font.size.caption
        }
        Text {
            id: valueText
            text: (reading.valid ? reading.value : "--") + " " + reading.unit
            color: reading.valid ? Theme.color.text.primary : Theme.color.text.secondary
            font.family: Theme.font.family.numeric
            font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
            font.pixelSize: Theme.font.size.body
        }
    }

    Reading {
        label: qsTr("ODO")
        value: Math.floor(root.odometer).toLocaleString(Qt.locale(), "f", 0)
        valid: root.odometerValid
        unit: root.unit
    }
    Reading {
        label: qsTr("TRIP")
        value: (Math.floor(root.trip * 10) / 10).toLocaleString(Qt.locale(), "f", 1)
        valid: root.tripValid
        unit: root.unit
    }
}
