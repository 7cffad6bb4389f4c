"""Search keywords per topic and language: the words newcomers type for a topic.

Directory search adds these to every service of the topic, so a question in any language finds a
service whose texts exist only in German. The sync adds missing languages and never overwrites
keywords a platform admin has edited.
"""

from __future__ import annotations

from typing import Any

TOPIC_KEYWORDS: dict[str, dict[str, str]] = {
    "money-debt": {
        "de": "Schulden Schuldnerberatung Insolvenz Pfändung Inkasso Mahnung",
        "en": "debt debts insolvency",
        "ru": "долги долг кредит задолженность",
        "uk": "борги борг заборгованість",
        "ar": "ديون دين",
        "tr": "borç borçlar",
        "fa": "بدهی قرض",
        "es": "deudas",
        "fr": "dettes surendettement",
    },
    "housing": {
        "de": "Wohnung Wohnungssuche Miete Mietwohnung WG Zimmer Wohnberechtigungsschein",
        "en": "flat apartment housing rent room accommodation",
        "ar": "سكن شقة إيجار",
        "ru": "жильё квартира аренда",
        "uk": "житло квартира оренда",
        "tr": "ev daire kira konut",
        "fa": "مسکن خانه آپارتمان اجاره",
        "es": "vivienda piso alquiler",
        "fr": "logement appartement loyer",
    },
    "health-insurance": {
        "de": "Krankenkasse Krankenversicherung gesetzlich privat Versichertenkarte",
        "en": "health insurance fund health card",
        "ar": "تأمين صحي",
        "ru": "медицинская страховка",
        "uk": "медичне страхування",
        "tr": "sağlık sigortası",
        "fa": "بیمه درمانی",
        "es": "seguro médico",
        "fr": "assurance maladie",
    },
    "health-mental": {
        "de": "psychologische Hilfe Psychotherapie Trauma Psychologe seelische Gesundheit",
        "en": "mental health psychologist therapy trauma",
        "ar": "صحة نفسية علاج نفسي صدمة",
        "ru": "психологическая помощь психотерапия",
        "uk": "психологічна допомога психотерапія",
        "tr": "psikolojik destek terapi",
        "fa": "سلامت روان روان‌درمانی روانشناس",
    },
    "recognition": {
        "de": "Anerkennung Abschluss Zeugnis Berufsanerkennung Gleichwertigkeit Diplom",
        "en": "recognition diploma degree certificate qualification equivalence",
        "ru": "признание диплома подтверждение квалификации",
        "uk": "визнання диплома підтвердження кваліфікації",
        "ar": "الاعتراف بالشهادة معادلة الشهادات",
        "tr": "diploma denkliği tanınma",
        "fr": "reconnaissance diplôme équivalence",
        "es": "reconocimiento título homologación",
    },
    "recognition-regulated": {
        "de": "Pflegefachkraft Pflegekraft Krankenpflege Krankenschwester Pflege Arzt Ärztin "
        "Approbation Lehrkraft Erzieherin Erzieher",
        "en": "nurse nursing doctor physician teacher educator care",
        "ru": "медсестра медсестры врач учитель",
        "uk": "медсестра медсестри лікар вчитель",
        "ar": "ممرضة ممرض طبيب معلم تمريض",
        "tr": "hemşire doktor öğretmen",
        "fr": "infirmière infirmier médecin enseignant",
        "es": "enfermera enfermero médico profesor",
    },
    "language": {
        "de": "Deutschkurs Sprachkurs Deutsch lernen Sprache",
        "en": "German course language course learn German",
        "ru": "языковые курсы курсы немецкого языка немецкий язык",
        "uk": "мовні курси курси німецької мови",
        "ar": "دورة لغة تعلم الألمانية دورات اللغة",
        "tr": "dil kursu Almanca kursu",
        "fa": "کلاس زبان آلمانی آموزش زبان دوره زبان یادگیری آلمانی",
        "fr": "cours de langue cours d'allemand",
        "es": "curso de idioma curso de alemán",
    },
    "family-childcare": {
        "de": "Kita Kitaplatz Kindergarten Krippe Kindertagesstätte Tagesmutter",
        "en": "daycare kindergarten nursery childcare",
        "ru": "детский сад ясли",
        "uk": "дитячий садок ясла",
        "ar": "روضة أطفال حضانة",
        "tr": "kreş anaokulu",
    },
}


def sync_topic_keywords(apps: Any) -> int:
    """Add missing keyword languages to topics; return how many topics changed."""
    topic_model = apps.get_model("core", "Topic")
    changed = 0
    for topic in topic_model.objects.filter(slug__in=TOPIC_KEYWORDS):
        merged = {**TOPIC_KEYWORDS[topic.slug], **(topic.keywords or {})}
        if merged != topic.keywords:
            topic.keywords = merged
            topic.save(update_fields=["keywords"])
            changed += 1
    return changed
