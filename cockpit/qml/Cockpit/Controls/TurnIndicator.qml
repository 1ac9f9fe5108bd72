import QtQuick
import Cockpit.Theme

// A direction-indicator arrow. While `on` it flashes: lit while `phase` is (the store's 1.5 Hz
// flash phase, taken from the vehicle's clock, so a still picture shows it lit and a test can step
// it), dark otherwise. Dark, it is drawn in the telltale "off" colour (or hidden when `ghost` is false).
Item {
    id: root
    property bool on: false
    property bool phase: true
    property bool pointsRight: false
    property bool ghost: true
    property real size: Theme.size.telltale
    property var colors: Theme.color.telltale  // the HUD passes its own

    readonly property bool lit: on && phase

    implicitWidth: size
    implicitHeight: size

    TelltaleSymbol {
        anchors.fill: parent
        visible: root.lit || root.ghost
        icon: "arrow"
        color: root.lit ? root.colors.on : root.colors.off
        transform: Scale {
            origin.x: root.width / 2
            xScale: root.pointsRight ? -1 : 1
        }
    }
}
