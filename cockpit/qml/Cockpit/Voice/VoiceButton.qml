import QtQuick
import Cockpit.Theme
import Cockpit.Controls

// The push-to-talk button: a microphone in a disc, filled while the assistant listens or speaks,
// outlined while it thinks. The whole touch target is tappable; emits clicked().
Item {
    id: root
    property string voiceState: "idle" // "idle" | "listening" | "thinking" | "speaking"
    signal clicked()

    readonly property bool lit: voiceState === "listening" || voiceState === "speaking"

    implicitWidth: Theme.size.touchTarget
    implicitHeight: Theme.size.touchTarget

    Accessible.role: Accessible.Button
    Accessible.name: qsTr("Voice assistant")
    Accessible.description: voiceState

    Rectangle {
        anchors.centerIn: parent
        // drawn a little inside the touch target, so it sits in the status bar
        width: Theme.size.touchTarget - Theme.space.m
        height: width
        radius: width / 2
        color: root.lit ? Theme.color.accent : tap.pressed ? Theme.color.selected : Theme.color.background.raised
        border.width: root.voiceState === "thinking" ? Theme.size.outline : Theme.size.border
        border.color: root.voiceState === "thinking" ? Theme.color.accent : Theme.color.border

        LineIcon {
            anchors.centerIn: parent
            name: "mic"
            color: root.lit ? Theme.color.text.onAccent : Theme.color.text.primary
        }
    }
    TapHandler {
        id: tap
        onTapped: root.clicked()
    }
}
