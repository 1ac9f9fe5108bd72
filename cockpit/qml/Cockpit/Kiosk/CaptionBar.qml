import QtQuick
import Cockpit.Theme
import Cockpit.Controls

// The kiosk's caption line: what the tour is showing right now, in a few words. `tone` "tour"
// (with the tour's progress along the top edge) or "visitor" (a hint while a visitor drives).
// With no caption it invites a touch. `progress` 0..1; below 0 hides the progress line.
Rectangle {
    id: root
    property string text
    property string tone: "tour"
    property real progress: -1

    implicitHeight: Theme.size.touchTarget + 2 * Theme.space.m
    color: Theme.color.background.surface

    Rectangle { // the tour's progress
        anchors.left: parent.left
        anchors.top: parent.top
        height: Theme.size.outline
        width: parent.width * Math.max(0, Math.min(1, root.progress))
        visible: root.progress >= 0
        color: Theme.color.accent
    }

    ThemedText {
        objectName: "captionText"
        anchors.fill: parent
        anchors.leftMargin: Theme.space.xl
        anchors.rightMargin: Theme.space.xl
        horizontalAlignment: Text.AlignHCenter
        text: root.text !== "" ? root.text : qsTr("Touch the screen to take the wheel")
        color: root.text !== "" ? Theme.color.text.primary : Theme.color.text.secondary
        font.pixelSize: root.text !== "" ? Theme.font.size.title : Theme.font.size.body
        font.weight: root.tone === "visitor" ? Theme.font.weight.bold : Theme.font.weight.regular
        wrapMode: Text.WordWrap
        maximumLineCount: 2

        Behavior on opacity { NumberAnimation { duration: Theme.duration.normal } }
    }
}
