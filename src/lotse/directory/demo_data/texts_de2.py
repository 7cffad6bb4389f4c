"""German texts per service type, part 2 (recognition, studies, language, counseling,
community): (title, summary, description, eligibility)."""

from __future__ import annotations

DE2: dict[str, tuple[str, str, str, str]] = {
    "recognition_iq": (
        "Anerkennungsberatung",
        "Beratung zur Anerkennung ausländischer Berufs- und Hochschulabschlüsse, z. B. für "
        "Pflegefachkräfte, Ärztinnen, Ingenieure und Lehrkräfte, auch auf Französisch.",
        "Wir klären, ob Ihr Beruf in Deutschland reglementiert ist, welche Stelle Ihren "
        "Abschluss prüft und welche Unterlagen Sie brauchen. Wir helfen beim Antrag und "
        "zeigen Wege zur vollen Anerkennung, etwa über eine Anpassungsqualifizierung. "
        "Pflegefachkräfte begleiten wir auf dem Weg zur Anerkennung als Pflegefachkraft.",
        "Für alle mit einem ausländischen Abschluss, auch wenn Sie noch im Ausland leben.",
    ),
    "recognition_regulated": (
        "Anerkennung von Gesundheits- und Pflegeberufen",
        "Anträge auf Anerkennung für Pflegefachkräfte, Hebammen, Physiotherapeuten und "
        "andere Gesundheitsfachberufe.",
        "Das Regierungspräsidium prüft, ob Ihre Ausbildung gleichwertig ist. Fehlt etwas, "
        "können Sie eine Kenntnisprüfung oder einen Anpassungslehrgang machen. Sie brauchen "
        "Deutschkenntnisse auf Niveau B2.",
        "Für Fachkräfte aus Gesundheitsberufen mit ausländischem Abschluss.",
    ),
    "recognition_teacher": (
        "Anerkennung ausländischer Lehramtsabschlüsse",
        "Anerkennung von Lehrerausbildungen aus dem Ausland für den Schuldienst.",
        "Lehrkraft ist ein reglementierter Beruf. Die Anerkennungsstelle prüft Ihre "
        "Lehrbefähigung und nennt gegebenenfalls Ausgleichsmaßnahmen.",
        "Für Lehrerinnen und Lehrer mit Ausbildung im Ausland.",
    ),
    "recognition_chamber": (
        "Anerkennung ausländischer Berufsabschlüsse",
        "Gleichwertigkeitsprüfung für Berufsabschlüsse in Industrie, Handel und Handwerk.",
        "Die Kammer prüft, ob Ihr ausländischer Berufsabschluss einem deutschen Abschluss "
        "entspricht, zum Beispiel als Elektroniker, Kauffrau oder Kfz-Mechatroniker. Die "
        "Anerkennung verbessert Ihre Chancen auf dem Arbeitsmarkt.",
        "Für Menschen mit ausländischem Berufsabschluss in einem Ausbildungsberuf.",
    ),
    "recognition_academic": (
        "Zeugnisbewertung für ausländische Hochschulabschlüsse",
        "Online-Antrag auf eine Zeugnisbewertung für Hochschulabschlüsse, die nicht "
        "reglementiert sind.",
        "Die Zeugnisbewertung beschreibt Ihren Hochschulabschluss und vergleicht ihn mit "
        "einem deutschen Abschluss. Arbeitgeber verstehen so Ihre Qualifikation besser; für "
        "die Blaue Karte EU kann sie nötig sein.",
        "Für Menschen mit einem ausländischen Hochschulabschluss.",
    ),
    "adaptation_training": (
        "Anpassungsqualifizierung und Kenntnisprüfung in der Pflege",
        "Vorbereitung auf die Kenntnisprüfung und Anpassungslehrgänge für Pflegefachkräfte "
        "mit ausländischem Abschluss.",
        "Der Kurs verbindet Theorie, Praxis im Krankenhaus und Fachsprache Deutsch. Er "
        "bereitet auf die Kenntnisprüfung vor, damit Sie als Pflegefachkraft arbeiten können.",
        "Für Pflegekräfte mit Anerkennungsbescheid, der Ausgleichsmaßnahmen verlangt.",
    ),
    "apprenticeship": (
        "Ausbildungsberatung",
        "Beratung zu Ausbildungsberufen, zum Ausbildungsvertrag und zu Problemen in der "
        "Ausbildung.",
        "Die Ausbildungsberaterinnen und -berater der Kammer helfen Ihnen, einen passenden "
        "Betrieb zu finden, und unterstützen bei Fragen während der Ausbildung.",
        "Für Auszubildende, Ausbildungsinteressierte und Betriebe.",
    ),
    "business_start": (
        "Gründungsberatung",
        "Sie möchten sich selbstständig machen? Beratung zu Geschäftsidee, Businessplan, "
        "Gewerbeanmeldung und Förderprogrammen.",
        "In der Gründungsberatung prüfen wir Ihre Idee und erklären die Schritte zur eigenen "
        "Firma. Für Menschen mit Aufenthaltstitel klären wir, ob eine selbstständige "
        "Tätigkeit erlaubt ist.",
        "Für Gründerinnen und Gründer in der Region.",
    ),
    "labour_rights": (
        "Beratung zu Arbeitsrecht und Arbeitsvertrag",
        "Vertrauliche Beratung zu Lohn, Arbeitszeit, Kündigung und Arbeitsvertrag.",
        "Wir erklären Ihren Arbeitsvertrag und Ihre Rechte, zum Beispiel beim Mindestlohn, "
        "bei Urlaub und Krankheit. Wenn nötig, helfen wir, Ihre Ansprüche durchzusetzen.",
        "Für Beschäftigte aus dem Ausland, auch mit unsicherem Aufenthalt.",
    ),
    "uni_admission": (
        "Studienbewerbung für internationale Studierende",
        "Beratung zu Zulassung, Bewerbung, Studienvorbereitung und Visum für das Studium.",
        "Das International Office berät Studieninteressierte aus dem Ausland zu "
        "Zulassungsvoraussetzungen und Fristen und begleitet Sie beim Start ins Studium.",
        "Für internationale Studieninteressierte und Studierende.",
    ),
    "uni_welcome": (
        "Welcome Service für internationale Forschende",
        "Unterstützung für Gastforschende und ihre Familien: Visum, Wohnung, Kinderbetreuung.",
        "Der Welcome Service hilft internationalen Forschenden vor und nach der Ankunft, zum "
        "Beispiel bei Aufenthaltstitel, Wohnungssuche und Anmeldung.",
        "Für internationale Forschende, Doktorandinnen und Doktoranden.",
    ),
    "scholarship": (
        "Studienfinanzierung und Stipendien",
        "Informationen zu BAföG, Stipendien und Nothilfefonds für internationale Studierende.",
        "Wir beraten, welche Förderung für Sie in Frage kommt, und helfen bei Anträgen. Auch "
        "Jobs neben dem Studium sind ein Thema.",
        "Für Studierende, auch ohne deutsche Staatsangehörigkeit.",
    ),
    "student_housing": (
        "Wohnheimplätze für Studierende",
        "Bewerbung um einen Platz in einem Studierendenwohnheim.",
        "Das Studierendenwerk vermietet günstige Zimmer in Wohnheimen. Bewerben Sie sich "
        "früh, denn die Wartezeit kann lang sein.",
        "Für Studierende der Hochschulen in der Region.",
    ),
    "integration_course": (
        "Integrationskurse",
        "Deutsch lernen bis Niveau B1 mit Orientierungskurs zu Alltag, Geschichte und Recht "
        "in Deutschland. Auch als Eltern-, Frauen- und Alphabetisierungskurs.",
        "Ein Integrationskurs hat in der Regel 700 Unterrichtsstunden. Am Ende steht der "
        "Deutsch-Test für Zuwanderer. Wir machen mit Ihnen einen Einstufungstest und finden "
        "den passenden Kurs.",
        "Für Zugewanderte mit Berechtigung oder Verpflichtung durch Ausländerbehörde, "
        "Jobcenter oder BAMF; EU-Bürgerinnen und -Bürger auf Antrag.",
    ),
    "job_german": (
        "Berufssprachkurse: Deutsch für den Beruf",
        "Deutsch für den Beruf von B1 bis C1, auch Fachsprache für Pflege und Gesundheit.",
        "Berufssprachkurse bereiten Sie auf Arbeit, Ausbildung oder Anerkennung vor. Sie "
        "üben Gespräche im Betrieb, E-Mails und Fachwörter.",
        "Für Menschen mit Deutsch auf Niveau B1, die Arbeit suchen oder arbeiten.",
    ),
    "language_cafe": (
        "Sprachcafé: Deutsch sprechen üben",
        "Ohne Anmeldung Deutsch sprechen, Leute kennenlernen und Fragen zum Alltag stellen.",
        "Im Sprachcafé treffen Sie Ehrenamtliche und andere Lernende. Jeder kann kommen, "
        "egal wie gut das Deutsch schon ist.",
        "Für alle, die Deutsch lernen.",
    ),
    "language_exam": (
        "Deutschprüfungen und Sprachzertifikate",
        "Anerkannte Deutschprüfungen von A1 bis C1, zum Beispiel für Visum, Einbürgerung "
        "oder Studium.",
        "Wir bieten telc- und Goethe-Prüfungen an. Termine und Anmeldung finden Sie online; "
        "Vorbereitungskurse gibt es am Abend und am Wochenende.",
        "Für alle, die ein Sprachzertifikat brauchen.",
    ),
    "migration_counseling": (
        "Migrationsberatung für Erwachsene (MBE)",
        "Beratung in den ersten Jahren in Deutschland: Aufenthalt, Deutschkurs, Arbeit, "
        "Wohnen, Gesundheit und Anträge.",
        "Die Migrationsberatung begleitet Sie beim Ankommen. Wir helfen bei Anträgen und "
        "Briefen von Behörden und entwickeln mit Ihnen einen Plan für Sprache, Arbeit und "
        "Familie.",
        "Für Zugewanderte ab 27 Jahren mit dauerhaftem Aufenthalt.",
    ),
    "youth_migration": (
        "Jugendmigrationsdienst",
        "Beratung für junge Zugewanderte: Schule, Ausbildung, Studium, Deutschkurs und Freizeit.",
        "Der Jugendmigrationsdienst hilft jungen Menschen, ihren Weg in Schule und Beruf zu "
        "finden. Es gibt Einzelberatung und Gruppenangebote.",
        "Für junge Zugewanderte von 12 bis 27 Jahren.",
    ),
    "refugee_counseling": (
        "Flüchtlings- und Sozialberatung",
        "Beratung zu Asylverfahren, Unterbringung, Leistungen, Familiennachzug und Arbeit.",
        "Die Sozialberatung unterstützt Geflüchtete in Unterkünften und Wohnungen. Wir "
        "erklären Briefe, begleiten Anträge und vermitteln an Fachstellen.",
        "Für Geflüchtete und Asylsuchende, unabhängig vom Stand des Verfahrens.",
    ),
    "asylum_legal": (
        "Rechtsberatung im Asylverfahren",
        "Vorbereitung auf die Anhörung beim BAMF und Beratung nach einem Bescheid.",
        "Ehrenamtliche Juristinnen und Juristen erklären das Asylverfahren und Ihre Rechte. "
        "Kommen Sie früh, besonders wenn Sie einen Bescheid mit Frist erhalten haben.",
        "Für Asylsuchende und Menschen mit Duldung.",
    ),
    "ukraine": (
        "Beratung für Geflüchtete aus der Ukraine",
        "Fragen zu vorübergehendem Schutz, Aufenthaltserlaubnis, Jobcenter, Schule und Arbeit.",
        "Wir beraten Menschen aus der Ukraine auf Ukrainisch und Russisch zu allen Fragen des "
        "Ankommens und vermitteln an Behörden und Sprachkurse.",
        "Für Menschen, die wegen des Krieges aus der Ukraine gekommen sind.",
    ),
    "psychosocial": (
        "Psychosoziale Beratung und Therapie für Geflüchtete",
        "Psychologische Hilfe bei Schlafproblemen, Angst, Trauer und belastenden "
        "Erlebnissen, mit Dolmetscherinnen und Dolmetschern.",
        "Fachleute bieten Gespräche, Gruppen und Psychotherapie an. Die Dolmetschenden sind "
        "zur Verschwiegenheit verpflichtet. Die Wartezeit kann einige Wochen betragen.",
        "Für Geflüchtete aller Altersgruppen und ihre Familien.",
    ),
    "debt_counseling": (
        "Schuldner- und Insolvenzberatung",
        "Hilfe bei Schulden, offenen Rechnungen, Pfändung und dem Weg in die Privatinsolvenz.",
        "Wir verschaffen uns mit Ihnen einen Überblick über Ihre Schulden, verhandeln mit "
        "Gläubigern und richten ein Pfändungsschutzkonto ein. Bringen Sie alle Briefe mit.",
        "Für Menschen mit Schulden und Wohnsitz in der Region.",
    ),
    "housing_counseling": (
        "Beratung zur Wohnungssuche",
        "Sie möchten eine Wohnung finden? Tipps zur Wohnungssuche, zum Wohnberechtigungsschein "
        "und Hilfe bei der Bewerbung um eine Wohnung oder ein WG-Zimmer.",
        "Wir erklären, wie der Wohnungsmarkt funktioniert, welche Unterlagen Vermieter "
        "erwarten und wie Sie einen Wohnberechtigungsschein beantragen.",
        "Für Menschen, die eine Wohnung suchen.",
    ),
    "emergency_housing": (
        "Hilfe bei drohender Wohnungslosigkeit",
        "Schnelle Hilfe bei Kündigung, Räumung oder wenn Sie keine Unterkunft haben.",
        "Wir beraten bei Mietschulden und Kündigung und vermitteln eine vorübergehende "
        "Unterkunft. Kommen Sie so früh wie möglich.",
        "Für Menschen, die ihre Wohnung verlieren oder keine haben.",
    ),
    "tenant_advice": (
        "Mietrechtsberatung",
        "Beratung zum Mietvertrag, zur Kaution, zu Nebenkosten und Mieterhöhungen.",
        "Juristinnen und Juristen prüfen Ihren Mietvertrag und Ihre Nebenkostenabrechnung. "
        "Die Beratung ist für Mitglieder; der Beitritt ist jederzeit möglich.",
        "Für Mieterinnen und Mieter in der Region.",
    ),
    "health_insurance": (
        "Beratung zur Krankenversicherung",
        "Welche Krankenversicherung brauche ich? Gesetzlich oder privat, für Familie, "
        "Studium und Arbeit.",
        "In Deutschland muss jede Person krankenversichert sein. Wir erklären die "
        "Unterschiede, helfen beim Wechsel und bei Problemen mit Beiträgen.",
        "Für alle, die Fragen zur Krankenversicherung haben.",
    ),
    "consumer_advice": (
        "Verbraucherberatung: Bankkonto, Verträge, Versicherungen",
        "Hilfe beim Basiskonto, bei Handyverträgen, Versicherungen und unerwarteten Rechnungen.",
        "Jede Person hat das Recht auf ein Basiskonto. Wir erklären Verträge, prüfen "
        "Rechnungen und sagen Ihnen, welche Versicherungen wirklich wichtig sind.",
        "Für alle Verbraucherinnen und Verbraucher.",
    ),
    "family_counseling": (
        "Schwangerschafts- und Familienberatung",
        "Beratung zu Schwangerschaft, Verhütung, Partnerschaft und finanziellen Hilfen für "
        "Familien.",
        "Wir beraten vertraulich und auf Wunsch anonym. Wir helfen bei Anträgen auf "
        "Unterstützung durch Stiftungen.",
        "Für Frauen, Männer und Paare.",
    ),
    "women_counseling": (
        "Beratung für Migrantinnen",
        "Vertrauliche Beratung für Frauen bei Gewalt, Ausbeutung oder Fragen zum Aufenthalt.",
        "Beraterinnen mit eigener Migrationserfahrung unterstützen Sie, begleiten Sie zu "
        "Behörden und vermitteln eine sichere Unterkunft.",
        "Für Frauen mit Migrationsgeschichte.",
    ),
    "mobility": (
        "Beratung zu Bus, Bahn und Deutschlandticket",
        "Fahrkarten, Abos, Deutschlandticket und Ermäßigungen im Nahverkehr.",
        "Im Kundenzentrum erklären wir das Tarifsystem und helfen beim Abo. Mit der "
        "Bonuscard gibt es Ermäßigungen.",
        "Für alle Fahrgäste.",
    ),
    "sport_club": (
        "Sport für alle: offenes Training",
        "Mitmachen ohne Vorkenntnisse: Fußball, Basketball, Schwimmen oder Laufen.",
        "Der Verein lädt Neuzugewanderte zum Probetraining ein. Sport ist ein guter Weg, "
        "Leute kennenzulernen und Deutsch zu sprechen.",
        "Für Kinder, Jugendliche und Erwachsene.",
    ),
    "cultural": (
        "Kulturprogramm und Begegnung",
        "Konzerte, Lesungen, Feste und Workshops, bei denen sich Menschen aus vielen Ländern "
        "treffen.",
        "Das Programm wechselt jeden Monat. Viele Veranstaltungen sind kostenlos, einige "
        "mehrsprachig.",
        "Für alle Interessierten.",
    ),
    "migrant_org": (
        "Treffpunkt und Beratung in der Muttersprache",
        "Ein Verein von Zugewanderten für Zugewanderte: Treffen, Feste, Hausaufgabenhilfe und "
        "Beratung in der eigenen Sprache.",
        "Ehrenamtliche helfen beim Ausfüllen von Formularen, begleiten zu Terminen und "
        "organisieren Treffen für Familien. Neue Mitglieder sind willkommen.",
        "Für alle, die Anschluss und Unterstützung suchen.",
    ),
}
