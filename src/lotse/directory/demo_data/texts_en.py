"""English texts per service type, part 1 (offices, work, family; part 2 in
`texts_en2.py`): (title, summary, description, eligibility).
"""

from __future__ import annotations

EN: dict[str, tuple[str, str, str, str]] = {
    "welcome_first": (
        "First counseling for newcomers",
        "First questions on residence, work, recognition, German courses, housing and family: "
        "we advise you and tell you who can help you further.",
        "Are you new to the region or planning to move? We answer your first questions and "
        "refer you to the right authority or counseling service. Counseling is confidential. "
        "You can also get advice from abroad by phone or video.",
        "For all newcomers and their families, whatever their residence status.",
    ),
    "sponsors": (
        "Welcome sponsors: volunteers who accompany you",
        "Volunteer sponsors go with you to appointments, practise German with you and help "
        "with your first steps in everyday life.",
        "You and your sponsor agree together how often you meet and what you would like help "
        "with: appointments at authorities, job applications, speaking German or getting to "
        "know the city. Ask for a sponsor in first counseling.",
        "For newcomers and families who would like someone at their side.",
    ),
    "abh_residence": (
        "Applying for and extending a residence title",
        "Applications for a residence permit, extensions and the electronic residence card. "
        "Book your appointment online.",
        "The immigration office decides on residence titles and their extension. Book an "
        "appointment early, at the latest six weeks before your title expires. Bring your "
        "passport, a biometric photo, your tenancy agreement and proof of income.",
        "For people living here without German or EU citizenship.",
    ),
    "abh_skilled": (
        "Service for international skilled workers (EU Blue Card)",
        "Fast processing for skilled workers and their families: EU Blue Card, the fast-track "
        "procedure for skilled workers, and residence to look for a job.",
        "The skilled-worker service advises employers and skilled workers on residence for "
        "employment. Employers can apply for the fast-track procedure while the skilled "
        "worker is still abroad.",
        "For skilled workers with a contract or job offer, their families and employers.",
    ),
    "abh_family": (
        "Family reunification",
        "Would your spouse or children like to join you? Find out which conditions apply and "
        "which documents you need.",
        "The immigration office approves the visa for family reunification. What matters is "
        "enough living space, a secure income and often basic German of the family member "
        "who joins you.",
        "For residence title holders whose family would like to join them.",
    ),
    "naturalisation": (
        "Naturalisation",
        "Advice on and applications for German citizenship. Holding more than one "
        "citizenship is now generally possible.",
        "You can become a German citizen if you have lived here lawfully for several years, "
        "can support yourself and speak enough German. The naturalisation office checks your "
        "documents and explains the naturalisation test.",
        "For people who have lived in Germany for some time.",
    ),
    "registration": (
        "Registering your address in {place}",
        "Register your flat within 14 days of moving in; registration certificate, identity "
        "card and passport.",
        "After moving you must register within 14 days. Bring your passport and the "
        "landlord's confirmation (Wohnungsgeberbestätigung). After registering you will "
        "receive your tax ID by post.",
        "For everyone who moves into a flat in {place}.",
    ),
    "driving_licence": (
        "Exchanging a foreign driving licence",
        "Exchange of a driving licence from a non-EU country and questions about driving with "
        "a foreign licence.",
        "A licence from a non-EU country is usually valid for six months after you register. "
        "After that you need a German licence. Depending on the country, a theory and a "
        "practical test may be needed.",
        "For residents with a driving licence from abroad.",
    ),
    "civil_registry": (
        "Certificates, marriage and birth",
        "Birth certificates, marriage, declarations on names and the registration of foreign "
        "certificates.",
        "The registry office records births, marriages and deaths. Certificates from abroad "
        "often need a translation and a legalisation or apostille.",
        "For all residents.",
    ),
    "tax_office": (
        "Tax ID, tax class and tax return",
        "Questions about your tax identification number, your tax class after marriage and "
        "your income tax return.",
        "Your tax ID arrives by post after you register. Your employer needs it for payroll. "
        "The tax office helps with questions on tax classes and returns; many applications "
        "can be made online with ELSTER.",
        "For all taxpayers in the tax office's area.",
    ),
    "jobcenter_benefits": (
        "Applying for citizen's income (Bürgergeld)",
        "Money to live on and help with finding work for people who are able to work and "
        "cannot cover their needs themselves.",
        "The Jobcenter pays citizen's income and reasonable costs of rent and heating. Your "
        "contact person supports you with job search, German courses and further training. "
        "You can apply online or in person.",
        "For people aged 15 and over who are able to work, and their families.",
    ),
    "job_placement": (
        "Job placement and job search",
        "Help with finding work, information on the job market and funding for further training.",
        "Advisers talk with you about your experience and your goals, suggest suitable jobs "
        "and check whether further training can be funded. Register as a jobseeker early.",
        "For everyone looking for work or a new job.",
    ),
    "career_guidance": (
        "Career guidance and finding an apprenticeship",
        "Which apprenticeship suits me? Advice on choosing a career, apprenticeship places "
        "and financial support during training.",
        "Career guidance helps young people and adults find a profession. You get "
        "information on apprenticeship places, applications and financial support.",
        "For young people and adults looking for an apprenticeship.",
    ),
    "child_benefit": (
        "Child benefit (Kindergeld)",
        "Applying for child benefit and questions about entitlement when children live abroad.",
        "The family benefits office pays child benefit for children up to 18, longer if they "
        "are in training or studying. You need your own and your child's tax ID. You can "
        "apply online.",
        "For parents living in Germany; conditions apply to residence title holders.",
    ),
    "parental_allowance": (
        "Parental allowance (Elterngeld)",
        "Parental allowance for mothers and fathers who care for their baby after the birth.",
        "Parental allowance replaces part of your income if you work less or not at all "
        "after the birth. Apply within the first three months of your child's life.",
        "For parents living in Baden-Württemberg.",
    ),
    "asylum_benefits": (
        "Benefits for asylum seekers",
        "Money and benefits in kind for living costs, accommodation and medical care for "
        "people in the asylum procedure.",
        "The social welfare office is responsible while your asylum procedure is ongoing or "
        "if you have a toleration. You also get the treatment voucher for doctor visits here.",
        "For asylum seekers, tolerated persons and their families.",
    ),
    "housing_benefit": (
        "Housing benefit (Wohngeld)",
        "A rent subsidy for households with a low income.",
        "Housing benefit helps when your income is low and you do not receive citizen's "
        "income. The amount depends on rent, income and the size of your household.",
        "For tenants and owners with a low income.",
    ),
    "youth_office": (
        "Counseling for parents and families",
        "Advice on parenting, family conflicts and difficult situations.",
        "The youth office's counseling centres support parents, children and young people. "
        "Counseling is confidential; an interpreter can join if you wish.",
        "For families, children and young people.",
    ),
    "kita_placement": (
        "Finding a daycare place (Kita) and childcare advice",
        "How do I find a place in a Kita? Advice on daycare, nursery, kindergarten and "
        "childminders, and help with registration.",
        "Register your child for a daycare place as early as possible. We explain how places "
        "are allocated, which kinds of childcare exist and what they cost. From the age of "
        "one your child has a legal right to a place.",
        "For parents of children up to school age.",
    ),
    "childminding": (
        "Childminders (Kindertagespflege)",
        "Finding a childminder for children under three and for care after school.",
        "Childminders look after children in small groups, close to family life. We place "
        "approved childminders and advise on costs and subsidies.",
        "For parents looking for flexible childcare.",
    ),
    "school_enrolment": (
        "School enrolment and preparatory classes",
        "Advice on compulsory schooling, the right school and preparatory classes for "
        "children and young people who do not speak German yet.",
        "All children from the age of six go to school. Newly arrived children first learn "
        "German in preparatory classes. The school office helps to find a place and advises "
        "on school certificates from abroad.",
        "For families with school-age children.",
    ),
    "health_office": (
        "Vaccination advice and health questions",
        "Vaccinations, school entry health checks and help with finding doctors.",
        "The public health office advises on the vaccinations recommended in Germany and "
        "examines children before they start school. Bring your vaccination record.",
        "For all residents, also without health insurance.",
    ),
}
