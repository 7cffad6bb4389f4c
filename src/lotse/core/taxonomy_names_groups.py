"""Names of the target groups in the portal languages beyond German and English.

Plural and gender-neutral where the language allows it: they are filter labels ("for whom").
`lotse.core.taxonomy_names` merges them into TERM_NAMES and writes them to the database.
"""

from __future__ import annotations

TARGET_GROUP_NAMES: dict[str, dict[str, str]] = {
    "skilled-worker": {
        "ar": "عمال مهرة",
        "uk": "Кваліфіковані фахівці",
        "tr": "Nitelikli çalışanlar",
        "ru": "Квалифицированные специалисты",
        "fa": "نیروی کار متخصص",
        "es": "Profesionales cualificados",
        "fr": "Travailleurs qualifiés",
    },
    "student": {
        "ar": "طلاب جامعيون",
        "uk": "Студенти",
        "tr": "Üniversite öğrencileri",
        "ru": "Студенты",
        "fa": "دانشجویان",
        "es": "Estudiantes",
        "fr": "Étudiants",
    },
    "apprentice": {
        "ar": "متدربون مهنيون والراغبون في التدريب المهني",
        "uk": "Учні та охочі до професійного навчання",
        "tr": "Çıraklar ve mesleki eğitim adayları",
        "ru": "Ученики и желающие пройти профобучение",
        "fa": "کارآموزان و علاقه‌مندان به آموزش حرفه‌ای",
        "es": "Aprendices y futuros aprendices",
        "fr": "Apprentis et futurs apprentis",
    },
    "researcher": {
        "ar": "باحثون",
        "uk": "Науковці",
        "tr": "Araştırmacılar",
        "ru": "Исследователи",
        "fa": "پژوهشگران",
        "es": "Investigadores",
        "fr": "Chercheurs",
    },
    "self-employed": {
        "ar": "أصحاب الأعمال الحرة",
        "uk": "Самозайняті",
        "tr": "Serbest çalışanlar",
        "ru": "Самозанятые",
        "fa": "خوداشتغالان",
        "es": "Autónomos",
        "fr": "Indépendants",
    },
    "eu-citizen": {
        "ar": "مواطنو الاتحاد الأوروبي",
        "uk": "Громадяни ЄС",
        "tr": "AB vatandaşları",
        "ru": "Граждане ЕС",
        "fa": "شهروندان اتحادیه اروپا",
        "es": "Ciudadanos de la UE",
        "fr": "Citoyens de l’UE",
    },
    "family-member": {
        "ar": "أفراد الأسرة",
        "uk": "Члени сім’ї",
        "tr": "Aile üyeleri",
        "ru": "Члены семьи",
        "fa": "اعضای خانواده",
        "es": "Familiares",
        "fr": "Membres de la famille",
    },
    "refugee": {
        "ar": "لاجئون وطالبو حماية",
        "uk": "Біженці та шукачі захисту",
        "tr": "Mülteciler ve koruma arayanlar",
        "ru": "Беженцы и ищущие защиты",
        "fa": "پناهندگان و پناهجویان",
        "es": "Refugiados y solicitantes de protección",
        "fr": "Réfugiés et demandeurs de protection",
    },
    "other": {
        "ar": "فئات أخرى",
        "uk": "Інші",
        "tr": "Diğer",
        "ru": "Другие",
        "fa": "سایر",
        "es": "Otros",
        "fr": "Autres",
    },
}
