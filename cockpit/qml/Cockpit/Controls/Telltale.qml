import QtQuick
import Cockpit.Theme

// A telltale: an ISO 2575 symbol, lit in its colour role while `on` (UN R121 colours: "danger"
// red, "warning" amber, "on" green, "highBeam" blue). Unlit it is hidden, or drawn in the "off"
// colour when `ghost`. `blinking` flashes it with the indicators (e.g. ESC intervening): lit
// while `phase` is, the store's flash phase.
Item {
    id: root
    property string icon
    property string role: "warning"
    property bool on: false
    property bool blinking: false
    property bool phase: true
    property bool ghost: false
    property real size: Theme.size.telltale
    // the colours by role: the HUD passes its own (bright on its black in every theme)
    property var colors: Theme.color.telltale

    readonly property bool lit: on && (!blinking || phase)

    implicitWidth: size
    implicitHeight: size

    TelltaleSymbol {
        anchors.fill: parent
        visible: root.lit || root.ghost
        icon: root.icon
        color: root.lit ? root.colors[root.role] : root.colors.off
    }
}
