"""English texts per service type, part 2 (recognition, studies, language, counseling,
community): (title, summary, description, eligibility)."""

from __future__ import annotations

EN2: dict[str, tuple[str, str, str, str]] = {
    "recognition_iq": (
        "Recognition counseling",
        "Advice on the recognition of foreign vocational and university qualifications, e.g. "
        "for nurses, doctors, engineers and teachers, also in French.",
        "We check whether your profession is regulated in Germany, which office assesses "
        "your qualification and which documents you need. We help with the application and "
        "show ways to full recognition, for example through adaptation training. We guide "
        "nurses all the way to recognition as a registered nurse.",
        "For everyone with a foreign qualification, also if you still live abroad.",
    ),
    "recognition_regulated": (
        "Recognition of health and nursing professions",
        "Applications for recognition for nurses, midwives, physiotherapists and other "
        "health professions.",
        "The regional council checks whether your training is equivalent. If something is "
        "missing, you can take a knowledge test or an adaptation course. You need German at "
        "level B2.",
        "For health professionals with a foreign qualification.",
    ),
    "recognition_teacher": (
        "Recognition of foreign teaching qualifications",
        "Recognition of teacher training from abroad for work in schools.",
        "Teaching is a regulated profession. The recognition office assesses your teaching "
        "qualification and names compensation measures if needed.",
        "For teachers trained abroad.",
    ),
    "recognition_chamber": (
        "Recognition of foreign vocational qualifications",
        "Equivalence assessment for vocational qualifications in industry, trade and crafts.",
        "The chamber checks whether your foreign vocational qualification matches a German "
        "one, for example as an electronics technician, office clerk or car mechatronics "
        "technician. Recognition improves your chances on the job market.",
        "For people with a foreign vocational qualification.",
    ),
    "recognition_academic": (
        "Statement of comparability for foreign university degrees",
        "Online application for a statement of comparability for degrees in professions "
        "that are not regulated.",
        "The statement describes your degree and compares it with a German degree. Employers "
        "understand your qualification better; it may be needed for the EU Blue Card.",
        "For people with a foreign university degree.",
    ),
    "adaptation_training": (
        "Adaptation training and knowledge test in nursing",
        "Preparation for the knowledge test and adaptation courses for nurses with a foreign "
        "diploma.",
        "The course combines theory, practice in hospital and German for nursing. It prepares "
        "you for the knowledge test so that you can work as a registered nurse.",
        "For nurses whose recognition decision requires compensation measures.",
    ),
    "apprenticeship": (
        "Apprenticeship advice",
        "Advice on apprenticeship trades, the training contract and problems during training.",
        "The chamber's training advisers help you find a suitable company and support you "
        "with questions during your apprenticeship.",
        "For apprentices, people interested in an apprenticeship, and companies.",
    ),
    "business_start": (
        "Advice on starting a business",
        "Would you like to become self-employed? Advice on your business idea, business plan, "
        "trade registration and funding programmes.",
        "We look at your idea with you and explain the steps to your own company. For "
        "residence title holders we check whether self-employment is allowed.",
        "For founders in the region.",
    ),
    "labour_rights": (
        "Advice on labour law and employment contracts",
        "Confidential advice on wages, working hours, dismissal and your employment contract.",
        "We explain your contract and your rights, for example on the minimum wage, holidays "
        "and sick leave. If needed, we help you claim what you are owed.",
        "For workers from abroad, also with an insecure residence status.",
    ),
    "uni_admission": (
        "Applying to study: international students",
        "Advice on admission, applications, preparation for studies and the student visa.",
        "The International Office advises prospective students from abroad on admission "
        "requirements and deadlines and helps you start your studies.",
        "For international prospective students and students.",
    ),
    "uni_welcome": (
        "Welcome service for international researchers",
        "Support for visiting researchers and their families: visa, housing, childcare.",
        "The welcome service helps international researchers before and after arrival, for "
        "example with residence titles, finding a flat and registration.",
        "For international researchers and doctoral candidates.",
    ),
    "scholarship": (
        "Study financing and scholarships",
        "Information on BAföG, scholarships and emergency funds for international students.",
        "We advise you on the funding you may get and help with applications. Part-time jobs "
        "during your studies are also a topic.",
        "For students, also without German citizenship.",
    ),
    "student_housing": (
        "Rooms in student residences",
        "Applying for a room in a student residence.",
        "The student services rent out affordable rooms in residences. Apply early, as the "
        "waiting time can be long.",
        "For students of the universities in the region.",
    ),
    "integration_course": (
        "Integration courses",
        "Learn German up to level B1, with an orientation course on everyday life, history "
        "and law in Germany. Also for parents, women and literacy learners.",
        "An integration course usually has 700 lessons and ends with the German test for "
        "immigrants (DTZ). We do a placement test with you and find the right course.",
        "For immigrants entitled or obliged to attend by the immigration office, the "
        "Jobcenter or BAMF; EU citizens on application.",
    ),
    "job_german": (
        "German for work (Berufssprachkurse)",
        "German for work from B1 to C1, including language for nursing and health care.",
        "These courses prepare you for work, an apprenticeship or recognition. You practise "
        "conversations at work, e-mails and technical vocabulary.",
        "For people with German at level B1 who work or are looking for work.",
    ),
    "language_cafe": (
        "Language café: practise speaking German",
        "Speak German, meet people and ask questions about everyday life, no registration needed.",
        "At the language café you meet volunteers and other learners. Everyone is welcome, "
        "whatever your level of German.",
        "For everyone learning German.",
    ),
    "language_exam": (
        "German exams and language certificates",
        "Recognised German exams from A1 to C1, for example for a visa, naturalisation or studies.",
        "We offer telc and Goethe exams. Dates and registration are online; preparation "
        "courses run in the evening and at weekends.",
        "For everyone who needs a language certificate.",
    ),
    "migration_counseling": (
        "Migration counseling for adults (MBE)",
        "Advice in your first years in Germany: residence, German course, work, housing, "
        "health and applications.",
        "Migration counseling supports you as you settle in. We help with applications and "
        "letters from authorities and make a plan with you for language, work and family.",
        "For immigrants aged 27 and over with a permanent residence perspective.",
    ),
    "youth_migration": (
        "Youth migration service (JMD)",
        "Advice for young immigrants: school, apprenticeship, studies, German course and leisure.",
        "The youth migration service helps young people find their way into school and "
        "work, with individual counseling and group activities.",
        "For young immigrants aged 12 to 27.",
    ),
    "refugee_counseling": (
        "Refugee and social counseling",
        "Advice on the asylum procedure, accommodation, benefits, family reunification and work.",
        "Social counseling supports refugees in shared accommodation and in flats. We explain "
        "letters, help with applications and refer you to specialist services.",
        "For refugees and asylum seekers, at any stage of the procedure.",
    ),
    "asylum_legal": (
        "Legal advice in the asylum procedure",
        "Preparation for the BAMF interview and advice after a decision.",
        "Volunteer lawyers explain the asylum procedure and your rights. Come early, "
        "especially if you have received a decision with a deadline.",
        "For asylum seekers and people with a toleration.",
    ),
    "ukraine": (
        "Counseling for refugees from Ukraine",
        "Questions on temporary protection, residence permits, the Jobcenter, school and work.",
        "We advise people from Ukraine in Ukrainian and Russian on all questions of arrival "
        "and refer them to authorities and language courses.",
        "For people who came from Ukraine because of the war.",
    ),
    "psychosocial": (
        "Psychosocial counseling and therapy for refugees",
        "Psychological help with sleeping problems, anxiety, grief and distressing "
        "experiences, with interpreters.",
        "Specialists offer talks, groups and psychotherapy. Interpreters are bound to "
        "confidentiality. The waiting time can be a few weeks.",
        "For refugees of all ages and their families.",
    ),
    "debt_counseling": (
        "Debt and insolvency counseling",
        "Help with debts, unpaid bills, wage garnishment and personal insolvency.",
        "Together we get an overview of your debts, negotiate with creditors and set up a "
        "garnishment-protected account. Bring all your letters.",
        "For people in debt living in the region.",
    ),
    "housing_counseling": (
        "Advice on finding a flat",
        "How do I find a flat? Tips for the flat search, the housing eligibility certificate "
        "and help with applying for a flat or a room.",
        "We explain how the housing market works, which documents landlords expect and how "
        "to apply for a housing eligibility certificate (Wohnberechtigungsschein).",
        "For people looking for a flat.",
    ),
    "emergency_housing": (
        "Help if you are at risk of losing your home",
        "Fast help with notice to quit, eviction or if you have nowhere to stay.",
        "We advise on rent arrears and notices and arrange temporary accommodation. Come as "
        "early as possible.",
        "For people who are losing their home or have none.",
    ),
    "tenant_advice": (
        "Tenancy law advice",
        "Advice on tenancy agreements, deposits, service charges and rent increases.",
        "Lawyers check your tenancy agreement and your service charge statement. Advice is "
        "for members; you can join at any time.",
        "For tenants in the region.",
    ),
    "health_insurance": (
        "Health insurance advice",
        "Which health insurance do I need? Statutory or private, for family, studies and work.",
        "Everyone in Germany must have health insurance. We explain the differences and help "
        "with switching and with problems with contributions.",
        "For everyone with questions about health insurance.",
    ),
    "consumer_advice": (
        "Consumer advice: bank account, contracts, insurance",
        "Help with a basic bank account, mobile phone contracts, insurance and unexpected bills.",
        "Everyone has the right to a basic bank account. We explain contracts, check bills "
        "and tell you which insurance really matters.",
        "For all consumers.",
    ),
    "family_counseling": (
        "Pregnancy and family counseling",
        "Advice on pregnancy, contraception, relationships and financial help for families.",
        "We advise confidentially and anonymously if you wish. We help with applications for "
        "support from foundations.",
        "For women, men and couples.",
    ),
    "women_counseling": (
        "Counseling for migrant women",
        "Confidential counseling for women facing violence, exploitation or residence questions.",
        "Counselors with their own migration experience support you, go with you to "
        "authorities and arrange safe accommodation.",
        "For women with a migration background.",
    ),
    "mobility": (
        "Advice on buses, trains and the Deutschlandticket",
        "Tickets, subscriptions, the Deutschlandticket and reduced fares on local transport.",
        "At the customer centre we explain the fare system and help you subscribe. With the "
        "Bonuscard you get reduced fares.",
        "For all passengers.",
    ),
    "sport_club": (
        "Sport for everyone: open training",
        "Join in without experience: football, basketball, swimming or running.",
        "The club invites newcomers to a free trial session. Sport is a good way to meet "
        "people and speak German.",
        "For children, young people and adults.",
    ),
    "cultural": (
        "Cultural programme and meeting people",
        "Concerts, readings, festivals and workshops where people from many countries meet.",
        "The programme changes every month. Many events are free, some are multilingual.",
        "For everyone interested.",
    ),
    "migrant_org": (
        "Meeting place and advice in your own language",
        "An association of immigrants for immigrants: meetings, celebrations, homework help "
        "and advice in your own language.",
        "Volunteers help you fill in forms, go with you to appointments and organise family "
        "meetings. New members are welcome.",
        "For everyone looking for contacts and support.",
    ),
}
