import QtQuick
import Cockpit.Theme

// The time of day, as the store formats it ("14:32").
Text {
    property string time
    text: time
    color: Theme.color.text.primary
    font.family: Theme.font.family.numeric
    font.pixelSize: Theme.font.size.body
}
