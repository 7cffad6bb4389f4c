"""Turkish and Farsi texts for the most used service types: (title, summary, description)."""

from __future__ import annotations

TR: dict[str, tuple[str, str, str]] = {
    "welcome_first": (
        "Yeni gelenler için ilk danışmanlık",
        "Oturum, iş, diploma denkliği, Almanca kursları, konut ve aile hakkındaki ilk "
        "sorularınız: Size danışmanlık yapar ve kimin yardımcı olabileceğini söyleriz.",
        "Bölgeye yeni mi geldiniz ya da taşınmayı mı planlıyorsunuz? İlk sorularınızı yanıtlar "
        "ve sizi doğru kuruma veya danışma merkezine yönlendiririz. Danışmanlık gizlidir; yurt "
        "dışından telefonla veya görüntülü görüşmeyle de mümkündür.",
    ),
    "abh_residence": (
        "Oturma izni başvurusu ve uzatma",
        "Oturma izni başvuruları, uzatma ve elektronik oturma kartı. Randevular internet "
        "üzerinden alınır.",
        "Yabancılar Dairesi oturma izinleri ve uzatmaları hakkında karar verir. İzninizin "
        "bitmesinden en geç altı hafta önce randevu alın. Pasaportunuzu, biyometrik "
        "fotoğrafınızı, kira sözleşmenizi ve gelir belgelerinizi getirin.",
    ),
    "registration": (
        "İkamet kaydı: {place}",
        "Taşındıktan sonra 14 gün içinde adres kaydı, kayıt belgesi, kimlik kartı ve pasaport.",
        "Taşındıktan sonra 14 gün içinde adresinizi kaydettirmeniz gerekir. Pasaportunuzu ve "
        "ev sahibinin onay belgesini (Wohnungsgeberbestätigung) getirin. Kayıttan sonra vergi "
        "kimlik numaranız posta ile gelir.",
    ),
    "recognition_iq": (
        "Diploma denkliği danışmanlığı",
        "Yurt dışında alınmış meslek ve üniversite diplomalarının tanınması hakkında "
        "danışmanlık, örneğin hemşireler, doktorlar, mühendisler ve öğretmenler için.",
        "Mesleğinizin Almanya'da düzenlenmiş bir meslek olup olmadığını, diplomanızı hangi "
        "kurumun incelediğini ve hangi belgelere ihtiyacınız olduğunu birlikte netleştiririz. "
        "Başvuruda yardımcı olur, tam denkliğe giden yolları gösteririz.",
    ),
    "kita_placement": (
        "Kreş yeri (Kita) bulma ve çocuk bakımı danışmanlığı",
        "Kita'da nasıl yer bulurum? Kreş, anaokulu ve gündüz bakıcıları hakkında danışmanlık "
        "ve kayıtta yardım.",
        "Çocuğunuzu mümkün olduğunca erken kaydettirin. Yerlerin nasıl dağıtıldığını, hangi "
        "bakım türlerinin olduğunu ve ücretlerini açıklarız. Çocuğunuzun bir yaşından itibaren "
        "yasal olarak bir yere hakkı vardır.",
    ),
    "integration_course": (
        "Uyum kursları",
        "B1 seviyesine kadar Almanca öğrenin; Almanya'daki günlük yaşam, tarih ve hukuk "
        "hakkında oryantasyon kursu dahil.",
        "Bir uyum kursu genellikle 700 ders saatinden oluşur ve göçmenler için Almanca sınavı "
        "(DTZ) ile sona erer. Sizinle bir seviye tespit sınavı yapar ve uygun kursu buluruz.",
    ),
    "job_german": (
        "Mesleki dil kursları: İş için Almanca",
        "B1'den C1'e kadar iş için Almanca; bakım ve sağlık alanı için mesleki dil dahil.",
        "Bu kurslar sizi işe, mesleki eğitime veya diploma denkliğine hazırlar. İş yerindeki "
        "konuşmaları, e-postaları ve mesleki kelimeleri çalışırsınız.",
    ),
    "language_cafe": (
        "Dil kafesi: Almanca konuşma pratiği",
        "Kayıt olmadan Almanca konuşun, insanlarla tanışın ve günlük yaşamla ilgili sorular sorun.",
        "Dil kafesinde gönüllülerle ve diğer öğrenenlerle buluşursunuz. Almanca seviyeniz ne "
        "olursa olsun herkes gelebilir.",
    ),
    "migration_counseling": (
        "Yetişkinler için göç danışmanlığı (MBE)",
        "Almanya'daki ilk yıllarınızda danışmanlık: oturum, dil kursu, iş, konut, sağlık ve "
        "başvurular.",
        "Göç danışmanlığı uyum sürecinde size eşlik eder. Başvurularda ve resmi kurumlardan "
        "gelen mektuplarda yardımcı olur, sizinle dil, iş ve aile için bir plan yaparız.",
    ),
    "youth_migration": (
        "Gençlik Göç Servisi (JMD)",
        "Genç göçmenler için danışmanlık: okul, meslek eğitimi, üniversite, dil kursu ve boş "
        "zaman.",
        "Gençlik Göç Servisi gençlerin okulda ve meslekte yollarını bulmalarına yardımcı olur. "
        "Bireysel danışmanlık ve grup etkinlikleri vardır.",
    ),
    "psychosocial": (
        "Mülteciler için psikososyal danışmanlık ve terapi",
        "Uyku sorunları, kaygı, yas ve ağır yaşantılar için tercüman eşliğinde destek.",
        "Uzmanlar görüşmeler, grup çalışmaları ve psikoterapi sunar. Tercümanlar gizlilik "
        "yükümlülüğü altındadır. Bekleme süresi birkaç hafta olabilir.",
    ),
    "migrant_org": (
        "Buluşma yeri ve ana dilde danışmanlık",
        "Göçmenlerden göçmenlere bir dernek: buluşmalar, kutlamalar, ödev yardımı ve kendi "
        "dilinizde danışmanlık.",
        "Gönüllüler form doldurmada yardımcı olur, randevulara eşlik eder ve aileler için "
        "buluşmalar düzenler. Yeni üyeler her zaman hoş karşılanır.",
    ),
}

FA: dict[str, tuple[str, str, str]] = {
    "welcome_first": (
        "مشاورهٔ اولیه برای تازه‌واردان",
        "پرسش‌های اولیهٔ شما دربارهٔ اقامت، کار، ارزشیابی مدارک، کلاس‌های زبان آلمانی، مسکن و "
        "خانواده: به شما مشاوره می‌دهیم و می‌گوییم چه جایی می‌تواند به شما کمک کند.",
        "تازه به این منطقه آمده‌اید یا قصد نقل مکان دارید؟ به پرسش‌های اولیهٔ شما پاسخ می‌دهیم "
        "و شما را به اداره یا مرکز مشاورهٔ مناسب معرفی می‌کنیم. مشاوره محرمانه است و از خارج "
        "از کشور نیز از طریق تلفن یا تماس تصویری امکان‌پذیر است.",
    ),
    "abh_residence": (
        "درخواست و تمدید اجازهٔ اقامت",
        "درخواست اجازهٔ اقامت، تمدید آن و کارت اقامت الکترونیکی. نوبت را به‌صورت آنلاین رزرو کنید.",
        "ادارهٔ اتباع خارجی دربارهٔ اجازه‌های اقامت و تمدید آن‌ها تصمیم می‌گیرد. دست‌کم شش "
        "هفته پیش از پایان اعتبار اجازهٔ خود نوبت بگیرید. گذرنامه، عکس بیومتریک، قرارداد "
        "اجاره و مدارک درآمد را همراه داشته باشید.",
    ),
    "registration": (
        "ثبت محل سکونت: {place}",
        "ثبت نشانی مسکن ظرف ۱۴ روز پس از اسباب‌کشی، گواهی ثبت، کارت شناسایی و گذرنامه.",
        "پس از نقل مکان باید ظرف ۱۴ روز محل سکونت خود را ثبت کنید. گذرنامه و تأییدیهٔ "
        "صاحبخانه (Wohnungsgeberbestätigung) را همراه بیاورید. پس از ثبت، شمارهٔ مالیاتی شما "
        "از طریق پست فرستاده می‌شود.",
    ),
    "recognition_iq": (
        "مشاورهٔ به رسمیت شناختن مدارک تحصیلی",
        "مشاوره دربارهٔ به رسمیت شناختن مدارک حرفه‌ای و دانشگاهی خارجی، برای مثال برای "
        "پرستاران، پزشکان، مهندسان و معلمان.",
        "با هم بررسی می‌کنیم که آیا حرفهٔ شما در آلمان قانون‌مند است، کدام اداره مدرک شما را "
        "بررسی می‌کند و به چه مدارکی نیاز دارید. در تنظیم درخواست کمک می‌کنیم و راه رسیدن به "
        "شناسایی کامل را نشان می‌دهیم.",
    ),
    "kita_placement": (
        "یافتن جا در مهدکودک (Kita) و مشاورهٔ نگهداری از کودک",
        "چگونه در مهدکودک جا پیدا کنم؟ مشاوره دربارهٔ مهدکودک، کودکستان و مراقب روزانهٔ "
        "کودک، و کمک در ثبت‌نام.",
        "فرزند خود را هرچه زودتر ثبت‌نام کنید. توضیح می‌دهیم که جاها چگونه تقسیم می‌شوند، چه "
        "نوع مراقبت‌هایی وجود دارد و هزینهٔ آن‌ها چقدر است. کودک شما از یک‌سالگی حق قانونی "
        "برای یک جا دارد.",
    ),
    "integration_course": (
        "کلاس‌های ادغام (Integrationskurs)",
        "یادگیری زبان آلمانی تا سطح B1 همراه با دورهٔ آشنایی با زندگی روزمره، تاریخ و قانون "
        "در آلمان.",
        "کلاس ادغام معمولاً ۷۰۰ جلسهٔ درسی دارد و با آزمون زبان آلمانی برای مهاجران (DTZ) به "
        "پایان می‌رسد. با شما آزمون تعیین سطح انجام می‌دهیم و کلاس مناسب را پیدا می‌کنیم.",
    ),
    "job_german": (
        "کلاس‌های زبان حرفه‌ای: آلمانی برای کار",
        "آلمانی برای کار از سطح B1 تا C1، از جمله زبان تخصصی پرستاری و بهداشت.",
        "این کلاس‌ها شما را برای کار، کارآموزی یا ارزشیابی مدرک آماده می‌کنند. گفت‌وگو در محل "
        "کار، نوشتن ایمیل و واژه‌های تخصصی را تمرین می‌کنید.",
    ),
    "language_cafe": (
        "کافهٔ زبان: تمرین مکالمهٔ آلمانی",
        "بدون ثبت‌نام آلمانی صحبت کنید، با افراد تازه آشنا شوید و پرسش‌های روزمرهٔ خود را مطرح کنید.",
        "در کافهٔ زبان با داوطلبان و زبان‌آموزان دیگر آشنا می‌شوید. همه می‌توانند بیایند، با "
        "هر سطحی از زبان آلمانی.",
    ),
    "migration_counseling": (
        "مشاورهٔ مهاجرت برای بزرگسالان (MBE)",
        "مشاوره در نخستین سال‌های زندگی در آلمان: اقامت، کلاس زبان، کار، مسکن، سلامت و درخواست‌ها.",
        "مشاورهٔ مهاجرت در دوران استقرار همراه شماست. در درخواست‌ها و نامه‌های اداری به شما "
        "کمک می‌کنیم و با هم برنامه‌ای برای زبان، کار و خانواده تنظیم می‌کنیم.",
    ),
    "youth_migration": (
        "خدمات مهاجرت جوانان (JMD)",
        "مشاوره برای مهاجران جوان: مدرسه، کارآموزی، تحصیل در دانشگاه، کلاس زبان و اوقات فراغت.",
        "خدمات مهاجرت جوانان به جوانان کمک می‌کند راه خود را در مدرسه و شغل پیدا کنند. مشاورهٔ "
        "فردی و فعالیت‌های گروهی ارائه می‌شود.",
    ),
    "psychosocial": (
        "مشاوره و درمان روانی‌اجتماعی برای پناهجویان",
        "کمک در مشکلات خواب، اضطراب، سوگ و تجربه‌های دردناک، همراه با مترجم.",
        "متخصصان گفت‌وگو، جلسات گروهی و روان‌درمانی ارائه می‌دهند. مترجمان موظف به رازداری "
        "هستند. زمان انتظار ممکن است چند هفته باشد.",
    ),
    "migrant_org": (
        "محل دیدار و مشاوره به زبان مادری",
        "انجمنی از مهاجران برای مهاجران: دیدارها، جشن‌ها، کمک در تکالیف مدرسه و مشاوره به "
        "زبان خودتان.",
        "داوطلبان در پر کردن فرم‌ها کمک می‌کنند، شما را در قرارهای اداری همراهی می‌کنند و برای "
        "خانواده‌ها دیدار برگزار می‌کنند. از اعضای تازه استقبال می‌شود.",
    ),
}
