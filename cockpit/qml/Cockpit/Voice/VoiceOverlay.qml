import QtQuick
import Cockpit.Theme
import Cockpit.Controls

// The voice assistant's panel over the center screen: what it is doing (listening, thinking,
// speaking), what it hears as the driver speaks (`partial`, then the final `transcript`) and its
// `answer` or `error`. It stays for Theme.duration.toast after the turn ends, or until tapped
// (dismissed()).
Rectangle {
    id: root
    property string voiceState: "idle" // "idle" | "listening" | "thinking" | "speaking"
    property string partial
    property string transcript
    property string answer
    property string error
    signal dismissed()

    readonly property bool busy: voiceState !== "idle"
    readonly property string heard: voiceState === "listening" ? partial : transcript
    readonly property bool shown: busy || lingering
    property bool lingering: false

    onBusyChanged: {
        lingering = !busy && (answer !== "" || error !== "");
        if (lingering)
            linger.restart();
    }

    implicitWidth: Theme.size.touchTarget * 9
    implicitHeight: content.implicitHeight + 2 * Theme.space.l
    radius: Theme.radius.l
    color: Theme.color.background.raised
    border.width: busy ? Theme.size.outline : Theme.size.border
    border.color: busy ? Theme.color.accent : Theme.color.border
    opacity: shown ? 1 : 0
    visible: opacity > 0

    Behavior on opacity { NumberAnimation { duration: Theme.duration.normal } }

    Accessible.role: Accessible.AlertMessage
    Accessible.name: status.text + " " + heard + " " + (error !== "" ? error : answer)

    Column {
        id: content
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.space.l
        spacing: Theme.space.s

        Row {
            spacing: Theme.space.m
            LineIcon {
                anchors.verticalCenter: parent.verticalCenter
                name: "mic"
                color: root.busy ? Theme.color.accent : Theme.color.text.secondary
            }
            ThemedText {
                id: status
                objectName: "voiceStatus"
                anchors.verticalCenter: parent.verticalCenter
                text: root.voiceState === "listening" ? qsTr("Listening…")
                      : root.voiceState === "thinking" ? qsTr("Thinking…")
                      : root.voiceState === "speaking" ? qsTr("Speaking")
                      : qsTr("Voice assistant")
                font.pixelSize: Theme.font.size.caption
                font.weight: Theme.font.weight.bold
                color: Theme.color.text.secondary
            }
        }
        ThemedText {
            objectName: "voiceHeard"
            width: parent.width
            visible: text !== ""
            text: root.heard !== "" ? "“" + root.heard + "”" : ""
            font.italic: true
            color: Theme.color.text.secondary
            wrapMode: Text.Wrap
            maximumLineCount: 2
        }
        ThemedText {
            objectName: "voiceAnswer"
            width: parent.width
            visible: text !== ""
            text: root.error !== "" ? root.error : root.answer
            font.pixelSize: Theme.font.size.title
            color: root.error !== "" ? Theme.color.state.error : Theme.color.text.primary
            wrapMode: Text.Wrap
            maximumLineCount: 3
        }
    }
    Timer {
        id: linger
        interval: Theme.duration.toast
        onTriggered: root.lingering = false
    }
    TapHandler {
        onTapped: {
            root.lingering = false;
            root.dismissed();
        }
    }
}
