pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Navigation: the map with the route and the car; while guiding, the next maneuver (top) and the
// trip to the destination: arrival time, what is left, the battery at arrival (bottom); otherwise
// where to go: home, work and the map's main streets (or by voice: "take me to ...").
Item {
    id: page
    required property NavigationStore navigation
    property RestrictionsStore restrictions: null  // while moving, lists are capped (null: never)

    MapView {
        id: mapView
        objectName: "mapView"
        anchors.fill: parent
        navigation: page.navigation
        bottomInset: tripCard.visible ? tripCard.height + 2 * Theme.space.m : 0
    }

    ManeuverCard {
        objectName: "pageManeuver"
        visible: page.navigation.active
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.space.m
        width: Math.min(Theme.size.touchTarget * 7, parent.width / 2)
        maneuver: page.navigation.maneuver
        distance: page.navigation.maneuverDistance
        unit: page.navigation.maneuverUnit
        street: page.navigation.maneuverStreet
        roundaboutExit: page.navigation.roundaboutExit
    }

    Column {  // the map's own controls, glove-sized
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.space.m
        spacing: Theme.space.s
        Repeater {
            model: [
                { icon: "plus", name: qsTr("Zoom in") },
                { icon: "minus", name: qsTr("Zoom out") },
                { icon: "compass", name: mapView.headingUp ? qsTr("North up") : qsTr("Heading up") },
                { icon: "recenter", name: qsTr("Follow the car") }
            ]
            Rectangle {
                id: mapButton
                required property var modelData
                required property int index
                objectName: "mapButton" + index
                width: Theme.size.touchTarget
                height: Theme.size.touchTarget
                radius: Theme.radius.m
                color: Theme.color.background.raised
                border.width: Theme.size.border
                border.color: index === 3 && mapView.follow ? Theme.color.accent : Theme.color.border
                Accessible.role: Accessible.Button
                Accessible.name: modelData.name
                LineIcon {
                    anchors.centerIn: parent
                    name: mapButton.modelData.icon
                    rotation: mapButton.index === 2 ? mapView.rotationDeg : 0
                    color: mapButton.index === 3 && mapView.follow ? Theme.color.accent : Theme.color.text.primary
                }
                TapHandler {
                    onTapped: {
                        if (mapButton.index === 0) mapView.setZoom(mapView.zoom + 1);
                        else if (mapButton.index === 1) mapView.setZoom(mapView.zoom - 1);
                        else if (mapButton.index === 2) mapView.headingUp = !mapView.headingUp;
                        else mapView.follow = true;
                    }
                }
            }
        }
    }

    SurfaceCard {  // the trip while guiding
        id: tripCard
        objectName: "tripCard"
        visible: page.navigation.active
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.m
        height: Theme.size.touchTarget * 1.6
        padding: Theme.space.m

        RowLayout {
            anchors.fill: parent
            spacing: Theme.space.l
            Column {
                Layout.fillWidth: true
                Layout.preferredWidth: 2.4
                ThemedText {
                    objectName: "tripDestination"
                    width: parent.width
                    text: page.navigation.destination
                    font.weight: Font.DemiBold
                }
                ThemedText {
                    width: parent.width
                    text: page.navigation.maneuverText
                    color: Theme.color.text.secondary
                    font.pixelSize: Theme.font.size.caption
                }
            }
            Figure {
                objectName: "tripArrival"
                caption: qsTr("Arrival")
                value: page.navigation.arrival
            }
            Figure {
                objectName: "tripLeft"
                caption: qsTr("%1 min").arg(page.navigation.etaMinutes)
                value: Format.number(page.navigation.distance, true, 1) + " " + page.navigation.distanceUnit
            }
            Figure {
                objectName: "tripBattery"
                Layout.preferredWidth: 2
                caption: qsTr("Battery at arrival")
                value: page.navigation.arrivalSoc >= 0 ? Math.round(page.navigation.arrivalSoc) + " %" : "--"
            }
            TextButton {
                objectName: "cancelRoute"
                text: qsTr("End")
                icon: "back"
                onClicked: page.navigation.cancel()
            }
        }
    }

    SurfaceCard {  // where to, with no route
        objectName: "whereTo"
        visible: !page.navigation.active
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.margins: Theme.space.m
        width: Math.min(Theme.size.touchTarget * 6, parent.width * 0.4)
        padding: Theme.space.m

        Column {
            anchors.fill: parent
            spacing: Theme.space.s
            ThemedText {
                width: parent.width
                text: page.navigation.mapError !== "" ? qsTr("Map unavailable")
                      : page.navigation.ready ? qsTr("Where to?") : qsTr("Loading the map…")
                font.pixelSize: Theme.font.size.title
                font.weight: Font.DemiBold
            }
            ThemedText {
                width: parent.width
                visible: text !== ""
                text: page.navigation.mapError !== "" ? page.navigation.mapError
                      : qsTr("Or say \"take me to\" and a street")
                wrapMode: Text.WordWrap
                maximumLineCount: 3
                fontSizeMode: Text.FixedSize
                font.pixelSize: Theme.font.size.caption
                color: page.navigation.mapError !== "" ? Theme.color.state.error : Theme.color.text.secondary
            }
            Repeater {
                model: page.restrictions && page.restrictions.listCap > 0
                       ? page.navigation.suggestions.slice(0, page.restrictions.listCap)
                       : page.navigation.suggestions
                TextButton {
                    id: suggestion
                    required property var modelData
                    width: parent.width
                    text: modelData.label
                    icon: modelData.icon
                    onClicked: page.navigation.go(modelData.place)
                }
            }
        }
    }

    component Figure: Column {
        property string caption
        property string value
        Layout.preferredWidth: 1
        Layout.fillWidth: true
        ThemedText {
            width: parent.width
            text: parent.value
            font.family: Theme.font.family.numeric
            font.weight: Font.DemiBold
        }
        ThemedText {
            width: parent.width
            text: parent.caption
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.secondary
        }
    }
}
