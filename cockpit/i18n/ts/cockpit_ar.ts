<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ActuatorStatus</name>
    <message>
        <source>Setting…</source>
        <translation>جارٍ الضبط…</translation>
    </message>
    <message>
        <source>Not applied</source>
        <translation>لم يُطبَّق</translation>
    </message>
</context>
<context>
    <name>CaptionBar</name>
    <message>
        <source>Touch the screen to take the wheel</source>
        <translation>المس الشاشة لتتولى القيادة</translation>
    </message>
</context>
<context>
    <name>CarTopView</name>
    <message>
        <source>Car, seen from above</source>
        <translation>السيارة من الأعلى</translation>
    </message>
</context>
<context>
    <name>Center</name>
    <message>
        <source>Cockpit — Center</source>
        <translation>قمرة القيادة — الشاشة الوسطى</translation>
    </message>
</context>
<context>
    <name>CenterView</name>
    <message>
        <source>Home</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>Climate</source>
        <translation>المناخ</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>الطاقة</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>المركبة</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Valet</source>
        <translation>صفّ السيارات</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>السائق</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>الخريطة</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>البرامج</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>الحالة الفنية</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>الخصوصية</translation>
    </message>
    <message>
        <source>Driver temperature</source>
        <translation>حرارة السائق</translation>
    </message>
    <message>
        <source>Passenger temperature</source>
        <translation>حرارة الراكب</translation>
    </message>
    <message>
        <source>Driver fan</source>
        <translation>مروحة السائق</translation>
    </message>
    <message>
        <source>Passenger fan</source>
        <translation>مروحة الراكب</translation>
    </message>
    <message>
        <source>Driver seat heating</source>
        <translation>تدفئة مقعد السائق</translation>
    </message>
    <message>
        <source>Passenger seat heating</source>
        <translation>تدفئة مقعد الراكب</translation>
    </message>
    <message>
        <source>Steering wheel heating</source>
        <translation>تدفئة المقود</translation>
    </message>
    <message>
        <source>A/C</source>
        <translation>التكييف</translation>
    </message>
    <message>
        <source>Recirculation</source>
        <translation>إعادة التدوير</translation>
    </message>
    <message>
        <source>Front defrost</source>
        <translation>ضباب أمامي</translation>
    </message>
    <message>
        <source>Rear defrost</source>
        <translation>ضباب خلفي</translation>
    </message>
    <message>
        <source>Distance unit</source>
        <translation>وحدة المسافة</translation>
    </message>
    <message>
        <source>Temperature unit</source>
        <translation>وحدة الحرارة</translation>
    </message>
    <message>
        <source>Pressure unit</source>
        <translation>وحدة الضغط</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>السطوع</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>مستوى الصوت</translation>
    </message>
    <message>
        <source>%1 not changed: %2</source>
        <translation>لم يتغير %1: %2</translation>
    </message>
</context>
<context>
    <name>ClimatePage</name>
    <message>
        <source>Driver</source>
        <translation>السائق</translation>
    </message>
    <message>
        <source>Cabin</source>
        <translation>المقصورة</translation>
    </message>
    <message>
        <source>Outside</source>
        <translation>الخارج</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>الراكب</translation>
    </message>
    <message>
        <source>A/C</source>
        <translation>التكييف</translation>
    </message>
    <message>
        <source>Recirculation</source>
        <translation>إعادة التدوير</translation>
    </message>
    <message>
        <source>Front defrost</source>
        <translation>ضباب أمامي</translation>
    </message>
    <message>
        <source>Rear defrost</source>
        <translation>ضباب خلفي</translation>
    </message>
    <message>
        <source>Heated wheel</source>
        <translation>مقود مُدفأ</translation>
    </message>
</context>
<context>
    <name>ClimateZone</name>
    <message>
        <source>Fan</source>
        <translation>المروحة</translation>
    </message>
    <message>
        <source>%1 fan</source>
        <translation>مروحة %1</translation>
    </message>
    <message>
        <source>Seat heating</source>
        <translation>تدفئة المقعد</translation>
    </message>
    <message>
        <source>%1 seat heating</source>
        <translation>تدفئة مقعد %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>إيقاف</translation>
    </message>
</context>
<context>
    <name>Cluster</name>
    <message>
        <source>Cockpit — Cluster</source>
        <translation>قمرة القيادة — لوحة العدادات</translation>
    </message>
</context>
<context>
    <name>ClusterPanel</name>
    <message>
        <source>No vehicle data</source>
        <translation>لا بيانات من المركبة</translation>
    </message>
</context>
<context>
    <name>ClusterView</name>
    <message>
        <source>No vehicle data</source>
        <translation>لا بيانات من المركبة</translation>
    </message>
</context>
<context>
    <name>CollisionCue</name>
    <message>
        <source>Brake!</source>
        <translation>اضغط المكابح!</translation>
    </message>
    <message>
        <source>Emergency braking</source>
        <translation>فرملة طارئة</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Erase</source>
        <translation>مسح</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>DriverPage</name>
    <message>
        <source>Driving</source>
        <translation>أثناء القيادة</translation>
    </message>
    <message>
        <source>Locked for now</source>
        <translation>مقفل حاليًا</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Who is driving?</source>
        <translation>من يقود؟</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>ضيف</translation>
    </message>
    <message>
        <source>No profiles yet: create one with “cockpit profiles create NAME”.</source>
        <translation>لا ملفات بعد: أنشئ واحدًا بالأمر «cockpit profiles create NAME».</translation>
    </message>
    <message>
        <source>A key with a profile selects it when the car starts.</source>
        <translation>المفتاح المرتبط بملف يختاره عند التشغيل.</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>بياناتك</translation>
    </message>
    <message>
        <source>Guest settings are erased at the end of the drive.</source>
        <translation>تُمسح إعدادات الضيف في نهاية الرحلة.</translation>
    </message>
    <message>
        <source>Stored only in this car, encrypted.</source>
        <translation>مخزّنة في هذه السيارة فقط، مشفّرة.</translation>
    </message>
    <message>
        <source>Privacy and data</source>
        <translation>الخصوصية والبيانات</translation>
    </message>
    <message>
        <source>Valet mode</source>
        <translation>وضع صفّ السيارات</translation>
    </message>
    <message>
        <source>Hides places, contacts and history; warns above %1 %2.</source>
        <translation>يخفي الأماكن وجهات الاتصال والسجل؛ ينبّه فوق %1 %2.</translation>
    </message>
    <message>
        <source>Start valet mode</source>
        <translation>بدء وضع صفّ السيارات</translation>
    </message>
    <message>
        <source>What this car stores about %1</source>
        <translation>ما تخزّنه هذه السيارة عن %1</translation>
    </message>
    <message>
        <source>Erased at the end of the drive.</source>
        <translation>يُمسح في نهاية الرحلة.</translation>
    </message>
    <message>
        <source>Kept on this car only, encrypted.</source>
        <translation>محفوظ في هذه السيارة فقط، مشفّر.</translation>
    </message>
    <message>
        <source>personal</source>
        <translation>شخصي</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Erase guest data</source>
        <translation>مسح بيانات الضيف</translation>
    </message>
    <message>
        <source>Erase profile</source>
        <translation>مسح الملف</translation>
    </message>
    <message>
        <source>Erase all profiles</source>
        <translation>مسح كل الملفات</translation>
    </message>
    <message>
        <source>Places, contacts, media favourites and history are hidden. The cluster warns above %1 %2.</source>
        <translation>الأماكن وجهات الاتصال والمفضلة والسجل مخفية. تنبيه فوق %1 %2.</translation>
    </message>
    <message>
        <source>Leave valet mode</source>
        <translation>إنهاء وضع صفّ السيارات</translation>
    </message>
    <message>
        <source>Erase all profiles?</source>
        <translation>مسح كل الملفات؟</translation>
    </message>
    <message>
        <source>Erase guest data?</source>
        <translation>مسح بيانات الضيف؟</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>مسح %1؟</translation>
    </message>
    <message>
        <source>Every profile on this car — settings, places, contacts, favourites — is deleted from its disk, with the valet PIN and any exports made here. This cannot be undone.</source>
        <translation>تُحذف كل ملفات هذه السيارة — الإعدادات والأماكن وجهات الاتصال والمفضلة — مع رمز صفّ السيارات وأي تصدير تم هنا. لا يمكن التراجع.</translation>
    </message>
    <message>
        <source>Everything this profile keeps on this car is deleted from its disk. Export it first to keep a copy. This cannot be undone.</source>
        <translation>يُحذف كل ما يحفظه هذا الملف في السيارة. صدّره أولًا للاحتفاظ بنسخة. لا يمكن التراجع.</translation>
    </message>
    <message>
        <source>Erase all</source>
        <translation>مسح الكل</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>مسح</translation>
    </message>
</context>
<context>
    <name>EnergyPage</name>
    <message>
        <source>Power</source>
        <translation>القدرة</translation>
    </message>
    <message>
        <source>kW</source>
        <translation>ك.واط</translation>
    </message>
    <message>
        <source>Consumption</source>
        <translation>الاستهلاك</translation>
    </message>
    <message>
        <source>Regen</source>
        <translation>الاسترداد</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>البطارية</translation>
    </message>
    <message>
        <source>Charging</source>
        <translation>قيد الشحن</translation>
    </message>
    <message>
        <source>%1 range</source>
        <translation>مدى %1</translation>
    </message>
    <message>
        <source>range</source>
        <translation>المدى</translation>
    </message>
    <message>
        <source>Trip distance</source>
        <translation>مسافة الرحلة</translation>
    </message>
    <message>
        <source>Trip energy</source>
        <translation>طاقة الرحلة</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>ك.واط.س</translation>
    </message>
    <message>
        <source>Average consumption</source>
        <translation>متوسط الاستهلاك</translation>
    </message>
    <message>
        <source>Average speed</source>
        <translation>متوسط السرعة</translation>
    </message>
    <message>
        <source>Battery temperature</source>
        <translation>حرارة البطارية</translation>
    </message>
    <message>
        <source>Odometer</source>
        <translation>عداد المسافة</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>1 forecast needs attention: what to do shows when parked</source>
        <translation>توقع واحد يحتاج انتباهك: ما يجب فعله يظهر عند التوقف</translation>
    </message>
    <message>
        <source>%1 forecasts need attention: what to do shows when parked</source>
        <translation>%1 توقعات تحتاج انتباهك: ما يجب فعله يظهر عند التوقف</translation>
    </message>
    <message>
        <source>From 1 day of history</source>
        <translation>من يوم واحد من السجل</translation>
    </message>
    <message>
        <source>From %1 days of history</source>
        <translation>من %1 أيام من السجل</translation>
    </message>
    <message>
        <source>Details when parked</source>
        <translation>التفاصيل عند التوقف</translation>
    </message>
    <message>
        <source>now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>−%1 d</source>
        <translation>−%1 ي</translation>
    </message>
    <message>
        <source>+%1 d</source>
        <translation>+%1 ي</translation>
    </message>
    <message>
        <source>No readings to plot yet</source>
        <translation>لا توجد قراءات بعد</translation>
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
        <translation>باب مفتوح</translation>
    </message>
    <message>
        <source>Hood open</source>
        <translation>الغطاء مفتوح</translation>
    </message>
    <message>
        <source>Frunk open</source>
        <translation>الصندوق الأمامي مفتوح</translation>
    </message>
    <message>
        <source>Trunk open</source>
        <translation>الصندوق مفتوح</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 مفتوحة</translation>
    </message>
    <message>
        <source>All closed</source>
        <translation>الكل مغلق</translation>
    </message>
    <message>
        <source>%1 · %2 min</source>
        <translation>%1 · %2 د</translation>
    </message>
    <message>
        <source>No route</source>
        <translation>لا مسار</translation>
    </message>
    <message>
        <source>%1 calling</source>
        <translation>%1 يتصل</translation>
    </message>
    <message>
        <source>In call · %1</source>
        <translation>في مكالمة · %1</translation>
    </message>
    <message>
        <source>No call</source>
        <translation>لا مكالمة</translation>
    </message>
    <message>
        <source>Tire pressure low</source>
        <translation>ضغط الإطار منخفض</translation>
    </message>
    <message>
        <source>Tires OK</source>
        <translation>الإطارات سليمة</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>الأبواب</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>مقفلة</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>غير مقفلة</translation>
    </message>
    <message>
        <source>Openings</source>
        <translation>الفتحات</translation>
    </message>
    <message>
        <source>Tires</source>
        <translation>الإطارات</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>منخفض</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>سليم</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>الحالة الفنية</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>افحص</translation>
    </message>
    <message>
        <source>Battery · charging</source>
        <translation>البطارية · قيد الشحن</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>البطارية</translation>
    </message>
    <message>
        <source>%1 range</source>
        <translation>مدى %1</translation>
    </message>
    <message>
        <source>range</source>
        <translation>المدى</translation>
    </message>
    <message>
        <source>Climate</source>
        <translation>المناخ</translation>
    </message>
    <message>
        <source>Cabin %1</source>
        <translation>المقصورة %1</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>السائق</translation>
    </message>
    <message>
        <source>Passenger</source>
        <translation>الراكب</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>المسار</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <source>A/C --</source>
        <translation>التكييف --</translation>
    </message>
    <message>
        <source>A/C on</source>
        <translation>تكييف</translation>
    </message>
    <message>
        <source>A/C off</source>
        <translation>التكييف متوقف</translation>
    </message>
    <message>
        <source>fan --</source>
        <translation>المروحة --</translation>
    </message>
    <message>
        <source>fan %1</source>
        <translation>مروحة %1</translation>
    </message>
    <message>
        <source>fan off</source>
        <translation>المروحة متوقفة</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>الطاقة</translation>
    </message>
    <message>
        <source>Trip %1 %2</source>
        <translation>الرحلة %1 %2</translation>
    </message>
    <message>
        <source>Trip --</source>
        <translation>الرحلة --</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>المركبة</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Units, theme</source>
        <translation>الوحدات، المظهر</translation>
    </message>
</context>
<context>
    <name>Hud</name>
    <message>
        <source>Cockpit — HUD</source>
        <translation>قمرة القيادة — العرض الأمامي</translation>
    </message>
</context>
<context>
    <name>HudView</name>
    <message>
        <source>No vehicle data</source>
        <translation>لا بيانات من المركبة</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <source>Cockpit</source>
        <translation>قمرة القيادة</translation>
    </message>
</context>
<context>
    <name>LevelSelector</name>
    <message>
        <source>%1 lower</source>
        <translation>%1 أدنى</translation>
    </message>
    <message>
        <source>%1 higher</source>
        <translation>%1 أعلى</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>إيقاف</translation>
    </message>
</context>
<context>
    <name>ManeuverCard</name>
    <message>
        <source>Arriving</source>
        <translation>الوصول</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>الوجهة</translation>
    </message>
    <message>
        <source>the road</source>
        <translation>الطريق</translation>
    </message>
    <message>
        <source>Exit %1 · %2</source>
        <translation>المخرج %1 · %2</translation>
    </message>
</context>
<context>
    <name>NavigationPage</name>
    <message>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>North up</source>
        <translation>الشمال للأعلى</translation>
    </message>
    <message>
        <source>Heading up</source>
        <translation>الاتجاه للأعلى</translation>
    </message>
    <message>
        <source>Follow the car</source>
        <translation>تتبّع السيارة</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>الوصول</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 د</translation>
    </message>
    <message>
        <source>Battery at arrival</source>
        <translation>البطارية عند الوصول</translation>
    </message>
    <message>
        <source>End</source>
        <translation>إنهاء</translation>
    </message>
    <message>
        <source>Map unavailable</source>
        <translation>الخريطة غير متاحة</translation>
    </message>
    <message>
        <source>Where to?</source>
        <translation>إلى أين؟</translation>
    </message>
    <message>
        <source>Loading the map…</source>
        <translation>جارٍ تحميل الخريطة…</translation>
    </message>
    <message>
        <source>Or say &quot;take me to&quot; and a street</source>
        <translation>أو قل &quot;take me to&quot; واسم شارع</translation>
    </message>
</context>
<context>
    <name>NowPlaying</name>
    <message>
        <source>Now playing: %1, %2</source>
        <translation>قيد التشغيل: %1، %2</translation>
    </message>
    <message>
        <source>Previous track</source>
        <translation>المقطع السابق</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>تشغيل</translation>
    </message>
    <message>
        <source>Next track</source>
        <translation>المقطع التالي</translation>
    </message>
</context>
<context>
    <name>Odometer</name>
    <message>
        <source>ODO</source>
        <translation>العداد</translation>
    </message>
    <message>
        <source>TRIP</source>
        <translation>الرحلة</translation>
    </message>
</context>
<context>
    <name>Passenger</name>
    <message>
        <source>Cockpit — Passenger</source>
        <translation>قمرة القيادة — الراكب</translation>
    </message>
</context>
<context>
    <name>PassengerView</name>
    <message>
        <source>Passenger</source>
        <translation>الراكب</translation>
    </message>
    <message>
        <source>%1 · %2 min</source>
        <translation>%1 · %2 د</translation>
    </message>
    <message>
        <source>No route</source>
        <translation>لا مسار</translation>
    </message>
    <message>
        <source>Your climate</source>
        <translation>مناخك</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Checking…</source>
        <translation>جارٍ التحقق…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Operator PIN</source>
        <translation>رمز المشغّل</translation>
    </message>
    <message>
        <source>Enter the PIN to leave the demo</source>
        <translation>أدخل الرمز لمغادرة العرض</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>سليم</translation>
    </message>
</context>
<context>
    <name>PowerBar</name>
    <message>
        <source>kW</source>
        <translation>ك.واط</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>القدرة</translation>
    </message>
    <message>
        <source>Regen</source>
        <translation>الاسترداد</translation>
    </message>
</context>
<context>
    <name>PowerChart</name>
    <message>
        <source>Power, last two minutes</source>
        <translation>القدرة، آخر دقيقتين</translation>
    </message>
    <message>
        <source>%1 kW</source>
        <translation>%1 ك.واط</translation>
    </message>
    <message>
        <source>−%1 kW</source>
        <translation>−%1 ك.واط</translation>
    </message>
    <message>
        <source>−2 min</source>
        <translation>−2 د</translation>
    </message>
    <message>
        <source>now</source>
        <translation>الآن</translation>
    </message>
    <message>
        <source>No power data yet</source>
        <translation>لا بيانات للقدرة بعد</translation>
    </message>
</context>
<context>
    <name>PowerMeter</name>
    <message>
        <source>kW</source>
        <translation>ك.واط</translation>
    </message>
</context>
<context>
    <name>PrivacyPage</name>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>جارٍ المسح…</translation>
    </message>
    <message>
        <source>Kept on this car: %1</source>
        <translation>محفوظ في هذه السيارة: %1</translation>
    </message>
    <message>
        <source>%1 files in %2</source>
        <translation>%1 ملفات في %2</translation>
    </message>
    <message>
        <source>Export my data</source>
        <translation>تصدير بياناتي</translation>
    </message>
    <message>
        <source>Erase all</source>
        <translation>مسح الكل</translation>
    </message>
    <message>
        <source>Your consent</source>
        <translation>موافقتك</translation>
    </message>
    <message>
        <source>%1 of %2 on</source>
        <translation>%1 من %2 مفعّلة</translation>
    </message>
    <message>
        <source>Off until you say yes; withdraw at any time</source>
        <translation>متوقفة حتى توافق؛ يمكنك سحبها في أي وقت</translation>
    </message>
    <message>
        <source>%1 · not personal</source>
        <translation>%1 · غير شخصي</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>لماذا</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>Goes to</source>
        <translation>يُرسل إلى</translation>
    </message>
    <message>
        <source>Needs your consent: %1 — %2</source>
        <translation>يحتاج موافقتك: %1 — %2</translation>
    </message>
    <message>
        <source>given</source>
        <translation>ممنوحة</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>غير ممنوحة</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>مسح</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>إلى: %1</translation>
    </message>
    <message>
        <source>Erase all personal data?</source>
        <translation>مسح كل البيانات الشخصية؟</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>مسح %1؟</translation>
    </message>
    <message>
        <source>Every driver profile, the signal history, exports made here and damaged files set aside are deleted from this car&apos;s disk, and every consent is withdrawn. Export first to keep a copy. This cannot be undone.</source>
        <translation>تُحذف كل ملفات السائقين وسجل الإشارات والصادرات المنشأة هنا والملفات التالفة المعزولة من قرص هذه السيارة، وتُسحب كل الموافقات. صدّر أولًا للاحتفاظ بنسخة. لا يمكن التراجع عن ذلك.</translation>
    </message>
    <message>
        <source>Everything in it is deleted from this car&apos;s disk. Export first to keep a copy. This cannot be undone.</source>
        <translation>يُحذف كل ما فيه من قرص هذه السيارة. صدّر أولًا للاحتفاظ بنسخة. لا يمكن التراجع عن ذلك.</translation>
    </message>
</context>
<context>
    <name>RoadScene</name>
    <message>
        <source>Emergency braking</source>
        <translation>فرملة طارئة</translation>
    </message>
    <message>
        <source>Brake!</source>
        <translation>اضغط المكابح!</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Units</source>
        <translation>الوحدات</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>المسافة</translation>
    </message>
    <message>
        <source>km</source>
        <translation>كم</translation>
    </message>
    <message>
        <source>mi</source>
        <translation>ميل</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>الحرارة</translation>
    </message>
    <message>
        <source>°C</source>
        <translation>°م</translation>
    </message>
    <message>
        <source>°F</source>
        <translation>°ف</translation>
    </message>
    <message>
        <source>Tire pressure</source>
        <translation>ضغط الإطارات</translation>
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
        <translation>تُطبَّق التغييرات عندما تؤكدها السيارة.</translation>
    </message>
    <message>
        <source>Voice assistant</source>
        <translation>المساعد الصوتي</translation>
    </message>
    <message>
        <source>This car has no voice assistant</source>
        <translation>لا مساعد صوتي في هذه السيارة</translation>
    </message>
    <message>
        <source>Speech recognition: %1</source>
        <translation>التعرف على الكلام: %1</translation>
    </message>
    <message>
        <source>Speech recognition is starting…</source>
        <translation>يبدأ التعرف على الكلام…</translation>
    </message>
    <message>
        <source>It listens in English only: this car has no speech model for this language.</source>
        <translation>يفهم الإنجليزية فقط: لا نموذج كلام لهذه اللغة في السيارة.</translation>
    </message>
    <message>
        <source>Privacy and data</source>
        <translation>الخصوصية والبيانات</translation>
    </message>
    <message>
        <source>What the car keeps, who receives it, your consents</source>
        <translation>ما تحفظه السيارة، ومن يتلقاه، وموافقاتك</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>المظهر</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>قيد الاستخدام</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكن</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتح</translation>
    </message>
</context>
<context>
    <name>SoftwarePage</name>
    <message>
        <source>Software update</source>
        <translation>تحديث البرامج</translation>
    </message>
    <message>
        <source>Software updates are not set up on this car</source>
        <translation>تحديثات البرامج غير مُعدّة في هذه السيارة</translation>
    </message>
    <message>
        <source>Not checked for updates yet</source>
        <translation>لم يتم البحث عن تحديثات بعد</translation>
    </message>
    <message>
        <source>Check for updates</source>
        <translation>البحث عن تحديثات</translation>
    </message>
    <message>
        <source>What&apos;s new</source>
        <translation>الجديد</translation>
    </message>
    <message>
        <source>Nothing new for this car</source>
        <translation>لا جديد لهذه السيارة</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>لم يتم التحقق بعد</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>المثبّت</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Does not fit this car: %1</source>
        <translation>لا يناسب هذه السيارة: %1</translation>
    </message>
    <message>
        <source>Installs by itself when the car is in P</source>
        <translation>يُثبَّت تلقائيًا عند الوضع P</translation>
    </message>
    <message>
        <source>Install now</source>
        <translation>ثبّت الآن</translation>
    </message>
    <message>
        <source>Waiting for P</source>
        <translation>بانتظار P</translation>
    </message>
    <message>
        <source>When parked</source>
        <translation>عند الركن</translation>
    </message>
    <message>
        <source>%1 · before: %2</source>
        <translation>%1 · قبلها: %2</translation>
    </message>
    <message>
        <source>Last install failed: %1</source>
        <translation>فشل آخر تثبيت: %1</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>تراجع</translation>
    </message>
</context>
<context>
    <name>SpeedLimitSign</name>
    <message>
        <source>Speed limit %1</source>
        <translation>حد السرعة %1</translation>
    </message>
</context>
<context>
    <name>TemperatureStepper</name>
    <message>
        <source>%1 cooler</source>
        <translation>%1 أبرد</translation>
    </message>
    <message>
        <source>%1 warmer</source>
        <translation>%1 أدفأ</translation>
    </message>
</context>
<context>
    <name>TirePressure</name>
    <message>
        <source>low</source>
        <translation>منخفض</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>منخفض</translation>
    </message>
</context>
<context>
    <name>ToggleTile</name>
    <message>
        <source>Off</source>
        <translation>إيقاف</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>المستوى %1</translation>
    </message>
    <message>
        <source>On</source>
        <translation>تشغيل</translation>
    </message>
</context>
<context>
    <name>ValetBanner</name>
    <message>
        <source>Valet · over %1 %2</source>
        <translation>صفّ السيارات · فوق %1 %2</translation>
    </message>
    <message>
        <source>Valet · warns above %1 %2</source>
        <translation>صفّ السيارات · تنبيه فوق %1 %2</translation>
    </message>
</context>
<context>
    <name>VehiclePage</name>
    <message>
        <source>Door</source>
        <translation>باب</translation>
    </message>
    <message>
        <source>Hood</source>
        <translation>الغطاء</translation>
    </message>
    <message>
        <source>Frunk</source>
        <translation>الصندوق الأمامي</translation>
    </message>
    <message>
        <source>Trunk</source>
        <translation>الصندوق</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>عطل</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>سليم</translation>
    </message>
    <message>
        <source>Tires</source>
        <translation>الإطارات</translation>
    </message>
    <message>
        <source>Pressure in %1</source>
        <translation>الضغط بوحدة %1</translation>
    </message>
    <message>
        <source>Front left</source>
        <translation>أمامي أيسر</translation>
    </message>
    <message>
        <source>Front right</source>
        <translation>أمامي أيمن</translation>
    </message>
    <message>
        <source>Rear left</source>
        <translation>خلفي أيسر</translation>
    </message>
    <message>
        <source>Rear right</source>
        <translation>خلفي أيمن</translation>
    </message>
    <message>
        <source>Doors</source>
        <translation>الأبواب</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>مقفلة</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>غير مقفلة</translation>
    </message>
    <message>
        <source>Openings</source>
        <translation>الفتحات</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 مفتوحة</translation>
    </message>
    <message>
        <source>All closed</source>
        <translation>الكل مغلق</translation>
    </message>
    <message>
        <source>12 V battery</source>
        <translation>بطارية 12 ف</translation>
    </message>
    <message>
        <source>V</source>
        <translation>ف</translation>
    </message>
    <message>
        <source>ABS</source>
        <translation>ABS</translation>
    </message>
    <message>
        <source>Stability control</source>
        <translation>التحكم بالثبات</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>الصيانة</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>مستحقة</translation>
    </message>
    <message>
        <source>Not due</source>
        <translation>غير مستحقة</translation>
    </message>
    <message>
        <source>Driver belt</source>
        <translation>حزام السائق</translation>
    </message>
    <message>
        <source>Fastened</source>
        <translation>مربوط</translation>
    </message>
    <message>
        <source>Unfastened</source>
        <translation>غير مربوط</translation>
    </message>
    <message>
        <source>Passenger belt</source>
        <translation>حزام الراكب</translation>
    </message>
</context>
<context>
    <name>VoiceButton</name>
    <message>
        <source>Voice assistant</source>
        <translation>المساعد الصوتي</translation>
    </message>
</context>
<context>
    <name>VoiceIndicator</name>
    <message>
        <source>Voice assistant %1</source>
        <translation>المساعد الصوتي %1</translation>
    </message>
</context>
<context>
    <name>VoiceOverlay</name>
    <message>
        <source>Listening…</source>
        <translation>يستمع…</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>يفكر…</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>يتحدث</translation>
    </message>
    <message>
        <source>Voice assistant</source>
        <translation>المساعد الصوتي</translation>
    </message>
</context>
<context>
    <name>WarningCard</name>
    <message>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
</context>
</TS>
