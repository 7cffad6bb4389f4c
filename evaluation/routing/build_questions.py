"""Build questions.json: the multilingual routing test set over the demo directory (issue 9).

Run with any Python 3.10+: `python3 evaluation/routing/build_questions.py`. Writes
evaluation/routing/questions.json next to this file.

A service is named "<organisation slug>/<service type>", where the organisation slug is the
demo's `_slug(organisation name)` (slugify with ß -> ss, cut to 40 characters; it is also the last
path segment of the organisation's demo website) and the service type is the demo type key
(e.g. "recognition_iq"). Prefix "rs:" for a service of the region office ("region-stuttgart");
otherwise the office is "stuttgart". "page:<slug>" is an information page.

A primary target that belongs to one of the EQUIVALENT groups below (the same type of service
offered by several providers in Stuttgart, e.g. the twelve Bürgerbüros) gets the other members
of its group added to "also" automatically. A leading "!" turns that off: the question names
one provider (e.g. "Uni Hohenheim") and only that one is right.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

DISTRICTS = [
    "mitte", "nord", "sud", "ost", "west", "bad-cannstatt", "feuerbach", "zuffenhausen",
    "vaihingen", "degerloch", "mohringen", "weilimdorf",
]

EQUIVALENT: dict[str, list[str]] = {
    "REG": [f"burgerburo-{d}/registration" for d in DISTRICTS],
    "INT": [
        "volkshochschule-stuttgart/integration_course",
        "internationaler-bund-ib-sprachschule-stu/integration_course",
        "euro-schulen-stuttgart/integration_course",
        "kolping-bildungswerk-stuttgart/integration_course",
        "inlingua-sprachschule-stuttgart/integration_course",
        "sprachschule-vaihingen-integrationskurse/integration_course",
        "stadtteilhaus-weilimdorf-deutsch-fur-fra/integration_course",
    ],
    "JOBGERMAN": [
        "volkshochschule-stuttgart/job_german",
        "internationaler-bund-ib-sprachschule-stu/job_german",
        "euro-schulen-stuttgart/job_german",
        "bildungswerk-der-baden-wurttembergischen/job_german",
        "akademie-fur-gesundheitsberufe-am-klinik/job_german",
    ],
    "EXAM": [
        "volkshochschule-stuttgart/language_exam",
        "inlingua-sprachschule-stuttgart/language_exam",
    ],
    "CAFE": [
        "stadtbibliothek-stuttgart/language_cafe",
        "volkshochschule-stuttgart/language_cafe",
        "stadtteilhaus-weilimdorf-deutsch-fur-fra/language_cafe",
        "treffpunkt-nachbarschaft-sprachcafe-bad/language_cafe",
    ],
    "MBE": [
        "caritasverband-fur-stuttgart-ev/migration_counseling",
        "evangelische-gesellschaft-stuttgart-eva/migration_counseling",
        "arbeiterwohlfahrt-awo-stuttgart/migration_counseling",
        "drk-kreisverband-stuttgart-migrationsber/migration_counseling",
    ],
    "REFUGEE": [
        "arbeitskreis-asyl-stuttgart-ev/refugee_counseling",
        "caritasverband-fur-stuttgart-ev/refugee_counseling",
        "arbeiterwohlfahrt-awo-stuttgart/refugee_counseling",
        "drk-kreisverband-stuttgart-migrationsber/refugee_counseling",
    ],
    "JMD": [
        "jugendmigrationsdienst-stuttgart-in-via/youth_migration",
        "jugendmigrationsdienst-der-evangelischen/youth_migration",
        "internationaler-bund-jugendmigrationsdie/youth_migration",
    ],
    "KITA": [
        "jugendamt-stuttgart/kita_placement",
        "elternseminar-stuttgart-kita-beratung-fu/kita_placement",
        "arbeiterwohlfahrt-awo-stuttgart/kita_placement",
    ],
    "HOUSING": [
        "amt-fur-stadtplanung-und-wohnen-wohnungs/housing_counseling",
        "wohnen-fur-alle-stuttgart-ev/housing_counseling",
    ],
    "EMERG": [
        "ambulante-hilfe-stuttgart-ev-fachberatun/emergency_housing",
        "evangelische-gesellschaft-stuttgart-eva/emergency_housing",
    ],
    "DEBT": [
        "schuldnerberatung-im-sozialamt-stuttgart/debt_counseling",
        "caritasverband-fur-stuttgart-ev/debt_counseling",
        "evangelische-gesellschaft-stuttgart-eva/debt_counseling",
    ],
    "HEALTHINS": [
        "aok-baden-wurttemberg-kundencenter-stutt/health_insurance",
        "unabhangige-patientenberatung-deutschlan/health_insurance",
    ],
    "LABOUR": [
        "iq-netzwerk-baden-wurttemberg-anerkennun/labour_rights",
        "faire-mobilitat-beratungsstelle-stuttgar/labour_rights",
    ],
    "SPORT": [
        "sportkreis-stuttgart-integration-durch-s/sport_club",
        "mtv-stuttgart-1843-ev/sport_club",
        "tv-cannstatt-1846-ev/sport_club",
        "sportvereinigung-feuerbach-1883-ev/sport_club",
        "tsv-weilimdorf-ev/sport_club",
        "sv-vaihingen-ev/sport_club",
        "tsv-mohringen-ev/sport_club",
        "post-sv-stuttgart-ev/sport_club",
    ],
    "CULTURE": [
        "forum-der-kulturen-stuttgart-ev/cultural",
        "deutsch-turkisches-forum-stuttgart-ev/cultural",
        "institut-francais-stuttgart/cultural",
        "deutsch-amerikanisches-zentrum-stuttgart/cultural",
        "theaterhaus-stuttgart/cultural",
        "kulturzentrum-merlin/cultural",
        "istituto-italiano-di-cultura-stoccarda/cultural",
    ],
    "UNI": [
        "universitat-stuttgart-international-offi/uni_admission",
        "universitat-hohenheim-akademisches-ausla/uni_admission",
        "hochschule-fur-technik-stuttgart-interna/uni_admission",
        "hochschule-der-medien-stuttgart-internat/uni_admission",
        "duale-hochschule-baden-wurttemberg-stutt/uni_admission",
    ],
    "SCHOLARSHIP": [
        "studierendenwerk-stuttgart/scholarship",
        "universitat-stuttgart-international-offi/scholarship",
        "universitat-hohenheim-akademisches-ausla/scholarship",
    ],
    "SPONSORS": [
        "welcome-center-stuttgart/sponsors",
        "freiwilligenagentur-stuttgart/sponsors",
    ],
    "BUSINESS": [
        "wirtschaftsforderung-stuttgart-grundungs/business_start",
        "ihk-region-stuttgart/business_start",
    ],
    "APPRENTICESHIP": [
        "ihk-region-stuttgart/apprenticeship",
        "handwerkskammer-region-stuttgart/apprenticeship",
    ],
    "CHAMBER": [
        "ihk-region-stuttgart/recognition_chamber",
        "handwerkskammer-region-stuttgart/recognition_chamber",
    ],
}

# Short names for single services (Stuttgart office).
IQ = "iq-netzwerk-baden-wurttemberg-anerkennun/recognition_iq"
RP_HEALTH = "regierungsprasidium-stuttgart/recognition_regulated"
RP_TEACHER = "regierungsprasidium-stuttgart/recognition_teacher"
ADAPT = "akademie-fur-gesundheitsberufe-am-klinik/adaptation_training"
ZAB = "zentralstelle-fur-auslandisches-bildungs/recognition_academic"
ABH = "abteilung-auslanderangelegenheiten-ausla"
ABH_RES, ABH_SKILLED, ABH_FAMILY, NATURAL = (
    f"{ABH}/abh_residence", f"{ABH}/abh_skilled", f"{ABH}/abh_family", f"{ABH}/naturalisation"
)
TAX = "finanzamt-stuttgart-i/tax_office"
WELCOME = "welcome-center-stuttgart/welcome_first"
WELCOME_RS = "rs:welcome-service-region-stuttgart/welcome_first"
AGENTUR_JOB = "agentur-fur-arbeit-stuttgart/job_placement"
AGENTUR_CAREER = "agentur-fur-arbeit-stuttgart/career_guidance"
JC_BENEFITS = "jobcenter-stuttgart/jobcenter_benefits"
JC_JOB = "jobcenter-stuttgart/job_placement"
CHILD_BENEFIT = "familienkasse-baden-wurttemberg-ost/child_benefit"
ELTERNGELD = "l-bank-elterngeldstelle/parental_allowance"
ASYLUM_BENEFITS = "sozialamt-stuttgart/asylum_benefits"
WOHNGELD = "sozialamt-stuttgart/housing_benefit"
YOUTH_OFFICE = "jugendamt-stuttgart/youth_office"
SCHOOL = "staatliches-schulamt-stuttgart/school_enrolment"
HEALTH_OFFICE = "gesundheitsamt-stuttgart/health_office"
DRIVING = "fuhrerscheinstelle-stuttgart/driving_licence"
STANDESAMT = "standesamt-stuttgart/civil_registry"
CHILDMINDING = "tageselternverein-stuttgart-ev/childminding"
ASYLUM_LEGAL = "arbeitskreis-asyl-stuttgart-ev/asylum_legal"
PSYCHO = "refugio-stuttgart-ev-psychosoziales-zent/psychosocial"
FIZ = "fraueninformationszentrum-fiz/women_counseling"
PRO_FAMILIA = "pro-familia-stuttgart/family_counseling"
TENANT = "mieterverein-stuttgart-und-umgebung-ev/tenant_advice"
CONSUMER = "verbraucherzentrale-baden-wurttemberg/consumer_advice"
STUDENT_HOUSING = "studierendenwerk-stuttgart/student_housing"
UNI_WELCOME = "universitat-stuttgart-international-offi/uni_welcome"
MOBILITY = "vvs-kundenzentrum-stuttgart/mobility"
UKRAINE = "caritasverband-fur-stuttgart-ev/ukraine"
UPD = "unabhangige-patientenberatung-deutschlan/health_insurance"
AOK = "aok-baden-wurttemberg-kundencenter-stutt/health_insurance"
FIRST_WEEKS = "page:ihre-ersten-wochen"
RECOG_PAGE = "page:anerkennung"
WORK_PAGE = "page:arbeiten-in-deutschland"


def g(name: str) -> list[str]:
    return EQUIVALENT[name]


def mo(slug: str) -> str:
    """A migrant organisation (one service of type migrant_org)."""
    return f"{slug}/migrant_org"


NURSE_ALSO = [RP_HEALTH, ADAPT, RECOG_PAGE]

# (language, question, primary, also)
Q: list[tuple[str, str, str, list[str]]] = [
    # --- German -------------------------------------------------------------------------------
    ("de", "Wo bekomme ich eine Steuer-ID", g("REG")[0], [TAX]),
    ("de", "bin letzte woche nach stuttgart gezogen muss ich mich irgendwo anmelden??", g("REG")[0], [FIRST_WEEKS]),
    ("de", "Termin Bürgerbüro Bad Cannstatt – Wohnungsgeberbestätigung vom Vermieter fehlt noch, kann ich trotzdem kommen?", "!burgerburo-bad-cannstatt/registration", []),
    ("de", "Mein Aufenthaltstitel läuft in 4 Wochen ab, wie verlängere ich den?", ABH_RES, []),
    ("de", "Blaue Karte beantragen – Arbeitgeber sitzt in Stuttgart, ich bin aber noch in Indien. Geht das beschleunigte Fachkräfteverfahren?", ABH_SKILLED, [WELCOME]),
    ("de", "Meine Frau und 2 Kinder sind noch in Syrien, wie können sie nachkommen", ABH_FAMILY, [*g("REFUGEE"), WELCOME]),
    ("de", "sucht Anerkennung als Erzieherin, Abschluss aus Marokko", IQ, [RECOG_PAGE]),
    ("de", "Ich bin Krankenschwester aus den Philippinen und brauche einen Vorbereitungskurs für die Kenntnisprüfung", ADAPT, [IQ, RP_HEALTH]),
    ("de", "integrationskurs anmelden wer bietet das an? wohne in stuttgart west", "kolping-bildungswerk-stuttgart/integration_course", []),
    ("de", "Ich brauche Deutsch B2 für die Pflege (Fachsprache), gibt es Berufssprachkurse?", "akademie-fur-gesundheitsberufe-am-klinik/job_german", []),
    ("de", "telc B1 prüfung für einbürgerung wo kann man sich anmelden", "volkshochschule-stuttgart/language_exam", []),
    ("de", "Gibts ein Sprachcafe wo man einfach so deutsch reden kann ohne anmeldung?", "stadtbibliothek-stuttgart/language_cafe", []),
    ("de", "Job verloren, kein Geld mehr für die Miete – wie beantrage ich Bürgergeld?", JC_BENEFITS, []),
    ("de", "Kitaplatz für meinen Sohn (2 J.), wir sind neu hier und überall heißt es Warteliste", "jugendamt-stuttgart/kita_placement", [CHILDMINDING]),
    ("de", "Tagesmutter für unser Baby (8 Monate) gesucht", CHILDMINDING, g("KITA")),
    ("de", "Meine Tochter ist 13 und spricht noch kein Deutsch. Welche Schule nimmt sie? Gibt es Vorbereitungsklassen?", SCHOOL, g("JMD")),
    ("de", "Kindergeld für Kinder die noch in Polen leben?", CHILD_BENEFIT, []),
    ("de", "Mieterhöhung bekommen und die Nebenkostenabrechnung ist viel zu hoch, wer prüft das?", TENANT, []),
    ("de", "Vermieter hat fristlos gekündigt, Räumung nächsten Monat, wir wissen nicht wohin", "ambulante-hilfe-stuttgart-ev-fachberatun/emergency_housing", []),
    ("de", "Führerschein aus der Türkei umschreiben lassen", DRIVING, []),
    ("de", "Wir wollen heiraten. Ich habe eine Geburtsurkunde aus Eritrea – brauche ich eine Apostille?", STANDESAMT, []),
    ("de", "Einbürgerungstest + Antrag auf deutschen Pass, darf ich meine alte Staatsangehörigkeit behalten?", NATURAL, []),
    ("de", "Suche ehrenamtliche Begleitung für meine Eltern zu Terminen bei Ämtern", "welcome-center-stuttgart/sponsors", []),
    ("de", "Lohn seit 2 Monaten nicht bezahlt, Chef sagt das ist normal in der Probezeit?!", "iq-netzwerk-baden-wurttemberg-anerkennun/labour_rights", [WORK_PAGE]),
    ("de", "Schulden wegen Handyvertrag, jetzt schreibt mir ein Inkassobüro", "schuldnerberatung-im-sozialamt-stuttgart/debt_counseling", [CONSUMER]),
    ("de", "was ist der unterschied zwischen reglementiertem und nicht reglementiertem beruf bei der anerkennung", RECOG_PAGE, [IQ]),
    # --- English ------------------------------------------------------------------------------
    ("en", "my diploma from Kyiv, can I work as a nurse here?", IQ, NURSE_ALSO),
    ("en", "where do i register my adress after moving in", g("REG")[0], [FIRST_WEEKS]),
    ("en", "How do I get a tax ID? my employer keeps asking for it", g("REG")[0], [TAX]),
    ("en", "change tax class after getting married", TAX, []),
    ("en", "blue card appointment auslanderbehorde stuttgart", ABH_SKILLED, [ABH_RES]),
    ("en", "I'm a software engineer from Brazil, do I need my bachelor's evaluated (Zeugnisbewertung) for the blue card?", ZAB, [IQ]),
    ("en", "Looking for a job in Stuttgart, EU citizen from Portugal, 5 yrs experience in logistics", AGENTUR_JOB, [WELCOME]),
    ("en", "my wife came with me on a family visa and wants to work too, who can advise us?", WELCOME, [WELCOME_RS, AGENTUR_JOB]),
    ("en", "health insurance public or private?? starting a job next month", AOK, []),
    ("en", "need vaccinations for my kids before they start school + help finding a pediatrician", HEALTH_OFFICE, []),
    ("en", "kindergarten spot for my 3 year old, how does the allocation work here", "jugendamt-stuttgart/kita_placement", [CHILDMINDING]),
    ("en", "student dorm waiting list stuttgart", STUDENT_HOUSING, []),
    ("en", "I got admitted to Uni Stuttgart, need help with enrolment and my student visa", "!universitat-stuttgart-international-offi/uni_admission", []),
    ("en", "scholarships for international master students? can I get BAföG?", "studierendenwerk-stuttgart/scholarship", []),
    ("en", "postdoc arriving in October with my family – is there help with visa, apartment and daycare?", UNI_WELCOME, []),
    ("en", "want to open a small food truck business, how do I do the Gewerbeanmeldung", "wirtschaftsforderung-stuttgart-grundungs/business_start", []),
    ("en", "landlord won't give back my deposit after I moved out", TENANT, []),
    ("en", "how to find a flat in stuttgart?? what is a WBS", "amt-fur-stadtplanung-und-wohnen-wohnungs/housing_counseling", []),
    ("en", "where can I play football or join a sports club as a newcomer", "sportkreis-stuttgart-integration-durch-s/sport_club", []),
    ("en", "deutschlandticket subscription how to buy, any discount?", MOBILITY, []),
    ("en", "since we fled I can't sleep and feel anxious all the time. is there therapy with an interpreter?", PSYCHO, []),
    ("en", "can I open a bank account without a residence permit?", CONSUMER, [FIRST_WEEKS]),
    ("en", "just arrived in stuttgart, what should I do first?", FIRST_WEEKS, [WELCOME]),
    ("en", "minimum wage in germany, paid holidays, sick pay – what are my rights", WORK_PAGE, g("LABOUR")),
    ("en", "I'm an electrician from Nigeria, how do I get my qualification recognised by the chamber", "handwerkskammer-region-stuttgart/recognition_chamber", [IQ]),
    # --- Arabic -------------------------------------------------------------------------------
    ("ar", "وين بطلع Steuer-ID؟", g("REG")[0], [TAX]),
    ("ar", "كيف اعمل Anmeldung للبيت الجديد؟ المؤجر ما عطاني Wohnungsgeberbestätigung", g("REG")[0], []),
    ("ar", "اقامتي بتخلص الشهر الجاي، كيف احجز Termin بالـ Ausländerbehörde؟", ABH_RES, []),
    ("ar", "بدي جيب مرتي وولادي من تركيا، شو الاوراق المطلوبة للـ Familiennachzug", ABH_FAMILY, g("REFUGEE")),
    ("ar", "انا مهندس مدني من سوريا، كيف بعادل شهادتي الجامعية بألمانيا؟", IQ, [ZAB, RECOG_PAGE]),
    ("ar", "معادلة شهادة تمريض من مصر، لازم لغة B2؟", IQ, NURSE_ALSO),
    ("ar", "بدي سجل بـ Integrationskurs للنساء، في كورس مع رعاية للأطفال؟", "stadtteilhaus-weilimdorf-deutsch-fur-fra/integration_course", []),
    ("ar", "الـ Jobcenter وقف المساعدة عني وما عندي مصاري للأجار", JC_BENEFITS, []),
    ("ar", "ابني عمره ١٧ سنة وبدو يعمل Ausbildung، مين بيساعده؟", "jugendmigrationsdienst-stuttgart-in-via/youth_migration", [AGENTUR_CAREER, *g("APPRENTICESHIP")]),
    ("ar", "كورس الماني للشغل Berufssprachkurs مستوى B2", "volkshochschule-stuttgart/job_german", []),
    ("ar", "وين بلاقي Kita لبنتي عمرها سنة ونص؟", "arbeiterwohlfahrt-awo-stuttgart/kita_placement", [CHILDMINDING]),
    ("ar", "مين بيساعدني بالتحضير للـ Anhörung عند BAMF؟ موعدي الاسبوع الجاي", ASYLUM_LEGAL, g("REFUGEE")),
    ("ar", "معي Duldung وبدي Behandlungsschein لروح عالدكتور", ASYLUM_BENEFITS, []),
    ("ar", "مشكلة مع الـ Krankenkasse، ما عم يدفعوا فاتورة المستشفى", UPD, []),
    ("ar", "عم دور على شقة بشتوتغارت ومعي WBS، مين بيساعدني؟", "wohnen-fur-alle-stuttgart-ev/housing_counseling", []),
    ("ar", "عليي ديون كتير وعم توصلني رسايل Inkasso", "caritasverband-fur-stuttgart-ev/debt_counseling", []),
    ("ar", "بدي اتعرف على عرب بشتوتغارت، في جمعية عربية؟", f"!{mo('syrisches-haus-bad-cannstatt-ev')}", [mo("kurdisches-gemeinschaftszentrum-stuttgar"), mo("eritreische-gemeinschaft-stuttgart-ost-e")]),
    ("ar", "زوجي بيضربني وبخاف اطلع من البيت، لوين بقدر روح؟", FIZ, []),
    ("ar", "انا حامل وما عندي تأمين صحي، في مكان بيساعد؟", PRO_FAMILIA, [UPD]),
    ("ar", "بدي اعمل Führerschein الماني، معي شهادة سواقة سورية", DRIVING, []),
    ("ar", "كيف بقدم على الجنسية الالمانية Einbürgerung بعد ٦ سنين اقامة؟", NATURAL, []),
    ("ar", "بدي حدا يساعدني افهم الرسايل من الدوائر الحكومية، الالماني تبعي ضعيف", "caritasverband-fur-stuttgart-ev/migration_counseling", [*g("SPONSORS"), *g("REFUGEE"), WELCOME]),
    ("ar", "اول مرة بألمانيا، شو لازم اعمل بأول اسبوعين؟", FIRST_WEEKS, [WELCOME]),
    ("ar", "طلب Kindergeld اونلاين، الولاد لسا بالعراق", CHILD_BENEFIT, []),
    # --- Ukrainian ----------------------------------------------------------------------------
    ("uk", "Мій диплом медсестри з Києва, чи можу я працювати тут медсестрою?", IQ, NURSE_ALSO),
    ("uk", "де зробити Anmeldung в Штутгарті", g("REG")[0], []),
    ("uk", "Потрібна консультація щодо тимчасового захисту §24 і продовження Aufenthaltserlaubnis", UKRAINE, [ABH_RES]),
    ("uk", "інтеграційний курс для українців, як записатися і чи це безкоштовно", "internationaler-bund-ib-sprachschule-stu/integration_course", []),
    ("uk", "шукаю роботу, отримую Bürgergeld, а джобцентр не допомагає", JC_JOB, [AGENTUR_JOB]),
    ("uk", "як отримати Steuer-ID? роботодавець питає", g("REG")[0], [TAX]),
    ("uk", "садочок для доньки 4 роки, Kita Platz не можемо знайти", "elternseminar-stuttgart-kita-beratung-fu/kita_placement", []),
    ("uk", "сину 15 років, яка школа? є підготовчий клас (VKL)?", SCHOOL, g("JMD")),
    ("uk", "де можна просто поговорити німецькою без курсу? розмовний клуб", "treffpunkt-nachbarschaft-sprachcafe-bad/language_cafe", []),
    ("uk", "українська громада в Штутгарті, де зустрічаються?", f"!{mo('ukrainische-gemeinde-zuffenhausen-ev')}", [mo("russischsprachiger-elternverein-mohringe")]),
    ("uk", "психолог для дитини, після війни має страхи і не спить", PSYCHO, []),
    ("uk", "визнання диплому вчителя початкових класів з України", RP_TEACHER, [IQ]),
    ("uk", "курс німецької B2 для роботи, Berufssprachkurs", "internationaler-bund-ib-sprachschule-stu/job_german", []),
    ("uk", "медичне страхування для мами-пенсіонерки, яку Krankenkasse обрати?", AOK, []),
    ("uk", "допоможіть знайти квартиру, живемо в гуртожитку для біженців вже рік", "amt-fur-stadtplanung-und-wohnen-wohnungs/housing_counseling", []),
    ("uk", "Kindergeld на двох дітей, як подати заяву", CHILD_BENEFIT, []),
    ("uk", "обмін українського посвідчення водія на німецьке", DRIVING, []),
    ("uk", "хочу вступити в університет у Штутгарті, які документи потрібні?", "universitat-stuttgart-international-offi/uni_admission", []),
    ("uk", "потрібен волонтер який піде зі мною в Ausländerbehörde і допоможе перекласти", "welcome-center-stuttgart/sponsors", []),
    ("uk", "роботодавець не платить зарплату і каже що мінімалки не буде", "iq-netzwerk-baden-wurttemberg-anerkennun/labour_rights", [WORK_PAGE]),
    ("uk", "Я з Харкова, живу в Людвігсбурзі — де тут Ausländerbehörde?", "rs:landratsamt-ludwigsburg-auslanderbehorde/abh_residence", ["rs:caritas-ludwigsburg-waiblingen-enz/ukraine"]),
    ("uk", "Elterngeld — як отримати, дитина народилась у березні", ELTERNGELD, []),
    # --- Turkish ------------------------------------------------------------------------------
    ("tr", "Steuer ID nereden alınır", g("REG")[0], [TAX]),
    ("tr", "ikamet izni uzatma randevusu nasil alinir auslanderbehorde", ABH_RES, []),
    ("tr", "Türkiye'deki elektrik teknisyeni diplomamı tanıtmak istiyorum (Anerkennung)", "handwerkskammer-region-stuttgart/recognition_chamber", [IQ]),
    ("tr", "eşimi Türkiye'den getirmek istiyorum, aile birleşimi için A1 şart mı?", ABH_FAMILY, []),
    ("tr", "entegrasyon kursuna nasıl kayıt olurum, ücretsiz mi", "kolping-bildungswerk-stuttgart/integration_course", []),
    ("tr", "oğlum için kreş yeri bulamıyoruz, Kita başvurusu nasıl yapılıyor", "jugendamt-stuttgart/kita_placement", [CHILDMINDING]),
    ("tr", "iş arıyorum, Arbeitsamt'a nasıl kayıt olurum", AGENTUR_JOB, [JC_JOB]),
    ("tr", "19 yaşındayım Ausbildung yapmak istiyorum hangi meslek bana uygun", AGENTUR_CAREER, [*g("APPRENTICESHIP"), *g("JMD")]),
    ("tr", "kira çok yüksek maaşım yetmiyor, Wohngeld alabilir miyim?", WOHNGELD, []),
    ("tr", "ev sahibi depozitoyu (Kaution) geri vermiyor ne yapabilirim", TENANT, []),
    ("tr", "kendi işimi kurmak istiyorum kuaför dükkanı, Gewerbe açmak", "wirtschaftsforderung-stuttgart-grundungs/business_start", []),
    ("tr", "öğrenciyim hangi sağlık sigortası lazım", AOK, []),
    ("tr", "çocuğumun aşıları eksik, aşı karnesi Türkiye'den, okul öncesi muayene nerede", HEALTH_OFFICE, []),
    ("tr", "Stuttgart'ta Türk veliler derneği var mı", f"!{mo('turkischer-elternverein-feuerbach-ev')}", ["deutsch-turkisches-forum-stuttgart-ev/cultural"]),
    ("tr", "borçlarım var maaşıma haciz geldi (Pfändung), yardım lazım", "schuldnerberatung-im-sozialamt-stuttgart/debt_counseling", []),
    ("tr", "Alman vatandaşlığına geçmek istiyorum, çifte vatandaşlık mümkün mü", NATURAL, []),
    ("tr", "Standesamt'ta evlenmek için hangi belgeler lazım, nüfus kayıt örneği apostil", STANDESAMT, []),
    ("tr", "futbol oynamak istiyorum Feuerbach'ta takım arıyorum", "sportvereinigung-feuerbach-1883-ev/sport_club", []),
    ("tr", "Bürgergeld başvurusu, Jobcenter formunu doldurmama kim yardım eder", JC_BENEFITS, g("MBE")),
    ("tr", "ailede sorunlar var, ergen kızımla sürekli kavga, aile danışmanlığı", YOUTH_OFFICE, []),
    ("tr", "Esslingen'de oturuyorum, Anmeldung nerede yapılır", "rs:burgeramt-esslingen-am-neckar/registration", []),
    ("tr", "almanyaya yeni geldim ilk ne yapmam lazim kime sorabilirim", WELCOME, [FIRST_WEEKS]),
    # --- Russian ------------------------------------------------------------------------------
    ("ru", "где получить Steuer-ID", g("REG")[0], [TAX]),
    ("ru", "прописка в Штутгарте (Anmeldung), какие документы нужны?", g("REG")[0], []),
    ("ru", "продление вида на жительство, как записаться на термин", ABH_RES, []),
    ("ru", "признание диплома врача из Казахстана, Approbation — куда обращаться?", IQ, [RECOG_PAGE]),
    ("ru", "интеграционный курс немецкого в Файхингене", "sprachschule-vaihingen-integrationskurse/integration_course", []),
    ("ru", "сдать экзамен telc B1 для гражданства где записаться", "volkshochschule-stuttgart/language_exam", [NATURAL]),
    ("ru", "ищу работу по специальности, как встать на учет в агентуру по труду", AGENTUR_JOB, []),
    ("ru", "как выбрать больничную кассу? какую страховку оформить", AOK, []),
    ("ru", "место в детском саду, очередь огромная, помогите", "jugendamt-stuttgart/kita_placement", [CHILDMINDING]),
    ("ru", "долги по кредиту, коллекторы пишут письма, что делать", "evangelische-gesellschaft-stuttgart-eva/debt_counseling", []),
    ("ru", "нас выселяют из квартиры, куда обратиться срочно", "evangelische-gesellschaft-stuttgart-eva/emergency_housing", []),
    ("ru", "мне 20 лет, приехал недавно, хочу учиться или пойти на Ausbildung — где консультация для молодежи?", "jugendmigrationsdienst-der-evangelischen/youth_migration", [AGENTUR_CAREER]),
    ("ru", "русскоязычные родители в Штутгарте, есть клуб или общество?", f"!{mo('russischsprachiger-elternverein-mohringe')}", [mo("ukrainische-gemeinde-zuffenhausen-ev")]),
    ("ru", "как поменять водительские права на немецкие", DRIVING, []),
    ("ru", "гражданство Германии, тест на гражданство, двойное гражданство можно?", NATURAL, []),
    ("ru", "консультация для мигрантов по всем вопросам — письма из ведомств, документы, работа", "evangelische-gesellschaft-stuttgart-eva/migration_counseling", [WELCOME]),
    ("ru", "голубая карта ЕС, работодатель хочет ускоренную процедуру для специалистов", ABH_SKILLED, []),
    ("ru", "как оформить пособие на ребенка (киндергельд)", CHILD_BENEFIT, []),
    ("ru", "элтернгельд после рождения ребенка, сколько платят и куда подавать", ELTERNGELD, []),
    ("ru", "прививки ребенку перед школой, медосмотр Einschulungsuntersuchung", HEALTH_OFFICE, []),
    ("ru", "бесплатная консультация по трудовому договору, уволили без причины", "iq-netzwerk-baden-wurttemberg-anerkennun/labour_rights", [WORK_PAGE]),
    # --- Farsi (Persian / Dari) ---------------------------------------------------------------
    ("fa", "کجا Anmeldung کنم؟ تازه خونه گرفتم", g("REG")[0], []),
    ("fa", "شماره مالیاتی Steuer-ID رو از کجا بگیرم", g("REG")[0], [TAX]),
    ("fa", "وقت مصاحبه BAMF دارم، کمک حقوقی رایگان میخوام", ASYLUM_LEGAL, g("REFUGEE")),
    ("fa", "جواب منفی پناهندگی گرفتم (Ablehnung)، مهلت دارم، چکار کنم؟", ASYLUM_LEGAL, g("REFUGEE")),
    ("fa", "کلاس Integrationskurs با معلمی که فارسی بلده", "euro-schulen-stuttgart/integration_course", []),
    ("fa", "مدرک پرستاری از ایران دارم، چطوری ارزشیابی و تایید کنم که بتونم کار کنم", IQ, NURSE_ALSO),
    ("fa", "مشاوره روانشناسی برای پناهنده ها، شبها کابوس میبینم", PSYCHO, []),
    ("fa", "مددکار اجتماعی برای پناهجو ها در کمپ، کمک با نامه ها", "arbeitskreis-asyl-stuttgart-ev/refugee_counseling", []),
    ("fa", "پول ماهانه پناهجو از Sozialamt کی واریز میشه؟", ASYLUM_BENEFITS, g("REFUGEE")),
    ("fa", "دنبال خونه هستم خیلی سخته، کسی کمک میکنه؟", "wohnen-fur-alle-stuttgart-ev/housing_counseling", []),
    ("fa", "انجمن زنان افغان در اشتوتگارت", f"!{mo('afghanischer-frauenverein-weilimdorf-ev')}", [mo("persischer-kulturkreis-vaihingen-ev")]),
    ("fa", "دوره زبان آلمانی شغلی B2 (Berufssprachkurs)", "euro-schulen-stuttgart/job_german", []),
    ("fa", "۱۸ سالمه، میخوام درس بخونم یا Ausbildung برم، کجا مشاوره بدن؟", "internationaler-bund-jugendmigrationsdie/youth_migration", [AGENTUR_CAREER]),
    ("fa", "بیمه درمانی ندارم و نمیتونم دکتر برم", UPD, [ASYLUM_BENEFITS]),
    ("fa", "ورزش رایگان برای پناهنده ها، فوتبال", "sportkreis-stuttgart-integration-durch-s/sport_club", []),
    ("fa", "یه داوطلب میخوام که باهام بیاد اداره ها", "welcome-center-stuttgart/sponsors", []),
    ("fa", "شوهرم تهدیدم میکنه، مشاوره برای زنان مهاجر", FIZ, []),
    ("fa", "خانوادم ایران هستن، Familiennachzug چطوریه؟", ABH_FAMILY, g("REFUGEE")),
    ("fa", "ثبت نام مدرسه برای پسرم ۹ ساله که آلمانی بلد نیست", SCHOOL, []),
    ("fa", "کجا میشه بدون ثبت نام آلمانی حرف زد؟ کافه زبان", "stadtteilhaus-weilimdorf-deutsch-fur-fra/language_cafe", []),
    ("fa", "man az afghanistan amadam, koja baraye hame soalha komak migiram?", WELCOME, [*g("MBE"), *g("REFUGEE")]),
    # --- Spanish ------------------------------------------------------------------------------
    ("es", "dónde hago el Anmeldung en Stuttgart? necesito cita?", g("REG")[0], []),
    ("es", "cómo consigo el número de identificación fiscal (Steuer-ID)", g("REG")[0], [TAX]),
    ("es", "soy enfermera de Colombia, quiero homologar mi título para trabajar en Alemania", IQ, NURSE_ALSO),
    ("es", "busco trabajo de ingeniero, soy español (UE), por dónde empiezo", AGENTUR_JOB, [WELCOME]),
    ("es", "curso de integración de alemán, cuánto cuesta? lo paga el BAMF?", "inlingua-sprachschule-stuttgart/integration_course", []),
    ("es", "quiero hacer un máster en la Universidad de Hohenheim, requisitos de admisión", "!universitat-hohenheim-akademisches-ausla/uni_admission", []),
    ("es", "becas para estudiantes internacionales", "studierendenwerk-stuttgart/scholarship", []),
    ("es", "residencia de estudiantes, habitación barata", STUDENT_HOUSING, []),
    ("es", "trabajo en limpieza y me pagan menos del salario mínimo, sin contrato escrito", "faire-mobilitat-beratungsstelle-stuttgar/labour_rights", [WORK_PAGE, FIZ]),
    ("es", "asociación latinoamericana en Stuttgart", f"!{mo('latinoamerica-en-stuttgart-ev')}", []),
    ("es", "guardería para mi bebé de 10 meses, Tagesmutter", CHILDMINDING, g("KITA")),
    ("es", "seguro médico público o privado siendo autónomo?", AOK, []),
    ("es", "abrir cuenta bancaria sin Anmeldung es posible??", CONSUMER, [FIRST_WEEKS]),
    ("es", "renovar mi permiso de residencia, mi pareja es alemana", ABH_RES, [ABH_FAMILY]),
    ("es", "abono de transporte Deutschlandticket para estudiantes", MOBILITY, []),
    ("es", "quiero montar mi propia empresa como autónomo (freelance)", "wirtschaftsforderung-stuttgart-grundungs/business_start", []),
    ("es", "soy mujer latina, trabajo en una casa sin contrato y me explotan, tengo miedo por mi visa", FIZ, g("LABOUR")),
    ("es", "club de voleibol o deporte para conocer gente", "post-sv-stuttgart-ev/sport_club", []),
    ("es", "eventos culturales, conciertos, conocer gente internacional en Stuttgart", "forum-der-kulturen-stuttgart-ev/cultural", []),
    ("es", "acabo de llegar a Stuttgart, ¿qué trámites tengo que hacer primero?", FIRST_WEEKS, [WELCOME]),
    ("es", "me llegó una carta del Finanzamt sobre la declaración de la renta", TAX, []),
    # --- French -------------------------------------------------------------------------------
    ("fr", "reconnaissance de mon diplôme d'infirmière du Cameroun", IQ, NURSE_ALSO),
    ("fr", "où faire l'Anmeldung (déclaration de domicile) ?", g("REG")[0], []),
    ("fr", "numéro fiscal Steuer-ID comment l'obtenir", g("REG")[0], [TAX]),
    ("fr", "mon titre de séjour expire bientôt, comment prendre rdv pour la prolongation", ABH_RES, []),
    ("fr", "cours d'allemand d'intégration à Stuttgart, inscription", "inlingua-sprachschule-stuttgart/integration_course", []),
    ("fr", "je suis demandeur d'asile, aide juridique pour l'audition au BAMF", ASYLUM_LEGAL, g("REFUGEE")),
    ("fr", "j'ai 19 ans et je veux faire une formation (Ausbildung), qui peut m'aider ?", "jugendmigrationsdienst-stuttgart-in-via/youth_migration", [AGENTUR_CAREER, *g("APPRENTICESHIP")]),
    ("fr", "association africaine à Stuttgart", f"!{mo('afrikanischer-kulturverein-stuttgart-nor')}", []),
    ("fr", "Institut français Stuttgart, événements culturels en français", "!institut-francais-stuttgart/cultural", []),
    ("fr", "crèche pour mon enfant de 2 ans", "jugendamt-stuttgart/kita_placement", [CHILDMINDING]),
    ("fr", "mon employeur ne paie pas mes heures sup, que faire ?", "iq-netzwerk-baden-wurttemberg-anerkennun/labour_rights", [WORK_PAGE]),
    ("fr", "je cherche un logement, c'est très difficile sans Schufa", "amt-fur-stadtplanung-und-wohnen-wohnungs/housing_counseling", []),
    ("fr", "assurance maladie pour étudiant étranger", AOK, []),
    ("fr", "échanger mon permis de conduire marocain", DRIVING, []),
    ("fr", "regroupement familial pour ma femme et mes enfants", ABH_FAMILY, g("REFUGEE")),
    ("fr", "je veux étudier à Stuttgart, candidature à l'université", "universitat-stuttgart-international-offi/uni_admission", []),
    ("fr", "allocations familiales (Kindergeld), comment faire la demande", CHILD_BENEFIT, []),
    ("fr", "je suis enceinte et j'ai besoin de conseils, contraception aussi", PRO_FAMILIA, []),
    ("fr", "équivalence de mon master en informatique pour la Carte bleue européenne (ZAB)", ZAB, [IQ]),
    ("fr", "demande de naturalisation allemande", NATURAL, []),
    ("fr", "premier conseil pour les nouveaux arrivants, en français svp", WELCOME, []),
]


def target(key: str) -> dict[str, str]:
    if key.startswith("page:"):
        return {"kind": "page", "office": "stuttgart", "slug": key.removeprefix("page:")}
    office = "stuttgart"
    if key.startswith("rs:"):
        office, key = "region-stuttgart", key.removeprefix("rs:")
    organisation, type_ = key.split("/")
    return {
        "kind": "service",
        "office": office,
        "slug": key,
        "organisation": organisation,
        "type": type_,
    }


def build() -> list[dict]:
    rows, counters = [], {}
    for language, question, primary, also in Q:
        exact = primary.startswith("!")
        primary = primary.lstrip("!")
        accepted = list(also)
        if not exact:
            for members in EQUIVALENT.values():
                if primary in members:
                    accepted = [m for m in members if m != primary] + accepted
        accepted = [a for a in dict.fromkeys(accepted) if a != primary]
        counters[language] = counters.get(language, 0) + 1
        rows.append(
            {
                "id": f"{language}-{counters[language]:03d}",
                "language": language,
                "question": question,
                "target": target(primary),
                "also": [target(a) for a in accepted],
            }
        )
    return rows


if __name__ == "__main__":
    data = build()
    out = HERE / "questions.json"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(data)} questions -> {out}")
