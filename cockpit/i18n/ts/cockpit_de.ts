<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ActuatorStatus</name>
    <message>
        <source>Setting…</source>
        <translation>Wird gesetzt…</translation>
    </message>
    <message>
        <source>Not applied</source>
        <translation>Nicht übernommen</translation>
    </message>
</context>
<context>
    <name>CaptionBar</name>
    <message>
        <source>Touch the screen to take the wheel</source>
        <translation>Bildschirm berühren und selbst steuern</translation>
    </message>
</context>
<context>
    <name>CarTopView</name>
    <message>
        <source>Car, seen from above</source>
        <translation>Fahrzeug von oben</translation>
    </message>
</context>
<context>
    <name>Center</name>
    <message>
        <source>Cockpit — Center</source>
        <translation>Cockpit — Zentraldisplay</translation>
    </message>
</context>
<context>
    <name>CenterView</name>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Climate</source>
        <translation>Klima</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Valet</source>
        <translation>Valet</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Driver temperature</source>
        <translation>Temperatur Fahrer</translation>
    </message>
    <message>
        <source>Passenger temperature</source>
        <translation>Temperatur Beifahrer</translation>
    </message>
    <message>
        <source>Driver fan</source>
        <translation>Gebläse Fahrer</translation>
    </message>
    <message>
        <source>Passenger fan</source>
        <translation>Gebläse Beifahrer</translation>
    </message>
    <message>
        <source>Driver seat heating</source>
        <translation>Sitzheizung Fahrer</translation>
    </message>
    <message>
        <source>Passenger seat heating</source>
        <translation>Sitzheizung Beifahrer</translation>
    </message>
    <message>
        <source>Steering wheel heating</source>
        <translation>Lenkradheizung</translation>
    </message>
    <message>
        <source>A/C</source>
        <translation>Klima</translation>
    </message>
    <message>
        <source>Recirculation</source>
        <translation>Umluft</translation>
    </message>
    <message>
        <source>Front defrost</source>
        <translation>Frontscheibe</translation>
    </message>
    <message>
        <source>Rear defrost</source>
        <translation>Heckscheibe</translation>
    </message>
    <message>
        <source>Distance unit</source>
        <translation>Entfernungseinheit</translation>
    </message>
    <message>
        <source>Temperature unit</source>
        <translation>Temperatureinheit</translation>
    </message>
    <message>
        <source>Pressure unit</source>
        <translation>Druckeinheit</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Helligkeit</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>%1 not changed: %2</source>
        <translation>%1 nicht geändert: %2</translation>
    </message>
</context>
<context>
    <name>ClimatePage</name>
    <message>
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <source>Cabin</source>
        <translation>Innenraum</translation>
    </message>
    <message>
        <source>Outside</source>
        <translation>Außen</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Beifahrer</translation>
    </message>
    <message>
        <source>A/C</source>
        <translation>Klima</translation>
    </message>
    <message>
        <source>Recirculation</source>
        <translation>Umluft</translation>
    </message>
    <message>
        <source>Front defrost</source>
        <translation>Frontscheibe</translation>
    </message>
    <message>
        <source>Rear defrost</source>
        <translation>Heckscheibe</translation>
    </message>
    <message>
        <source>Heated wheel</source>
        <translation>Heizlenkrad</translation>
    </message>
</context>
<context>
    <name>ClimateZone</name>
    <message>
        <source>Fan</source>
        <translation>Gebläse</translation>
    </message>
    <message>
        <source>%1 fan</source>
        <translation>Gebläse %1</translation>
    </message>
    <message>
        <source>Seat heating</source>
        <translation>Sitzheizung</translation>
    </message>
    <message>
        <source>%1 seat heating</source>
        <translation>Sitzheizung %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
</context>
<context>
    <name>Cluster</name>
    <message>
        <source>Cockpit — Cluster</source>
        <translation>Cockpit — Kombiinstrument</translation>
    </message>
</context>
<context>
    <name>ClusterPanel</name>
    <message>
        <source>No vehicle data</source>
        <translation>Keine Fahrzeugdaten</translation>
    </message>
</context>
<context>
    <name>ClusterView</name>
    <message>
        <source>No vehicle data</source>
        <translation>Keine Fahrzeugdaten</translation>
    </message>
</context>
<context>
    <name>CollisionCue</name>
    <message>
        <source>Brake!</source>
        <translation>Bremsen!</translation>
    </message>
    <message>
        <source>Emergency braking</source>
        <translation>Notbremsung</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>DriverPage</name>
    <message>
        <source>Driving</source>
        <translation>Fahrt</translation>
    </message>
    <message>
        <source>Locked for now</source>
        <translation>Vorerst gesperrt</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Who is driving?</source>
        <translation>Wer fährt?</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Gast</translation>
    </message>
    <message>
        <source>No profiles yet: create one with “cockpit profiles create NAME”.</source>
        <translation>Noch keine Profile: mit „cockpit profiles create NAME“ anlegen.</translation>
    </message>
    <message>
        <source>A key with a profile selects it when the car starts.</source>
        <translation>Ein Schlüssel mit Profil wählt es beim Start.</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>Ihre Daten</translation>
    </message>
    <message>
        <source>Guest settings are erased at the end of the drive.</source>
        <translation>Gast-Einstellungen werden am Fahrtende gelöscht.</translation>
    </message>
    <message>
        <source>Stored only in this car, encrypted.</source>
        <translation>Nur in diesem Auto gespeichert, verschlüsselt.</translation>
    </message>
    <message>
        <source>Privacy and data</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Valet mode</source>
        <translation>Valet-Modus</translation>
    </message>
    <message>
        <source>Hides places, contacts and history; warns above %1 %2.</source>
        <translation>Blendet Orte, Kontakte, Verlauf aus; warnt über %1 %2.</translation>
    </message>
    <message>
        <source>Start valet mode</source>
        <translation>Valet-Modus starten</translation>
    </message>
    <message>
        <source>What this car stores about %1</source>
        <translation>Was dieses Auto über %1 speichert</translation>
    </message>
    <message>
        <source>Erased at the end of the drive.</source>
        <translation>Wird am Fahrtende gelöscht.</translation>
    </message>
    <message>
        <source>Kept on this car only, encrypted.</source>
        <translation>Nur in diesem Auto, verschlüsselt.</translation>
    </message>
    <message>
        <source>personal</source>
        <translation>persönlich</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Erase guest data</source>
        <translation>Gastdaten löschen</translation>
    </message>
    <message>
        <source>Erase profile</source>
        <translation>Profil löschen</translation>
    </message>
    <message>
        <source>Erase all profiles</source>
        <translation>Alle Profile löschen</translation>
    </message>
    <message>
        <source>Places, contacts, media favourites and history are hidden. The cluster warns above %1 %2.</source>
        <translation>Orte, Kontakte, Favoriten und Verlauf sind ausgeblendet. Warnung über %1 %2.</translation>
    </message>
    <message>
        <source>Leave valet mode</source>
        <translation>Valet-Modus beenden</translation>
    </message>
    <message>
        <source>Erase all profiles?</source>
        <translation>Alle Profile löschen?</translation>
    </message>
    <message>
        <source>Erase guest data?</source>
        <translation>Gastdaten löschen?</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message>
        <source>Every profile on this car — settings, places, contacts, favourites — is deleted from its disk, with the valet PIN and any exports made here. This cannot be undone.</source>
        <translation>Alle Profile dieses Autos – Einstellungen, Orte, Kontakte, Favoriten – werden gelöscht, mit Valet-PIN und hier erstellten Exporten. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Everything this profile keeps on this car is deleted from its disk. Export it first to keep a copy. This cannot be undone.</source>
        <translation>Alles, was dieses Profil im Auto speichert, wird gelöscht. Vorher exportieren, um eine Kopie zu behalten. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Erase all</source>
        <translation>Alle löschen</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>EnergyPage</name>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>kW</source>
        <translation>kW</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Verbrauch</translation>
    </message>
    <message>
        <source>Regen</source>
        <translation>Rekuperation</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>Lädt</translation>
    </message>
    <message>
        <source>%1 range</source>
        <translation>%1 Reichweite</translation>
    </message>
    <message>
        <source>range</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Trip distance</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <source>Trip energy</source>
        <translation>Energie Fahrt</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>Average consumption</source>
        <translation>Ø Verbrauch</translation>
    </message>
    <message>
        <source>Average speed</source>
        <translation>Ø Geschwindigkeit</translation>
    </message>
    <message>
        <source>Battery temperature</source>
        <translation>Batterietemperatur</translation>
    </message>
    <message>
        <source>Odometer</source>
        <translation>Kilometerstand</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>1 forecast needs attention: what to do shows when parked</source>
        <translation>1 Prognose braucht Aufmerksamkeit: was zu tun ist, zeigt sich im Stand</translation>
    </message>
    <message>
        <source>%1 forecasts need attention: what to do shows when parked</source>
        <translation>%1 Prognosen brauchen Aufmerksamkeit: was zu tun ist, zeigt sich im Stand</translation>
    </message>
    <message>
        <source>From 1 day of history</source>
        <translation>Aus 1 Tag Verlauf</translation>
    </message>
    <message>
        <source>From %1 days of history</source>
        <translation>Aus %1 Tagen Verlauf</translation>
    </message>
    <message>
        <source>Details when parked</source>
        <translation>Details im Stand</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>−%1 d</source>
        <translation>−%1 T</translation>
    </message>
    <message>
        <source>+%1 d</source>
        <translation>+%1 T</translation>
    </message>
    <message>
        <source>No readings to plot yet</source>
        <translation>Noch keine Messwerte</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Door open</source>
        <translation>Tür offen</translation>
    </message>
    <message>
        <source>Hood open</source>
        <translation>Motorhaube offen</translation>
    </message>
    <message>
        <source>Frunk open</source>
        <translation>Frunk offen</translation>
    </message>
    <message>
        <source>Trunk open</source>
        <translation>Kofferraum offen</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 offen</translation>
    </message>
    <message>
        <source>All closed</source>
        <translation>Alles zu</translation>
    </message>
    <message>
        <source>%1 · %2 min</source>
        <translation>%1 · %2 min</translation>
    </message>
    <message>
        <source>No route</source>
        <translation>Keine Route</translation>
    </message>
    <message>
        <source>%1 calling</source>
        <translation>%1 ruft an</translation>
    </message>
    <message>
        <source>In call · %1</source>
        <translation>Im Gespräch · %1</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>Kein Anruf</translation>
    </message>
    <message>
        <source>Tire pressure low</source>
        <translation>Reifen prüfen</translation>
    </message>
    <message>
        <source>Tires OK</source>
        <translation>Reifen OK</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Türen</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verriegelt</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Entriegelt</translation>
    </message>
    <message>
        <source>Openings</source>
        <translation>Öffnungen</translation>
    </message>
    <message>
        <source>Tires</source>
        <translation>Reifen</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Battery · charging</source>
        <translation>Batterie · lädt</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <source>%1 range</source>
        <translation>%1 Reichweite</translation>
    </message>
    <message>
        <source>range</source>
        <translation>Reichweite</translation>
    </message>
    <message>
        <source>Climate</source>
        <translation>Klima</translation>
    </message>
    <message>
        <source>Cabin %1</source>
        <translation>Innen %1</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Beifahrer</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>A/C --</source>
        <translation>AC --</translation>
    </message>
    <message>
        <source>A/C on</source>
        <translation>AC an</translation>
    </message>
    <message>
        <source>A/C off</source>
        <translation>AC aus</translation>
    </message>
    <message>
        <source>fan --</source>
        <translation>Stufe --</translation>
    </message>
    <message>
        <source>fan %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>fan off</source>
        <translation>Lüfter aus</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <source>Trip %1 %2</source>
        <translation>Fahrt %1 %2</translation>
    </message>
    <message>
        <source>Trip --</source>
        <translation>Fahrt --</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Units, theme</source>
        <translation>Einheiten, Design</translation>
    </message>
</context>
<context>
    <name>Hud</name>
    <message>
        <source>Cockpit — HUD</source>
        <translation>Cockpit — Head-up-Display</translation>
    </message>
</context>
<context>
    <name>HudView</name>
    <message>
        <source>No vehicle data</source>
        <translation>Keine Fahrzeugdaten</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>Cockpit</source>
        <translation>Cockpit</translation>
    </message>
</context>
<context>
    <name>LevelSelector</name>
    <message>
        <source>%1 lower</source>
        <translation>%1 niedriger</translation>
    </message>
    <message>
        <source>%1 higher</source>
        <translation>%1 höher</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
</context>
<context>
    <name>ManeuverCard</name>
    <message>
        <source>Arriving</source>
        <translation>Ankunft</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>the road</source>
        <translation>die Straße</translation>
    </message>
    <message>
        <source>Exit %1 · %2</source>
        <translation>Ausfahrt %1 · %2</translation>
    </message>
</context>
<context>
    <name>NavigationPage</name>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>North up</source>
        <translation>Norden oben</translation>
    </message>
    <message>
        <source>Heading up</source>
        <translation>Fahrtrichtung oben</translation>
    </message>
    <message>
        <source>Follow the car</source>
        <translation>Dem Auto folgen</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Ankunft</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>Battery at arrival</source>
        <translation>Akku bei Ankunft</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Map unavailable</source>
        <translation>Karte nicht verfügbar</translation>
    </message>
    <message>
        <source>Where to?</source>
        <translation>Wohin?</translation>
    </message>
    <message>
        <source>Loading the map…</source>
        <translation>Karte wird geladen…</translation>
    </message>
    <message>
        <source>Or say &quot;take me to&quot; and a street</source>
        <translation>Oder sagen Sie „take me to“ und eine Straße</translation>
    </message>
</context>
<context>
    <name>NowPlaying</name>
    <message>
        <source>Now playing: %1, %2</source>
        <translation>Es läuft: %1, %2</translation>
    </message>
    <message>
        <source>Previous track</source>
        <translation>Vorheriger Titel</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Next track</source>
        <translation>Nächster Titel</translation>
    </message>
</context>
<context>
    <name>Odometer</name>
    <message>
        <source>ODO</source>
        <translation>GESAMT</translation>
    </message>
    <message>
        <source>TRIP</source>
        <translation>FAHRT</translation>
    </message>
</context>
<context>
    <name>Passenger</name>
    <message>
        <source>Cockpit — Passenger</source>
        <translation>Cockpit — Beifahrer</translation>
    </message>
</context>
<context>
    <name>PassengerView</name>
    <message>
        <source>Passenger</source>
        <translation>Beifahrer</translation>
    </message>
    <message>
        <source>%1 · %2 min</source>
        <translation>%1 · %2 min</translation>
    </message>
    <message>
        <source>No route</source>
        <translation>Keine Route</translation>
    </message>
    <message>
        <source>Your climate</source>
        <translation>Ihr Klima</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Betreiber-PIN</translation>
    </message>
    <message>
        <source>Enter the PIN to leave the demo</source>
        <translation>PIN eingeben, um die Demo zu beenden</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PowerBar</name>
    <message>
        <source>kW</source>
        <translation>kW</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Regen</source>
        <translation>Rekuperation</translation>
    </message>
</context>
<context>
    <name>PowerChart</name>
    <message>
        <source>Power, last two minutes</source>
        <translation>Leistung, letzte zwei Minuten</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 kW</translation>
    </message>
    <message>
        <source>−%1 kW</source>
        <translation>−%1 kW</translation>
    </message>
    <message>
        <source>−2 min</source>
        <translation>−2 min</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>No power data yet</source>
        <translation>Noch keine Leistungsdaten</translation>
    </message>
</context>
<context>
    <name>PowerMeter</name>
    <message>
        <source>kW</source>
        <translation>kW</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Exporting…</source>
        <translation>Wird exportiert…</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <source>Kept on this car: %1</source>
        <translation>Im Auto: %1</translation>
    </message>
    <message>
        <source>%1 files in %2</source>
        <translation>%1 Dateien in %2</translation>
    </message>
    <message>
        <source>Export my data</source>
        <translation>Meine Daten exportieren</translation>
    </message>
    <message>
        <source>Erase all</source>
        <translation>Alle löschen</translation>
    </message>
    <message>
        <source>Your consent</source>
        <translation>Ihre Einwilligung</translation>
    </message>
    <message>
        <source>%1 of %2 on</source>
        <translation>%1 von %2 an</translation>
    </message>
    <message>
        <source>Off until you say yes; withdraw at any time</source>
        <translation>Aus, bis Sie zustimmen; jederzeit widerrufbar</translation>
    </message>
    <message>
        <source>%1 · not personal</source>
        <translation>%1 · nicht persönlich</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Wozu</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Geht an</translation>
    </message>
    <message>
        <source>Needs your consent: %1 — %2</source>
        <translation>Braucht Ihre Einwilligung: %1 — %2</translation>
    </message>
    <message>
        <source>given</source>
        <translation>erteilt</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht erteilt</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>An: %1</translation>
    </message>
    <message>
        <source>Erase all personal data?</source>
        <translation>Alle persönlichen Daten löschen?</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message>
        <source>Every driver profile, the signal history, exports made here and damaged files set aside are deleted from this car&apos;s disk, and every consent is withdrawn. Export first to keep a copy. This cannot be undone.</source>
        <translation>Alle Fahrerprofile, der Signalverlauf, hier erstellte Exporte und beiseitegelegte beschädigte Dateien werden von der Festplatte dieses Autos gelöscht, und jede Einwilligung wird widerrufen. Vorher exportieren, um eine Kopie zu behalten. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Everything in it is deleted from this car&apos;s disk. Export first to keep a copy. This cannot be undone.</source>
        <translation>Alles darin wird von der Festplatte dieses Autos gelöscht. Vorher exportieren, um eine Kopie zu behalten. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>RoadScene</name>
    <message>
        <source>Emergency braking</source>
        <translation>Notbremsung</translation>
    </message>
    <message>
        <source>Brake!</source>
        <translation>Bremsen!</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Entfernung</translation>
    </message>
    <message>
        <source>km</source>
        <translation>km</translation>
    </message>
    <message>
        <source>mi</source>
        <translation>mi</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <source>°F</source>
        <translation>°F</translation>
    </message>
    <message>
        <source>Tire pressure</source>
        <translation>Reifendruck</translation>
    </message>
    <message>
        <source>kPa</source>
        <translation>kPa</translation>
    </message>
    <message>
        <source>psi</source>
        <translation>psi</translation>
    </message>
    <message>
        <source>bar</source>
        <translation>bar</translation>
    </message>
    <message>
        <source>Changes apply once the car confirms them.</source>
        <translation>Änderungen gelten, sobald das Auto sie bestätigt.</translation>
    </message>
    <message>
        <source>Voice assistant</source>
        <translation>Sprachassistent</translation>
    </message>
    <message>
        <source>This car has no voice assistant</source>
        <translation>Dieses Auto hat keinen Sprachassistenten</translation>
    </message>
    <message>
        <source>Speech recognition: %1</source>
        <translation>Spracherkennung: %1</translation>
    </message>
    <message>
        <source>Speech recognition is starting…</source>
        <translation>Spracherkennung startet…</translation>
    </message>
    <message>
        <source>It listens in English only: this car has no speech model for this language.</source>
        <translation>Er versteht nur Englisch: für diese Sprache hat das Auto kein Sprachmodell.</translation>
    </message>
    <message>
        <source>Privacy and data</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>What the car keeps, who receives it, your consents</source>
        <translation>Was das Auto speichert, wer es erhält, Ihre Einwilligungen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
</context>
<context>
    <name>SoftwarePage</name>
    <message>
        <source>Software update</source>
        <translation>Software-Update</translation>
    </message>
    <message>
        <source>Software updates are not set up on this car</source>
        <translation>Software-Updates sind in diesem Auto nicht eingerichtet</translation>
    </message>
    <message>
        <source>Not checked for updates yet</source>
        <translation>Noch nicht nach Updates gesucht</translation>
    </message>
    <message>
        <source>Check for updates</source>
        <translation>Nach Updates suchen</translation>
    </message>
    <message>
        <source>What&apos;s new</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Nothing new for this car</source>
        <translation>Nichts Neues für dieses Auto</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Noch nicht gesucht</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Does not fit this car: %1</source>
        <translation>Passt nicht zu diesem Auto: %1</translation>
    </message>
    <message>
        <source>Installs by itself when the car is in P</source>
        <translation>Installiert sich selbst in Stellung P</translation>
    </message>
    <message>
        <source>Install now</source>
        <translation>Jetzt installieren</translation>
    </message>
    <message>
        <source>Waiting for P</source>
        <translation>Wartet auf P</translation>
    </message>
    <message>
        <source>When parked</source>
        <translation>Beim Parken</translation>
    </message>
    <message>
        <source>%1 · before: %2</source>
        <translation>%1 · vorher: %2</translation>
    </message>
    <message>
        <source>Last install failed: %1</source>
        <translation>Letzte Installation fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Zurücksetzen</translation>
    </message>
</context>
<context>
    <name>SpeedLimitSign</name>
    <message>
        <source>Speed limit %1</source>
        <translation>Tempolimit %1</translation>
    </message>
</context>
<context>
    <name>TemperatureStepper</name>
    <message>
        <source>%1 cooler</source>
        <translation>%1 kühler</translation>
    </message>
    <message>
        <source>%1 warmer</source>
        <translation>%1 wärmer</translation>
    </message>
</context>
<context>
    <name>TirePressure</name>
    <message>
        <source>low</source>
        <translation>niedrig</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
</context>
<context>
    <name>ToggleTile</name>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Stufe %1</translation>
    </message>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
</context>
<context>
    <name>ValetBanner</name>
    <message>
        <source>Valet · over %1 %2</source>
        <translation>Valet · über %1 %2</translation>
    </message>
    <message>
        <source>Valet · warns above %1 %2</source>
        <translation>Valet · Warnung über %1 %2</translation>
    </message>
</context>
<context>
    <name>VehiclePage</name>
    <message>
        <source>Door</source>
        <translation>Tür</translation>
    </message>
    <message>
        <source>Hood</source>
        <translation>Motorhaube</translation>
    </message>
    <message>
        <source>Frunk</source>
        <translation>Frunk</translation>
    </message>
    <message>
        <source>Trunk</source>
        <translation>Kofferraum</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Störung</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Tires</source>
        <translation>Reifen</translation>
    </message>
    <message>
        <source>Pressure in %1</source>
        <translation>Druck in %1</translation>
    </message>
    <message>
        <source>Front left</source>
        <translation>Vorne links</translation>
    </message>
    <message>
        <source>Front right</source>
        <translation>Vorne rechts</translation>
    </message>
    <message>
        <source>Rear left</source>
        <translation>Hinten links</translation>
    </message>
    <message>
        <source>Rear right</source>
        <translation>Hinten rechts</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Türen</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verriegelt</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Entriegelt</translation>
    </message>
    <message>
        <source>Openings</source>
        <translation>Öffnungen</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 offen</translation>
    </message>
    <message>
        <source>All closed</source>
        <translation>Alles zu</translation>
    </message>
    <message>
        <source>12 V battery</source>
        <translation>12-V-Batterie</translation>
    </message>
    <message>
        <source>V</source>
        <translation>V</translation>
    </message>
    <message>
        <source>ABS</source>
        <translation>ABS</translation>
    </message>
    <message>
        <source>Stability control</source>
        <translation>Stabilitätskontrolle</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Wartung</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>Nicht fällig</translation>
    </message>
    <message>
        <source>Driver belt</source>
        <translation>Gurt Fahrer</translation>
    </message>
    <message>
        <source>Fastened</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>Unfastened</source>
        <translation>Nicht angelegt</translation>
    </message>
    <message>
        <source>Passenger belt</source>
        <translation>Gurt Beifahrer</translation>
    </message>
</context>
<context>
    <name>VoiceButton</name>
    <message>
        <source>Voice assistant</source>
        <translation>Sprachassistent</translation>
    </message>
</context>
<context>
    <name>VoiceIndicator</name>
    <message>
        <source>Voice assistant %1</source>
        <translation>Sprachassistent %1</translation>
    </message>
</context>
<context>
    <name>VoiceOverlay</name>
    <message>
        <source>Listening…</source>
        <translation>Hört zu…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Spricht</translation>
    </message>
    <message>
        <source>Voice assistant</source>
        <translation>Sprachassistent</translation>
    </message>
</context>
<context>
    <name>WarningCard</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
</TS>
