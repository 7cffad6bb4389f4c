"""Spanish and French texts for the most used service types: (title, summary, description)."""

from __future__ import annotations

ES: dict[str, tuple[str, str, str]] = {
    "welcome_first": (
        "Primera orientación para personas recién llegadas",
        "Primeras preguntas sobre residencia, trabajo, reconocimiento de títulos, cursos de "
        "alemán, vivienda y familia: le asesoramos y le decimos quién puede ayudarle.",
        "¿Acaba de llegar a la región o piensa mudarse? Respondemos a sus primeras preguntas y "
        "le derivamos a la autoridad o al servicio de asesoramiento adecuado. El asesoramiento "
        "es confidencial y también es posible desde el extranjero por teléfono o videollamada.",
    ),
    "abh_residence": (
        "Solicitar y prorrogar el permiso de residencia",
        "Solicitudes de permiso de residencia, prórrogas y tarjeta de residencia electrónica. "
        "Las citas se reservan en línea.",
        "La oficina de extranjería decide sobre los permisos de residencia y su prórroga. Pida "
        "cita con antelación, a más tardar seis semanas antes de que caduque su permiso. Traiga "
        "su pasaporte, una foto biométrica, el contrato de alquiler y justificantes de ingresos.",
    ),
    "registration": (
        "Empadronamiento en {place}",
        "Registro de la vivienda en los 14 días siguientes a la mudanza, certificado de "
        "empadronamiento, documento de identidad y pasaporte.",
        "Después de mudarse debe empadronarse en un plazo de 14 días. Traiga su pasaporte y la "
        "confirmación del arrendador (Wohnungsgeberbestätigung). Tras el registro recibirá por "
        "correo su número de identificación fiscal.",
    ),
    "recognition_iq": (
        "Asesoramiento sobre el reconocimiento de títulos",
        "Asesoramiento sobre el reconocimiento de títulos profesionales y universitarios "
        "extranjeros, por ejemplo para enfermeras, médicos, ingenieros y docentes.",
        "Aclaramos si su profesión está regulada en Alemania, qué organismo evalúa su título y "
        "qué documentos necesita. Le ayudamos con la solicitud y le mostramos el camino hacia "
        "el reconocimiento completo.",
    ),
    "kita_placement": (
        "Plaza en guardería (Kita) y asesoramiento sobre el cuidado infantil",
        "¿Cómo encuentro plaza en una guardería? Asesoramiento sobre guardería, jardín de "
        "infancia y cuidadoras de día, y ayuda con la inscripción.",
        "Inscriba a su hijo o hija lo antes posible. Le explicamos cómo se asignan las plazas, "
        "qué tipos de cuidado existen y cuánto cuestan. A partir del primer año, su hijo o hija "
        "tiene derecho legal a una plaza.",
    ),
    "integration_course": (
        "Cursos de integración",
        "Aprender alemán hasta el nivel B1 con un curso de orientación sobre la vida cotidiana, "
        "la historia y las leyes en Alemania.",
        "Un curso de integración suele tener 700 horas lectivas y termina con el examen de "
        "alemán para inmigrantes (DTZ). Hacemos con usted una prueba de nivel y buscamos el "
        "curso adecuado.",
    ),
    "job_german": (
        "Cursos de alemán profesional",
        "Alemán para el trabajo de B1 a C1, también lenguaje especializado para enfermería y "
        "salud.",
        "Estos cursos le preparan para el trabajo, la formación profesional o el reconocimiento "
        "de su título. Practicará conversaciones en el trabajo, correos electrónicos y "
        "vocabulario técnico.",
    ),
    "language_cafe": (
        "Café de idiomas: practicar alemán hablando",
        "Hablar alemán, conocer gente y hacer preguntas sobre la vida cotidiana, sin inscripción.",
        "En el café de idiomas se encuentra con voluntarios y otras personas que aprenden. Todo "
        "el mundo es bienvenido, sea cual sea su nivel de alemán.",
    ),
    "migration_counseling": (
        "Asesoramiento migratorio para adultos (MBE)",
        "Asesoramiento en sus primeros años en Alemania: residencia, curso de alemán, trabajo, "
        "vivienda, salud y trámites.",
        "El asesoramiento migratorio le acompaña en su llegada. Le ayudamos con solicitudes y "
        "cartas de las autoridades y elaboramos con usted un plan para el idioma, el trabajo y "
        "la familia.",
    ),
    "youth_migration": (
        "Servicio de migración juvenil (JMD)",
        "Asesoramiento para jóvenes inmigrantes: escuela, formación profesional, estudios, "
        "curso de alemán y tiempo libre.",
        "El servicio de migración juvenil ayuda a los jóvenes a encontrar su camino en la "
        "escuela y la profesión, con asesoramiento individual y actividades en grupo.",
    ),
    "psychosocial": (
        "Asesoramiento psicosocial y terapia para personas refugiadas",
        "Ayuda con problemas de sueño, ansiedad, duelo y experiencias traumáticas, con "
        "intérpretes.",
        "Profesionales ofrecen conversaciones, grupos y psicoterapia. Los intérpretes están "
        "obligados a guardar confidencialidad. La espera puede ser de algunas semanas.",
    ),
    "migrant_org": (
        "Punto de encuentro y asesoramiento en su lengua materna",
        "Una asociación de inmigrantes para inmigrantes: encuentros, fiestas, ayuda con los "
        "deberes y asesoramiento en su propio idioma.",
        "Personas voluntarias ayudan a rellenar formularios, acompañan a citas y organizan "
        "encuentros para familias. Los nuevos miembros son bienvenidos.",
    ),
}

FR: dict[str, tuple[str, str, str]] = {
    "welcome_first": (
        "Premier conseil pour les nouveaux arrivants",
        "Vos premières questions sur le séjour, le travail, la reconnaissance des diplômes, les "
        "cours d'allemand, le logement et la famille : nous vous conseillons et vous indiquons "
        "qui peut vous aider.",
        "Vous venez d'arriver dans la région ou vous prévoyez de vous y installer ? Nous "
        "répondons à vos premières questions et vous orientons vers l'administration ou le "
        "service de conseil compétent. Le conseil est confidentiel et possible aussi depuis "
        "l'étranger, par téléphone ou en visio.",
    ),
    "abh_residence": (
        "Demander et prolonger un titre de séjour",
        "Demandes de titre de séjour, prolongations et carte de séjour électronique. Les "
        "rendez-vous se prennent en ligne.",
        "Le service des étrangers décide des titres de séjour et de leur prolongation. Prenez "
        "rendez-vous tôt, au plus tard six semaines avant l'expiration de votre titre. Apportez "
        "votre passeport, une photo biométrique, votre bail et des justificatifs de revenus.",
    ),
    "registration": (
        "Déclarer son domicile à {place}",
        "Déclaration du logement dans les 14 jours suivant l'emménagement, attestation de "
        "domicile, carte d'identité et passeport.",
        "Après un déménagement, vous devez vous déclarer dans les 14 jours. Apportez votre "
        "passeport et l'attestation du bailleur (Wohnungsgeberbestätigung). Après la "
        "déclaration, vous recevrez votre numéro fiscal par la poste.",
    ),
    "recognition_iq": (
        "Conseil en reconnaissance des diplômes",
        "Conseil sur la reconnaissance des diplômes professionnels et universitaires "
        "étrangers, par exemple pour les infirmières et infirmiers, médecins, ingénieurs et "
        "enseignants. Conseil en français.",
        "Nous vérifions si votre profession est réglementée en Allemagne, quel organisme évalue "
        "votre diplôme et quels documents sont nécessaires. Nous vous aidons à déposer la "
        "demande et vous montrons le chemin vers une reconnaissance complète.",
    ),
    "kita_placement": (
        "Trouver une place en crèche (Kita) et conseil sur la garde d'enfants",
        "Comment trouver une place en crèche ? Conseil sur la crèche, le jardin d'enfants et "
        "les assistantes maternelles, et aide à l'inscription.",
        "Inscrivez votre enfant le plus tôt possible. Nous expliquons comment les places sont "
        "attribuées, quels modes de garde existent et ce qu'ils coûtent. Dès un an, votre "
        "enfant a droit à une place.",
    ),
    "integration_course": (
        "Cours d'intégration",
        "Apprendre l'allemand jusqu'au niveau B1, avec un cours d'orientation sur la vie "
        "quotidienne, l'histoire et le droit en Allemagne.",
        "Un cours d'intégration comprend en général 700 heures et se termine par le test "
        "d'allemand pour immigrés (DTZ). Nous faisons avec vous un test de niveau et trouvons "
        "le cours adapté.",
    ),
    "job_german": (
        "Cours d'allemand professionnel",
        "L'allemand pour le travail du niveau B1 au C1, y compris la langue des soins et de la "
        "santé.",
        "Ces cours vous préparent au travail, à la formation professionnelle ou à la "
        "reconnaissance de votre diplôme. Vous vous entraînez aux conversations au travail, aux "
        "e-mails et au vocabulaire technique.",
    ),
    "language_cafe": (
        "Café des langues : pratiquer l'allemand",
        "Parler allemand, rencontrer des gens et poser des questions sur la vie quotidienne, "
        "sans inscription.",
        "Au café des langues, vous rencontrez des bénévoles et d'autres apprenants. Tout le "
        "monde est le bienvenu, quel que soit son niveau d'allemand.",
    ),
    "migration_counseling": (
        "Conseil en migration pour adultes (MBE)",
        "Conseil pendant vos premières années en Allemagne : séjour, cours d'allemand, travail, "
        "logement, santé et démarches.",
        "Le conseil en migration vous accompagne pendant votre installation. Nous vous aidons "
        "pour les demandes et les courriers des administrations et établissons avec vous un "
        "plan pour la langue, le travail et la famille.",
    ),
    "youth_migration": (
        "Service migration jeunesse (JMD)",
        "Conseil pour les jeunes immigrés : école, formation professionnelle, études, cours "
        "d'allemand et loisirs.",
        "Le service migration jeunesse aide les jeunes à trouver leur voie à l'école et dans la "
        "vie professionnelle, avec des entretiens individuels et des activités de groupe.",
    ),
    "psychosocial": (
        "Soutien psychosocial et thérapie pour les réfugiés",
        "Aide en cas de troubles du sommeil, d'anxiété, de deuil et d'expériences "
        "traumatisantes, avec des interprètes.",
        "Des spécialistes proposent des entretiens, des groupes et une psychothérapie. Les "
        "interprètes sont tenus au secret. L'attente peut durer quelques semaines.",
    ),
    "migrant_org": (
        "Lieu de rencontre et conseil dans votre langue maternelle",
        "Une association d'immigrés pour les immigrés : rencontres, fêtes, aide aux devoirs et "
        "conseil dans votre langue.",
        "Des bénévoles vous aident à remplir des formulaires, vous accompagnent à vos "
        "rendez-vous et organisent des rencontres pour les familles. Les nouveaux membres sont "
        "les bienvenus.",
    ),
}
