import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The center screen window: a CenterScreen filling it, fed from the root store (a wider screen
// when the car's cluster is integrated in it). `page` is the page shown, an index (0 home …
// 5 driver) or a name ("climate"); tests, harnesses and `cockpit screenshot --page` set it.
Window {
    id: window
    required property RootStore root
    property alias page: centerScreen.page
    readonly property alias pageIndex: centerScreen.pageIndex
    readonly property alias pageName: centerScreen.pageName
    width: centerScreen.implicitWidth
    height: centerScreen.implicitHeight
    title: qsTr("Cockpit — Center")
    color: Theme.color.background.base
    // below 1 on a desktop too small for the design size: the view is scaled, not re-laid out
    // (cockpit/placement.py)
    property real contentScale: 1

    CenterScreen {
        id: centerScreen
        // the window's size, not its content item's: that one is 0 × 0 until the window is
        // shown, and a first frame laid out from 0 × 0 can come out half-arranged
        width: window.width / window.contentScale
        height: window.height / window.contentScale
        scale: window.contentScale
        transformOrigin: Item.TopLeft
        root: window.root
    }
}
