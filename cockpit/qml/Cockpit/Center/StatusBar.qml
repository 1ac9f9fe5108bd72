import QtQuick
import Cockpit.Theme
import Cockpit.Controls
import Cockpit.Voice

// The top line of every page but Home: the page title, outside temperature, clock and the voice
// assistant's push-to-talk button (talkRequested()).
Item {
    id: root
    property string title
    property string clock
    property string outsideTemperature: "--" // formatted, with its unit
    property string extra // page-specific note beside the title (e.g. the cabin temperature)
    property string voiceState: "idle"
    property bool voiceAvailable: true // false: the car has no voice assistant, and no button for it
    signal talkRequested()

    implicitHeight: Theme.size.statusBar

    ThemedText {
        id: heading
        anchors.left: parent.left
        anchors.verticalCenter: parent.verticalCenter
        text: root.title
        font.pixelSize: Theme.font.size.title
        font.weight: Theme.font.weight.bold
    }
    Row {
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.space.l
        Row {
            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.space.xs
            LineIcon {
                anchors.verticalCenter: parent.verticalCenter
                name: "thermometer"
                size: Theme.size.iconSmall
                color: Theme.color.text.secondary
            }
            ThemedText {
                anchors.verticalCenter: parent.verticalCenter
                text: root.outsideTemperature
                color: Theme.color.text.secondary
            }
        }
        ThemedText {
            anchors.verticalCenter: parent.verticalCenter
            text: root.clock !== "" ? root.clock : "--:--"
            font.family: Theme.font.family.numeric
            font.weight: Theme.font.weight.bold
        }
        VoiceButton {
            objectName: "talkButton"
            anchors.verticalCenter: parent.verticalCenter
            visible: root.voiceAvailable
            voiceState: root.voiceState
            onClicked: root.talkRequested()
        }
    }
}
