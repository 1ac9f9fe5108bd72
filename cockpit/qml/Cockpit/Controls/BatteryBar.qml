import QtQuick
import Cockpit.Theme

// The state of charge as a horizontal bar; empty track when not `valid`, warning colour when
// `low`, regen (green) colour while `charging`.
Rectangle {
    id: root
    property real soc
    property bool valid: false
    property bool low: false
    property bool charging: false

    implicitWidth: Theme.size.touchTarget * 4
    implicitHeight: Theme.size.pip * 2
    radius: height / 2
    color: Theme.color.gauge.track

    Rectangle {
        visible: root.valid
        width: Math.max(parent.height, parent.width * Math.min(100, Math.max(0, root.soc)) / 100)
        height: parent.height
        radius: parent.radius
        color: root.low ? Theme.color.telltale.warning
               : root.charging ? Theme.color.gauge.regen : Theme.color.accent
    }
}
