import QtQuick
import Cockpit.Theme

// Asks before something that cannot be undone: a title, what will happen, Cancel and the action
// (`confirmText`, drawn as destructive). Emits confirmed() or cancelled().
Rectangle {
    id: root
    property string title
    property string message
    property string confirmText: qsTr("Erase")
    signal confirmed()
    signal cancelled()

    implicitWidth: Theme.size.touchTarget * 8
    implicitHeight: column.implicitHeight + Theme.space.l * 2
    radius: Theme.radius.l
    color: Theme.color.background.surface
    border.width: Theme.size.outline
    border.color: Theme.color.state.error

    Accessible.role: Accessible.AlertMessage
    Accessible.name: title

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.margins: Theme.space.l
        spacing: Theme.space.l

        Row {
            spacing: Theme.space.m
            LineIcon {
                anchors.verticalCenter: parent.verticalCenter
                name: "warning"
                color: Theme.color.state.error
            }
            ThemedText {
                anchors.verticalCenter: parent.verticalCenter
                text: root.title
                font.pixelSize: Theme.font.size.title
                font.weight: Theme.font.weight.bold
            }
        }
        ThemedText {
            width: parent.width
            text: root.message
            wrapMode: Text.WordWrap
            maximumLineCount: 5
            color: Theme.color.text.secondary
        }
        Row {
            anchors.right: parent.right
            spacing: Theme.space.m
            TextButton {
                objectName: "confirmCancel"
                text: qsTr("Cancel")
                onClicked: root.cancelled()
            }
            TextButton {
                objectName: "confirmAction"
                text: root.confirmText
                icon: "trash"
                tone: "danger"
                onClicked: root.confirmed()
            }
        }
    }
}
