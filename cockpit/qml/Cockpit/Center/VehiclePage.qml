pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Vehicle: the car from above with its openings and tire pressures, and the status list (lock,
// openings, 12 V battery, ABS, ESC, service, belts). Unknown states read "--", never "OK".
// Below them, the active warnings in the same words and colours as the cluster's card (one table:
// cockpit/vehicle/warnings.py); the status tones take their colour from that table too.
Item {
    id: page
    required property VehicleStatusStore vehicle
    property WarningsStore warnings: null  // null: no list (a harness)
    readonly property var activeWarnings: warnings ? warnings.active : []

    component Line: StatusRow {
        Layout.fillWidth: true
        Layout.fillHeight: true
    }

    // What is open, in short words: "Door", "Trunk"… (the car drawing shows which door).
    readonly property var openNames: {
        const v = page.vehicle;
        const all = [
            [v.frontLeftOpen, qsTr("Door")], [v.frontRightOpen, qsTr("Door")],
            [v.rearLeftOpen, qsTr("Door")], [v.rearRightOpen, qsTr("Door")],
            [v.hoodOpen, qsTr("Hood")], [v.frunkOpen, qsTr("Frunk")], [v.trunkOpen, qsTr("Trunk")]
        ];
        return all.filter(entry => entry[0]).map(entry => entry[1]);
    }

    function faultText(fault: bool, valid: bool): string {
        return !valid ? "--" : fault ? qsTr("Fault") : qsTr("OK");
    }
    function faultTone(fault: bool, valid: bool, role: string): string {
        return !valid ? "unknown" : fault ? role : "ok";
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.space.m

    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: Theme.space.m

        SurfaceCard {
            Layout.fillWidth: true
            Layout.fillHeight: true
            padding: Theme.space.m + Theme.space.s

            ThemedText {
                anchors.left: parent.left
                anchors.top: parent.top
                text: qsTr("Tires")
                font.pixelSize: Theme.font.size.caption
                font.weight: Theme.font.weight.bold
                color: Theme.color.text.secondary
            }
            ThemedText {
                anchors.right: parent.right
                anchors.top: parent.top
                text: qsTr("Pressure in %1").arg(page.vehicle.pressureUnit)
                font.pixelSize: Theme.font.size.caption
                color: Theme.color.text.secondary
            }
            CarTopView {
                id: car
                objectName: "carTopView"
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.top: parent.top
                anchors.bottom: parent.bottom
                width: parent.width - 2 * (Theme.size.touchTarget * 1.75)
                frontLeftOpen: page.vehicle.frontLeftOpen
                frontRightOpen: page.vehicle.frontRightOpen
                rearLeftOpen: page.vehicle.rearLeftOpen
                rearRightOpen: page.vehicle.rearRightOpen
                hoodOpen: page.vehicle.hoodOpen
                frunkOpen: page.vehicle.frunkOpen
                trunkOpen: page.vehicle.trunkOpen
                openingsKnown: page.vehicle.openingsValid
                frontLeftLow: page.vehicle.frontLeftLow
                frontRightLow: page.vehicle.frontRightLow
                rearLeftLow: page.vehicle.rearLeftLow
                rearRightLow: page.vehicle.rearRightLow
            }
            TirePressure {
                objectName: "frontLeftTire"
                anchors.left: parent.left
                y: car.y + car.frontAxleY - height / 2
                label: qsTr("Front left")
                pressure: page.vehicle.frontLeftPressure
                valid: page.vehicle.frontLeftPressureValid
                low: page.vehicle.frontLeftLow
                unit: page.vehicle.pressureUnit
            }
            TirePressure {
                objectName: "frontRightTire"
                anchors.right: parent.right
                y: car.y + car.frontAxleY - height / 2
                alignRight: true
                label: qsTr("Front right")
                pressure: page.vehicle.frontRightPressure
                valid: page.vehicle.frontRightPressureValid
                low: page.vehicle.frontRightLow
                unit: page.vehicle.pressureUnit
            }
            TirePressure {
                objectName: "rearLeftTire"
                anchors.left: parent.left
                y: car.y + car.rearAxleY - height / 2
                label: qsTr("Rear left")
                pressure: page.vehicle.rearLeftPressure
                valid: page.vehicle.rearLeftPressureValid
                low: page.vehicle.rearLeftLow
                unit: page.vehicle.pressureUnit
            }
            TirePressure {
                objectName: "rearRightTire"
                anchors.right: parent.right
                y: car.y + car.rearAxleY - height / 2
                alignRight: true
                label: qsTr("Rear right")
                pressure: page.vehicle.rearRightPressure
                valid: page.vehicle.rearRightPressureValid
                low: page.vehicle.rearRightLow
                unit: page.vehicle.pressureUnit
            }
        }

        ColumnLayout {
            Layout.fillWidth: false
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.size.touchTarget * 5.5
            spacing: Theme.space.s

            Line {
                objectName: "lockStatus"
                icon: page.vehicle.lockedValid && !page.vehicle.locked ? "lockOpen" : "lock"
                label: qsTr("Doors")
                value: !page.vehicle.lockedValid ? "--" : page.vehicle.locked ? qsTr("Locked") : qsTr("Unlocked")
                tone: page.vehicle.lockedValid ? "" : "unknown"
            }
            Line {
                objectName: "openingsStatus"
                icon: "door"
                label: qsTr("Openings")
                value: page.openNames.length === 1 ? qsTr("%1 open").arg(page.openNames[0])
                       : page.openNames.length > 1 ? qsTr("%1 open").arg(page.openNames.length)
                       : page.vehicle.openingsValid ? qsTr("All closed") : "--"
                tone: page.openNames.length > 0 ? page.vehicle.roles.doorOpen : page.vehicle.openingsValid ? "ok" : "unknown"
            }
            Line {
                objectName: "battery12VStatus"
                icon: "battery12v"
                label: qsTr("12 V battery")
                value: Format.number(page.vehicle.battery12V, page.vehicle.battery12VValid, 1)
                       + (page.vehicle.battery12VValid ? " " + qsTr("V") : "")
                tone: !page.vehicle.battery12VValid ? "unknown" : page.vehicle.battery12VLow ? page.vehicle.roles.battery12v : ""
            }
            Line {
                icon: "brake"
                label: qsTr("ABS")
                value: page.faultText(page.vehicle.absFault, page.vehicle.absFaultValid)
                tone: page.faultTone(page.vehicle.absFault, page.vehicle.absFaultValid, page.vehicle.roles.abs)
            }
            Line {
                icon: "stability"
                label: qsTr("Stability control")
                value: page.faultText(page.vehicle.escFault, page.vehicle.escFaultValid)
                tone: page.faultTone(page.vehicle.escFault, page.vehicle.escFaultValid, page.vehicle.roles.esc)
            }
            Line {
                icon: "service"
                label: qsTr("Service")
                value: !page.vehicle.serviceDueValid ? "--" : page.vehicle.serviceDue ? qsTr("Due") : qsTr("Not due")
                tone: !page.vehicle.serviceDueValid ? "unknown" : page.vehicle.serviceDue ? page.vehicle.roles.service : ""
            }
            Line {
                icon: "belt"
                label: qsTr("Driver belt")
                value: !page.vehicle.driverBeltedValid ? "--"
                       : page.vehicle.driverBelted ? qsTr("Fastened") : qsTr("Unfastened")
                tone: !page.vehicle.driverBeltedValid ? "unknown" : page.vehicle.driverBelted ? "ok" : page.vehicle.roles.seatBelt
            }
            Line {
                icon: "belt"
                label: qsTr("Passenger belt")
                value: !page.vehicle.passengerBeltedValid ? "--"
                       : page.vehicle.passengerBelted ? qsTr("Fastened") : qsTr("Unfastened")
                tone: !page.vehicle.passengerBeltedValid ? "unknown" : page.vehicle.passengerBelted ? "ok" : "warning"
            }
        }
    }

    // The active warnings, most severe first, in the cluster card's words
    SurfaceCard {
        objectName: "vehicleWarnings"
        Layout.fillWidth: true
        Layout.preferredHeight: warningList.implicitHeight + 2 * padding
        visible: page.activeWarnings.length > 0
        padding: Theme.space.m

        Column {
            id: warningList
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: Theme.space.s
            Repeater {
                model: page.activeWarnings.slice(0, 3)  // a glance, not a log: the three most severe
                delegate: Item {
                    id: line
                    required property var modelData
                    width: warningList.width
                    height: Theme.size.iconSmall + Theme.space.s
                    readonly property color tone: Theme.color.telltale[line.modelData.role] ?? Theme.color.telltale.warning
                    TelltaleSymbol {
                        id: symbol
                        anchors.left: parent.left
                        anchors.verticalCenter: parent.verticalCenter
                        width: Theme.size.iconSmall
                        height: Theme.size.iconSmall
                        icon: line.modelData.icon
                        color: line.tone
                    }
                    ThemedText {
                        objectName: "vehicleWarningText"
                        anchors.left: symbol.right
                        anchors.leftMargin: Theme.space.m
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        text: line.modelData.text
                        font.weight: Theme.font.weight.bold
                        color: line.tone
                    }
                }
            }
        }
    }
    }
}
