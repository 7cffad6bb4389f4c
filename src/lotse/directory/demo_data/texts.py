"""Sentence patterns shared by all service types, and `render()`, which fills them in.

German, English and Arabic have every type; Ukrainian, Russian, Turkish, Farsi, Spanish and
French have the most used types (a service of another type has no text in those languages).
"""

from __future__ import annotations

from collections.abc import Mapping

from lotse.directory.demo_data.texts_ar import AR
from lotse.directory.demo_data.texts_ar2 import AR2
from lotse.directory.demo_data.texts_de import DE
from lotse.directory.demo_data.texts_de2 import DE2
from lotse.directory.demo_data.texts_en import EN
from lotse.directory.demo_data.texts_en2 import EN2
from lotse.directory.demo_data.texts_more import RU, UK
from lotse.directory.demo_data.texts_more2 import FA, TR
from lotse.directory.demo_data.texts_more3 import ES, FR

TYPE_TEXTS: dict[str, Mapping[str, tuple[str, ...]]] = {
    "de": {**DE, **DE2},
    "en": {**EN, **EN2},
    "ar": {**AR, **AR2},
    "uk": UK,
    "ru": RU,
    "tr": TR,
    "fa": FA,
    "es": ES,
    "fr": FR,
}

FREE = {
    "de": "Kostenlos.",
    "en": "Free of charge.",
    "ar": "مجانًا.",
    "uk": "Безкоштовно.",
    "ru": "Бесплатно.",
    "tr": "Ücretsiz.",
    "fa": "رایگان.",
    "es": "Gratuito.",
    "fr": "Gratuit.",
}

FEE = {
    "de": "Kostenpflichtig; die aktuellen Gebühren nennt Ihnen die Stelle.",
    "en": "A fee is charged; ask the service for current prices.",
    "ar": "الخدمة مدفوعة؛ اسأل الجهة عن الرسوم الحالية.",
    "uk": "Платно; актуальні ціни уточнюйте на місці.",
    "ru": "Платно; актуальные цены уточняйте на месте.",
    "tr": "Ücretli; güncel ücretleri kurumdan öğrenebilirsiniz.",
    "fa": "هزینه دارد؛ هزینهٔ فعلی را از خود مرکز بپرسید.",
    "es": "Con coste; consulte los precios actuales.",
    "fr": "Payant ; renseignez-vous sur les tarifs actuels.",
}

#: Which fee sentence a type that is not free uses.
FEE_KIND = {
    "integration_course": "course",
    "abh_residence": "residence",
    "abh_skilled": "residence",
    "abh_family": "residence",
    "naturalisation": "naturalisation",
    "sport_club": "club",
    "language_exam": "exam",
    "tenant_advice": "members",
    "recognition_regulated": "recognition",
    "recognition_teacher": "recognition",
    "recognition_chamber": "recognition",
    "recognition_academic": "recognition",
    "driving_licence": "official",
    "civil_registry": "official",
    "student_housing": "rent",
    "adaptation_training": "funded",
}

FEES: dict[str, dict[str, str]] = {
    "course": {
        "de": "Kostenbeitrag pro Unterrichtsstunde; das BAMF kann Sie von den Kosten befreien, "
        "zum Beispiel wenn Sie Bürgergeld bekommen.",
        "en": "A contribution per lesson; BAMF can exempt you from the costs, for example if "
        "you receive citizen's income.",
        "ar": "مساهمة عن كل حصة دراسية؛ ويمكن للمكتب الاتحادي للهجرة واللاجئين إعفاؤك من "
        "التكاليف، مثلًا إذا كنت تحصل على إعانة المواطن.",
    },
    "residence": {
        "de": "Gebühren nach der Aufenthaltsverordnung; die Höhe hängt vom Titel ab.",
        "en": "Fees under the Residence Ordinance; the amount depends on the title.",
        "ar": "رسوم وفق لائحة الإقامة؛ ويعتمد المبلغ على نوع التصريح.",
    },
    "naturalisation": {
        "de": "Gebühr für die Einbürgerung; für Kinder ermäßigt.",
        "en": "A naturalisation fee; reduced for children.",
        "ar": "رسوم للتجنّس، مخفّضة للأطفال.",
    },
    "club": {
        "de": "Mitgliedsbeitrag; das Probetraining ist kostenlos, mit Bonuscard ermäßigt.",
        "en": "Membership fee; the trial session is free, reduced with the Bonuscard.",
        "ar": "رسوم عضوية؛ التدريب التجريبي مجاني، وتوجد تخفيضات مع بطاقة Bonuscard.",
    },
    "exam": {
        "de": "Prüfungsgebühr je nach Niveau.",
        "en": "Exam fee depending on the level.",
        "ar": "رسوم الامتحان حسب المستوى.",
    },
    "members": {
        "de": "Für Mitglieder kostenlos; Mitgliedsbeitrag pro Jahr.",
        "en": "Free for members; annual membership fee.",
        "ar": "مجانية للأعضاء، مع رسوم عضوية سنوية.",
    },
    "recognition": {
        "de": "Gebühr für das Anerkennungsverfahren; Jobcenter oder Agentur für Arbeit können "
        "sie übernehmen.",
        "en": "A fee for the recognition procedure; the Jobcenter or the employment agency may "
        "cover it.",
        "ar": "رسوم لإجراءات الاعتراف؛ وقد يتحملها مركز العمل أو وكالة العمل.",
    },
    "official": {
        "de": "Gebühren nach der amtlichen Gebührenordnung.",
        "en": "Fees according to the official scale.",
        "ar": "رسوم وفق جدول الرسوم الرسمي.",
    },
    "rent": {
        "de": "Miete je nach Wohnheim.",
        "en": "Rent depending on the residence.",
        "ar": "الإيجار حسب السكن الطلابي.",
    },
    "funded": {
        "de": "Oft gefördert, zum Beispiel mit einem Bildungsgutschein.",
        "en": "Often funded, for example with an education voucher.",
        "ar": "غالبًا ما تكون مموّلة، مثلًا عبر قسيمة التعليم.",
    },
}


def languages_with(type_: str) -> list[str]:
    """The languages that have texts for a service type, German first."""
    return [code for code, texts in TYPE_TEXTS.items() if type_ in texts]


def render(type_: str, language: str, *, org: str, place: str, free: bool) -> dict[str, str] | None:
    """The five text fields of a service of this type in one language, or None if unwritten.

    Languages spoken, ways of access and places are structured fields the portal shows on its
    own; the texts do not repeat them (so they do not add noise to the search documents either).
    """
    pattern = TYPE_TEXTS[language].get(type_)
    if pattern is None:
        return None
    values = [part.format(org=org, place=place) for part in pattern]
    if free:
        cost = FREE[language]
    else:
        cost = FEES.get(FEE_KIND.get(type_, ""), {}).get(language) or FEE[language]
    return {
        "title": values[0],
        "summary": values[1],
        "description": values[2],
        "eligibility": values[3] if len(values) > 3 else "",
        "cost": cost,
    }
