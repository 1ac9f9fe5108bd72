import QtQuick
import Cockpit.Theme

// A banner over a running view: what failed to load (file, line, reason) while the last good UI
// stays up underneath. Created by the application; a successful reload removes it.
Rectangle {
    id: overlay
    property string title
    property string message

    anchors.left: parent ? parent.left : undefined
    anchors.right: parent ? parent.right : undefined
    anchors.top: parent ? parent.top : undefined
    anchors.margins: Theme.space.m
    height: column.implicitHeight + 2 * Theme.space.m
    z: 1000
    radius: Theme.radius.s
    color: Theme.color.background.raised
    border.color: Theme.color.state.error
    border.width: Theme.size.border

    Column {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.space.m
        spacing: Theme.space.s

        Text {
            width: parent.width
            text: overlay.title
            color: Theme.color.state.error
            font.family: Theme.font.family.ui
            font.pixelSize: Theme.font.size.body
            font.bold: true
        }
        Text {
            width: parent.width
            text: overlay.message
            color: Theme.color.text.primary
            font.family: Theme.font.family.mono
            font.pixelSize: Theme.font.size.caption
            wrapMode: Text.WrapAnywhere
            maximumLineCount: 8
            elide: Text.ElideRight
        }
    }
}
