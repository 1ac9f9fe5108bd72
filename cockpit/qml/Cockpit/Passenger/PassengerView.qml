import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls
import Cockpit.Center

// The front passenger's screen: what is playing (with its controls), the passenger's own climate
// zone, and where the trip is going. Nothing here distracts the driver: it faces the passenger
// and holds no driving information but the arrival time.
Item {
    id: view
    objectName: "passengerView"
    property bool rightToLeft: false  // a right-to-left language: mirrored, as the center screen
    LayoutMirroring.enabled: rightToLeft
    LayoutMirroring.childrenInherit: true
    required property ClimateStore climate
    required property MediaStore media
    required property NavigationStore navigation  // null: the car has no navigation
    required property ClusterStore cluster

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.space.l
        spacing: Theme.space.m

        RowLayout {
            Layout.fillWidth: true
            ThemedText {
                Layout.fillWidth: true
                text: qsTr("Passenger")
                font.pixelSize: Theme.font.size.title
                font.weight: Theme.font.weight.bold
            }
            ThemedText {
                objectName: "passengerRoute"
                visible: view.navigation !== null
                text: view.navigation && view.navigation.active
                      ? qsTr("%1 · %2 min").arg(view.navigation.destination).arg(view.navigation.etaMinutes)
                      : qsTr("No route")
                color: Theme.color.text.secondary
            }
            ThemedText {
                text: view.cluster.clock !== "" ? view.cluster.clock : "--:--"
                font.family: Theme.font.family.numeric
                font.weight: Theme.font.weight.bold
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.space.m

            SurfaceCard {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 3
                NowPlaying {
                    objectName: "passengerMedia"
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    track: view.media.track
                    artist: view.media.artist
                    source: view.media.sourceTitle
                    playing: view.media.playing
                    onPreviousRequested: view.media.previous()
                    onPlayPauseRequested: view.media.togglePlay()
                    onNextRequested: view.media.next()
                }
            }
            ClimateZone {
                objectName: "passengerZone"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 2
                climate: view.climate
                zone: "passenger"
                title: qsTr("Your climate")
                temperature: view.climate.passengerTemp
                fan: view.climate.passengerFan
                seat: view.climate.passengerSeat
            }
        }
    }
}
