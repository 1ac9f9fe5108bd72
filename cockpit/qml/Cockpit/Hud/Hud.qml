import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The head-up display window: a HudView filling it. The background is the theme's base colour,
// which a HUD projector shows as no light at all.
Window {
    id: window
    required property ClusterStore store
    width: 800
    height: 300
    title: qsTr("Cockpit — HUD")
    color: Theme.color.background.base

    HudView {
        anchors.fill: parent
        store: window.store
    }
}
