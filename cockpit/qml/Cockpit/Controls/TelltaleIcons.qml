pragma Singleton
import QtQuick

// Telltale symbols after ISO 2575, drawn on a 24 × 24 grid as SVG path data: `stroke` is drawn
// as lines, `detail` as finer lines (lettering), `fill` as solid shapes. Telltale tints them
// with a theme colour; nothing here has one.
QtObject {
    readonly property real grid: 24
    readonly property real strokeWidth: 1.8 // in grid units
    readonly property real detailWidth: 1.1 // lettering

    // A headlamp: flat lens on the left, dome on the right (rays go left).
    readonly property string lampFacingLeft: "M13 5 C19 5 22 8.5 22 12 C22 15.5 19 19 13 19 Z"
    // The (  ) brackets of the brake and ABS symbols.
    readonly property string brackets: "M3.8 5.2 A10.5 10.5 0 0 0 3.8 18.8 M20.2 5.2 A10.5 10.5 0 0 1 20.2 18.8"

    readonly property var icons: ({
        lowBeam: {
            stroke: lampFacingLeft + " M10 7 L3 9.5 M10 11 L3 13.5 M10 15 L3 17.5 M10 19 L3 21.5",
            fill: ""
        },
        highBeam: {
            stroke: lampFacingLeft + " M2 6.5 H10 M2 10 H10 M2 14 H10 M2 17.5 H10",
            fill: ""
        },
        frontFog: {
            stroke: lampFacingLeft + " M2 8 H10 M2 12 H10 M2 16 H10 M6.5 4.5 C4.5 7.5 8.5 9 6.5 12 C4.5 15 8.5 16.5 6.5 19.5",
            fill: ""
        },
        rearFog: {
            stroke: "M11 5 C5 5 2 8.5 2 12 C2 15.5 5 19 11 19 Z M14 8 H22 M14 12 H22 M14 16 H22 "
                    + "M17.5 4.5 C15.5 7.5 19.5 9 17.5 12 C15.5 15 19.5 16.5 17.5 19.5",
            fill: ""
        },
        parkingBrake: {
            stroke: brackets + " M19 12 A7 7 0 1 1 5 12 A7 7 0 1 1 19 12 Z"
                    + " M10.3 16 V8 H12.9 A2.2 2.2 0 0 1 12.9 12.4 H10.3",
            fill: ""
        },
        abs: {
            stroke: brackets + " M19.5 12 A7.5 7.5 0 1 1 4.5 12 A7.5 7.5 0 1 1 19.5 12 Z",
            detail: "M6.9 14.4 L8.4 9.6 L9.9 14.4 M7.4 12.9 H9.4"
                    + " M11.1 14.4 V9.6 H12.4 A1.15 1.15 0 0 1 12.4 11.9 H11.1 M12.4 11.9 H12.6 A1.25 1.25 0 0 1 12.6 14.4 H11.1"
                    + " M17.1 10.2 C16.8 9.8 16.4 9.6 15.9 9.6 C15.2 9.6 14.7 10 14.7 10.6 C14.7 12.1 17.3 11.6 17.3 13.1"
                    + " C17.3 13.9 16.7 14.4 15.9 14.4 C15.3 14.4 14.8 14.2 14.5 13.8",
            fill: ""
        },
        // Car seen from behind, skidding: the ESC symbol.
        esc: {
            stroke: "M6 10.5 L7.5 5.5 H16.5 L18 10.5 M4.5 10.5 H19.5 V14.5 H4.5 Z M6.5 14.5 V16.5 M17.5 14.5 V16.5"
                    + " M8.5 22 C6.5 20.5 10 19.5 8.5 17.5 M15.5 22 C13.5 20.5 17 19.5 15.5 17.5",
            fill: ""
        },
        // Tyre section with an exclamation mark: low tyre pressure (FMVSS 138).
        tirePressure: {
            stroke: "M7 4.5 C3.8 7.5 3.3 12 4.3 15.5 C4.8 17.3 5.8 18.8 7 19.5 H17 C18.2 18.8 19.2 17.3 19.7 15.5"
                    + " C20.7 12 20.2 7.5 17 4.5 M7.5 21.5 V19.5 M10.5 21.5 V19.5 M13.5 21.5 V19.5 M16.5 21.5 V19.5"
                    + " M12 7.5 V12.8",
            fill: "M13.2 15.8 A1.2 1.2 0 1 1 10.8 15.8 A1.2 1.2 0 1 1 13.2 15.8 Z"
        },
        // Seated driver with the belt across the chest.
        seatBelt: {
            stroke: "M6 21.5 V14.5 C6 11.3 8.4 9.3 12 9.3 C15.6 9.3 18 11.3 18 14.5 V21.5 M15.6 10 L8.6 19.8",
            fill: "M14.6 4.9 A2.6 2.6 0 1 1 9.4 4.9 A2.6 2.6 0 1 1 14.6 4.9 Z"
        },
        // 12 V battery: the charging-system symbol.
        battery12v: {
            stroke: "M3 8 H21 V19 H3 Z M6 8 V5.5 H9 V8 M15 8 V5.5 H18 V8 M5.8 13.5 H9.2 M14.8 13.5 H18.2 M16.5 11.8 V15.2",
            fill: ""
        },
        // Car from above with the left front door swung open.
        doorOpen: {
            stroke: "M8.5 2.5 H15.5 C17 2.5 18 3.5 18 5 V19 C18 20.5 17 21.5 15.5 21.5 H8.5 C7 21.5 6 20.5 6 19 V5 C6 3.5 7 2.5 8.5 2.5 Z"
                    + " M8 8 H16 M8.5 17.5 H15.5 M6 9 L2 13.5",
            fill: ""
        },
        // Traction battery nearly empty.
        batteryLow: {
            stroke: "M7.5 5 H16.5 V21 H7.5 Z M10 5 V3 H14 V5",
            fill: "M9.8 16 H14.2 V18.8 H9.8 Z"
        },
        // Open-ended spanner: service due.
        service: {
            stroke: "M4.5 19.5 L12.2 11.8 M12.2 11.8 A5 5 0 0 1 16.8 3.8 L14.6 7.2 L16.8 9.4 L20.2 7.2 A5 5 0 0 1 12.2 11.8",
            fill: ""
        },
        // Car front between lane markings: lane departure warning.
        laneDeparture: {
            stroke: "M8.5 11 L9.5 7.5 H14.5 L15.5 11 M7.5 11 H16.5 V15 H7.5 Z M8.5 15 V17 M15.5 15 V17"
                    + " M5 3.5 L4.5 7 M4 10.5 L3.5 14 M3 17.5 L2.5 21 M19 3.5 L19.5 7 M20 10.5 L20.5 14 M21 17.5 L21.5 21",
            fill: ""
        },
        // Car seen from behind with impact rays ahead of it: forward collision warning.
        forwardCollision: {
            stroke: "M6 14 L7.3 10 H16.7 L18 14 M4.5 14 H19.5 V18 H4.5 Z M6.5 18 V20.5 M17.5 18 V20.5"
                    + " M12 2 V6.5 M7 3.2 L9.6 6.8 M17 3.2 L14.4 6.8",
            fill: ""
        },
        // Speedometer with a needle: cruise control.
        cruise: {
            stroke: "M5.1 18 A8.5 8.5 0 1 1 18.9 18 M12 13.5 L16 8.5 M12 5 V6.5 M5.5 11.5 H7 M18.5 11.5 H17",
            fill: "M13.4 13.5 A1.4 1.4 0 1 1 10.6 13.5 A1.4 1.4 0 1 1 13.4 13.5 Z"
        },
        // A direction-indicator arrow, pointing left.
        arrow: {
            stroke: "",
            fill: "M1.5 12 L10.5 3.5 V8.5 H22 V15.5 H10.5 V20.5 Z"
        }
    })
}
