pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme

// Four-digit PIN entry: a title, four dots for the digits typed, an error line, and a keypad
// (0-9, delete, cancel). Emits entered(pin) at the fourth digit and cancelled(). `locked` (too
// many wrong tries) disables the keys; `busy` while a PIN is being checked. Digits are never shown.
Rectangle {
    id: root
    property string title
    property string error
    property bool locked: false
    property bool busy: false
    property string digits: ""
    signal entered(string pin)
    signal cancelled()

    function press(key: string) {
        if (root.locked || root.busy)
            return;
        if (key === "del") {
            root.digits = root.digits.slice(0, -1);
        } else if (root.digits.length < 4) {
            root.digits += key;
            if (root.digits.length === 4) {
                const pin = root.digits;
                root.digits = "";
                root.entered(pin);
            }
        }
    }

    readonly property real keyWidth: Theme.size.touchTarget * 1.25
    readonly property real keyHeight: Theme.size.touchTarget

    implicitWidth: keyWidth * 3 + Theme.space.m * 2 + Theme.space.l * 2
    implicitHeight: column.implicitHeight + Theme.space.l * 2
    radius: Theme.radius.l
    color: Theme.color.background.surface
    border.width: Theme.size.border
    border.color: Theme.color.border

    Accessible.role: Accessible.Dialog
    Accessible.name: title

    Column {
        id: column
        anchors.centerIn: parent
        spacing: Theme.space.m

        ThemedText {
            anchors.horizontalCenter: parent.horizontalCenter
            width: root.width - Theme.space.l * 2
            horizontalAlignment: Text.AlignHCenter
            text: root.title
            font.weight: Theme.font.weight.bold
        }
        Row {
            anchors.horizontalCenter: parent.horizontalCenter
            spacing: Theme.space.m
            Repeater {
                model: 4
                Rectangle {
                    required property int index
                    width: Theme.size.pip * 2
                    height: width
                    radius: width / 2
                    color: index < root.digits.length ? Theme.color.accent : Theme.color.none
                    border.width: Theme.size.border
                    border.color: index < root.digits.length ? Theme.color.accent : Theme.color.text.secondary
                }
            }
        }
        ThemedText {
            objectName: "pinError"
            anchors.horizontalCenter: parent.horizontalCenter
            width: root.width - Theme.space.l * 2
            horizontalAlignment: Text.AlignHCenter
            text: root.busy ? qsTr("Checking…") : root.error
            font.pixelSize: Theme.font.size.caption
            color: root.busy ? Theme.color.text.secondary : Theme.color.state.error
            wrapMode: Text.WordWrap
            maximumLineCount: 2
        }
        Grid {
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: Theme.space.m
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "cancel", "0", "del"]
                Rectangle {
                    id: key
                    required property string modelData
                    readonly property bool digit: modelData !== "cancel" && modelData !== "del"
                    readonly property bool usable: modelData === "cancel" || (!root.locked && !root.busy)
                    objectName: "pinKey_" + modelData
                    width: root.keyWidth
                    height: root.keyHeight
                    radius: Theme.radius.m
                    color: tap.pressed && usable ? Theme.color.selected
                           : digit ? Theme.color.background.raised : Theme.color.none
                    border.width: digit ? Theme.size.border : 0
                    border.color: Theme.color.border

                    Accessible.role: Accessible.Button
                    Accessible.name: modelData === "cancel" ? qsTr("Cancel")
                                     : modelData === "del" ? qsTr("Delete") : modelData

                    ThemedText {
                        visible: key.digit
                        anchors.centerIn: parent
                        text: key.modelData
                        font.pixelSize: Theme.font.size.title
                        font.family: Theme.font.family.numeric
                        color: key.usable ? Theme.color.text.primary : Theme.color.text.disabled
                    }
                    ThemedText {
                        visible: key.modelData === "cancel"
                        anchors.centerIn: parent
                        text: qsTr("Cancel")
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                    }
                    LineIcon {
                        visible: key.modelData === "del"
                        anchors.centerIn: parent
                        name: "backspace"
                        color: key.usable ? Theme.color.text.secondary : Theme.color.text.disabled
                    }
                    TapHandler {
                        id: tap
                        onTapped: key.modelData === "cancel" ? root.cancelled() : root.press(key.modelData)
                    }
                }
            }
        }
    }
}
