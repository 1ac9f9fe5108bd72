import QtQuick
import Cockpit.Theme
import Cockpit.Controls

// The cluster's voice indicator: a microphone glyph the size of a telltale, lit while the
// assistant listens or speaks, dim while it thinks, hidden when idle.
Item {
    id: root
    property string voiceState: "idle"
    property real size: Theme.size.telltale

    implicitWidth: size
    implicitHeight: size
    visible: voiceState !== "idle"

    Accessible.role: Accessible.Indicator
    Accessible.name: qsTr("Voice assistant %1").arg(voiceState)

    LineIcon {
        anchors.centerIn: parent
        name: "mic"
        size: root.size
        color: root.voiceState === "thinking" ? Theme.color.text.secondary : Theme.color.state.active
    }
}
