import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The front passenger's screen (root.variant.passenger): a PassengerView filling it, fed from the
// root store.
Window {
    id: window
    required property RootStore root
    width: 1280
    height: 720
    title: qsTr("Cockpit — Passenger")
    color: Theme.color.background.base
    // below 1 on a desktop too small for the design size: the view is scaled, not re-laid out
    // (cockpit/placement.py)
    property real contentScale: 1

    PassengerView {
        width: window.width / window.contentScale
        height: window.height / window.contentScale
        scale: window.contentScale
        transformOrigin: Item.TopLeft
        climate: window.root.climate
        media: window.root.media
        navigation: window.root.navigation
        cluster: window.root.cluster
        rightToLeft: window.root.language.rightToLeft
    }
}
