import QtQuick
import Cockpit.Theme

// The track playing: title, artist and source beside previous, play/pause and next buttons.
// Emits previousRequested(), playPauseRequested(), nextRequested().
Item {
    id: root
    property string track
    property string artist
    property string source
    property bool playing: false
    signal previousRequested()
    signal playPauseRequested()
    signal nextRequested()

    implicitWidth: Theme.size.touchTarget * 7
    implicitHeight: Theme.size.touchTarget

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Now playing: %1, %2").arg(track).arg(artist)

    LineIcon {
        id: glyph
        anchors.left: parent.left
        anchors.verticalCenter: parent.verticalCenter
        name: "music"
        color: root.playing ? Theme.color.accent : Theme.color.text.secondary
    }
    Column {
        anchors.left: glyph.right
        anchors.leftMargin: Theme.space.m
        anchors.right: buttons.left
        anchors.rightMargin: Theme.space.m
        anchors.verticalCenter: parent.verticalCenter
        ThemedText {
            objectName: "track"
            width: parent.width
            text: root.track
            font.weight: Theme.font.weight.bold
        }
        ThemedText {
            width: parent.width
            text: root.source !== "" ? root.artist + " · " + root.source : root.artist
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.secondary
        }
    }
    Row {
        id: buttons
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.space.s
        // playback controls keep their order in a right-to-left language (previous on the left,
        // next on the right), as on every player: they point along the track, not the text
        layoutDirection: LayoutMirroring.enabled ? Qt.RightToLeft : Qt.LeftToRight
        StepButton {
            icon: "previous"
            accessibleName: qsTr("Previous track")
            onClicked: root.previousRequested()
        }
        StepButton {
            objectName: "playPause"
            icon: root.playing ? "pause" : "play"
            accessibleName: root.playing ? qsTr("Pause") : qsTr("Play")
            onClicked: root.playPauseRequested()
        }
        StepButton {
            icon: "next"
            accessibleName: qsTr("Next track")
            onClicked: root.nextRequested()
        }
    }
}
