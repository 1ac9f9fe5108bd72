<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>ActuatorStatus</name>
    <message>
        <source>Setting…</source>
        <translation>Réglage…</translation>
    </message>
    <message>
        <source>Not applied</source>
        <translation>Non appliqué</translation>
    </message>
</context>
<context>
    <name>CaptionBar</name>
    <message>
        <source>Touch the screen to take the wheel</source>
        <translation>Touchez l&apos;écran pour prendre la main</translation>
    </message>
</context>
<context>
    <name>CarTopView</name>
    <message>
        <source>Car, seen from above</source>
        <translation>Voiture vue de dessus</translation>
    </message>
</context>
<context>
    <name>Center</name>
    <message>
        <source>Cockpit — Center</source>
        <translation>Cockpit — Écran central</translation>
    </message>
</context>
<context>
    <name>CenterView</name>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>Climate</source>
        <translation>Climat</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Véhicule</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Valet</source>
        <translation>Voiturier</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Conducteur</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Logiciel</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <source>Driver temperature</source>
        <translation>Température conducteur</translation>
    </message>
    <message>
        <source>Passenger temperature</source>
        <translation>Température passager</translation>
    </message>
    <message>
        <source>Driver fan</source>
        <translation>Ventilation conducteur</translation>
    </message>
    <message>
        <source>Passenger fan</source>
        <translation>Ventilation passager</translation>
    </message>
    <message>
        <source>Driver seat heating</source>
        <translation>Siège chauffant conducteur</translation>
    </message>
    <message>
        <source>Passenger seat heating</source>
        <translation>Siège chauffant passager</translation>
    </message>
    <message>
        <source>Steering wheel heating</source>
        <translation>Volant chauffant</translation>
    </message>
    <message>
        <source>A/C</source>
        <translation>Clim</translation>
    </message>
    <message>
        <source>Recirculation</source>
        <translation>Recyclage</translation>
    </message>
    <message>
        <source>Front defrost</source>
        <translation>Pare-brise</translation>
    </message>
    <message>
        <source>Rear defrost</source>
        <translation>Lunette AR</translation>
    </message>
    <message>
        <source>Distance unit</source>
        <translation>Unité de distance</translation>
    </message>
    <message>
        <source>Temperature unit</source>
        <translation>Unité de température</translation>
    </message>
    <message>
        <source>Pressure unit</source>
        <translation>Unité de pression</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Luminosité</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>%1 not changed: %2</source>
        <translation>%1 non modifié : %2</translation>
    </message>
</context>
<context>
    <name>ClimatePage</name>
    <message>
        <source>Driver</source>
        <translation>Conducteur</translation>
    </message>
    <message>
        <source>Cabin</source>
        <translation>Habitacle</translation>
    </message>
    <message>
        <source>Outside</source>
        <translation>Extérieur</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Passager</translation>
    </message>
    <message>
        <source>A/C</source>
        <translation>Clim</translation>
    </message>
    <message>
        <source>Recirculation</source>
        <translation>Recyclage</translation>
    </message>
    <message>
        <source>Front defrost</source>
        <translation>Pare-brise</translation>
    </message>
    <message>
        <source>Rear defrost</source>
        <translation>Lunette AR</translation>
    </message>
    <message>
        <source>Heated wheel</source>
        <translation>Volant</translation>
    </message>
</context>
<context>
    <name>ClimateZone</name>
    <message>
        <source>Fan</source>
        <translation>Ventilation</translation>
    </message>
    <message>
        <source>%1 fan</source>
        <translation>Ventilation %1</translation>
    </message>
    <message>
        <source>Seat heating</source>
        <translation>Siège chauffant</translation>
    </message>
    <message>
        <source>%1 seat heating</source>
        <translation>Siège chauffant %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Arrêt</translation>
    </message>
</context>
<context>
    <name>Cluster</name>
    <message>
        <source>Cockpit — Cluster</source>
        <translation>Cockpit — Combiné</translation>
    </message>
</context>
<context>
    <name>ClusterPanel</name>
    <message>
        <source>No vehicle data</source>
        <translation>Aucune donnée véhicule</translation>
    </message>
</context>
<context>
    <name>ClusterView</name>
    <message>
        <source>No vehicle data</source>
        <translation>Aucune donnée véhicule</translation>
    </message>
</context>
<context>
    <name>CollisionCue</name>
    <message>
        <source>Brake!</source>
        <translation>Freinez !</translation>
    </message>
    <message>
        <source>Emergency braking</source>
        <translation>Freinage d’urgence</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>DriverPage</name>
    <message>
        <source>Driving</source>
        <translation>En conduite</translation>
    </message>
    <message>
        <source>Locked for now</source>
        <translation>Verrouillé pour le moment</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <source>Who is driving?</source>
        <translation>Qui conduit ?</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Invité</translation>
    </message>
    <message>
        <source>No profiles yet: create one with “cockpit profiles create NAME”.</source>
        <translation>Aucun profil : créez-en un avec « cockpit profiles create NAME ».</translation>
    </message>
    <message>
        <source>A key with a profile selects it when the car starts.</source>
        <translation>Une clé liée à un profil le choisit au démarrage.</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>Vos données</translation>
    </message>
    <message>
        <source>Guest settings are erased at the end of the drive.</source>
        <translation>Les réglages invité sont effacés en fin de trajet.</translation>
    </message>
    <message>
        <source>Stored only in this car, encrypted.</source>
        <translation>Stocké dans cette voiture seulement, chiffré.</translation>
    </message>
    <message>
        <source>Privacy and data</source>
        <translation>Confidentialité</translation>
    </message>
    <message>
        <source>Valet mode</source>
        <translation>Mode voiturier</translation>
    </message>
    <message>
        <source>Hides places, contacts and history; warns above %1 %2.</source>
        <translation>Masque lieux, contacts, historique ; alerte au-delà de %1 %2.</translation>
    </message>
    <message>
        <source>Start valet mode</source>
        <translation>Activer le mode voiturier</translation>
    </message>
    <message>
        <source>What this car stores about %1</source>
        <translation>Ce que cette voiture garde sur %1</translation>
    </message>
    <message>
        <source>Erased at the end of the drive.</source>
        <translation>Effacé en fin de trajet.</translation>
    </message>
    <message>
        <source>Kept on this car only, encrypted.</source>
        <translation>Gardé dans cette voiture seulement, chiffré.</translation>
    </message>
    <message>
        <source>personal</source>
        <translation>personnel</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Erase guest data</source>
        <translation>Effacer les données invité</translation>
    </message>
    <message>
        <source>Erase profile</source>
        <translation>Effacer le profil</translation>
    </message>
    <message>
        <source>Erase all profiles</source>
        <translation>Effacer tous les profils</translation>
    </message>
    <message>
        <source>Places, contacts, media favourites and history are hidden. The cluster warns above %1 %2.</source>
        <translation>Lieux, contacts, favoris et historique sont masqués. Alerte au-delà de %1 %2.</translation>
    </message>
    <message>
        <source>Leave valet mode</source>
        <translation>Quitter le mode voiturier</translation>
    </message>
    <message>
        <source>Erase all profiles?</source>
        <translation>Effacer tous les profils ?</translation>
    </message>
    <message>
        <source>Erase guest data?</source>
        <translation>Effacer les données invité ?</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>Effacer %1 ?</translation>
    </message>
    <message>
        <source>Every profile on this car — settings, places, contacts, favourites — is deleted from its disk, with the valet PIN and any exports made here. This cannot be undone.</source>
        <translation>Tous les profils de cette voiture — réglages, lieux, contacts, favoris — sont effacés, avec le code voiturier et les exports faits ici. Action irréversible.</translation>
    </message>
    <message>
        <source>Everything this profile keeps on this car is deleted from its disk. Export it first to keep a copy. This cannot be undone.</source>
        <translation>Tout ce que ce profil garde dans cette voiture est effacé. Exportez-le avant pour en garder une copie. Action irréversible.</translation>
    </message>
    <message>
        <source>Erase all</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>EnergyPage</name>
    <message>
        <source>Power</source>
        <translation>Puissance</translation>
    </message>
    <message>
        <source>kW</source>
        <translation>kW</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>Consommation</translation>
    </message>
    <message>
        <source>Regen</source>
        <translation>Récupération</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>En charge</translation>
    </message>
    <message>
        <source>%1 range</source>
        <translation>%1 d’autonomie</translation>
    </message>
    <message>
        <source>range</source>
        <translation>autonomie</translation>
    </message>
    <message>
        <source>Trip distance</source>
        <translation>Distance du trajet</translation>
    </message>
    <message>
        <source>Trip energy</source>
        <translation>Énergie du trajet</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>Average consumption</source>
        <translation>Conso. moyenne</translation>
    </message>
    <message>
        <source>Average speed</source>
        <translation>Vitesse moyenne</translation>
    </message>
    <message>
        <source>Battery temperature</source>
        <translation>Temp. batterie</translation>
    </message>
    <message>
        <source>Odometer</source>
        <translation>Compteur</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>1 forecast needs attention: what to do shows when parked</source>
        <translation>1 prévision demande votre attention : que faire s&apos;affiche à l&apos;arrêt</translation>
    </message>
    <message>
        <source>%1 forecasts need attention: what to do shows when parked</source>
        <translation>%1 prévisions demandent votre attention : que faire s&apos;affiche à l&apos;arrêt</translation>
    </message>
    <message>
        <source>From 1 day of history</source>
        <translation>Sur 1 jour d&apos;historique</translation>
    </message>
    <message>
        <source>From %1 days of history</source>
        <translation>Sur %1 jours d&apos;historique</translation>
    </message>
    <message>
        <source>Details when parked</source>
        <translation>Détails à l&apos;arrêt</translation>
    </message>
    <message>
        <source>now</source>
        <translation>maint.</translation>
    </message>
    <message>
        <source>−%1 d</source>
        <translation>−%1 j</translation>
    </message>
    <message>
        <source>+%1 d</source>
        <translation>+%1 j</translation>
    </message>
    <message>
        <source>No readings to plot yet</source>
        <translation>Pas encore de mesures</translation>
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
        <translation>Porte ouverte</translation>
    </message>
    <message>
        <source>Hood open</source>
        <translation>Capot ouvert</translation>
    </message>
    <message>
        <source>Frunk open</source>
        <translation>Coffre avant ouvert</translation>
    </message>
    <message>
        <source>Trunk open</source>
        <translation>Coffre ouvert</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 ouverts</translation>
    </message>
    <message>
        <source>All closed</source>
        <translation>Tout fermé</translation>
    </message>
    <message>
        <source>%1 · %2 min</source>
        <translation>%1 · %2 min</translation>
    </message>
    <message>
        <source>No route</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>%1 calling</source>
        <translation>%1 appelle</translation>
    </message>
    <message>
        <source>In call · %1</source>
        <translation>En appel · %1</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Tire pressure low</source>
        <translation>Pression basse</translation>
    </message>
    <message>
        <source>Tires OK</source>
        <translation>Pneus OK</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Portes</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillées</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Déverrouillées</translation>
    </message>
    <message>
        <source>Openings</source>
        <translation>Ouvrants</translation>
    </message>
    <message>
        <source>Tires</source>
        <translation>Pneus</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Bas</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <source>Battery · charging</source>
        <translation>Batterie · en charge</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <source>%1 range</source>
        <translation>%1 d’autonomie</translation>
    </message>
    <message>
        <source>range</source>
        <translation>autonomie</translation>
    </message>
    <message>
        <source>Climate</source>
        <translation>Climat</translation>
    </message>
    <message>
        <source>Cabin %1</source>
        <translation>Habitacle %1</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Conducteur</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>Passager</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Tél.</translation>
    </message>
    <message>
        <source>A/C --</source>
        <translation>Clim --</translation>
    </message>
    <message>
        <source>A/C on</source>
        <translation>Clim ON</translation>
    </message>
    <message>
        <source>A/C off</source>
        <translation>Clim OFF</translation>
    </message>
    <message>
        <source>fan --</source>
        <translation>vent. --</translation>
    </message>
    <message>
        <source>fan %1</source>
        <translation>vent. %1</translation>
    </message>
    <message>
        <source>fan off</source>
        <translation>vent. arrêt</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <source>Trip %1 %2</source>
        <translation>Trajet %1 %2</translation>
    </message>
    <message>
        <source>Trip --</source>
        <translation>Trajet --</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Véhicule</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Units, theme</source>
        <translation>Unités, thème</translation>
    </message>
</context>
<context>
    <name>Hud</name>
    <message>
        <source>Cockpit — HUD</source>
        <translation>Cockpit — Affichage tête haute</translation>
    </message>
</context>
<context>
    <name>HudView</name>
    <message>
        <source>No vehicle data</source>
        <translation>Aucune donnée véhicule</translation>
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
        <translation>%1 plus bas</translation>
    </message>
    <message>
        <source>%1 higher</source>
        <translation>%1 plus haut</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Arrêt</translation>
    </message>
</context>
<context>
    <name>ManeuverCard</name>
    <message>
        <source>Arriving</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>the road</source>
        <translation>la route</translation>
    </message>
    <message>
        <source>Exit %1 · %2</source>
        <translation>Sortie %1 · %2</translation>
    </message>
</context>
<context>
    <name>NavigationPage</name>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>North up</source>
        <translation>Nord en haut</translation>
    </message>
    <message>
        <source>Heading up</source>
        <translation>Cap en haut</translation>
    </message>
    <message>
        <source>Follow the car</source>
        <translation>Suivre la voiture</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Battery at arrival</source>
        <translation>Batterie à l&apos;arrivée</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Terminer</translation>
    </message>
    <message>
        <source>Map unavailable</source>
        <translation>Carte indisponible</translation>
    </message>
    <message>
        <source>Where to?</source>
        <translation>Où aller ?</translation>
    </message>
    <message>
        <source>Loading the map…</source>
        <translation>Chargement de la carte…</translation>
    </message>
    <message>
        <source>Or say &quot;take me to&quot; and a street</source>
        <translation>Ou dites « take me to » et une rue</translation>
    </message>
</context>
<context>
    <name>NowPlaying</name>
    <message>
        <source>Now playing: %1, %2</source>
        <translation>En cours : %1, %2</translation>
    </message>
    <message>
        <source>Previous track</source>
        <translation>Titre précédent</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Next track</source>
        <translation>Titre suivant</translation>
    </message>
</context>
<context>
    <name>Odometer</name>
    <message>
        <source>ODO</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>TRIP</source>
        <translation>TRAJET</translation>
    </message>
</context>
<context>
    <name>Passenger</name>
    <message>
        <source>Cockpit — Passenger</source>
        <translation>Cockpit — Passager</translation>
    </message>
</context>
<context>
    <name>PassengerView</name>
    <message>
        <source>Passenger</source>
        <translation>Passager</translation>
    </message>
    <message>
        <source>%1 · %2 min</source>
        <translation>%1 · %2 min</translation>
    </message>
    <message>
        <source>No route</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Your climate</source>
        <translation>Votre climat</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>Code opérateur</translation>
    </message>
    <message>
        <source>Enter the PIN to leave the demo</source>
        <translation>Saisissez le code pour quitter la démo</translation>
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
        <translation>Puissance</translation>
    </message>
    <message>
        <source>Regen</source>
        <translation>Récupération</translation>
    </message>
</context>
<context>
    <name>PowerChart</name>
    <message>
        <source>Power, last two minutes</source>
        <translation>Puissance, deux dernières minutes</translation>
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
        <translation>maintenant</translation>
    </message>
    <message>
        <source>No power data yet</source>
        <translation>Pas encore de données</translation>
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
        <translation>Export en cours…</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>Effacement…</translation>
    </message>
    <message>
        <source>Kept on this car: %1</source>
        <translation>Dans la voiture : %1</translation>
    </message>
    <message>
        <source>%1 files in %2</source>
        <translation>%1 fichiers dans %2</translation>
    </message>
    <message>
        <source>Export my data</source>
        <translation>Exporter mes données</translation>
    </message>
    <message>
        <source>Erase all</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <source>Your consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>%1 of %2 on</source>
        <translation>%1 sur %2 activés</translation>
    </message>
    <message>
        <source>Off until you say yes; withdraw at any time</source>
        <translation>Désactivé sans votre accord ; révocable</translation>
    </message>
    <message>
        <source>%1 · not personal</source>
        <translation>%1 · non personnel</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Conservé</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Needs your consent: %1 — %2</source>
        <translation>Soumis à votre consentement : %1 — %2</translation>
    </message>
    <message>
        <source>given</source>
        <translation>donné</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non donné</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>À : %1</translation>
    </message>
    <message>
        <source>Erase all personal data?</source>
        <translation>Effacer toutes les données personnelles ?</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>Effacer %1 ?</translation>
    </message>
    <message>
        <source>Every driver profile, the signal history, exports made here and damaged files set aside are deleted from this car&apos;s disk, and every consent is withdrawn. Export first to keep a copy. This cannot be undone.</source>
        <translation>Chaque profil de conducteur, l&apos;historique des signaux, les exports faits ici et les fichiers endommagés mis de côté sont effacés du disque de cette voiture, et chaque consentement est retiré. Exportez d&apos;abord pour garder une copie. C&apos;est irréversible.</translation>
    </message>
    <message>
        <source>Everything in it is deleted from this car&apos;s disk. Export first to keep a copy. This cannot be undone.</source>
        <translation>Tout son contenu est effacé du disque de cette voiture. Exportez d&apos;abord pour garder une copie. C&apos;est irréversible.</translation>
    </message>
</context>
<context>
    <name>RoadScene</name>
    <message>
        <source>Emergency braking</source>
        <translation>Freinage d’urgence</translation>
    </message>
    <message>
        <source>Brake!</source>
        <translation>Freinez !</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Units</source>
        <translation>Unités</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Distance</translation>
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
        <translation>Température</translation>
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
        <translation>Pneus</translation>
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
        <translation>Les changements valent dès que la voiture les confirme.</translation>
    </message>
    <message>
        <source>Voice assistant</source>
        <translation>Assistant vocal</translation>
    </message>
    <message>
        <source>This car has no voice assistant</source>
        <translation>Cette voiture n&apos;a pas d&apos;assistant vocal</translation>
    </message>
    <message>
        <source>Speech recognition: %1</source>
        <translation>Reconnaissance vocale : %1</translation>
    </message>
    <message>
        <source>Speech recognition is starting…</source>
        <translation>Reconnaissance vocale en cours de démarrage…</translation>
    </message>
    <message>
        <source>It listens in English only: this car has no speech model for this language.</source>
        <translation>Il ne comprend que l’anglais : pas de modèle vocal pour cette langue.</translation>
    </message>
    <message>
        <source>Privacy and data</source>
        <translation>Confidentialité et données</translation>
    </message>
    <message>
        <source>What the car keeps, who receives it, your consents</source>
        <translation>Ce que garde la voiture, qui le reçoit, vos consentements</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
</context>
<context>
    <name>SoftwarePage</name>
    <message>
        <source>Software update</source>
        <translation>Mise à jour logicielle</translation>
    </message>
    <message>
        <source>Software updates are not set up on this car</source>
        <translation>Les mises à jour ne sont pas configurées sur cette voiture</translation>
    </message>
    <message>
        <source>Not checked for updates yet</source>
        <translation>Mises à jour pas encore recherchées</translation>
    </message>
    <message>
        <source>Check for updates</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>What&apos;s new</source>
        <translation>Nouveautés</translation>
    </message>
    <message>
        <source>Nothing new for this car</source>
        <translation>Rien de nouveau pour cette voiture</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Pas encore vérifié</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installé</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Does not fit this car: %1</source>
        <translation>Ne convient pas à cette voiture : %1</translation>
    </message>
    <message>
        <source>Installs by itself when the car is in P</source>
        <translation>S&apos;installe seul en position P</translation>
    </message>
    <message>
        <source>Install now</source>
        <translation>Installer</translation>
    </message>
    <message>
        <source>Waiting for P</source>
        <translation>Attend la position P</translation>
    </message>
    <message>
        <source>When parked</source>
        <translation>À l&apos;arrêt</translation>
    </message>
    <message>
        <source>%1 · before: %2</source>
        <translation>%1 · avant : %2</translation>
    </message>
    <message>
        <source>Last install failed: %1</source>
        <translation>Échec de la dernière installation : %1</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Revenir</translation>
    </message>
</context>
<context>
    <name>SpeedLimitSign</name>
    <message>
        <source>Speed limit %1</source>
        <translation>Limitation de vitesse %1</translation>
    </message>
</context>
<context>
    <name>TemperatureStepper</name>
    <message>
        <source>%1 cooler</source>
        <translation>%1 plus frais</translation>
    </message>
    <message>
        <source>%1 warmer</source>
        <translation>%1 plus chaud</translation>
    </message>
</context>
<context>
    <name>TirePressure</name>
    <message>
        <source>low</source>
        <translation>bas</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Bas</translation>
    </message>
</context>
<context>
    <name>ToggleTile</name>
    <message>
        <source>Off</source>
        <translation>Arrêt</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Niveau %1</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Marche</translation>
    </message>
</context>
<context>
    <name>ValetBanner</name>
    <message>
        <source>Valet · over %1 %2</source>
        <translation>Voiturier · au-delà de %1 %2</translation>
    </message>
    <message>
        <source>Valet · warns above %1 %2</source>
        <translation>Voiturier · alerte au-delà de %1 %2</translation>
    </message>
</context>
<context>
    <name>VehiclePage</name>
    <message>
        <source>Door</source>
        <translation>Porte</translation>
    </message>
    <message>
        <source>Hood</source>
        <translation>Capot</translation>
    </message>
    <message>
        <source>Frunk</source>
        <translation>Coffre avant</translation>
    </message>
    <message>
        <source>Trunk</source>
        <translation>Coffre</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Défaut</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Tires</source>
        <translation>Pneus</translation>
    </message>
    <message>
        <source>Pressure in %1</source>
        <translation>Pression en %1</translation>
    </message>
    <message>
        <source>Front left</source>
        <translation>Avant gauche</translation>
    </message>
    <message>
        <source>Front right</source>
        <translation>Avant droit</translation>
    </message>
    <message>
        <source>Rear left</source>
        <translation>Arrière gauche</translation>
    </message>
    <message>
        <source>Rear right</source>
        <translation>Arrière droit</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>Portes</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Verrouillées</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Déverrouillées</translation>
    </message>
    <message>
        <source>Openings</source>
        <translation>Ouvrants</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 ouverts</translation>
    </message>
    <message>
        <source>All closed</source>
        <translation>Tout fermé</translation>
    </message>
    <message>
        <source>12 V battery</source>
        <translation>Batterie 12 V</translation>
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
        <translation>Contrôle de stabilité</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Entretien</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>À faire</translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>Pas encore</translation>
    </message>
    <message>
        <source>Driver belt</source>
        <translation>Ceinture conducteur</translation>
    </message>
    <message>
        <source>Fastened</source>
        <translation>Bouclée</translation>
    </message>
    <message>
        <source>Unfastened</source>
        <translation>Débouclée</translation>
    </message>
    <message>
        <source>Passenger belt</source>
        <translation>Ceinture passager</translation>
    </message>
</context>
<context>
    <name>VoiceButton</name>
    <message>
        <source>Voice assistant</source>
        <translation>Assistant vocal</translation>
    </message>
</context>
<context>
    <name>VoiceIndicator</name>
    <message>
        <source>Voice assistant %1</source>
        <translation>Assistant vocal %1</translation>
    </message>
</context>
<context>
    <name>VoiceOverlay</name>
    <message>
        <source>Listening…</source>
        <translation>Écoute…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Réflexion…</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Parle</translation>
    </message>
    <message>
        <source>Voice assistant</source>
        <translation>Assistant vocal</translation>
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
