pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Privacy: what the car keeps about its drivers and what they agreed to. On top the last outcome with
// "Export my data" (where it went, how many files) and "Erase all". Below, on the start side, the list:
// "Your consent" first, then each category of data with its size; on the end side what is chosen —
// the consents as switches naming who receives the data (all off until the driver says yes), or one
// category: what it is, why it is kept, how long, who may receive it, and Erase (asked first).
// While driving only agreeing waits for P (consent is read before it is given); withdrawing, erasing and
// exporting never wait: see privacy_store.py.
Item {
    id: page
    required property PrivacyStore privacy
    // a locked control was tapped: the screen says why
    signal refused(string why)

    // what the end side shows: "" the consents, else a category's name
    property string selected: ""
    readonly property var category: privacy.categories.find(c => c.name === selected) ?? null
    // the category (or "all") an Erase waits for confirmation of; "" when none
    property string confirming: ""
    readonly property var confirmingCategory: privacy.categories.find(c => c.name === confirming) ?? null
    readonly property int agreedCount: privacy.consents.filter(c => c.agreed).length

    Component.onCompleted: privacy.reload()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.space.m

        // ----- the last outcome, your copy, erasing everything ---------------------------------------
        SurfaceCard {
            objectName: "exportCard"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(statusColumn.implicitHeight, Theme.size.touchTarget) + 2 * padding
            padding: Theme.space.m
            outline: page.privacy.bad ? "error" : ""

            RowLayout {
                anchors.fill: parent
                spacing: Theme.space.m

                LineIcon {
                    Layout.alignment: Qt.AlignVCenter
                    name: page.privacy.bad ? "warning" : "shield"
                    size: Theme.size.icon
                    color: page.privacy.bad ? Theme.color.state.error : Theme.color.accent
                }
                ColumnLayout {
                    id: statusColumn
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignVCenter
                    spacing: 0
                    ThemedText {
                        objectName: "privacyMessage"
                        Layout.fillWidth: true
                        text: page.privacy.working === "export" ? qsTr("Exporting…")
                              : page.privacy.working === "erase" ? qsTr("Erasing…")
                              : page.privacy.lockedReason !== "" ? page.privacy.lockedReason
                              : page.privacy.message !== "" ? page.privacy.message
                              : qsTr("Kept on this car: %1").arg(page.privacy.totalSize)
                        font.weight: Theme.font.weight.bold
                        color: page.privacy.bad && !page.privacy.busy ? Theme.color.state.error
                                                                      : Theme.color.text.primary
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        fontSizeMode: Text.FixedSize
                    }
                    ThemedText {
                        objectName: "exportResult"
                        Layout.fillWidth: true
                        visible: page.privacy.exportFolder !== ""
                        text: qsTr("%1 files in %2").arg(page.privacy.exportFiles).arg(page.privacy.exportFolder)
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        fontSizeMode: Text.FixedSize
                    }
                }
                TextButton {
                    objectName: "exportData"
                    Layout.alignment: Qt.AlignVCenter
                    text: qsTr("Export my data")
                    icon: "export"
                    tone: "accent"
                    available: page.privacy.available && !page.privacy.busy
                    lockedReason: page.privacy.lockedReason
                    onClicked: page.privacy.exportData()
                    onRefused: why => page.refused(why)
                }
                TextButton {
                    objectName: "eraseAll"
                    Layout.alignment: Qt.AlignVCenter
                    text: qsTr("Erase all")
                    icon: "trash"
                    tone: "danger"
                    available: page.privacy.available && !page.privacy.busy
                    lockedReason: page.privacy.lockedReason
                    onClicked: page.confirming = "all"
                    onRefused: why => page.refused(why)
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.space.m

            // ----- the list: the consents, then what the car keeps ------------------------------------
            SurfaceCard {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                padding: Theme.space.s

                ListView {
                    id: list
                    objectName: "categoryList"
                    anchors.fill: parent
                    clip: true
                    spacing: Theme.space.xs
                    boundsBehavior: Flickable.StopAtBounds
                    header: Entry {
                        objectName: "entry_consents"
                        width: list.width
                        title: qsTr("Your consent")
                        detail: qsTr("%1 of %2 on").arg(page.agreedCount).arg(page.privacy.consents.length)
                        chosen: page.selected === ""
                        onPicked: page.selected = ""
                    }
                    model: page.privacy.categories
                    delegate: Entry {
                        required property var modelData
                        objectName: "entry_" + modelData.name
                        width: list.width
                        title: modelData.title
                        detail: modelData.size
                        chosen: page.selected === modelData.name
                        onPicked: page.selected = modelData.name
                    }
                }
            }

            // ----- what is chosen ------------------------------------------------------------------------
            SurfaceCard {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                padding: Theme.space.m

                ColumnLayout {
                    anchors.fill: parent
                    visible: page.selected === ""
                    spacing: Theme.space.m
                    ThemedText {
                        Layout.fillWidth: true
                        text: qsTr("Off until you say yes; withdraw at any time")
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    ListView {
                        objectName: "consentList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        spacing: Theme.space.m
                        boundsBehavior: Flickable.StopAtBounds
                        model: page.privacy.consents
                        delegate: ConsentRow {}
                    }
                }
                CategoryDetail {
                    anchors.fill: parent
                    visible: page.category !== null
                    modelData: page.category ?? ({})
                }
            }
        }
    }

    // One line of the list: a title and, at the end side, its size or state; the chosen one lit.
    component Entry: Rectangle {
        id: entry
        property string title
        property string detail
        property bool chosen
        signal picked()
        implicitHeight: Theme.size.touchTarget * 0.8
        radius: Theme.radius.m
        color: chosen ? Theme.color.selected : tap.pressed ? Theme.color.background.raised : Theme.color.none
        Accessible.role: Accessible.ListItem
        Accessible.name: title
        Accessible.selected: chosen

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.space.m
            anchors.rightMargin: Theme.space.m
            spacing: Theme.space.m
            ThemedText {
                Layout.fillWidth: true
                text: entry.title
                font.weight: entry.chosen ? Theme.font.weight.bold : Theme.font.weight.regular
            }
            ThemedText {
                text: entry.detail
                font.pixelSize: Theme.font.size.caption
                font.family: Theme.font.family.numeric
                color: Theme.color.text.secondary
            }
        }
        TapHandler {
            id: tap
            onTapped: entry.picked()
        }
    }

    // One category: what it is, why it is kept, how long, who may receive it, and Erase.
    component CategoryDetail: ColumnLayout {
        id: detail
        property var modelData
        objectName: "categoryDetail"
        spacing: Theme.space.s

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.space.m
            ThemedText {
                Layout.fillWidth: true
                text: detail.modelData.title ?? ""
                font.pixelSize: Theme.font.size.title
                font.weight: Theme.font.weight.bold
            }
            ThemedText {
                objectName: "categorySize"
                text: detail.modelData.personal === false ? qsTr("%1 · not personal").arg(detail.modelData.size)
                                                          : detail.modelData.size ?? ""
                font.pixelSize: Theme.font.size.caption
                font.family: Theme.font.family.numeric
                color: Theme.color.text.secondary
            }
        }
        ThemedText {
            Layout.fillWidth: true
            text: detail.modelData.what ?? ""
            wrapMode: Text.WordWrap
            maximumLineCount: 4
            fontSizeMode: Text.FixedSize
        }
        Fact {
            label: qsTr("Why")
            value: detail.modelData.purpose ?? ""
        }
        Fact {
            label: qsTr("Kept")
            value: detail.modelData.retention ?? ""
        }
        Fact {
            label: qsTr("Goes to")
            value: detail.modelData.recipients ?? ""
        }
        ThemedText {
            objectName: "categoryNote"
            Layout.fillWidth: true
            visible: text !== ""
            text: detail.modelData.consent ? qsTr("Needs your consent: %1 — %2")
                                             .arg(detail.modelData.consentTitle)
                                             .arg(detail.modelData.consent_given ? qsTr("given") : qsTr("not given"))
                  : detail.modelData.note || detail.modelData.why_not || ""
            font.pixelSize: Theme.font.size.caption
            color: detail.modelData.consent && !detail.modelData.consent_given ? Theme.color.state.pending
                                                                               : Theme.color.text.secondary
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            fontSizeMode: Text.FixedSize
        }
        Item {
            Layout.fillHeight: true
        }
        TextButton {
            objectName: "erase"
            Layout.alignment: Qt.AlignRight
            visible: detail.modelData.erasable === true
            text: qsTr("Erase")
            icon: "trash"
            tone: "danger"
            available: !page.privacy.busy
            lockedReason: page.privacy.lockedReason
            onClicked: page.confirming = detail.modelData.name
            onRefused: why => page.refused(why)
        }
    }

    // "Why: …" — a label and its value on one wrapped line, the label in the secondary colour.
    component Fact: RowLayout {
        id: fact
        required property string label
        required property string value
        Layout.fillWidth: true
        spacing: Theme.space.s
        ThemedText {
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: Theme.size.touchTarget * 1.4
            text: fact.label
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.secondary
        }
        ThemedText {
            Layout.fillWidth: true
            text: fact.value
            font.pixelSize: Theme.font.size.caption
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            fontSizeMode: Text.FixedSize
        }
    }

    // One purpose: what agreeing means, who receives it, and the switch.
    component ConsentRow: RowLayout {
        id: row
        required property var modelData
        objectName: "consent_" + modelData.purpose
        width: ListView.view.width
        spacing: Theme.space.m

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.space.xs
            ThemedText {
                Layout.fillWidth: true
                text: row.modelData.title
                font.weight: Theme.font.weight.bold
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                fontSizeMode: Text.FixedSize
            }
            ThemedText {
                Layout.fillWidth: true
                text: qsTr("To: %1").arg(row.modelData.recipient)
                font.pixelSize: Theme.font.size.caption
                color: Theme.color.accent
            }
            ThemedText {
                Layout.fillWidth: true
                text: row.modelData.what
                font.pixelSize: Theme.font.size.caption
                color: Theme.color.text.secondary
                wrapMode: Text.WordWrap
                maximumLineCount: 4
                fontSizeMode: Text.FixedSize
            }
        }
        ConsentSwitch {
            objectName: "switch_" + row.modelData.purpose
            Layout.alignment: Qt.AlignTop
            title: row.modelData.title
            checked: row.modelData.agreed
            available: !page.privacy.busy
            lockedReason: row.modelData.lockedReason
            onToggled: on => page.privacy.setConsent(row.modelData.purpose, on)
            onRefused: why => page.refused(why)
        }
    }

    // An on/off switch a full touch target high; the knob sits at the end side when on (mirrored in
    // right-to-left languages with the layout).
    component ConsentSwitch: Item {
        id: sw
        property string title
        property bool checked
        property bool available: true
        property string lockedReason: ""
        signal toggled(bool on)
        signal refused(string why)

        implicitWidth: Theme.size.touchTarget * 1.4
        implicitHeight: Theme.size.touchTarget
        Accessible.role: Accessible.CheckBox
        Accessible.name: title
        Accessible.checked: checked
        Accessible.description: lockedReason

        Rectangle {
            id: track
            anchors.verticalCenter: parent.verticalCenter
            width: parent.width
            height: Theme.size.touchTarget * 0.6
            radius: height / 2
            color: sw.checked ? Theme.color.accent : Theme.color.background.raised
            border.width: Theme.size.border
            border.color: sw.checked ? Theme.color.accent : Theme.color.border
            opacity: sw.available ? 1 : 0.5

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                anchors.left: sw.checked ? undefined : parent.left
                anchors.right: sw.checked ? parent.right : undefined
                anchors.margins: Theme.space.xs
                width: parent.height - 2 * Theme.space.xs
                height: width
                radius: width / 2
                color: sw.checked ? Theme.color.text.onAccent
                       : sw.lockedReason !== "" ? Theme.color.text.disabled : Theme.color.text.secondary
                LineIcon {
                    anchors.centerIn: parent
                    visible: sw.lockedReason !== ""
                    name: "lock"
                    size: Theme.size.iconSmall * 0.7
                    color: Theme.color.background.raised
                }
            }
        }
        TapHandler {
            enabled: sw.available
            onTapped: sw.lockedReason !== "" ? sw.refused(sw.lockedReason) : sw.toggled(!sw.checked)
        }
    }

    // ----- asking before erasing ------------------------------------------------------------------------
    Rectangle { // dims the page while the dialog asks
        anchors.fill: parent
        visible: confirm.visible
        color: Theme.color.background.base
        opacity: 0.8
        TapHandler {} // the page underneath takes no taps meanwhile
    }
    ConfirmDialog {
        id: confirm
        objectName: "confirmErase"
        anchors.centerIn: parent
        visible: page.confirming !== ""
        title: page.confirming === "all" ? qsTr("Erase all personal data?")
               : page.confirmingCategory ? qsTr("Erase %1?").arg(page.confirmingCategory.title) : ""
        message: page.confirming === "all"
                 ? qsTr("Every driver profile, the signal history, exports made here and damaged files set aside are deleted from this car's disk, and every consent is withdrawn. Export first to keep a copy. This cannot be undone.")
                 : qsTr("Everything in it is deleted from this car's disk. Export first to keep a copy. This cannot be undone.")
        confirmText: page.confirming === "all" ? qsTr("Erase all") : qsTr("Erase")
        onCancelled: page.confirming = ""
        onConfirmed: {
            page.privacy.erase(page.confirming);
            page.confirming = "";
        }
    }
}
