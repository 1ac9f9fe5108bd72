import QtQuick
import Cockpit.Theme

// Text in the theme's type: body size, primary colour, UI family unless told otherwise.
Text {
    color: Theme.color.text.primary
    font.family: Theme.font.family.ui
    font.pixelSize: Theme.font.size.body
    elide: Text.ElideRight
    verticalAlignment: Text.AlignVCenter
}
