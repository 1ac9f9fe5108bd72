pragma ComponentBehavior: Bound
import QtQuick
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls
import Cockpit.Voice

// The center screen: a navigation rail and one page at a time (Home, Climate, Energy, Vehicle,
// Settings, Driver, Map, Software, Health). Which page is shown is view state: `page` (an index or a page name). Only the page
// shown is instantiated. Refused and rolled-back actuator requests surface in a toast. The voice
// assistant: push-to-talk in the status bar (and on Home), V or F9 as the steering-wheel button's
// stand-in, Escape to cancel; its panel shows what it hears and answers.
Item {
    id: view
    objectName: "centerView"
    // a right-to-left language (Arabic): the rail, the pages and their rows mirrored; controls that
    // stand for something physical keep their side (docs/i18n.md)
    property bool rightToLeft: false
    property string languageCode: "en"  // the screens' language (the voice assistant says if it cannot follow)
    LayoutMirroring.enabled: rightToLeft
    LayoutMirroring.childrenInherit: true
    required property ClimateStore climate
    required property EnergyStore energy
    required property VehicleStatusStore vehicle
    required property SettingsStore settings
    required property ClusterStore cluster
    required property MediaStore media
    required property NavigationStore navigation
    required property PhoneStore phone
    required property VoiceStore voice  // null: this car has no voice assistant
    required property ProfilesStore profiles
    property WarningsStore warnings: null  // the active warnings the Vehicle page lists
    property RestrictionsStore restrictions: null  // lockouts while driving (null: none)
    property SoftwareStore software: null  // software updates (null: the Software page is left out)
    property HealthStore health: null  // wear predictions (null: the Health page is left out)
    property PrivacyStore privacy: null  // what the car keeps, consents (null: the Privacy page is left out)
    // false: the car keeps no driver profiles (an in-memory guest only): the Driver page is left out
    property bool hasDriverPage: true

    Shortcut {
        sequences: ["V", "F9"]
        enabled: view.voice !== null
        onActivated: view.voice.pushToTalk()
    }
    Shortcut {
        sequence: "Escape"
        enabled: view.voice !== null && view.voice.state !== "idle"
        onActivated: view.voice.cancel()
    }

    // The page shown: an index (0 home … 9 privacy) or a name from pageNames; the rail sets an
    // index. pageIndex / pageName say which page that is (an unknown name shows Home).
    property var page: 0
    readonly property list<string> pageNames: ["home", "climate", "energy", "vehicle", "settings", "driver",
                                               "navigation", "software", "health", "privacy"]
    // the pages on this car's rail, as indexes into pageNames: the map second, where the car has one
    readonly property list<int> railPages: [0, ...(navigation ? [6] : []), 1, 2, 3, 4, ...(hasDriverPage ? [5] : []),
                                            ...(software ? [7] : []), ...(health ? [8] : [])]
    // pages reached from another page, not the rail (ten entries would be smaller than a touch
    // target): Privacy from Settings, which the rail shows as the current page meanwhile
    readonly property var pageParents: ({ 9: 4 })
    readonly property list<int> shownPages: [...railPages, ...(privacy ? [9] : [])]
    readonly property int wantedIndex: typeof page === "string"
                                       ? Math.max(0, pageNames.indexOf(page))
                                       : Math.min(Math.max(0, Math.floor(Number(page) || 0)), pageNames.length - 1)
    readonly property int pageIndex: shownPages.indexOf(wantedIndex) >= 0 ? wantedIndex : 0
    readonly property string pageName: pageNames[pageIndex]
    readonly property var pageEntries: [
        { title: qsTr("Home"), icon: "home" },
        { title: qsTr("Climate"), icon: "climate" },
        { title: qsTr("Energy"), icon: "energy" },
        { title: qsTr("Vehicle"), icon: "vehicle" },
        { title: qsTr("Settings"), icon: "settings" },
        // valet mode shows here too: the rail is on screen whatever the page
        { title: view.profiles.valet ? qsTr("Valet") : qsTr("Driver"), icon: view.profiles.valet ? "lock" : "person" },
        { title: qsTr("Map"), icon: "map" },
        { title: qsTr("Software"), icon: "download" },
        { title: qsTr("Health"), icon: "health" },
        { title: qsTr("Privacy"), icon: "shield" }
    ]

    function showPage(name: string) {
        const index = pageNames.indexOf(name);
        if (index >= 0)
            page = index;
    }

    // The first rolled-back actuator request, named for the driver ("" when none).
    readonly property string actuatorError: {
        const c = view.climate, s = view.settings;
        const all = [
            [qsTr("Driver temperature"), c.driverTemp.error],
            [qsTr("Passenger temperature"), c.passengerTemp.error],
            [qsTr("Driver fan"), c.driverFan.error],
            [qsTr("Passenger fan"), c.passengerFan.error],
            [qsTr("Driver seat heating"), c.driverSeat.error],
            [qsTr("Passenger seat heating"), c.passengerSeat.error],
            [qsTr("Steering wheel heating"), c.steeringHeat.error],
            [qsTr("A/C"), c.ac.error],
            [qsTr("Recirculation"), c.recirculation.error],
            [qsTr("Front defrost"), c.frontDefrost.error],
            [qsTr("Rear defrost"), c.rearDefrost.error],
            [qsTr("Distance unit"), s.distanceUnit.error],
            [qsTr("Temperature unit"), s.temperatureUnit.error],
            [qsTr("Pressure unit"), s.pressureUnit.error],
            [qsTr("Brightness"), s.brightness.error],
            [qsTr("Volume"), view.media.volume.error]
        ];
        for (const [what, error] of all) {
            if (error !== "")
                return qsTr("%1 not changed: %2").arg(what).arg(error);
        }
        return "";
    }
    onActuatorErrorChanged: if (actuatorError !== "") toast.show(actuatorError)

    Connections {
        target: view.climate
        function onFailed(reason: string) { toast.show(reason) }
    }
    Connections {
        target: view.settings
        function onFailed(reason: string) { toast.show(reason) }
    }
    Connections {
        target: view.profiles
        function onFailed(reason: string) { toast.show(reason) }
        function onNotice(message: string) { toast.inform(message) }
    }
    Connections {
        target: view.media
        function onFailed(reason: string) { toast.show(reason) }
    }
    Connections {
        target: view.navigation
        function onFailed(reason: string) { toast.show(reason) }
    }
    Connections {
        target: view.phone
        function onFailed(reason: string) { toast.show(reason) }
    }
    Connections {
        target: view.software
        function onFailed(reason: string) { toast.inform(reason) }
    }
    Connections {
        target: view.privacy
        function onFailed(reason: string) { toast.inform(reason) }
    }

    NavRail {
        id: rail
        objectName: "navRail"
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        model: view.railPages.map(i => view.pageEntries[i])
        currentIndex: view.railPages.indexOf(view.pageParents[view.pageIndex] ?? view.pageIndex)
        onSelected: index => view.page = view.railPages[index]
    }

    Item {
        id: content
        anchors.left: rail.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.space.l
        anchors.rightMargin: Theme.space.l

        StatusBar {
            id: statusBar
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            visible: view.pageIndex !== 0 // Home has its own large clock
            height: visible ? implicitHeight : 0
            title: view.pageEntries[view.pageIndex].title
            clock: view.cluster.clock
            outsideTemperature: view.climate.outsideTempValid
                                ? Format.number(view.climate.outsideTemp, true, 1) + " " + view.climate.temperatureUnit
                                : "--"
            voiceState: view.voice ? view.voice.state : "idle"
            voiceAvailable: view.voice !== null
            onTalkRequested: view.voice.pushToTalk()
        }
        Loader {
            id: pageLoader
            objectName: "pageLoader"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: statusBar.bottom
            anchors.bottom: parent.bottom
            anchors.topMargin: view.pageIndex === 0 ? Theme.space.l : 0
            anchors.bottomMargin: Theme.space.l
            sourceComponent: [homePage, climatePage, energyPage, vehiclePage, settingsPage, driverPage,
                              navigationPage, softwarePage, healthPage, privacyPage][view.pageIndex]
        }
    }

    Component {
        id: homePage
        HomePage {
            objectName: "homePage"
            climate: view.climate
            energy: view.energy
            vehicle: view.vehicle
            settings: view.settings
            cluster: view.cluster
            media: view.media
            navigation: view.navigation
            phone: view.phone
            voice: view.voice
            health: view.health
            onOpenPage: name => view.showPage(name)
        }
    }
    Component {
        id: climatePage
        ClimatePage {
            objectName: "climatePage"
            climate: view.climate
        }
    }
    Component {
        id: energyPage
        EnergyPage {
            objectName: "energyPage"
            energy: view.energy
        }
    }
    Component {
        id: vehiclePage
        VehiclePage {
            objectName: "vehiclePage"
            vehicle: view.vehicle
            warnings: view.warnings
        }
    }
    Component {
        id: navigationPage
        NavigationPage {
            objectName: "navigationPage"
            navigation: view.navigation
            restrictions: view.restrictions
        }
    }
    Component {
        id: driverPage
        DriverPage {
            objectName: "driverPage"
            profiles: view.profiles
            restrictions: view.restrictions
            onRefused: why => toast.inform(why)
        }
    }
    Component {
        id: softwarePage
        SoftwarePage {
            objectName: "softwarePage"
            software: view.software
            onRefused: why => toast.inform(why)
        }
    }
    Component {
        id: privacyPage
        PrivacyPage {
            objectName: "privacyPage"
            privacy: view.privacy
            onRefused: why => toast.inform(why)
        }
    }
    Component {
        id: healthPage
        HealthPage {
            objectName: "healthPage"
            health: view.health
        }
    }
    Component {
        id: settingsPage
        SettingsPage {
            objectName: "settingsPage"
            settings: view.settings
            voice: view.voice
            languageCode: view.languageCode
            hasPrivacy: view.privacy !== null
            onOpenPage: name => view.showPage(name)
        }
    }

    VoiceOverlay {
        id: voiceOverlay
        objectName: "voiceOverlay"
        anchors.horizontalCenter: content.horizontalCenter
        anchors.bottom: toast.visible ? toast.top : parent.bottom
        anchors.bottomMargin: Theme.space.l
        width: Math.min(implicitWidth, content.width)
        z: 2
        voiceState: view.voice ? view.voice.state : "idle"
        partial: view.voice ? view.voice.partial : ""
        transcript: view.voice ? view.voice.transcript : ""
        answer: view.voice ? view.voice.answer : ""
        error: view.voice ? view.voice.error : ""
        onDismissed: view.voice.cancel()
    }

    Toast {
        id: toast
        objectName: "toast"
        anchors.horizontalCenter: content.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.space.l
        width: implicitWidth
        z: 1
    }
}
