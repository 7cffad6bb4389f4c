"""German texts per service type, part 1 (offices, work, family; part 2 in
`texts_de2.py`): (title, summary, description, eligibility), plain German.

{org} is the organisation's name, {place} the district or town of the service's first place.
"""

from __future__ import annotations

DE: dict[str, tuple[str, str, str, str]] = {
    "welcome_first": (
        "Erstberatung für Neuzugewanderte",
        "Erste Fragen zu Aufenthalt, Arbeit, Anerkennung, Deutschkursen, Wohnen und Familie: "
        "Wir beraten Sie und sagen Ihnen, welche Stelle Ihnen weiterhilft.",
        "Sie sind neu in der Region oder planen den Umzug? Wir beantworten Ihre ersten Fragen "
        "und vermitteln Sie an die passende Behörde oder Beratungsstelle. Die Beratung ist "
        "vertraulich. Sie können auch aus dem Ausland per Telefon oder Video beraten werden.",
        "Für alle Neuzugewanderten und ihre Familien, unabhängig vom Aufenthaltsstatus.",
    ),
    "sponsors": (
        "Willkommenspaten: ehrenamtliche Begleitung",
        "Ehrenamtliche Patinnen und Paten begleiten Sie zu Terminen, üben Deutsch mit Ihnen "
        "und helfen bei den ersten Schritten im Alltag.",
        "Sie und Ihre Patin oder Ihr Pate vereinbaren gemeinsam, wie oft Sie sich treffen und "
        "wobei Sie Unterstützung wünschen: Behördengänge, Bewerbungen, Deutsch sprechen oder "
        "die Stadt kennenlernen. Fragen Sie in der Erstberatung nach einer Patenschaft.",
        "Für Neuzugewanderte und Familien, die im Alltag Begleitung wünschen.",
    ),
    "abh_residence": (
        "Aufenthaltstitel beantragen und verlängern",
        "Anträge auf Aufenthaltserlaubnis, Verlängerung und elektronischen Aufenthaltstitel. "
        "Termine vergibt die Behörde online.",
        "Die Ausländerbehörde entscheidet über Aufenthaltstitel und deren Verlängerung. "
        "Buchen Sie frühzeitig einen Termin, spätestens sechs Wochen bevor Ihr Titel abläuft. "
        "Bringen Sie Pass, biometrisches Foto, Mietvertrag und Nachweise über Ihr Einkommen mit.",
        "Für Menschen ohne deutsche oder EU-Staatsangehörigkeit, die hier wohnen.",
    ),
    "abh_skilled": (
        "Service für internationale Fachkräfte (Blaue Karte EU)",
        "Schnelle Bearbeitung für Fachkräfte und ihre Familien: Blaue Karte EU, "
        "beschleunigtes Fachkräfteverfahren und Aufenthalt zur Arbeitsplatzsuche.",
        "Der Fachkräfteservice berät Arbeitgeber und Fachkräfte zum Aufenthalt für die "
        "Beschäftigung. Arbeitgeber können das beschleunigte Fachkräfteverfahren beantragen, "
        "wenn die Fachkraft noch im Ausland ist.",
        "Für Fachkräfte mit Arbeitsvertrag oder Jobangebot, ihre Familien und Arbeitgeber.",
    ),
    "abh_family": (
        "Familiennachzug",
        "Ihr Ehepartner oder Ihre Kinder möchten nachkommen? Hier erfahren Sie, welche "
        "Voraussetzungen gelten und welche Unterlagen Sie brauchen.",
        "Die Ausländerbehörde prüft die Zustimmung zum Visum für den Familiennachzug. "
        "Wichtig sind ausreichender Wohnraum, gesichertes Einkommen und oft einfache "
        "Deutschkenntnisse der nachziehenden Person.",
        "Für Menschen mit Aufenthaltstitel, deren Familie nachziehen möchte.",
    ),
    "naturalisation": (
        "Einbürgerung",
        "Beratung und Antrag auf die deutsche Staatsangehörigkeit. Mehrstaatigkeit ist "
        "heute grundsätzlich möglich.",
        "Sie können sich einbürgern lassen, wenn Sie seit mehreren Jahren rechtmäßig hier leben, "
        "Ihren Lebensunterhalt sichern und ausreichend Deutsch können. Die Einbürgerungsstelle "
        "prüft Ihre Unterlagen und informiert über den Einbürgerungstest.",
        "Für Menschen, die schon länger in Deutschland leben.",
    ),
    "registration": (
        "Wohnsitz anmelden in {place}",
        "Anmeldung der Wohnung innerhalb von 14 Tagen nach dem Einzug, Meldebescheinigung, "
        "Personalausweis und Reisepass.",
        "Nach dem Umzug müssen Sie sich innerhalb von 14 Tagen anmelden. Bringen Sie Ihren "
        "Pass und die Wohnungsgeberbestätigung Ihres Vermieters mit. Mit der Anmeldung "
        "erhalten Sie später per Post Ihre Steuer-Identifikationsnummer.",
        "Für alle, die in eine Wohnung in {place} einziehen.",
    ),
    "driving_licence": (
        "Ausländischen Führerschein umschreiben",
        "Umschreibung eines Führerscheins aus einem Nicht-EU-Land und Fragen zum Fahren mit "
        "ausländischem Führerschein.",
        "Ein Führerschein aus einem Nicht-EU-Land gilt nach der Anmeldung meist noch sechs "
        "Monate. Danach brauchen Sie einen deutschen Führerschein. Je nach Land ist eine "
        "theoretische und praktische Prüfung nötig.",
        "Für Menschen mit Wohnsitz hier und einem Führerschein aus dem Ausland.",
    ),
    "civil_registry": (
        "Urkunden, Eheschließung und Geburt",
        "Geburtsurkunden, Eheschließung, Namenserklärungen und die Beurkundung ausländischer "
        "Urkunden.",
        "Das Standesamt beurkundet Geburten, Eheschließungen und Sterbefälle. Für Urkunden "
        "aus dem Ausland brauchen Sie oft eine Übersetzung und eine Legalisation oder "
        "Apostille.",
        "Für alle Einwohnerinnen und Einwohner.",
    ),
    "tax_office": (
        "Steuer-ID, Steuerklasse und Steuererklärung",
        "Fragen zur Steuer-Identifikationsnummer, zur Steuerklasse nach der Heirat und zur "
        "Einkommensteuererklärung.",
        "Ihre Steuer-ID kommt nach der Anmeldung per Post. Der Arbeitgeber braucht sie für die "
        "Lohnabrechnung. Das Finanzamt hilft bei Fragen zur Steuerklasse und zur Erklärung; "
        "viele Anträge stellen Sie online über ELSTER.",
        "Für alle Steuerpflichtigen im Bezirk des Finanzamts.",
    ),
    "jobcenter_benefits": (
        "Bürgergeld beantragen",
        "Geld zum Leben und Hilfe bei der Arbeitssuche für Menschen, die erwerbsfähig sind "
        "und ihren Bedarf nicht selbst decken können.",
        "Das Jobcenter zahlt Bürgergeld und übernimmt angemessene Kosten für Miete und "
        "Heizung. Ihre Ansprechperson unterstützt Sie bei Arbeitssuche, Deutschkurs und "
        "Weiterbildung. Anträge stellen Sie online oder vor Ort.",
        "Für erwerbsfähige Menschen ab 15 Jahren und ihre Familien mit Wohnsitz im Bezirk.",
    ),
    "job_placement": (
        "Arbeitsvermittlung und Jobsuche",
        "Hilfe bei der Suche nach Arbeit, Informationen zum Arbeitsmarkt und Förderung von "
        "Weiterbildung.",
        "Die Beraterinnen und Berater sprechen mit Ihnen über Ihre Erfahrung und Ihre Ziele, "
        "schlagen passende Stellen vor und prüfen, ob eine Weiterbildung gefördert werden kann. "
        "Melden Sie sich frühzeitig arbeitsuchend.",
        "Für alle, die Arbeit suchen oder ihre Stelle wechseln möchten.",
    ),
    "career_guidance": (
        "Berufsberatung und Ausbildungssuche",
        "Welche Ausbildung passt zu mir? Beratung zur Berufswahl, zu Ausbildungsplätzen und "
        "zu Förderungen während der Ausbildung.",
        "Die Berufsberatung hilft jungen Menschen und Erwachsenen, einen Beruf zu finden. Sie "
        "erhalten Informationen zu Ausbildungsplätzen, Bewerbungen und finanzieller "
        "Unterstützung, zum Beispiel Berufsausbildungsbeihilfe.",
        "Für Jugendliche und Erwachsene, die eine Ausbildung suchen.",
    ),
    "child_benefit": (
        "Kindergeld",
        "Kindergeld beantragen und Fragen zum Anspruch, wenn Kinder im Ausland leben.",
        "Die Familienkasse zahlt Kindergeld für Kinder bis 18 Jahre, in Ausbildung oder "
        "Studium auch länger. Sie brauchen die Steuer-ID von sich und Ihrem Kind. Den Antrag "
        "können Sie online stellen.",
        "Für Eltern mit Wohnsitz in Deutschland; bei einem Aufenthaltstitel gelten "
        "Voraussetzungen.",
    ),
    "parental_allowance": (
        "Elterngeld",
        "Elterngeld für Mütter und Väter, die nach der Geburt ihr Kind betreuen.",
        "Elterngeld ersetzt einen Teil des Einkommens, wenn Sie nach der Geburt weniger oder "
        "nicht arbeiten. Stellen Sie den Antrag in den ersten drei Lebensmonaten des Kindes.",
        "Für Eltern mit Wohnsitz in Baden-Württemberg.",
    ),
    "asylum_benefits": (
        "Leistungen nach dem Asylbewerberleistungsgesetz",
        "Geld und Sachleistungen für den Lebensunterhalt, Unterkunft und medizinische "
        "Versorgung für Menschen im Asylverfahren.",
        "Das Sozialamt ist zuständig, solange Ihr Asylverfahren läuft oder Sie eine Duldung "
        "haben. Sie erhalten hier auch den Behandlungsschein für Arztbesuche.",
        "Für Asylsuchende, Geduldete und ihre Familien.",
    ),
    "housing_benefit": (
        "Wohngeld",
        "Zuschuss zur Miete für Haushalte mit kleinem Einkommen.",
        "Wohngeld hilft, wenn Ihr Einkommen knapp ist und Sie kein Bürgergeld bekommen. Die "
        "Höhe hängt von Miete, Einkommen und der Zahl der Personen im Haushalt ab.",
        "Für Mieterinnen, Mieter und Eigentümer mit kleinem Einkommen.",
    ),
    "youth_office": (
        "Beratung für Eltern und Familien",
        "Beratung bei Fragen zur Erziehung, bei Konflikten in der Familie und in schwierigen "
        "Lebenslagen.",
        "Die Beratungszentren des Jugendamts unterstützen Eltern, Kinder und Jugendliche. Die "
        "Beratung ist vertraulich; auf Wunsch kommt eine Dolmetscherin dazu.",
        "Für Familien, Kinder und Jugendliche.",
    ),
    "kita_placement": (
        "Kita-Platz-Vermittlung und Beratung zur Kinderbetreuung",
        "Wie finde ich einen Kita-Platz? Beratung zu Kita, Krippe, Kindergarten und "
        "Kindertagespflege und Hilfe bei der Anmeldung.",
        "Melden Sie Ihr Kind möglichst früh für einen Kita-Platz an. Wir erklären, wie die "
        "Vergabe funktioniert, welche Betreuung es gibt und welche Kosten entstehen. Ab "
        "dem ersten Geburtstag hat Ihr Kind einen Rechtsanspruch auf einen Platz.",
        "Für Eltern von Kindern bis zum Schuleintritt.",
    ),
    "childminding": (
        "Kindertagespflege: Tagesmütter und Tagesväter",
        "Vermittlung von Tagesmüttern und Tagesvätern für Kinder unter drei Jahren und für "
        "die Betreuung nach der Schule.",
        "Kindertagespflege ist eine familiennahe Betreuung in kleinen Gruppen. Wir vermitteln "
        "geprüfte Tagespflegepersonen und beraten zu Kosten und Zuschüssen.",
        "Für Eltern, die eine flexible Betreuung suchen.",
    ),
    "school_enrolment": (
        "Schulanmeldung und Vorbereitungsklassen",
        "Beratung zur Schulpflicht, zur passenden Schule und zu Vorbereitungsklassen für "
        "Kinder und Jugendliche ohne Deutschkenntnisse.",
        "Alle Kinder ab sechs Jahren gehen zur Schule. Kinder, die neu zugewandert sind, "
        "lernen in Vorbereitungsklassen zuerst Deutsch. Das Schulamt hilft, einen Platz zu "
        "finden, und berät zu Schulabschlüssen aus dem Ausland.",
        "Für Familien mit Kindern im Schulalter.",
    ),
    "health_office": (
        "Impfberatung und Gesundheitsfragen",
        "Impfungen, Untersuchungen zur Einschulung und Hilfe bei der Suche nach Ärztinnen und "
        "Ärzten.",
        "Das Gesundheitsamt berät zu Impfungen, die in Deutschland empfohlen sind, und "
        "untersucht Kinder vor der Einschulung. Bringen Sie Ihren Impfpass mit.",
        "Für alle Einwohnerinnen und Einwohner, auch ohne Krankenversicherung.",
    ),
}
