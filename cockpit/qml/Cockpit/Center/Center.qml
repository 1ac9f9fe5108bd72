import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The center screen window: a CenterView filling it. `page` is the page shown, an index (0 home …
// 4 settings) or a name ("climate"); tests, harnesses and `cockpit screenshot --page` set it.
Window {
    id: window
    required property ClimateStore climate
    required property EnergyStore energy
    required property VehicleStatusStore vehicle
    required property SettingsStore settings
    required property ClusterStore cluster
    required property MediaStore media
    required property NavigationStore navigation
    required property PhoneStore phone
    required property VoiceStore voice
    required property ProfilesStore profiles
    property alias page: centerView.page
    readonly property alias pageIndex: centerView.pageIndex
    readonly property alias pageName: centerView.pageName
    width: 1280
    height: 800
    title: qsTr("Cockpit — Center")
    color: Theme.color.background.base
    // below 1 on a desktop too small for the design size: the view is scaled, not re-laid out
    // (cockpit/placement.py)
    property real contentScale: 1

    CenterView {
        id: centerView
        // the window's size, not its content item's: that one is 0 × 0 until the window is
        // shown, and a first frame laid out from 0 × 0 can come out half-arranged
        width: window.width / window.contentScale
        height: window.height / window.contentScale
        scale: window.contentScale
        transformOrigin: Item.TopLeft
        climate: window.climate
        energy: window.energy
        vehicle: window.vehicle
        settings: window.settings
        cluster: window.cluster
        media: window.media
        navigation: window.navigation
        phone: window.phone
        voice: window.voice
        profiles: window.profiles
    }
}
