import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The instrument cluster window: a ClusterView filling it, fed from the root store.
Window {
    id: window
    required property RootStore root
    width: 1920
    height: 720
    title: qsTr("Cockpit — Cluster")
    color: Theme.color.background.base
    // below 1 on a desktop too small for the design size: the view is scaled, not re-laid out
    // (cockpit/placement.py)
    property real contentScale: 1

    ClusterView {
        objectName: "clusterView"
        width: window.width / window.contentScale
        height: window.height / window.contentScale
        scale: window.contentScale
        transformOrigin: Item.TopLeft
        store: window.root.cluster
        voice: window.root.voice
        navigation: window.root.navigation
        warnings: window.root.warnings
        adas: window.root.adas
        adasLevel: window.root.variant.adasLevel
    }
}
