pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Shapes
import Cockpit.Theme
import Cockpit.Stores
import Cockpit.Controls

// Health: what the car's history says about its wear. Each part (traction battery, the four tires,
// the 12 V battery, the brake pads) is a row with its value now and what comes next, the ones that
// need action first; the row picked shows its trend (the readings, the line that matters, and the
// forecast to it, dashed) with the model's reason in plain words. Forecasts that need action are
// warning cards in P only: while driving a single line says they wait for Park, and long reasons
// wait too (text while driving stays short).
Item {
    id: page
    required property HealthStore health

    Component.onCompleted: health.load()

    // the row whose trend is shown: picked by a tap, else the first (the most urgent)
    property string picked: ""
    readonly property var rows: health.predictions
    readonly property var row: rows.find(r => r.key === picked && r.key !== "") ?? rows[0] ?? null
    readonly property var trend: row ? health.trends.find(t => t.key === row.key) ?? null : null

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.space.m
        visible: page.health.hasData

        // ----- forecasts that need the driver: cards in P, one quiet line while driving -------------
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.space.m
            visible: page.health.forecastCards.length > 0
            Repeater {
                model: page.health.forecastCards.slice(0, 2)
                delegate: ForecastCard {}
            }
        }
        SurfaceCard {
            objectName: "forecastsWait"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.size.touchTarget
            visible: page.health.waiting > 0
            padding: Theme.space.m
            RowLayout {
                anchors.fill: parent
                spacing: Theme.space.m
                LineIcon {
                    name: "warning"
                    color: Theme.color.state.pending
                    size: Theme.size.iconSmall
                }
                ThemedText {
                    Layout.fillWidth: true
                    text: page.health.waiting === 1 ? qsTr("1 forecast needs attention: what to do shows when parked")
                                                    : qsTr("%1 forecasts need attention: what to do shows when parked")
                                                      .arg(page.health.waiting)
                    color: Theme.color.text.secondary
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.space.m

            // ----- every part, the ones that need action first ------------------------------------
            SurfaceCard {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                padding: Theme.space.m

                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.space.s
                    ThemedText {
                        Layout.fillWidth: true
                        text: page.health.days === 1 ? qsTr("From 1 day of history")
                                                     : qsTr("From %1 days of history").arg(page.health.days)
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    ListView {
                        objectName: "predictionList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        spacing: Theme.space.xs
                        boundsBehavior: Flickable.StopAtBounds
                        model: page.rows
                        delegate: PredictionRow {}
                        // the part shown stays in sight (a card tapped may pick one scrolled away)
                        id: predictionList
                        readonly property int shownIndex: page.row ? page.rows.findIndex(r => r.subject === page.row.subject) : -1
                        function reveal() { if (shownIndex >= 0) positionViewAtIndex(shownIndex, ListView.Contain) }
                        onShownIndexChanged: Qt.callLater(reveal)
                    }
                }
            }

            // ----- the picked part's trend and the reason -------------------------------------------
            SurfaceCard {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                padding: Theme.space.m

                ColumnLayout {
                    anchors.fill: parent
                    spacing: Theme.space.s
                    ThemedText {
                        objectName: "trendTitle"
                        Layout.fillWidth: true
                        text: page.trend ? page.trend.title : page.row ? page.row.subject : ""
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        color: Theme.color.text.secondary
                    }
                    TrendPlot {
                        objectName: "trendPlot"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        trend: page.trend
                    }
                    ThemedText {
                        objectName: "reason"
                        Layout.fillWidth: true
                        // long text waits for P: a moving driver gets the row's short outlook only
                        text: !page.row ? ""
                              : page.health.parked ? page.row.reason
                              : qsTr("Details when parked")
                        font.pixelSize: Theme.font.size.caption
                        color: page.health.parked ? Theme.color.text.primary : Theme.color.text.secondary
                        wrapMode: Text.WordWrap
                        maximumLineCount: 4
                        fontSizeMode: Text.FixedSize
                    }
                }
            }
        }
    }

    // ----- no history yet (or it could not be read) --------------------------------------------
    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width, Theme.size.touchTarget * 9)
        spacing: Theme.space.m
        visible: !page.health.hasData
        LineIcon {
            Layout.alignment: Qt.AlignHCenter
            name: "health"
            size: Theme.size.touchTarget
            color: Theme.color.text.disabled
        }
        ThemedText {
            objectName: "healthState"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: page.health.state
            color: Theme.color.text.secondary
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            fontSizeMode: Text.FixedSize
        }
    }

    // A forecast that needs action: the part and what comes next, the reason under it; tap: its trend.
    component ForecastCard: SurfaceCard {
        id: card
        required property var modelData
        objectName: "forecastCard_" + modelData.key
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        Layout.preferredHeight: cardColumn.implicitHeight + 2 * padding
        padding: Theme.space.m
        border.width: Theme.size.outline
        border.color: Theme.color.telltale.warning

        Accessible.role: Accessible.AlertMessage
        Accessible.name: modelData.text

        RowLayout {
            anchors.fill: parent
            spacing: Theme.space.m
            LineIcon {
                Layout.alignment: Qt.AlignTop
                name: card.modelData.icon
                color: Theme.color.telltale.warning
            }
            ColumnLayout {
                id: cardColumn
                Layout.fillWidth: true
                spacing: Theme.space.xs
                ThemedText {
                    Layout.fillWidth: true
                    text: card.modelData.text
                    font.weight: Theme.font.weight.bold
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    fontSizeMode: Text.FixedSize
                }
                ThemedText {
                    Layout.fillWidth: true
                    text: card.modelData.action
                    font.pixelSize: Theme.font.size.caption
                    color: Theme.color.text.secondary
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    fontSizeMode: Text.FixedSize
                }
            }
        }
        TapHandler {
            onTapped: page.picked = card.modelData.key
        }
    }

    // One part: its icon, name and outlook; its value now and the outlook's uncertainty.
    component PredictionRow: Rectangle {
        id: row
        required property var modelData
        objectName: "prediction_" + (modelData.key !== "" ? modelData.key : modelData.kind)
        readonly property bool shown: page.row !== null && page.row.subject === modelData.subject
        readonly property color tone: modelData.severity === "warning" ? Theme.color.telltale.warning
                                      : modelData.severity === "unknown" ? Theme.color.text.disabled
                                      : Theme.color.text.secondary
        width: ListView.view.width
        height: Math.max(Theme.size.touchTarget * 0.85, rowLayout.implicitHeight + Theme.space.s)
        radius: Theme.radius.m
        color: shown ? Theme.color.selected : Theme.color.none

        Accessible.role: Accessible.ListItem
        Accessible.name: modelData.subject + ": " + modelData.valueText + ", " + modelData.outlook

        RowLayout {
            id: rowLayout
            anchors.fill: parent
            anchors.leftMargin: Theme.space.s
            anchors.rightMargin: Theme.space.s
            spacing: Theme.space.m
            LineIcon {
                Layout.alignment: Qt.AlignVCenter
                name: row.modelData.icon
                size: Theme.size.iconSmall
                color: row.tone
            }
            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignVCenter
                spacing: 0
                RowLayout { // the part and its value now
                    Layout.fillWidth: true
                    spacing: Theme.space.m
                    ThemedText {
                        Layout.fillWidth: true
                        text: row.modelData.subject
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                    }
                    ThemedText {
                        objectName: "value"
                        text: row.modelData.valueText
                        font.pixelSize: Theme.font.size.caption
                        font.weight: Theme.font.weight.bold
                        font.family: Theme.font.family.numeric
                    }
                }
                RowLayout { // what comes next, and how sure that is
                    Layout.fillWidth: true
                    spacing: Theme.space.m
                    ThemedText {
                        objectName: "outlook"
                        Layout.fillWidth: true
                        text: row.modelData.outlook
                        font.pixelSize: Theme.font.size.caption
                        color: row.modelData.alarm ? Theme.color.telltale.warning : Theme.color.text.secondary
                    }
                    ThemedText {
                        objectName: "interval"
                        visible: text !== ""
                        text: row.modelData.intervalText
                        font.pixelSize: Theme.font.size.caption
                        font.family: Theme.font.family.numeric
                        color: Theme.color.text.secondary
                    }
                }
            }
        }
        TapHandler {
            onTapped: page.picked = row.modelData.key
        }
    }

    // A trend: the readings, the interval band where the estimate has one, the line that matters
    // (amber, dashed) and the forecast to it (dashed), with a few labels on each axis. Left to right
    // is old to new in every language, as numbers are: the plot is not mirrored.
    component TrendPlot: Item {
        id: plotRoot
        property var trend: null
        LayoutMirroring.enabled: false
        LayoutMirroring.childrenInherit: true
        readonly property bool ready: trend !== null && trend.x.length > 0
        readonly property real xSpan: ready ? Math.max(trend.xMax - trend.xMin, 1e-6) : 1
        readonly property real ySpan: ready ? Math.max(trend.yMax - trend.yMin, 1e-9) : 1
        readonly property var ticks: {
            if (!ready)
                return [];
            const out = [];
            for (let v = trend.yMin; v <= trend.yMax + trend.yStep / 2; v += trend.yStep)
                out.push(v);
            return out;
        }

        Accessible.role: Accessible.Chart
        Accessible.name: trend ? trend.title : ""

        function px(x: real): real { return (x - trend.xMin) / xSpan * area.width }
        function py(y: real): real { return area.height - (y - trend.yMin) / ySpan * area.height }
        function line(xs: var, ys: var): string {
            let path = "";
            for (let i = 0; i < xs.length; ++i)
                path += (i === 0 ? "M" : "L") + px(xs[i]).toFixed(1) + " " + py(ys[i]).toFixed(1);
            return path;
        }
        function band(): string {
            const t = trend;
            if (t.low.length === 0)
                return "";
            let path = line(t.x, t.low);
            for (let i = t.x.length - 1; i >= 0; --i)
                path += "L" + px(t.x[i]).toFixed(1) + " " + py(t.high[i]).toFixed(1);
            return path + "Z";
        }
        function days(x: real): string {
            const n = Math.round(x);
            return n === 0 ? qsTr("now") : n < 0 ? qsTr("\u2212%1 d").arg(-n) : qsTr("+%1 d").arg(n);
        }

        ThemedText {
            anchors.centerIn: parent
            visible: !plotRoot.ready
            text: qsTr("No readings to plot yet")
            color: Theme.color.text.disabled
        }

        // y labels: right-aligned in a column as wide as the widest
        Item {
            id: yAxis
            visible: plotRoot.ready
            anchors.left: parent.left
            anchors.top: area.top
            anchors.bottom: area.bottom
            width: Math.max(...yLabels.children.map(c => c.implicitWidth ?? 0), 0)
            Item {
                id: yLabels
                anchors.fill: parent
                Repeater {
                    model: plotRoot.ticks
                    ThemedText {
                        required property real modelData
                        x: yLabels.width - implicitWidth  // right-aligned (a delegate going away has no parent)
                        y: plotRoot.ready ? plotRoot.py(modelData) - height / 2 : 0
                        text: Format.fixed(modelData, plotRoot.trend.decimals)
                        font.pixelSize: Theme.font.size.caption
                        font.family: Theme.font.family.numeric
                        color: Theme.color.text.secondary
                        fontSizeMode: Text.FixedSize
                    }
                }
            }
        }
        Item {
            id: area
            visible: plotRoot.ready
            anchors.left: yAxis.right
            anchors.leftMargin: Theme.space.m
            anchors.right: parent.right
            anchors.rightMargin: Theme.space.s
            anchors.top: parent.top
            anchors.topMargin: Theme.font.size.caption / 2
            anchors.bottom: xAxis.top
            anchors.bottomMargin: Theme.space.s

            Repeater { // the grid at the labelled values
                model: plotRoot.ticks
                Rectangle {
                    required property real modelData
                    width: area.width
                    height: Theme.size.border / 2
                    y: plotRoot.ready ? plotRoot.py(modelData) : 0
                    color: Theme.color.chart.grid
                }
            }
            Rectangle { // now
                visible: plotRoot.ready && plotRoot.trend.xMax > 0
                x: plotRoot.ready ? plotRoot.px(0) : 0
                width: Theme.size.border / 2
                height: area.height
                color: Theme.color.chart.grid
            }
            Shape {
                anchors.fill: parent
                visible: plotRoot.ready
                ShapePath { // the interval band
                    strokeWidth: -1
                    fillColor: Qt.alpha(Theme.color.accent, 0.2)
                    PathSvg { path: plotRoot.ready ? plotRoot.band() : "" }
                }
                ShapePath { // the line that matters
                    strokeColor: Theme.color.telltale.warning
                    strokeWidth: Theme.size.border
                    strokeStyle: ShapePath.DashLine
                    dashPattern: [4, 3]
                    fillColor: Theme.color.none
                    PathSvg {
                        path: plotRoot.ready && plotRoot.trend.threshold !== null
                              ? "M0 " + plotRoot.py(plotRoot.trend.threshold) + "H" + area.width : ""
                    }
                }
                ShapePath { // the readings
                    strokeColor: Theme.color.accent
                    strokeWidth: Theme.size.border * 1.5
                    fillColor: Theme.color.none
                    joinStyle: ShapePath.RoundJoin
                    capStyle: ShapePath.RoundCap
                    PathSvg { path: plotRoot.ready ? plotRoot.line(plotRoot.trend.x, plotRoot.trend.y) : "" }
                }
                ShapePath { // the forecast to the line
                    strokeColor: Theme.color.accent
                    strokeWidth: Theme.size.border * 1.5
                    strokeStyle: ShapePath.DashLine
                    dashPattern: [2, 2]
                    fillColor: Theme.color.none
                    PathSvg {
                        path: plotRoot.ready && plotRoot.trend.forecastX.length > 0
                              ? plotRoot.line(plotRoot.trend.forecastX, plotRoot.trend.forecastY) : ""
                    }
                }
            }
            ThemedText { // what the dashed line is
                objectName: "thresholdLabel"
                visible: plotRoot.ready && plotRoot.trend.threshold !== null
                x: Theme.space.s
                y: plotRoot.ready && plotRoot.trend.threshold !== null
                   ? (plotRoot.py(plotRoot.trend.threshold) > height + Theme.space.xs
                      ? plotRoot.py(plotRoot.trend.threshold) - height - Theme.space.xs
                      : plotRoot.py(plotRoot.trend.threshold) + Theme.space.xs) : 0
                text: plotRoot.ready && plotRoot.trend.threshold !== null
                      ? qsTr("%1 %2").arg(Format.fixed(plotRoot.trend.threshold, plotRoot.trend.decimals))
                                     .arg(plotRoot.trend.unit) : ""
                font.pixelSize: Theme.font.size.caption
                font.family: Theme.font.family.numeric
                color: Theme.color.telltale.warning
                fontSizeMode: Text.FixedSize
            }
        }
        Item {
            id: xAxis
            visible: plotRoot.ready
            anchors.left: area.left
            anchors.right: area.right
            anchors.bottom: parent.bottom
            height: Theme.font.size.caption * 1.3
            ThemedText {
                id: first
                anchors.left: parent.left
                text: plotRoot.ready ? plotRoot.days(plotRoot.trend.xMin) : ""
                font.pixelSize: Theme.font.size.caption
                color: Theme.color.text.secondary
                fontSizeMode: Text.FixedSize
            }
            ThemedText { // where the history ends and the forecast begins, when there is room for it
                x: plotRoot.ready ? plotRoot.px(0) - implicitWidth / 2 : 0
                visible: plotRoot.ready && plotRoot.trend.xMax > 0 && x > first.implicitWidth + Theme.space.m
                         && x + implicitWidth < parent.width - last.implicitWidth - Theme.space.m
                text: qsTr("now")
                font.pixelSize: Theme.font.size.caption
                color: Theme.color.text.secondary
                fontSizeMode: Text.FixedSize
            }
            ThemedText {
                id: last
                anchors.right: parent.right
                text: plotRoot.ready ? plotRoot.days(plotRoot.trend.xMax) : ""
                font.pixelSize: Theme.font.size.caption
                color: plotRoot.ready && plotRoot.trend.xMax > 0 ? Theme.color.telltale.warning : Theme.color.text.secondary
                fontSizeMode: Text.FixedSize
            }
        }
    }
}
