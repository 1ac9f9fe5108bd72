import QtQuick
import QtQuick.Shapes
import Cockpit.Theme
import "LineIcons.js" as LineIcons

// A line icon (see LineIcons.js) stroked in any colour; `size` is its square edge in px.
Item {
    id: root
    property string name
    property color color: Theme.color.text.primary
    property real size: Theme.size.icon

    implicitWidth: size
    implicitHeight: size

    Shape {
        readonly property real grid: 24 // the icons' drawing grid
        width: grid
        height: grid
        scale: root.size / grid
        transformOrigin: Item.TopLeft
        antialiasing: true

        ShapePath {
            strokeColor: root.color
            strokeWidth: 1.8 // grid units: about 3 px at the icon size
            fillColor: Theme.color.none
            capStyle: ShapePath.RoundCap
            joinStyle: ShapePath.RoundJoin
            PathSvg { path: LineIcons.path(root.name) }
        }
    }
}
