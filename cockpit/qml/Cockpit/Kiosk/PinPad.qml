pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme
import Cockpit.Controls

// The operator's PIN pad over a dimmed screen: dots for the digits entered (never the digits),
// a line for what went wrong, keys 0-9, delete, OK, and Cancel. Digits can also be typed.
// It knows no PIN: it emits digit(d), backspace(), submit() and cancel().
Item {
    id: root
    property bool open: false
    property int length: 0
    property int maxLength: 8
    property string message
    property bool locked: false
    signal digit(int d)
    signal backspace()
    signal submit()
    signal cancel()

    visible: open
    focus: open

    Keys.onPressed: event => {
        if (event.key >= Qt.Key_0 && event.key <= Qt.Key_9)
            root.digit(event.key - Qt.Key_0);
        else if (event.key === Qt.Key_Backspace || event.key === Qt.Key_Delete)
            root.backspace();
        else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
            root.submit();
        else
            return;
        event.accepted = true;
    }

    Rectangle { // the screen behind, dimmed; swallows touches
        anchors.fill: parent
        color: Theme.color.background.base
        opacity: 0.9
        TapHandler {}
    }

    Rectangle {
        id: card
        anchors.centerIn: parent
        width: keys.width + 2 * Theme.space.xl
        height: column.implicitHeight + 2 * Theme.space.xl
        radius: Theme.radius.l
        color: Theme.color.background.raised
        border.width: Theme.size.border
        border.color: Theme.color.border

        Column {
            id: column
            anchors.centerIn: parent
            spacing: Theme.space.l

            ThemedText {
                anchors.horizontalCenter: parent.horizontalCenter
                text: qsTr("Operator PIN")
                font.pixelSize: Theme.font.size.title
                font.weight: Theme.font.weight.bold
            }
            Row { // one dot per digit entered
                objectName: "pinDots"
                anchors.horizontalCenter: parent.horizontalCenter
                height: Theme.size.pip * 2
                spacing: Theme.space.m
                Repeater {
                    model: Math.max(4, root.length)
                    Rectangle {
                        required property int index
                        anchors.verticalCenter: parent.verticalCenter
                        width: Theme.size.pip * 2
                        height: width
                        radius: width / 2
                        color: index < root.length ? Theme.color.accent : Theme.color.none
                        border.width: Theme.size.border
                        border.color: index < root.length ? Theme.color.accent : Theme.color.text.secondary
                    }
                }
            }
            ThemedText {
                objectName: "pinMessage"
                anchors.horizontalCenter: parent.horizontalCenter
                width: keys.width + 2 * Theme.space.l
                horizontalAlignment: Text.AlignHCenter
                text: root.message !== "" ? root.message : qsTr("Enter the PIN to leave the demo")
                color: root.message !== "" ? Theme.color.state.error : Theme.color.text.secondary
                font.pixelSize: Theme.font.size.caption
                wrapMode: Text.WordWrap
                maximumLineCount: 2
            }
            Grid {
                id: keys
                anchors.horizontalCenter: parent.horizontalCenter
                columns: 3
                spacing: Theme.space.m
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"]
                    Rectangle {
                        id: key
                        required property string modelData
                        objectName: "pinKey_" + modelData
                        width: Theme.size.touchTarget * 1.4
                        height: Theme.size.touchTarget
                        radius: Theme.radius.m
                        opacity: root.locked ? 0.4 : 1
                        color: tap.pressed ? Theme.color.selected
                                           : modelData === "ok" ? Theme.color.accent : Theme.color.background.surface
                        border.width: Theme.size.border
                        border.color: tap.pressed ? Theme.color.accent : Theme.color.border

                        Accessible.role: Accessible.Button
                        Accessible.name: modelData === "del" ? qsTr("Delete") : modelData === "ok" ? qsTr("OK") : modelData

                        ThemedText {
                            anchors.centerIn: parent
                            text: key.modelData === "ok" ? qsTr("OK") : key.modelData === "del" ? "\u232B" : key.modelData
                            font.pixelSize: Theme.font.size.title
                            color: key.modelData === "ok" ? Theme.color.text.onAccent : Theme.color.text.primary
                        }
                        TapHandler {
                            id: tap
                            enabled: !root.locked
                            onTapped: {
                                if (key.modelData === "del")
                                    root.backspace();
                                else if (key.modelData === "ok")
                                    root.submit();
                                else
                                    root.digit(Number(key.modelData));
                            }
                        }
                    }
                }
            }
            Rectangle {
                objectName: "pinKey_cancel"
                anchors.horizontalCenter: parent.horizontalCenter
                width: keys.width
                height: Theme.size.touchTarget
                radius: Theme.radius.m
                color: cancelTap.pressed ? Theme.color.selected : Theme.color.none
                border.width: Theme.size.border
                border.color: Theme.color.border
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Cancel")
                ThemedText {
                    anchors.centerIn: parent
                    text: qsTr("Cancel")
                    color: Theme.color.text.secondary
                }
                TapHandler {
                    id: cancelTap
                    onTapped: root.cancel()
                }
            }
        }
    }
}
