import QtQuick
import Cockpit.Theme

// Outside air temperature, one decimal, in the driver's unit ("--" when not valid).
Text {
    id: root
    property real value: 0
    property bool valid: true
    property string unit: "°C"

    // A real minus sign: a hyphen is easy to miss at a glance.
    text: (valid ? (value < 0 ? "\u2212" : "") + Math.abs(value).toLocaleString(Qt.locale(), "f", 1) : "--") + " " + unit
    color: valid ? Theme.color.text.primary : Theme.color.text.secondary
    font.family: Theme.font.family.numeric
    font.features: { "tnum": 1 }  // tabular figures: a changing number keeps its width
    font.pixelSize: Theme.font.size.body
}
