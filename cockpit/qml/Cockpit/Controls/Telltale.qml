import QtQuick
import Cockpit.Theme

// A telltale: an ISO 2575 symbol, lit in its colour role while `on` (UN R121 colours: "danger"
// red, "warning" amber, "on" green, "highBeam" blue). Unlit it is hidden, or drawn in the "off"
// colour when `ghost`. `blinking` flashes it at the indicator rate (e.g. ESC intervening).
Item {
    id: root
    property string icon
    property string role: "warning"
    property bool on: false
    property bool blinking: false
    property bool ghost: false
    property real size: Theme.size.telltale

    readonly property bool lit: on && (!blinking || phase)
    property bool phase: true

    implicitWidth: size
    implicitHeight: size
    onOnChanged: phase = true
    onBlinkingChanged: phase = true

    Timer {
        interval: Theme.duration.blink
        running: root.on && root.blinking
        repeat: true
        onTriggered: root.phase = !root.phase
    }

    TelltaleSymbol {
        anchors.fill: parent
        visible: root.lit || root.ghost
        icon: root.icon
        color: root.lit ? Theme.color.telltale[root.role] : Theme.color.telltale.off
    }
}
