import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The head-up display window: a HudView filling it. The background is the theme's base colour,
// which a HUD projector shows as no light at all.
Window {
    id: window
    required property RootStore root
    width: 800
    height: 300
    title: qsTr("Cockpit — HUD")
    color: Theme.color.background.base
    // below 1 on a desktop too small for the design size: the view is scaled, not re-laid out
    // (cockpit/placement.py)
    property real contentScale: 1

    HudView {
        width: window.width / window.contentScale
        height: window.height / window.contentScale
        scale: window.contentScale
        transformOrigin: Item.TopLeft
        store: window.root.cluster
        navigation: window.root.navigation
    }
}
