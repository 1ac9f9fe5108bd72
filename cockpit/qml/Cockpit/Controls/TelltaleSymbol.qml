import QtQuick
import QtQuick.Shapes
import Cockpit.Theme

// One TelltaleIcons symbol, scaled to the item and tinted with `color` (a theme colour).
Shape {
    id: root
    property string icon
    property color color: Theme.color.text.primary

    readonly property var symbol: TelltaleIcons.icons[icon] ?? { stroke: "", fill: "" }
    readonly property real unit: Math.min(width, height) / TelltaleIcons.grid

    implicitWidth: Theme.size.telltale
    implicitHeight: Theme.size.telltale
    antialiasing: true

    ShapePath {
        scale: Qt.size(root.unit, root.unit)
        strokeColor: root.color
        strokeWidth: root.symbol.stroke ? TelltaleIcons.strokeWidth * root.unit : -1
        fillColor: Theme.color.none
        capStyle: ShapePath.RoundCap
        joinStyle: ShapePath.RoundJoin
        PathSvg { path: root.symbol.stroke }
    }
    ShapePath {
        scale: Qt.size(root.unit, root.unit)
        strokeColor: root.color
        strokeWidth: root.symbol.detail ? TelltaleIcons.detailWidth * root.unit : -1
        fillColor: Theme.color.none
        capStyle: ShapePath.RoundCap
        joinStyle: ShapePath.RoundJoin
        PathSvg { path: root.symbol.detail ?? "" }
    }
    ShapePath {
        scale: Qt.size(root.unit, root.unit)
        strokeWidth: -1
        strokeColor: Theme.color.none
        fillColor: root.color
        PathSvg { path: root.symbol.fill }
    }
}
