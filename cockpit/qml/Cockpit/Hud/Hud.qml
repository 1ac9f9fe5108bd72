import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The head-up display window: a HudView filling it, on black in every theme (color.hud.*): a HUD
// projector shows black as no light at all, where a light theme's white would be a glowing slab
// over the road.
Window {
    id: window
    required property RootStore root
    width: 800
    height: 300
    title: qsTr("Cockpit — HUD")
    color: Theme.color.hud.background
    // below 1 on a desktop too small for the design size: the view is scaled, not re-laid out
    // (cockpit/placement.py)
    property real contentScale: 1

    HudView {
        objectName: "hudView"
        width: window.width / window.contentScale
        height: window.height / window.contentScale
        scale: window.contentScale
        transformOrigin: Item.TopLeft
        store: window.root.cluster
        navigation: window.root.navigation
        adas: window.root.adas
        adasLevel: window.root.variant.adasLevel
    }
}
