import QtQuick
import Cockpit.Theme
import Cockpit.Stores

// The instrument cluster window: a ClusterView filling it.
Window {
    id: window
    required property ClusterStore store
    required property VoiceStore voice
    width: 1920
    height: 720
    title: qsTr("Cockpit — Cluster")
    color: Theme.color.background.base

    ClusterView {
        anchors.fill: parent
        store: window.store
        voice: window.voice
    }
}
