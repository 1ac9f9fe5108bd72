import QtQuick
import Cockpit.Theme

// A direction-indicator arrow. While `on` it flashes at 1.5 Hz (90 flashes/min, UN R48): lit for
// one half period, dark for the next, starting lit. Dark, it is drawn in the telltale "off"
// colour (or hidden when `ghost` is false). restart() puts it back to the start of a lit phase,
// so that two arrows (hazard lights) flash together.
Item {
    id: root
    property bool on: false
    property bool pointsRight: false
    property bool ghost: true
    property real size: Theme.size.telltale

    readonly property bool lit: on && phase
    property bool phase: true

    function restart() {
        phase = true;
        if (on)
            flasher.restart();
    }

    implicitWidth: size
    implicitHeight: size
    onOnChanged: phase = true

    Timer {
        id: flasher
        interval: Theme.duration.blink
        running: root.on
        repeat: true
        onTriggered: root.phase = !root.phase
    }

    TelltaleSymbol {
        anchors.fill: parent
        visible: root.lit || root.ghost
        icon: "arrow"
        color: root.lit ? Theme.color.telltale.on : Theme.color.telltale.off
        transform: Scale {
            origin.x: root.width / 2
            xScale: root.pointsRight ? -1 : 1
        }
    }
}
