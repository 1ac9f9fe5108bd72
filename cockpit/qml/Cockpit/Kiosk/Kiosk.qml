pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Cluster
import Cockpit.Center

// A kiosk window (`cockpit demo --kiosk`): the cluster and/or the center screen, each at its
// design size and scaled to fit, side by side; tour captions below; a hidden corner where the
// operator long-presses; the PIN pad. It creates its views from the root store, as the cockpit's
// own windows do; the KioskStore carries the tour's captions, the page it asks for, and the PIN.
Window {
    id: window
    objectName: "kioskWindow"
    required property RootStore root
    required property KioskStore kiosk
    // The design size of each view shown here; an empty size leaves that view out.
    property size clusterSize: Qt.size(0, 0)
    property size centerSize: Qt.size(0, 0)
    property bool captions: true
    // Which views this window shows ("cluster", "center" or "cluster,center"): the PIN pad opens
    // in the window whose corner was held.
    property string place
    // The two-stage start: the center screen is created once the cluster's first frame is out
    // (the kiosk sets this then).
    property bool showCenter: false

    title: qsTr("Cockpit")
    color: Theme.color.background.base

    Item {
        id: stage
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: window.captions ? captionBar.top : parent.bottom

        readonly property real gap: window.clusterSize.width > 0 && window.centerSize.width > 0 ? Theme.space.l : 0
        readonly property real naturalWidth: window.clusterSize.width + window.centerSize.width + gap
        readonly property real naturalHeight: Math.max(window.clusterSize.height, window.centerSize.height)
        readonly property real fit: naturalWidth > 0 && naturalHeight > 0 && width > 0 && height > 0
                                    ? Math.min(width / naturalWidth, height / naturalHeight) : 1

        Row {
            anchors.centerIn: parent
            spacing: stage.gap * stage.fit

            Item {
                width: window.clusterSize.width * stage.fit
                height: window.clusterSize.height * stage.fit
                visible: window.clusterSize.width > 0
                Loader {
                    width: window.clusterSize.width
                    height: window.clusterSize.height
                    scale: stage.fit
                    transformOrigin: Item.TopLeft
                    active: window.clusterSize.width > 0
                    sourceComponent: ClusterView {
                        okKeyEnabled: !window.kiosk.pinPadOpen  // Return submits the PIN
                        store: window.root.cluster
                        voice: window.root.voice
                        warnings: window.root.warnings
                    }
                }
            }
            Item {
                width: window.centerSize.width * stage.fit
                height: window.centerSize.height * stage.fit
                visible: window.centerSize.width > 0
                Loader {
                    id: centerSlot
                    width: window.centerSize.width
                    height: window.centerSize.height
                    scale: stage.fit
                    transformOrigin: Item.TopLeft
                    clip: true
                    active: window.centerSize.width > 0 && window.showCenter
                    sourceComponent: CenterScreen {
                        id: centerScreen
                        root: window.root
                        // the tour asks for pages; a visitor's tap on the rail changes the page too,
                        // so the kiosk learns the page shown from here
                        onPageNameChanged: window.kiosk.pageShown(pageName)
                        Component.onCompleted: {
                            showPage(window.kiosk.page);
                            window.kiosk.pageShown(pageName);
                        }
                        Connections {
                            target: window.kiosk
                            function onPageRequested(name: string) { centerScreen.showPage(name) }
                        }
                    }
                }
            }
        }
    }

    CaptionBar {
        id: captionBar
        objectName: "captionBar"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: window.captions
        height: visible ? implicitHeight : 0
        text: window.kiosk.caption
        tone: window.kiosk.captionTone
        progress: window.kiosk.touring ? window.kiosk.progress : -1
    }

    CornerGesture {
        objectName: "cornerGesture"
        z: 10
        corner: window.kiosk.corner
        holdSeconds: window.kiosk.holdSeconds
        onHeld: window.kiosk.holdCorner(window.place)
    }

    PinPad {
        objectName: "pinPad"
        anchors.fill: parent
        z: 20
        open: window.kiosk.pinPadOpen && window.kiosk.pinPadWhere === window.place
        length: window.kiosk.pinLength
        maxLength: window.kiosk.pinMaxLength
        message: window.kiosk.pinMessage
        locked: window.kiosk.pinLocked
        onDigit: d => window.kiosk.pinDigit(d)
        onBackspace: window.kiosk.pinBackspace()
        onSubmit: window.kiosk.pinSubmit()
        onCancel: window.kiosk.closePinPad()
    }
}
