pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Software: what the maker offers this car (name, version, what is new, size), installing it now or
// once parked, the progress in words, what is installed with its version and a way back to the last
// good one, and the last outcome — a failed install says why and which version the car went back to.
// Content that changes the driving screens installs only in P: while driving its button is locked and
// says so; "When parked" starts it by itself when the gear goes to P.
Item {
    id: page
    required property SoftwareStore software
    // a locked control was tapped: the screen says why
    signal refused(string why)

    readonly property bool busy: software.busy
    readonly property bool bad: software.state === "failed" || software.state === "rolledBack"

    Component.onCompleted: if (software.available && !software.checked && software.state === "idle") software.check()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.space.m

        // ----- the status: progress while busy, else the last outcome ------------------------------
        SurfaceCard {
            id: statusCard
            objectName: "softwareStatus"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(statusColumn.implicitHeight, Theme.size.touchTarget) + 2 * padding
            padding: Theme.space.m
            outline: page.bad ? "error" : ""

            RowLayout {
                anchors.fill: parent
                spacing: Theme.space.l

                LineIcon {
                    Layout.alignment: Qt.AlignVCenter
                    name: page.bad ? "warning" : page.software.state === "done" ? "check" : "download"
                    size: Theme.size.icon
                    color: page.bad ? Theme.color.state.error
                           : page.software.state === "done" ? Theme.color.state.active : Theme.color.text.secondary
                }
                ColumnLayout {
                    id: statusColumn
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignVCenter
                    spacing: Theme.space.s

                    ThemedText {
                        objectName: "softwareHeadline"
                        Layout.fillWidth: true
                        text: page.busy ? (page.software.current !== "" ? page.software.current : qsTr("Software update"))
                              : !page.software.available ? qsTr("Software updates are not set up on this car")
                              : page.software.message !== "" ? page.software.message
                              : qsTr("Not checked for updates yet")
                        font.weight: Theme.font.weight.bold
                        color: page.bad && !page.busy ? Theme.color.state.error : Theme.color.text.primary
                        wrapMode: Text.WordWrap
                        maximumLineCount: 3
                        fontSizeMode: Text.FixedSize
                    }
                    LinearMeter {
                        objectName: "softwareProgress"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.size.meterThickness
                        visible: page.busy
                        from: 0
                        to: page.software.progress
                    }
                    ThemedText {
                        objectName: "softwareProgressText"
                        Layout.fillWidth: true
                        visible: page.busy
                        text: page.software.progressText
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                    }
                }
                TextButton {
                    objectName: "checkForUpdates"
                    Layout.alignment: Qt.AlignVCenter
                    visible: !page.busy
                    text: qsTr("Check for updates")
                    icon: "download"
                    available: page.software.available
                    onClicked: page.software.check()
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.space.m

            // ----- what is new ---------------------------------------------------------------------
            SurfaceCard {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                padding: Theme.space.m

                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.space.m

                    ThemedText {
                        text: qsTr("What's new")
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    ThemedText {
                        objectName: "noOffers"
                        Layout.fillWidth: true
                        visible: page.software.offers.length === 0
                        text: page.software.checked ? qsTr("Nothing new for this car") : qsTr("Not checked yet")
                        color: Theme.color.text.secondary
                    }
                    ListView {
                        id: offerList
                        objectName: "offerList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        spacing: Theme.space.s
                        boundsBehavior: Flickable.StopAtBounds
                        model: page.software.offers
                        delegate: OfferCard {}
                        // the offer being installed stays in sight
                        readonly property int busyIndex: page.software.offers.findIndex(o => o.inProgress)
                        onBusyIndexChanged: if (busyIndex >= 0) positionViewAtIndex(busyIndex, ListView.Contain)
                    }
                }
            }

            // ----- what is installed -----------------------------------------------------------------
            SurfaceCard {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                padding: Theme.space.m

                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.space.m

                    ThemedText {
                        text: qsTr("Installed")
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    ListView {
                        objectName: "installedList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        spacing: Theme.space.s
                        boundsBehavior: Flickable.StopAtBounds
                        model: page.software.installed
                        delegate: InstalledRow {}
                    }
                }
            }
        }
    }

    // One offer: name and version, what is new, its size, and how to install it.
    component OfferCard: Rectangle {
        id: card
        required property var modelData
        required property int index
        objectName: "offer_" + modelData.kind + "_" + modelData.name
        width: ListView.view.width
        height: offerColumn.implicitHeight + 2 * Theme.space.m
        radius: Theme.radius.m
        color: Theme.color.background.raised
        border.width: modelData.inProgress ? Theme.size.outline : 0
        border.color: Theme.color.accent

        ColumnLayout {
            id: offerColumn
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.margins: Theme.space.m
            spacing: Theme.space.s

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.space.m
                ThemedText {
                    Layout.fillWidth: true
                    text: qsTr("%1 %2").arg(card.modelData.title).arg(card.modelData.version)
                    font.weight: Theme.font.weight.bold
                }
                ThemedText {
                    text: card.modelData.size
                    color: Theme.color.text.secondary
                    font.pixelSize: Theme.font.size.caption
                    font.family: Theme.font.family.numeric
                }
            }
            ThemedText {
                Layout.fillWidth: true
                visible: text !== ""
                text: card.modelData.summary
                font.pixelSize: Theme.font.size.caption
                color: Theme.color.text.secondary
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                fontSizeMode: Text.FixedSize
            }
            ThemedText {
                objectName: "offerNote"
                Layout.fillWidth: true
                visible: text !== ""
                text: card.modelData.whyNot !== "" ? qsTr("Does not fit this car: %1").arg(card.modelData.whyNot)
                      : card.modelData.queued ? qsTr("Installs by itself when the car is in P")
                      : card.modelData.lockedReason
                font.pixelSize: Theme.font.size.caption
                color: card.modelData.whyNot !== "" ? Theme.color.state.error : Theme.color.state.pending
                wrapMode: Text.WordWrap
                maximumLineCount: 2
                fontSizeMode: Text.FixedSize
            }
            // while an update runs the status card above has the floor: no buttons, the list fits
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.space.m
                visible: card.modelData.whyNot === "" && !page.busy
                TextButton {
                    objectName: "installNow"
                    Layout.fillWidth: true
                    text: qsTr("Install now")
                    tone: "accent"
                    available: !page.busy
                    lockedReason: card.modelData.lockedReason
                    onClicked: page.software.install(card.modelData.index)
                    onRefused: why => page.refused(why)
                }
                TextButton {
                    objectName: "whenParked"
                    Layout.fillWidth: true
                    visible: card.modelData.needsPark && (!page.software.parked || card.modelData.queued)
                    text: card.modelData.queued ? qsTr("Waiting for P") : qsTr("When parked")
                    icon: card.modelData.queued ? "check" : ""
                    available: !card.modelData.queued && !page.busy
                    onClicked: page.software.installWhenParked(card.modelData.index)
                }
            }
        }
    }

    // One installed item: its version, the one before, the last failure, and the way back.
    component InstalledRow: Item {
        id: row
        required property var modelData
        objectName: "installed_" + modelData.kind + "_" + modelData.name
        width: ListView.view.width
        height: Math.max(rowText.implicitHeight, Theme.size.touchTarget)

        RowLayout {
            anchors.fill: parent
            spacing: Theme.space.m

            ColumnLayout {
                id: rowText
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignVCenter
                spacing: 0
                ThemedText {
                    Layout.fillWidth: true
                    text: row.modelData.title
                    font.weight: Theme.font.weight.bold
                }
                ThemedText {
                    Layout.fillWidth: true
                    text: row.modelData.lastGood !== ""
                          ? qsTr("%1 · before: %2").arg(row.modelData.version).arg(row.modelData.lastGood)
                          : row.modelData.version
                    font.pixelSize: Theme.font.size.caption
                    font.family: Theme.font.family.numeric
                    color: Theme.color.text.secondary
                }
                ThemedText {
                    objectName: "installedFailure"
                    Layout.fillWidth: true
                    visible: row.modelData.failure !== ""
                    text: qsTr("Last install failed: %1").arg(row.modelData.failure)
                    font.pixelSize: Theme.font.size.caption
                    color: Theme.color.state.error
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    fontSizeMode: Text.FixedSize
                }
            }
            TextButton {
                objectName: "rollBack"
                Layout.alignment: Qt.AlignVCenter
                // one width for the column's buttons, locked (with its padlock) or not
                Layout.preferredWidth: Math.max(implicitWidth, Theme.size.touchTarget * 2.6)
                text: qsTr("Roll back")
                available: row.modelData.lastGood !== "" && !page.busy
                lockedReason: row.modelData.lastGood !== "" ? row.modelData.lockedReason : ""
                onClicked: page.software.rollback(row.modelData.kind, row.modelData.name)
                onRefused: why => page.refused(why)
            }
        }
    }
}
