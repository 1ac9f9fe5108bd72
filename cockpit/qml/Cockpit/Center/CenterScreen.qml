pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Stores
import Cockpit.Cluster

// Everything the center screen shows, from the root store: the pages (CenterView) and, in a car
// whose cluster is integrated (root.variant.integratedCluster), the cluster as a column on the
// driver's side. Its design size: the pages' 1280 × 800 plus that column. The Center window and
// the kiosk's window both hold one.
Item {
    id: screen
    required property RootStore root
    readonly property int pagesWidth: 1280
    implicitWidth: pagesWidth + (root.variant.integratedCluster ? root.variant.integratedWidth : 0)
    implicitHeight: 800
    property alias page: centerView.page
    readonly property alias pageIndex: centerView.pageIndex
    readonly property alias pageName: centerView.pageName

    function showPage(name: string) {
        centerView.showPage(name);
    }

    Loader {
        id: clusterPanel
        // the driver's side: left in a left-hand-drive car (a layout mirrored for a right-to-left
        // language keeps it there: the steering wheel does not move)
        LayoutMirroring.enabled: false
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: active ? screen.root.variant.integratedWidth : 0
        active: screen.root.variant.integratedCluster
        sourceComponent: ClusterPanel {
            store: screen.root.cluster
            voice: screen.root.voice
            warnings: screen.root.warnings
            adas: screen.root.adas
            adasLevel: screen.root.variant.adasLevel
        }
    }
    CenterView {
        id: centerView
        x: clusterPanel.width  // a position, not an anchor: the view mirrors its own anchors for Arabic
        width: screen.pagesWidth
        height: parent.height
        climate: screen.root.climate
        energy: screen.root.energy
        vehicle: screen.root.vehicle
        settings: screen.root.settings
        cluster: screen.root.cluster
        media: screen.root.media
        navigation: screen.root.navigation
        phone: screen.root.phone
        voice: screen.root.voice
        profiles: screen.root.profiles
        warnings: screen.root.warnings
        restrictions: screen.root.restrictions
        software: screen.root.software
        health: screen.root.health
        privacy: screen.root.privacy
        hasDriverPage: screen.root.variant.profiles
        rightToLeft: screen.root.language.rightToLeft
        languageCode: screen.root.language.language
    }
}
