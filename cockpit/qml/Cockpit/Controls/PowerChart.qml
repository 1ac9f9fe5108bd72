import QtQuick
import QtQuick.Shapes
import Cockpit.Theme

// Power over the last `span` samples (one a second, newest on the right) as bars: consumption
// up in the consumption colour, regeneration down in the regen colour. Scales itself in steps of
// `step` kW. Redraws at most once per Theme.duration.chartRefresh (cheap on software rendering),
// and is drawn with Shapes, so even the first frame (a still picture) shows it.
Item {
    id: root
    property var values: []
    property int span: 120
    property real step: 25

    // the values as last drawn: `values` may change every frame, the bars once a refresh period
    property var drawn: []
    property bool dirty: false

    readonly property real maxValue: Math.max(0, ...root.drawn)
    readonly property real minValue: Math.min(0, ...root.drawn)
    readonly property real upScale: Math.max(2 * step, Math.ceil(maxValue / step) * step)
    readonly property real downScale: Math.max(step, Math.ceil(-minValue / step) * step)
    // the zero line: consumption gets the larger share of the height
    readonly property real zeroRatio: upScale / (upScale + downScale)

    implicitWidth: Theme.size.touchTarget * 6
    implicitHeight: Theme.size.touchTarget * 3

    Accessible.role: Accessible.Chart
    Accessible.name: qsTr("Power, last two minutes")

    // SVG path data of the bars above (consumption) or below (regen) the zero line
    function bars(consumption: bool, width: real, height: real): string {
        const zero = height * zeroRatio;
        const slot = width / span;
        const bar = Math.max(1, slot - Math.min(Theme.size.chartBar, slot / 3));
        const first = span - drawn.length; // fewer samples: they end at "now"
        let path = "";
        for (let i = 0; i < drawn.length; ++i) {
            const v = drawn[i];
            if (consumption ? v <= 0 : v >= 0)
                continue;
            const x = (first + i) * slot;
            const h = consumption ? Math.min(zero, zero * v / upScale)
                                  : Math.min(height - zero, (height - zero) * -v / downScale);
            const top = consumption ? zero - h : zero;
            path += "M" + x + " " + top + "h" + bar + "v" + h + "h" + (-bar) + "Z";
        }
        return path;
    }

    function refresh() {
        if (throttle.running) {
            dirty = true;
        } else {
            drawn = values;
            if (drawn.length > 0) // the first samples are drawn as soon as they come
                throttle.start();
        }
    }
    onValuesChanged: refresh()
    Component.onCompleted: drawn = values

    Timer {
        id: throttle
        interval: Theme.duration.chartRefresh
        onTriggered: {
            if (root.dirty) {
                root.dirty = false;
                root.drawn = root.values;
                throttle.start();
            }
        }
    }

    ThemedText {
        id: topLabel
        anchors.left: parent.left
        anchors.top: parent.top
        text: qsTr("%1 kW").arg(root.upScale)
        font.pixelSize: Theme.font.size.caption
        color: Theme.color.text.secondary
    }
    ThemedText {
        id: bottomLabel
        anchors.left: parent.left
        anchors.verticalCenter: plot.bottom
        text: qsTr("\u2212%1 kW").arg(root.downScale)
        font.pixelSize: Theme.font.size.caption
        color: Theme.color.text.secondary
    }
    Item {
        id: timeAxis
        anchors.left: plot.left
        anchors.right: plot.right
        anchors.bottom: parent.bottom
        height: Theme.font.size.caption * 1.4
        ThemedText {
            anchors.left: parent.left
            anchors.bottom: parent.bottom
            text: qsTr("\u22122 min")
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.secondary
        }
        ThemedText {
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            text: qsTr("now")
            font.pixelSize: Theme.font.size.caption
            color: Theme.color.text.secondary
        }
    }

    Item {
        id: plot
        anchors.left: parent.left
        anchors.leftMargin: Math.max(topLabel.implicitWidth, bottomLabel.implicitWidth) + Theme.space.m
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.topMargin: topLabel.implicitHeight / 2
        anchors.bottom: timeAxis.top
        anchors.bottomMargin: Theme.space.s

        readonly property real zeroY: Math.round(height * root.zeroRatio)

        Rectangle { // top of the scale
            width: parent.width
            height: Theme.size.border / 2
            color: Theme.color.chart.grid
        }
        Rectangle { // bottom of the scale
            y: parent.height - height
            width: parent.width
            height: Theme.size.border / 2
            color: Theme.color.chart.grid
        }
        Shape {
            anchors.fill: parent
            ShapePath {
                strokeWidth: -1
                fillColor: Theme.color.chart.consumption
                PathSvg { path: root.bars(true, plot.width, plot.height) }
            }
            ShapePath {
                strokeWidth: -1
                fillColor: Theme.color.chart.regen
                PathSvg { path: root.bars(false, plot.width, plot.height) }
            }
        }
        Rectangle { // the zero line, over the bars
            y: plot.zeroY - height / 2
            width: parent.width
            height: Theme.size.border
            color: Theme.color.text.secondary
        }
    }
    ThemedText { // centred in the consumption half, clear of the zero line
        anchors.horizontalCenter: plot.horizontalCenter
        y: plot.y + plot.zeroY / 2 - height / 2
        visible: root.drawn.length === 0
        text: qsTr("No power data yet")
        color: Theme.color.text.disabled
    }
}
