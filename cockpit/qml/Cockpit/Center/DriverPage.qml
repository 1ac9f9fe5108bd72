pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Driver: who is driving. The picker (a tile per profile, Guest), the active profile with its
// privacy page (what the car stores, export, erase), valet mode, and the PIN pad any of them
// may ask for. `mode` is "picker" or "privacy" (view state; tests and screenshots set it). In
// valet mode the page shows only how to leave it: nothing personal is on screen.
Item {
    id: page
    required property ProfilesStore profiles
    // what may not be touched now (null: nothing is restricted, e.g. a harness)
    property RestrictionsStore restrictions: null
    // a restricted control was tapped: the screen says why
    signal refused(string why)

    function lockOf(control: string): string {
        return page.restrictions ? page.restrictions.locks["driver." + control] ?? "" : "";
    }
    property string mode: "picker"
    // "" | "profile" | "all": which erase the driver is being asked to confirm
    property string confirming: ""

    readonly property bool privacyShown: mode === "privacy" && !profiles.valet

    component ProfileTile: Rectangle {
        id: tile
        required property string name
        required property string initial
        property bool locked: false
        property bool active: false
        property bool lockedOut: false
        signal chosen()
        implicitWidth: Theme.size.touchTarget * 2
        implicitHeight: Theme.size.touchTarget * 2.5
        radius: Theme.radius.l
        color: active ? Theme.color.selected : tap.pressed ? Theme.color.background.raised : Theme.color.none
        border.width: active ? Theme.size.outline : 0
        border.color: Theme.color.accent

        Accessible.role: Accessible.Button
        Accessible.name: name
        Accessible.checked: active

        Column {
            anchors.centerIn: parent
            width: parent.width - Theme.space.m * 2
            spacing: Theme.space.s
            Avatar {
                anchors.horizontalCenter: parent.horizontalCenter
                initial: tile.initial
                active: tile.active
                locked: tile.locked
            }
            ThemedText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: tile.name
                font.weight: tile.active ? Theme.font.weight.bold : Theme.font.weight.regular
            }
            ThemedText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: tile.active ? qsTr("Driving") : tile.lockedOut ? qsTr("Locked for now")
                      : tile.locked ? qsTr("PIN") : ""
                font.pixelSize: Theme.font.size.caption
                color: tile.active ? Theme.color.accent : Theme.color.text.secondary
            }
        }
        TapHandler {
            id: tap
            onTapped: tile.chosen()
        }
    }

    component SectionTitle: ThemedText {
        font.pixelSize: Theme.font.size.caption
        font.weight: Theme.font.weight.bold
        color: Theme.color.text.secondary
    }

    // ----- the picker ------------------------------------------------------------------------
    RowLayout {
        id: picker
        objectName: "profilePicker"
        anchors.fill: parent
        visible: !page.profiles.valet && !page.privacyShown
        spacing: Theme.space.m

        SurfaceCard {
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: Theme.space.m + Theme.space.s

            SectionTitle {
                id: pickerTitle
                anchors.left: parent.left
                anchors.top: parent.top
                text: qsTr("Who is driving?")
            }
            Flow {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: pickerTitle.bottom
                anchors.topMargin: Theme.space.m
                spacing: Theme.space.m
                Repeater {
                    model: page.profiles.profiles
                    ProfileTile {
                        required property var modelData
                        objectName: "profile_" + modelData.name
                        name: modelData.name
                        initial: modelData.initial
                        locked: modelData.locked
                        active: modelData.active
                        lockedOut: modelData.lockedOut
                        onChosen: page.profiles.select(modelData.id)
                    }
                }
                ProfileTile {
                    objectName: "profile_guest"
                    name: qsTr("Guest")
                    initial: ""
                    active: page.profiles.guest
                    onChosen: page.profiles.useGuest()
                }
            }
            ThemedText {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                text: page.profiles.problem !== "" ? page.profiles.problem
                      : page.profiles.profiles.length === 0
                        ? qsTr("No profiles yet: create one with “cockpit profiles create NAME”.")
                        : qsTr("A key with a profile selects it when the car starts.")
                font.pixelSize: Theme.font.size.caption
                color: page.profiles.problem !== "" ? Theme.color.state.error : Theme.color.text.secondary
                wrapMode: Text.WordWrap
                maximumLineCount: 3
            }
        }

        ColumnLayout {
            Layout.fillWidth: false
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.size.touchTarget * 4.75
            spacing: Theme.space.m

            SurfaceCard {
                objectName: "pendingHardware"
                visible: page.profiles.pendingHardware !== ""
                Layout.fillWidth: true
                Layout.preferredHeight: pendingRow.implicitHeight + 2 * padding
                padding: Theme.space.m
                outline: "pending"
                RowLayout {
                    id: pendingRow
                    anchors.fill: parent
                    spacing: Theme.space.m
                    LineIcon {
                        Layout.alignment: Qt.AlignTop
                        name: "seat"
                        color: Theme.color.state.pending
                    }
                    ThemedText {
                        Layout.fillWidth: true
                        text: page.profiles.pendingHardware
                        wrapMode: Text.WordWrap
                        maximumLineCount: 3
                    }
                }
            }

            SurfaceCard {
                Layout.fillWidth: true
                Layout.preferredHeight: activeColumn.implicitHeight + 2 * padding
                padding: Theme.space.m + Theme.space.s
                ColumnLayout {
                    id: activeColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.space.m
                    SectionTitle { text: qsTr("Your data") }
                    ThemedText {
                        Layout.fillWidth: true
                        text: page.profiles.guest
                              ? qsTr("Guest settings are erased at the end of the drive.")
                              : qsTr("Stored only in this car, encrypted.")
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                        wrapMode: Text.WordWrap
                    }
                    TextButton {
                        objectName: "openPrivacy"
                        Layout.fillWidth: true
                        text: qsTr("Privacy and data")
                        icon: "shield"
                        onClicked: page.mode = "privacy"
                    }
                }
            }

            SurfaceCard {
                Layout.fillWidth: true
                Layout.preferredHeight: valetColumn.implicitHeight + 2 * padding
                padding: Theme.space.m + Theme.space.s
                ColumnLayout {
                    id: valetColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.space.m
                    SectionTitle { text: qsTr("Valet mode") }
                    ThemedText {
                        Layout.fillWidth: true
                        text: qsTr("Hides places, contacts and history; warns above %1 %2.")
                              .arg(Math.round(page.profiles.valetSpeedLimit)).arg(page.profiles.speedUnit)
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                        wrapMode: Text.WordWrap
                    }
                    TextButton {
                        objectName: "startValet"
                        lockedReason: page.lockOf("startValet")
                        onRefused: why => page.refused(why)
                        Layout.fillWidth: true
                        text: qsTr("Start valet mode")
                        icon: "lock"
                        onClicked: page.profiles.requestValet()
                    }
                }
            }
            Item { Layout.fillHeight: true }
        }
    }

    // ----- the privacy page -------------------------------------------------------------------
    RowLayout {
        id: privacy
        objectName: "privacyPage"
        anchors.fill: parent
        visible: page.privacyShown
        spacing: Theme.space.m

        SurfaceCard {
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: Theme.space.m + Theme.space.s

            RowLayout {
                id: privacyHeader
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                spacing: Theme.space.m
                Avatar {
                    size: Theme.size.touchTarget * 0.75
                    textSize: Theme.font.size.title
                    initial: page.profiles.activeInitial
                    locked: page.profiles.hasPin
                    active: true
                }
                Column {
                    Layout.fillWidth: true
                    ThemedText {
                        width: parent.width
                        text: qsTr("What this car stores about %1").arg(page.profiles.activeName)
                        font.weight: Theme.font.weight.bold
                    }
                    ThemedText {
                        width: parent.width
                        text: page.profiles.guest ? qsTr("Erased at the end of the drive.")
                                                  : qsTr("Kept on this car only, encrypted.")
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                    }
                }
            }
            ListView {
                objectName: "privacyList"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: privacyHeader.bottom
                anchors.bottom: parent.bottom
                anchors.topMargin: Theme.space.m
                clip: true
                spacing: Theme.space.xs
                model: page.profiles.privacy
                delegate: Item {
                    id: row
                    required property var modelData
                    width: ListView.view.width
                    height: Theme.size.touchTarget * 0.5
                    ThemedText {
                        id: section
                        anchors.left: parent.left
                        anchors.verticalCenter: parent.verticalCenter
                        width: Theme.size.touchTarget * 3
                        text: row.modelData.section
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                    }
                    ThemedText {
                        anchors.left: section.right
                        anchors.right: tag.left
                        anchors.rightMargin: Theme.space.s
                        anchors.verticalCenter: parent.verticalCenter
                        text: row.modelData.detail
                        font.pixelSize: Theme.font.size.caption
                    }
                    ThemedText {
                        id: tag
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        text: row.modelData.personal ? qsTr("personal") : ""
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.accent
                    }
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: false
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.size.touchTarget * 3.75
            spacing: Theme.space.m
            TextButton {
                objectName: "privacyBack"
                Layout.fillWidth: true
                text: qsTr("Back")
                icon: "back"
                onClicked: page.mode = "picker"
            }
            Item { Layout.fillHeight: true }
            TextButton {
                objectName: "exportProfile"
                lockedReason: page.lockOf("exportProfile")
                onRefused: why => page.refused(why)
                Layout.fillWidth: true
                text: qsTr("Export")
                icon: "export"
                available: !page.profiles.busy && page.profiles.available
                onClicked: page.profiles.exportProfile(page.profiles.activeId)
            }
            TextButton {
                objectName: "eraseProfile"
                lockedReason: page.lockOf("eraseProfile")
                onRefused: why => page.refused(why)
                Layout.fillWidth: true
                text: page.profiles.guest ? qsTr("Erase guest data") : qsTr("Erase profile")
                icon: "trash"
                tone: "danger"
                available: !page.profiles.busy
                onClicked: page.confirming = "profile"
            }
            TextButton {
                objectName: "eraseAll"
                lockedReason: page.lockOf("eraseAll")
                onRefused: why => page.refused(why)
                Layout.fillWidth: true
                text: qsTr("Erase all profiles")
                icon: "trash"
                tone: "danger"
                available: !page.profiles.busy
                onClicked: page.confirming = "all"
            }
        }
    }

    // ----- valet mode --------------------------------------------------------------------------
    SurfaceCard {
        objectName: "valetPanel"
        visible: page.profiles.valet
        anchors.centerIn: parent
        width: Theme.size.touchTarget * 8
        height: valetText.implicitHeight + 2 * padding
        padding: Theme.space.l
        outline: "pending"
        ColumnLayout {
            id: valetText
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: Theme.space.l
            Row {
                spacing: Theme.space.m
                LineIcon {
                    anchors.verticalCenter: parent.verticalCenter
                    name: "lock"
                    size: Theme.size.icon
                    color: Theme.color.state.pending
                }
                ThemedText {
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("Valet mode")
                    font.pixelSize: Theme.font.size.title
                    font.weight: Theme.font.weight.bold
                }
            }
            ThemedText {
                Layout.fillWidth: true
                text: qsTr("Places, contacts, media favourites and history are hidden. The cluster warns above %1 %2.")
                      .arg(Math.round(page.profiles.valetSpeedLimit)).arg(page.profiles.speedUnit)
                wrapMode: Text.WordWrap
                color: Theme.color.text.secondary
            }
            TextButton {
                objectName: "endValet"
                lockedReason: page.lockOf("endValet")
                onRefused: why => page.refused(why)
                Layout.alignment: Qt.AlignRight
                text: qsTr("Leave valet mode")
                icon: "lockOpen"
                tone: "accent"
                onClicked: page.profiles.requestEndValet()
            }
        }
    }

    // ----- dialogs over the page -----------------------------------------------------------------
    Rectangle { // dims the page while a dialog asks something
        anchors.fill: parent
        visible: pinPad.visible || confirm.visible
        color: Theme.color.background.base
        opacity: 0.8
        TapHandler {} // the page underneath takes no taps meanwhile
    }
    PinPad {
        id: pinPad
        objectName: "pinPad"
        anchors.centerIn: parent
        visible: page.profiles.pinPrompt !== ""
        title: page.profiles.pinTitle
        error: page.profiles.pinError
        locked: page.profiles.pinLockedOut
        busy: page.profiles.busy
        onEntered: pin => page.profiles.enterPin(pin)
        onCancelled: page.profiles.cancelPin()
    }
    ConfirmDialog {
        id: confirm
        objectName: "confirmErase"
        anchors.centerIn: parent
        visible: page.confirming !== ""
        title: page.confirming === "all" ? qsTr("Erase all profiles?")
               : page.profiles.guest ? qsTr("Erase guest data?") : qsTr("Erase %1?").arg(page.profiles.activeName)
        message: page.confirming === "all"
                 ? qsTr("Every profile on this car — settings, places, contacts, favourites — is deleted from its disk, with the valet PIN and any exports made here. This cannot be undone.")
                 : qsTr("Everything this profile keeps on this car is deleted from its disk. Export it first to keep a copy. This cannot be undone.")
        confirmText: page.confirming === "all" ? qsTr("Erase all") : qsTr("Erase")
        onCancelled: page.confirming = ""
        onConfirmed: {
            if (page.confirming === "all")
                page.profiles.eraseAll();
            else
                page.profiles.eraseProfile(page.profiles.activeId);
            page.confirming = "";
            page.mode = "picker";
        }
    }
}
