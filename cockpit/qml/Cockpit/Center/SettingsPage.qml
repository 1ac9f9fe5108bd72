pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Settings: display units (actuators like any other: a new unit shows as pending until the car
// confirms it), the voice assistant's engine, and the theme.
Item {
    id: page
    required property SettingsStore settings
    required property VoiceStore voice
    // the screens' language: the assistant says when it cannot listen in it
    property string languageCode: "en"
    property bool hasPrivacy: false  // the car has a privacy center (opened from here)
    signal openPage(string name)

    // What each unit setting shows before the car has reported one: the units the display
    // already uses then (the stores' defaults).
    component UnitRow: RowLayout {
        id: row
        required property string label
        required property string which // distanceUnit | temperatureUnit | pressureUnit
        required property ActuatorState actuator
        required property string fallback
        required property var options
        Layout.fillWidth: true
        spacing: Theme.space.m
        Column {
            Layout.preferredWidth: Theme.size.touchTarget * 2.5
            ThemedText {
                width: parent.width
                text: row.label
            }
            ActuatorStatus {
                width: parent.width
                visible: text !== ""
                pending: row.actuator.pending
                error: row.actuator.error
            }
        }
        SegmentedChoice {
            objectName: row.which
            Layout.fillWidth: true
            accessibleName: row.label
            options: row.options
            current: row.actuator.shown ?? row.fallback
            available: true
            pending: row.actuator.pending
            error: row.actuator.error
            onChosen: value => page.settings.setUnit(row.which, value)
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.space.m

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: 3
            spacing: Theme.space.m

            SurfaceCard {
                Layout.fillWidth: true
                Layout.preferredHeight: unitsColumn.implicitHeight + 2 * padding
                padding: Theme.space.m + Theme.space.s

                ColumnLayout {
                    id: unitsColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    spacing: Theme.space.l

                    ThemedText {
                        text: qsTr("Units")
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    UnitRow {
                        label: qsTr("Distance")
                        which: "distanceUnit"
                        actuator: page.settings.distanceUnit
                        fallback: "KILOMETERS"
                        options: [{ value: "KILOMETERS", text: qsTr("km") }, { value: "MILES", text: qsTr("mi") }]
                    }
                    UnitRow {
                        label: qsTr("Temperature")
                        which: "temperatureUnit"
                        actuator: page.settings.temperatureUnit
                        fallback: "C"
                        options: [{ value: "C", text: qsTr("°C") }, { value: "F", text: qsTr("°F") }]
                    }
                    UnitRow {
                        label: qsTr("Tire pressure")
                        which: "pressureUnit"
                        actuator: page.settings.pressureUnit
                        fallback: "KPA"
                        options: [{ value: "KPA", text: qsTr("kPa") }, { value: "PSI", text: qsTr("psi") },
                                  { value: "BAR", text: qsTr("bar") }]
                    }
                    ThemedText {
                        Layout.fillWidth: true
                        text: qsTr("Changes apply once the car confirms them.")
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                        wrapMode: Text.WordWrap
                    }
                }
            }

            SurfaceCard {
                Layout.fillWidth: true
                Layout.preferredHeight: voiceColumn.implicitHeight + 2 * padding
                padding: Theme.space.m + Theme.space.s

                ColumnLayout {
                    id: voiceColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    spacing: Theme.space.s

                    ThemedText {
                        text: qsTr("Voice assistant")
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    ThemedText {
                        objectName: "voiceEngine"
                        Layout.fillWidth: true
                        text: !page.voice ? qsTr("This car has no voice assistant") : page.voice.engine !== "" ? qsTr("Speech recognition: %1").arg(page.voice.engine)
                              : page.voice.error !== "" ? page.voice.error : qsTr("Speech recognition is starting…")
                        wrapMode: Text.WordWrap
                    }
                    ThemedText {
                        objectName: "voiceLanguage"
                        Layout.fillWidth: true
                        visible: page.voice !== null && page.voice.languages.indexOf(page.languageCode) < 0
                        text: qsTr("It listens in English only: this car has no speech model for this language.")
                        color: Theme.color.telltale.warning
                        wrapMode: Text.WordWrap
                    }
                    ThemedText {
                        objectName: "voiceEngineHint"
                        Layout.fillWidth: true
                        visible: text !== ""
                        text: page.voice ? page.voice.engineHint : ""
                        font.pixelSize: Theme.font.size.caption
                        color: Theme.color.text.secondary
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: 2
            spacing: Theme.space.m

            SurfaceCard {
                Layout.fillWidth: true
                Layout.preferredHeight: themeColumn.implicitHeight + 2 * padding
                padding: Theme.space.m + Theme.space.s

                ColumnLayout {
                    id: themeColumn
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    spacing: Theme.space.m

                    ThemedText {
                        text: qsTr("Theme")
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    Repeater {
                        model: page.settings.themes
                        ActionTile {
                            required property var modelData
                            objectName: "theme_" + modelData.name
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.size.touchTarget * 1.5
                            icon: modelData.dark ? "moon" : "sun"
                            title: modelData.title
                            subtitle: modelData.name === page.settings.theme ? qsTr("In use")
                                      : modelData.dark ? qsTr("Dark") : qsTr("Light")
                            checked: modelData.name === page.settings.theme
                            onSurface: true
                            onClicked: page.settings.setTheme(modelData.name)
                        }
                    }
                }
            }

            SurfaceCard {
                Layout.fillWidth: true
                Layout.preferredHeight: privacyRow.implicitHeight + 2 * padding
                visible: page.hasPrivacy
                padding: Theme.space.m + Theme.space.s

                ColumnLayout {
                    id: privacyRow
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    spacing: Theme.space.s

                    ThemedText {
                        text: qsTr("Privacy and data")
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    ThemedText {
                        Layout.fillWidth: true
                        text: qsTr("What the car keeps, who receives it, your consents")
                        wrapMode: Text.WordWrap
                    }
                    TextButton {
                        objectName: "openPrivacy"
                        text: qsTr("Open")
                        icon: "shield"
                        onClicked: page.openPage("privacy")
                    }
                }
            }
        }
    }
}
