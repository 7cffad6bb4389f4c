"""Information pages of the portal (Markdown), in German and English; Arabic in `pages_ar.py`.

(slug, position, topic slugs, German version, {language: (title, body)})
A German version above 1 with an older translation makes that translation outdated.
"""

from __future__ import annotations

FIRST_WEEKS_DE = """\
Willkommen in Stuttgart! Diese Liste hilft Ihnen bei den ersten Schritten. Sie müssen nicht \
alles an einem Tag erledigen – aber manche Fristen sind wichtig.

## 1. Wohnsitz anmelden (innerhalb von 14 Tagen)
Melden Sie Ihre Wohnung innerhalb von **14 Tagen** nach dem Einzug in einem Bürgerbüro an. \
Bringen Sie Ihren Pass und die **Wohnungsgeberbestätigung** Ihres Vermieters mit. Einen Termin \
können Sie online buchen.

## 2. Steuer-Identifikationsnummer
Nach der Anmeldung schickt Ihnen das Bundeszentralamt für Steuern Ihre **Steuer-ID** per Post. \
Ihr Arbeitgeber braucht sie für Ihr Gehalt.

## 3. Bankkonto eröffnen
Für Gehalt, Miete und Verträge brauchen Sie ein Konto. Jede Person hat das Recht auf ein \
**Basiskonto**, auch ohne festen Aufenthaltstitel.

## 4. Krankenversicherung
In Deutschland muss jede Person krankenversichert sein. Wählen Sie eine gesetzliche \
Krankenkasse oder eine private Versicherung, bevor Sie zu arbeiten beginnen.

## 5. Termin bei der Ausländerbehörde
Brauchen Sie einen Aufenthaltstitel oder läuft Ihr Visum bald ab? Buchen Sie früh einen Termin \
bei der Ausländerbehörde. EU-Bürgerinnen und -Bürger brauchen keinen Aufenthaltstitel.

## 6. Kita und Schule
Kinder ab einem Jahr haben einen Rechtsanspruch auf einen Betreuungsplatz. Melden Sie Ihr Kind \
früh für eine **Kita** an. Kinder ab sechs Jahren müssen zur Schule gehen; das Staatliche \
Schulamt hilft bei der Suche nach einem Platz.

## 7. Deutschkurs
Ein **Integrationskurs** oder ein anderer Deutschkurs hilft Ihnen im Alltag und im Beruf. Die \
Volkshochschule und viele andere Träger beraten Sie.

**Fragen?** Das Welcome Center Stuttgart berät Sie kostenlos, auch in Ihrer Sprache. Passende \
Stellen finden Sie in unserer Suche.
"""

FIRST_WEEKS_EN = """\
Welcome to Stuttgart! This list helps you with your first steps. You do not have to do \
everything on one day – but some deadlines matter.

## 1. Register your address (within 14 days)
Register your flat at a citizens' office (Bürgerbüro) within **14 days** of moving in. Bring \
your passport and the **landlord's confirmation** (Wohnungsgeberbestätigung). You can book an \
appointment online.

## 2. Tax identification number
After you register, the Federal Central Tax Office sends your **tax ID** by post. Your employer \
needs it to pay your salary.

## 3. Open a bank account
You need an account for your salary, rent and contracts. Everyone has the right to a **basic \
account**, even without a permanent residence title.

## 4. Health insurance
Everyone in Germany must have health insurance. Choose a statutory health insurance fund or a \
private insurer before you start work.

## 5. Appointment at the immigration office
Do you need a residence title, or does your visa expire soon? Book an appointment at the \
immigration office (Ausländerbehörde) early. EU citizens do not need a residence title.

## 6. Daycare and school
Children from the age of one have a legal right to a childcare place. Register your child early \
for a **Kita** (daycare). Children from the age of six must go to school; the State School \
Office helps you find a place.

## 7. German course
An **integration course** or another German course helps you in everyday life and at work. The \
adult education centre (Volkshochschule) and many other providers advise you.

**Questions?** The Welcome Center Stuttgart advises you free of charge, also in your language. \
You can find the right places in our search.
"""

RECOGNITION_DE = """\
Sie haben einen Berufs- oder Hochschulabschluss aus dem Ausland? Mit einer Anerkennung zeigen \
Sie, dass Ihr Abschluss einem deutschen Abschluss gleichwertig ist.

## Brauche ich eine Anerkennung?
- **Reglementierte Berufe** wie Pflegefachkraft, Ärztin und Arzt, Lehrkraft oder Erzieherin: \
Ohne Anerkennung dürfen Sie in diesem Beruf nicht arbeiten.
- **Nicht reglementierte Berufe** wie viele Ausbildungsberufe oder Ingenieurberufe: Eine \
Anerkennung ist oft nicht Pflicht, hilft aber bei der Bewerbung und ist für manche Visa nötig.

## So gehen Sie vor
1. Lassen Sie sich beraten: Die **IQ Anerkennungsberatung** hilft kostenlos, auch auf \
Englisch, Französisch, Arabisch und Russisch.
2. Finden Sie die zuständige Stelle, zum Beispiel das Regierungspräsidium für \
Gesundheitsberufe, die IHK oder die Handwerkskammer für Ausbildungsberufe.
3. Stellen Sie den Antrag mit Zeugnissen, Nachweisen über Ihre Berufserfahrung und \
Übersetzungen.
4. Fehlt etwas, können Sie es mit einer **Anpassungsqualifizierung** oder einer Prüfung \
ausgleichen.

## Kosten
Das Verfahren kostet Gebühren. Jobcenter, Agentur für Arbeit oder der Anerkennungszuschuss \
können die Kosten übernehmen.
"""

RECOGNITION_EN = """\
Do you have a vocational or university qualification from abroad? Recognition shows that your \
qualification is equivalent to a German one.

## Do I need recognition?
- **Regulated professions** such as nurse, doctor, teacher or educator: you may not work in \
the profession without recognition.
- **Non-regulated professions** such as many trades or engineering: recognition is often not \
required, but it helps when you apply and is needed for some visas.

## How to proceed
1. Get advice: the **IQ recognition counseling** helps free of charge, also in English, \
French, Arabic and Russian.
2. Find the competent office, for example the regional council (Regierungspräsidium) for \
health professions, the IHK or the chamber of crafts for trades.
3. Apply with your certificates, proof of your work experience and translations.
4. If something is missing, you can make up for it with **adaptation training** or an exam.

## Costs
The procedure costs fees. The Jobcenter, the employment agency or the recognition grant \
(Anerkennungszuschuss) may cover them.
"""

WORK_DE = """\
## Arbeitserlaubnis
- **EU-Bürgerinnen und -Bürger** dürfen ohne Erlaubnis arbeiten.
- Menschen aus anderen Ländern brauchen einen Aufenthaltstitel, der die Arbeit erlaubt, zum \
Beispiel die **Blaue Karte EU** oder eine Aufenthaltserlaubnis für Fachkräfte.
- Wer eine Aufenthaltsgestattung oder Duldung hat, fragt die Ausländerbehörde nach einer \
Beschäftigungserlaubnis.

## Stellensuche
Die Agentur für Arbeit und das Jobcenter helfen bei der Suche nach Arbeit. Bewerbungen \
enthalten in Deutschland meist ein Anschreiben, einen Lebenslauf und Zeugnisse. Viele \
Arbeitgeber in der Region suchen Fachkräfte in Pflege, Handwerk und Technik.

## Ihre Rechte
- Es gilt der gesetzliche **Mindestlohn**.
- Sie haben Anspruch auf bezahlten Urlaub und Lohnfortzahlung bei Krankheit.
- Lassen Sie sich Ihren Arbeitsvertrag erklären, bevor Sie unterschreiben. Beratung gibt es \
zum Beispiel bei Faire Integration und Faire Mobilität.

## Steuern und Sozialversicherung
Ihr Arbeitgeber meldet Sie bei der Sozialversicherung an und zieht Steuern vom Lohn ab. Dafür \
braucht er Ihre Steuer-ID und Ihre Sozialversicherungsnummer.
"""

WORK_EN = """\
## Permission to work
- **EU citizens** may work without a permit.
- People from other countries need a residence title that allows work, for example the **EU \
Blue Card** or a residence permit for skilled workers.
- If you have a permission to stay during the asylum procedure or a toleration, ask the \
immigration office for an employment permit.

## Finding a job
The employment agency (Agentur für Arbeit) and the Jobcenter help you look for work. In \
Germany an application usually includes a cover letter, a CV and certificates. Many employers \
in the region are looking for skilled workers in nursing, crafts and technology.

## Your rights
- The statutory **minimum wage** applies.
- You are entitled to paid holidays and to continued pay when you are ill.
- Have your employment contract explained before you sign. Advice is available, for example, \
from Faire Integration and Faire Mobilität.

## Taxes and social security
Your employer registers you with social security and deducts tax from your pay. For this, your \
employer needs your tax ID and your social security number.
"""

PAGES: list[tuple[str, int, tuple[str, ...], int, dict[str, tuple[str, str]]]] = [
    (
        "ihre-ersten-wochen",
        10,
        ("registration-address", "registration-tax-id", "money-bank", "health-insurance",
         "family-childcare", "language-integration-course"),
        1,
        {
            "de": ("Ihre ersten Wochen in Stuttgart", FIRST_WEEKS_DE),
            "en": ("Your first weeks in Stuttgart", FIRST_WEEKS_EN),
        },
    ),
    (
        "anerkennung",
        20,
        ("recognition-professional", "recognition-regulated", "recognition-academic"),
        1,
        {
            "de": ("Anerkennung ausländischer Berufsabschlüsse", RECOGNITION_DE),
            "en": ("Recognition of foreign qualifications", RECOGNITION_EN),
        },
    ),
    (
        "arbeiten-in-deutschland",
        30,
        ("work-job-search", "work-rights", "residence-blue-card"),
        # German was revised (a sentence on skilled workers in demand); English followed,
        # Arabic did not yet: its translation shows as outdated.
        2,
        {
            "de": ("Arbeiten in Deutschland", WORK_DE),
            "en": ("Working in Germany", WORK_EN),
        },
    ),
]  # fmt: skip
