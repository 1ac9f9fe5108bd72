import QtQuick
import Cockpit.Theme

// Power over the last `span` samples (one a second, newest on the right) as bars: consumption
// up in the consumption colour, regeneration down in the regen colour. Scales itself in steps of
// `step` kW. Repaints at most once per Theme.duration.chartRefresh (cheap on software rendering).
Item {
    id: root
    property var values: []
    property int span: 120
    property real step: 25

    readonly property real maxValue: Math.max(0, ...root.values)
    readonly property real minValue: Math.min(0, ...root.values)
    readonly property real upScale: Math.max(2 * step, Math.ceil(maxValue / step) * step)
    readonly property real downScale: Math.max(step, Math.ceil(-minValue / step) * step)
    // the zero line: consumption gets the larger share of the height
    readonly property real zeroRatio: upScale / (upScale + downScale)

    readonly property color consumptionColor: Theme.color.chart.consumption
    readonly property color regenColor: Theme.color.chart.regen
    readonly property color gridColor: Theme.color.chart.grid
    property bool dirty: false

    implicitWidth: Theme.size.touchTarget * 6
    implicitHeight: Theme.size.touchTarget * 3

    Accessible.role: Accessible.Chart
    Accessible.name: qsTr("Power, last two minutes")

    function refresh() {
        if (throttle.running) {
            dirty = true;
        } else {
            canvas.requestPaint();
            throttle.start();
        }
    }
    onValuesChanged: refresh()
    onConsumptionColorChanged: refresh()
    onRegenColorChanged: refresh()
    onGridColorChanged: refresh()

    Timer {
        id: throttle
        interval: Theme.duration.chartRefresh
        onTriggered: {
            if (root.dirty) {
                root.dirty = false;
                canvas.requestPaint();
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
        anchors.verticalCenter: canvas.bottom
        text: qsTr("\u2212%1 kW").arg(root.downScale)
        font.pixelSize: Theme.font.size.caption
        color: Theme.color.text.secondary
    }
    Item {
        id: timeAxis
        anchors.left: canvas.left
        anchors.right: canvas.right
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
    ThemedText { // centred in the consumption half, clear of the zero line
        anchors.horizontalCenter: canvas.horizontalCenter
        y: canvas.y + canvas.height * root.zeroRatio / 2 - height / 2
        visible: root.values.length === 0
        text: qsTr("No power data yet")
        color: Theme.color.text.disabled
    }

    Canvas {
        id: canvas
        anchors.left: parent.left
        anchors.leftMargin: Math.max(topLabel.implicitWidth, bottomLabel.implicitWidth) + Theme.space.m
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.topMargin: topLabel.implicitHeight / 2
        anchors.bottom: timeAxis.top
        anchors.bottomMargin: Theme.space.s
        renderStrategy: Canvas.Immediate

        onPaint: {
            const ctx = getContext("2d");
            ctx.reset();
            const w = width, h = height;
            const zero = Math.round(h * root.zeroRatio);
            // grid: top and bottom of the scale, then the zero line on top
            ctx.fillStyle = root.gridColor;
            ctx.fillRect(0, 0, w, 1);
            ctx.fillRect(0, h - 1, w, 1);
            const slot = w / root.span;
            const bar = Math.max(1, slot - Math.min(Theme.size.chartBar, slot / 3));
            const values = root.values;
            const first = root.span - values.length; // fewer samples: they end at "now"
            for (let i = 0; i < values.length; ++i) {
                const v = values[i];
                if (v === 0)
                    continue;
                const x = (first + i) * slot;
                if (v > 0) {
                    const bh = Math.min(zero, zero * v / root.upScale);
                    ctx.fillStyle = root.consumptionColor;
                    ctx.fillRect(x, zero - bh, bar, bh);
                } else {
                    const bh = Math.min(h - zero, (h - zero) * -v / root.downScale);
                    ctx.fillStyle = root.regenColor;
                    ctx.fillRect(x, zero, bar, bh);
                }
            }
            ctx.fillStyle = Theme.color.text.secondary;
            ctx.fillRect(0, zero - 1, w, Theme.size.border);
        }
    }
}
