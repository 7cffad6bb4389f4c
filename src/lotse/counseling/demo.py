"""Demo data for counseling: a realistic year of counseling in the demo offices.

`seed_demo` calls `seed()` after core (offices, counselors, taxonomies) and the directory (the
services referrals point at). At scale 1 about 3,500 people from about 140 countries are counseled
over the last twelve months, mostly in Stuttgart, where the demo counselor logs in: half of them
from the EU, the EEA and Switzerland, a growing share of refugees month by month, about one in ten
still living abroad. Each person has 1–4 consultations, consents, and some referrals to the demo
directory, outcomes, recognition cases, household links and follow-ups; anonymous contacts come
on top. Names come from small lists per region of origin, with spelling variants (Mohammed,
Muhammad, Mohamed; Müller, Mueller), so the search has something to show.

With `scale` N > 1, (N - 1) × EXTRA_PEOPLE_PER_SCALE more people with about ten consultations each
go to the generated counselors of the Stuttgart office: scale 30 gives about 100,000 people and
1,000,000 consultations. Everything is written with bulk inserts, 5,000 people at a time, and
generated batch by batch, so memory stays flat however large the scale.

A fixed random seed makes the demo the same every time; dates are relative to today. Idempotent:
offices that have counseling records get no more, and the extra people are added only up to the
number the scale asks for. `generate()` is also what the `counseling` benchmark builds with.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import random
import time
import unicodedata
import uuid
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TextIO, TypeVar

from django.conf import settings
from django.db import connection, reset_queries
from django.db.models import Max
from django.utils import timezone

from lotse.core.models import (
    Country,
    CountryGroup,
    Language,
    Office,
    ResidenceStatus,
    Role,
    TargetGroup,
    Topic,
    User,
)
from lotse.core.text import digits
from lotse.counseling.models import (
    INVERSE_RELATION,
    Channel,
    ClientNumberCounter,
    Consent,
    ConsentForm,
    ConsentPurpose,
    Consultation,
    FollowUp,
    HandoverLetter,
    HouseholdLink,
    Outcome,
    OutcomeKind,
    Person,
    RecognitionCase,
    RecognitionDecision,
    RecognitionStage,
    Referral,
    ReferralStatus,
    Relation,
    Whereabouts,
)
from lotse.counseling.names import name_keys
from lotse.directory.models import Service

T = TypeVar("T")

SEED = 2026
#: People at scale 1, and how the demo offices share them.
DEMO_PEOPLE = 3_500
OFFICE_SHARES = (("stuttgart", 0.70), ("region-stuttgart", 0.18), ("braunschweig", 0.12))
#: Mean consultations per person at scale 1 (each person has 1 to 4) and for the extra people.
DEMO_CONSULTATIONS_PER_PERSON = 1.9
EXTRA_CONSULTATIONS_PER_PERSON = 8.3
#: People added for every step of scale above 1 (scale 30: about 100,000 people in all).
EXTRA_PEOPLE_PER_SCALE = 3_330
#: Anonymous contacts, as a share of the consultations with people: in the demo year about 10 %,
#: so that people counselled (persons plus anonymous contacts) read like the seeds' "about
#: 3,500" for the Stuttgart team; the benchmark-sized part keeps a quarter.
DEMO_ANONYMOUS_SHARE = 0.10
ANONYMOUS_SHARE = 0.25
#: Refugees' share of new people in the first and in the last month of the year.
REFUGEE_SHARE = (0.10, 0.25)
#: Share of the EU, EEA and Switzerland among the people who are not refugees: about half of
#: everyone once the refugees are counted in.
FREE_MOVEMENT_SHARE = 0.60
BATCH = 5_000
INSERT_BATCH = 2_000
MAX_CONSULTATIONS = 150
#: Loads this large are followed by ANALYZE, so the first searches have a sensible plan.
ANALYZE_AFTER = 10_000
DEMO_COUNSELOR = "counselor"
#: How many open follow-ups and overdue referrals the demo counselor's start page shows.
DEMO_FOLLOW_UPS_TODAY = 3
DEMO_FOLLOW_UPS_OVERDUE = 4
DEMO_FOLLOW_UPS_SOON = 4
DEMO_OVERDUE_REFERRALS = 5

BERLIN = zoneinfo.ZoneInfo(settings.TIME_ZONE)

# --- Countries ----------------------------------------------------------------------------------
# code, weight among people who are not refugees, weight among refugees, name list, languages
# (the first is the main one), time zone for people still living there, calling code.
COUNTRY_TABLE = """
RO 8    0   romanian     ro          Europe/Bucharest                 40
PL 6    0   polish       pl          Europe/Warsaw                    48
IT 6    0   italian      it          Europe/Rome                      39
BG 4    0   bulgarian    bg          Europe/Sofia                     359
HR 4.5  0   balkan       hr          Europe/Zagreb                    385
GR 4.5  0   greek        el          Europe/Athens                    30
ES 3.5  0   spanish      es          Europe/Madrid                    34
HU 3    0   central      hu          Europe/Budapest                  36
FR 2.5  0   french       fr          Europe/Paris                     33
PT 2    0   portuguese   pt          Europe/Lisbon                    351
AT 1.2  0   german       de          Europe/Vienna                    43
NL .6   0   dutch        nl          Europe/Amsterdam                 31
CZ .6   0   central      cs          Europe/Prague                    420
SK .6   0   central      sk          Europe/Bratislava                421
SI .4   0   balkan       sl          Europe/Ljubljana                 386
LT .4   0   central      lt          Europe/Vilnius                   370
LV .4   0   central      lv          Europe/Riga                      371
EE .2   0   central      et          Europe/Tallinn                   372
BE .4   0   dutch        nl,fr       Europe/Brussels                  32
IE .3   0   english      en,ga       Europe/Dublin                    353
FI .2   0   dutch        fi          Europe/Helsinki                  358
SE .3   0   dutch        sv          Europe/Stockholm                 46
DK .2   0   dutch        da          Europe/Copenhagen                45
LU .07  0   french       lb,fr,de    Europe/Luxembourg                352
MT .07  0   english      mt,en       Europe/Malta                     356
CY .1   0   greek        el          Asia/Nicosia                     357
CH .3   0   german       de,fr       Europe/Zurich                    41
NO .1   0   dutch        no          Europe/Oslo                      47
IS .07  0   dutch        is          Atlantic/Reykjavik               354
LI .07  0   german       de          Europe/Vaduz                     423
IN 6    0   indian       hi,en       Asia/Kolkata                     91
TR 2.2  7   turkish      tr          Europe/Istanbul                  90
UA 1.2  30  ukrainian    uk,ru       Europe/Kyiv                      380
SY .4   22  arabic       ar          Asia/Damascus                    963
AF .2   16  persian      prs,ps      Asia/Kabul                       93
IR .8   5   persian      fa          Asia/Tehran                      98
IQ .3   7   arabic       ar,ckb      Asia/Baghdad                     964
NG .8   1   westafrican  en,yo       Africa/Lagos                     234
BR 1.3  0   portuguese   pt          America/Sao_Paulo                55
CN 1.1  0   chinese      zh          Asia/Shanghai                    86
EG 1    0   arabic       ar          Africa/Cairo                     20
MA .8   0   arabic       ar,fr       Africa/Casablanca                212
TN .9   0   arabic       ar,fr       Africa/Tunis                     216
VN 1    0   vietnamese   vi          Asia/Ho_Chi_Minh                 84
XK 1.1  0   albanian     sq          Europe/Belgrade                  383
RS 1    0   balkan       sr          Europe/Belgrade                  381
CO .7   .5  spanish      es          America/Bogota                   57
MX .6   0   spanish      es          America/Mexico_City              52
PK .7   .6  southasian   ur,en       Asia/Karachi                     92
BA .7   0   balkan       bs          Europe/Sarajevo                  387
MK .5   0   balkan       mk,sq       Europe/Skopje                    389
AL .6   0   albanian     sq          Europe/Tirane                    355
RU .6   1.5 russian      ru          Europe/Moscow                    7
BY .2   .4  russian      be,ru       Europe/Minsk                     375
MD .4   0   romanian     ro,ru       Europe/Chisinau                  373
GE .4   1   caucasus     ka          Asia/Tbilisi                     995
AM .3   0   caucasus     hy          Asia/Yerevan                     374
AZ .2   0   caucasus     az          Asia/Baku                        994
KZ .4   0   centralasian kk,ru       Asia/Almaty                      7
UZ .3   0   centralasian uz          Asia/Tashkent                    998
KG .1   0   centralasian ky          Asia/Bishkek                     996
TJ .1   0   centralasian tg          Asia/Dushanbe                    992
TM .07  0   centralasian tk          Asia/Ashgabat                    993
BD .6   0   southasian   bn          Asia/Dhaka                       880
LK .3   0   southasian   si,ta       Asia/Colombo                     94
NP .3   0   southasian   ne          Asia/Kathmandu                   977
PH .6   0   southeast    tl,en       Asia/Manila                      63
ID .4   0   southeast    id          Asia/Jakarta                     62
TH .2   0   southeast    th          Asia/Bangkok                     66
MY .2   0   southeast    ms          Asia/Kuala_Lumpur                60
KR .3   0   eastasian    ko          Asia/Seoul                       82
JP .2   0   eastasian    ja          Asia/Tokyo                       81
TW .1   0   chinese      zh          Asia/Taipei                      886
US .8   0   english      en          America/New_York                 1
CA .2   0   english      en,fr       America/Toronto                  1
GB .6   0   english      en          Europe/London                    44
AU .1   0   english      en          Australia/Sydney                 61
NZ .07  0   english      en          Pacific/Auckland                 64
ZA .1   0   english      en,af       Africa/Johannesburg              27
ER .3   3   eastafrican  ti          Africa/Asmara                    291
ET .3   .8  eastafrican  am          Africa/Addis_Ababa               251
SO .1   2.5 eastafrican  so          Africa/Mogadishu                 252
SD .1   .8  arabic       ar          Africa/Khartoum                  249
KE .3   0   eastafrican  sw,en       Africa/Nairobi                   254
GH .3   0   westafrican  en,ak       Africa/Accra                     233
CM .5   .3  westafrican  fr,en       Africa/Douala                    237
SN .1   0   westafrican  fr,wo       Africa/Dakar                     221
CI .1   0   westafrican  fr          Africa/Abidjan                   225
GN .1   .5  westafrican  fr          Africa/Conakry                   224
GM .1   .2  westafrican  en          Africa/Banjul                    220
ML .07  0   westafrican  fr          Africa/Bamako                    223
BF .07  0   westafrican  fr          Africa/Ouagadougou               226
TG .1   0   westafrican  fr,ee       Africa/Lome                      228
BJ .07  0   westafrican  fr,yo       Africa/Porto-Novo                229
CD .1   .3  westafrican  fr,ln       Africa/Kinshasa                  243
AO .07  0   portuguese   pt          Africa/Luanda                    244
DZ .4   0   arabic       ar,fr       Africa/Algiers                   213
LY .1   .3  arabic       ar          Africa/Tripoli                   218
JO .3   0   arabic       ar          Asia/Amman                       962
LB .3   .3  arabic       ar,fr       Asia/Beirut                      961
PS .1   .5  arabic       ar          Asia/Gaza                        970
YE .1   .5  arabic       ar          Asia/Aden                        967
SA .07  0   arabic       ar          Asia/Riyadh                      966
AE .07  0   arabic       ar,en       Asia/Dubai                       971
KW .07  0   arabic       ar          Asia/Kuwait                      965
OM .07  0   arabic       ar          Asia/Muscat                      968
QA .07  0   arabic       ar          Asia/Qatar                       974
PE .3   0   spanish      es          America/Lima                     51
VE .4   .5  spanish      es          America/Caracas                  58
AR .3   0   spanish      es          America/Argentina/Buenos_Aires   54
CL .2   0   spanish      es          America/Santiago                 56
EC .2   0   spanish      es          America/Guayaquil                593
BO .1   0   spanish      es          America/La_Paz                   591
DO .1   0   spanish      es          America/Santo_Domingo            1
CU .15  0   spanish      es          America/Havana                   53
GT .07  0   spanish      es          America/Guatemala                502
HN .07  0   spanish      es          America/Tegucigalpa              504
SV .07  0   spanish      es          America/El_Salvador              503
CR .07  0   spanish      es          America/Costa_Rica               506
PY .07  0   spanish      es          America/Asuncion                 595
UY .07  0   spanish      es          America/Montevideo               598
NI .07  0   spanish      es          America/Managua                  505
PA .07  0   spanish      es          America/Panama                   507
ME .2   0   balkan       sr          Europe/Podgorica                 382
MN .07  0   eastasian    mn          Asia/Ulaanbaatar                 976
KH .07  0   southeast    km          Asia/Phnom_Penh                  855
MM .07  0   southeast    my          Asia/Yangon                      95
SG .07  0   chinese      en,zh       Asia/Singapore                   65
RW .07  0   eastafrican  rw,fr       Africa/Kigali                    250
UG .1   0   eastafrican  en          Africa/Kampala                   256
TZ .1   0   eastafrican  sw          Africa/Dar_es_Salaam             255
ZW .07  0   eastafrican  en          Africa/Harare                    263
ZM .07  0   eastafrican  en          Africa/Lusaka                    260
MZ .07  0   portuguese   pt          Africa/Maputo                    258
MG .07  0   french       mg,fr       Indian/Antananarivo              261
MU .07  0   indian       en,fr       Indian/Mauritius                 230
CV .07  0   portuguese   pt          Atlantic/Cape_Verde              238
SL .07  0   westafrican  en          Africa/Freetown                  232
LR .07  0   westafrican  en          Africa/Monrovia                  231
JM .07  0   english      en          America/Jamaica                  1
TT .07  0   english      en          America/Port_of_Spain            1
HT .07  0   french       fr,ht       America/Port-au-Prince           509
"""

#: Extra languages of India: one of them is spoken besides Hindi and English.
INDIAN_LANGUAGES = ("ta", "te", "ml", "kn", "mr", "bn", "gu", "pa")
#: Languages the demo counselors speak besides German and English (for consultations).
COUNSELOR_LANGUAGES = frozenset({"ar", "tr", "uk", "ru", "es", "fr"})
#: Where people from these countries often live before they come (besides their own country).
ABROAD_ELSEWHERE = {"IN": "AE", "PK": "AE", "PH": "SA", "EG": "SA", "SY": "TR", "AF": "IR"}


@dataclass(frozen=True)
class Origin:
    code: str
    weight: float
    refugee_weight: float
    names: str
    languages: tuple[str, ...]
    zone: str
    calling: str

    @property
    def main_language(self) -> str:
        return self.languages[0]


ORIGINS: dict[str, Origin] = {
    row[0]: Origin(row[0], float(row[1]), float(row[2]), row[3], tuple(row[4].split(",")), *row[5:])
    for row in (line.split() for line in COUNTRY_TABLE.strip().splitlines())
}

# --- Names --------------------------------------------------------------------------------------
# Per region: first names of men, first names of women, family names. Spelling variants on
# purpose: transliterations differ, and the search must find them all.
NAME_TABLE: dict[str, tuple[str, str, str]] = {
    "arabic": (
        "Mohammed, Muhammad, Mohamed, Mohammad, Ahmad, Ahmed, Ali, Omar, Khaled, Khalid, Hassan, "
        "Mahmoud, Youssef, Yusuf, Karim, Samir, Tarek, Ibrahim, Bilal, Rami",
        "Fatima, Fatma, Aisha, Mariam, Maryam, Layla, Leila, Nour, Amira, Rania, Hiba, Yasmin, "
        "Salma, Huda, Rasha, Lina",
        "Al-Hassan, Alhassan, Hassan, Haddad, Khalil, Khaleel, Nasser, Saleh, Ibrahim, Abdullah, "
        "Mansour, Hamdan, Darwish, El-Sayed, Elsayed, Youssef, Aziz, Al-Khatib, Othman, Suleiman",
    ),
    "persian": (
        "Mohammad, Mohammed, Reza, Ali, Hossein, Hussein, Ahmad, Mehdi, Farid, Amir, Jawad, "
        "Mustafa, Navid, Omid, Sayed",
        "Zahra, Maryam, Fatemeh, Shirin, Parisa, Sara, Nasrin, Mina, Leila, Samira, Hamida, Marzia",
        "Ahmadi, Hosseini, Husseini, Karimi, Rahimi, Rezaei, Mohammadi, Jafari, Sultani, Noori, "
        "Nuri, Hakimi, Popal, Sadat, Azizi, Haidari",
    ),
    "turkish": (
        "Mehmet, Mustafa, Ahmet, Emre, Burak, Can, Murat, Hüseyin, Hasan, Ömer, Yusuf, Kemal",
        "Ayşe, Elif, Zeynep, Fatma, Merve, Esra, Emine, Büşra, Derya, Gül",
        "Yılmaz, Yilmaz, Kaya, Demir, Şahin, Sahin, Çelik, Celik, Yıldız, Aydın, Öztürk, Arslan, "
        "Doğan, Kılıç, Koç",
    ),
    "ukrainian": (
        "Oleksandr, Olexandr, Alexander, Andrii, Andriy, Dmytro, Serhii, Sergiy, Mykola, "
        "Volodymyr, Ivan, Taras, Yurii, Maksym",
        "Olena, Oksana, Iryna, Natalia, Nataliia, Tetiana, Tatjana, Yuliia, Julija, Kateryna, "
        "Anastasiia, Olha, Viktoriia, Svitlana",
        "Kovalenko, Kowalenko, Shevchenko, Schewtschenko, Bondarenko, Tkachenko, Kravchenko, "
        "Melnyk, Melnik, Boiko, Koval, Petrenko, Savchenko, Lysenko, Marchenko, Moroz",
    ),
    "russian": (
        "Alexei, Aleksey, Dmitri, Dmitry, Sergei, Sergej, Andrei, Ivan, Nikolai, Pavel, Mikhail",
        "Natalia, Olga, Irina, Ekaterina, Tatiana, Anna, Elena, Svetlana, Marina, Yulia",
        "Ivanov, Iwanow, Smirnov, Kuznetsov, Popov, Sokolov, Volkov, Novikov, Morozov, Petrov, "
        "Lebedev, Kozlov",
    ),
    "balkan": (
        "Marko, Nikola, Stefan, Milan, Luka, Ivan, Dragan, Goran, Emir, Amar, Tomislav, Dejan",
        "Ana, Jelena, Ivana, Milica, Marija, Amra, Lejla, Maja, Sanja, Vesna",
        "Jovanović, Jovanovic, Petrović, Petrovic, Nikolić, Horvat, Kovačević, Kovacevic, Babić, "
        "Hodžić, Hodzic, Marić, Novak, Begović",
    ),
    "albanian": (
        "Arben, Blerim, Driton, Besnik, Agon, Fatmir, Valon, Ilir, Granit, Leotrim",
        "Besa, Arta, Blerta, Drita, Vlora, Albana, Teuta, Elira, Mimoza",
        "Krasniqi, Berisha, Gashi, Hoxha, Shala, Morina, Bytyqi, Kelmendi, Rexhepi, Hasani",
    ),
    "romanian": (
        "Andrei, Alexandru, Ionuț, Ionut, Mihai, Gabriel, Florin, Bogdan, Cristian, Vasile, Adrian",
        "Elena, Ioana, Maria, Andreea, Cristina, Mihaela, Alexandra, Gabriela, Daniela, Roxana",
        "Popescu, Ionescu, Popa, Dumitru, Stan, Stoica, Gheorghe, Rusu, Munteanu, Constantin, "
        "Matei, Lungu, Ciobanu",
    ),
    "polish": (
        "Piotr, Krzysztof, Tomasz, Paweł, Pawel, Michał, Marcin, Jakub, Łukasz, Lukas, Adam",
        "Anna, Katarzyna, Agnieszka, Magdalena, Joanna, Monika, Aleksandra, Ewa, Natalia",
        "Nowak, Kowalski, Kowalska, Wiśniewski, Wisniewski, Wójcik, Kowalczyk, Kamińska, "
        "Lewandowski, Zielińska, Szymański, Woźniak, Dąbrowski",
    ),
    "bulgarian": (
        "Georgi, Ivan, Dimitar, Nikolay, Hristo, Stoyan, Petar, Todor, Kaloyan",
        "Maria, Petya, Desislava, Elena, Gergana, Ivanka, Yordanka, Rositsa, Tsvetelina",
        "Ivanov, Georgiev, Dimitrov, Petrov, Nikolov, Hristov, Stoyanov, Todorov, Angelova, "
        "Petrova",
    ),
    "greek": (
        "Georgios, Giorgos, Nikolaos, Dimitrios, Konstantinos, Ioannis, Christos, Panagiotis",
        "Maria, Eleni, Katerina, Aikaterini, Sofia, Georgia, Vasiliki, Dimitra, Anastasia",
        "Papadopoulos, Georgiou, Nikolaidis, Papadaki, Pappas, Vasileiou, Konstantinidis, "
        "Oikonomou, Dimitriou, Karagiannis",
    ),
    "italian": (
        "Marco, Giuseppe, Luca, Francesco, Alessandro, Andrea, Matteo, Lorenzo, Davide, Stefano",
        "Giulia, Francesca, Chiara, Sara, Martina, Valentina, Elena, Alessia, Federica, Silvia",
        "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, "
        "Gallo, Conti, De Luca",
    ),
    "spanish": (
        "José, Jose, Juan, Carlos, Luis, Javier, Diego, Miguel, Alejandro, Andrés, Santiago, "
        "Daniel",
        "María, Maria, Carmen, Ana, Lucía, Valentina, Camila, Sofía, Laura, Paula, Daniela, "
        "Gabriela",
        "García, Garcia, Rodríguez, Rodriguez, Martínez, López, González, Gonzalez, Hernández, "
        "Pérez, Sánchez, Ramírez, Torres, Flores, Gómez",
    ),
    "portuguese": (
        "João, Joao, Pedro, Lucas, Gabriel, Rafael, Tiago, Bruno, Felipe, Mateus",
        "Ana, Beatriz, Juliana, Mariana, Fernanda, Camila, Larissa, Inês, Carolina",
        "Silva, Santos, Oliveira, Souza, Sousa, Pereira, Costa, Ferreira, Almeida, Rodrigues, "
        "Carvalho, Gomes",
    ),
    "french": (
        "Jean, Pierre, Thomas, Nicolas, Julien, Antoine, Mathieu, Louis, Hugo",
        "Camille, Marie, Léa, Lea, Sophie, Chloé, Manon, Julie, Claire, Élise",
        "Martin, Bernard, Dubois, Thomas, Robert, Petit, Durand, Moreau, Laurent, Lefèvre, Girard",
    ),
    "german": (
        "Thomas, Andreas, Stefan, Michael, Jan, Lukas, Felix, Tobias, Florian, Alexander",
        "Anna, Lena, Julia, Katharina, Laura, Sarah, Lisa, Johanna, Sophie, Hannah",
        "Müller, Mueller, Muller, Schmidt, Schmitt, Schneider, Fischer, Meyer, Maier, Meier, "
        "Weber, Wagner, Becker, Hoffmann, Schäfer, Schaefer",
    ),
    "english": (
        "James, John, Michael, David, Daniel, Christopher, Matthew, Ryan, Andrew, Kevin",
        "Sarah, Emily, Jessica, Emma, Olivia, Hannah, Rachel, Megan, Laura, Grace",
        "Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Anderson, "
        "Thompson, O'Brien",
    ),
    "dutch": (
        "Jan, Pieter, Lars, Mikael, Jonas, Sven, Bram, Erik, Mattias, Olav",
        "Sanne, Emma, Anne, Ingrid, Sofie, Freya, Linnea, Mette, Liisa, Eva",
        "de Vries, Jansen, Bakker, Visser, Andersson, Johansson, Nielsen, Hansen, Virtanen, "
        "Korhonen, Peeters, Janssens",
    ),
    "central": (
        "Jan, Petr, Tomáš, Martin, Lukáš, Zoltán, László, Gábor, Andrius, Jānis, Marek",
        "Tereza, Petra, Lucie, Katalin, Eszter, Zsófia, Rūta, Līga, Kristiina, Zuzana",
        "Novák, Novak, Svoboda, Dvořák, Horváth, Horvath, Nagy, Kovács, Kovacs, Tóth, Szabó, "
        "Kazlauskas, Bērziņš, Tamm, Kováč",
    ),
    "indian": (
        "Rahul, Amit, Vikram, Arjun, Rohan, Sanjay, Karthik, Rajesh, Suresh, Aditya, Venkat, "
        "Abhishek",
        "Priya, Ananya, Deepika, Kavya, Neha, Lakshmi, Divya, Pooja, Shreya, Meera, Aishwarya",
        "Sharma, Patel, Singh, Kumar, Reddy, Nair, Iyer, Gupta, Rao, Menon, Krishnan, "
        "Subramanian, Joshi, Chatterjee, Pillai",
    ),
    "southasian": (
        "Muhammad, Mohammad, Imran, Bilal, Usman, Rahim, Sujon, Nimal, Suresh, Bikash, Arif",
        "Ayesha, Sana, Fatima, Nusrat, Anjali, Sita, Tahmina, Dilini, Sabina, Farzana",
        "Khan, Ahmed, Hussain, Malik, Chaudhry, Rahman, Hossain, Islam, Perera, Fernando, "
        "Shrestha, Gurung, Siddiqui",
    ),
    "vietnamese": (
        "Anh, Minh, Huy, Tuấn, Tuan, Đức, Duc, Nam, Hùng, Long, Quang, Thanh",
        "Linh, Lan, Trang, Thảo, Thao, Hương, Huong, Ngọc, Mai, Hoa, Phương",
        "Nguyễn, Nguyen, Trần, Tran, Lê, Le, Phạm, Pham, Hoàng, Huynh, Vũ, Vu, Đặng, Bùi",
    ),
    "chinese": (
        "Wei, Lei, Jun, Hao, Yang, Jian, Ming, Tao, Bo, Chen, Xiaoming, Zhiwei",
        "Fang, Jing, Min, Li, Yan, Xiaoling, Mei, Hui, Ying, Xin, Yuting",
        "Wang, Li, Zhang, Liu, Chen, Yang, Zhao, Huang, Zhou, Wu, Xu, Sun, Lin",
    ),
    "eastasian": (
        "Min-jun, Ji-ho, Seo-jun, Haruto, Takumi, Kenji, Daisuke, Bat-Erdene, Yuto",
        "Ji-woo, Seo-yeon, Soo-jin, Yuki, Sakura, Aiko, Haruka, Saruul, Mio",
        "Kim, Lee, Park, Choi, Jung, Sato, Suzuki, Takahashi, Tanaka, Watanabe, Bold",
    ),
    "southeast": (
        "Jose, Mark, Budi, Agus, Somchai, Ahmad, Rizal, Dara, Aung, Nattapong",
        "Maria, Kristine, Putri, Siti, Dewi, Nurul, Malee, Sophea, Thida, Angelica",
        "Santos, Reyes, Cruz, Bautista, Garcia, Wijaya, Santoso, Pratama, Suryadi, Wong, Tan, "
        "Lim, Chan",
    ),
    "westafrican": (
        "Chinedu, Emeka, Oluwaseun, Tunde, Kwame, Kofi, Moussa, Mamadou, Ibrahim, Samuel, "
        "Ousmane, Yaw",
        "Ngozi, Adaeze, Amara, Folake, Aminata, Fatoumata, Abena, Blessing, Chiamaka, Mariama",
        "Okafor, Adeyemi, Okonkwo, Mensah, Boateng, Diallo, Traoré, Traore, Ndiaye, Balogun, Eze, "
        "Kamara, Ouédraogo, Camara",
    ),
    "eastafrican": (
        "Abdi, Yonas, Dawit, Mulugeta, Tesfay, Abdirahman, Mohamed, Daniel, Joseph, Bereket",
        "Senait, Hiwot, Amina, Faduma, Helen, Meron, Asha, Grace, Saba, Winta",
        "Tesfaye, Haile, Abebe, Gebremedhin, Mohamed, Warsame, Omondi, Kariuki, Tekle, Yohannes, "
        "Hussein, Mwangi",
    ),
    "caucasus": (
        "Giorgi, Levan, Davit, Armen, Tigran, Aram, Elvin, Rashad, Nika, Irakli",
        "Nino, Mariam, Tamar, Anahit, Lilit, Gayane, Aynur, Leyla, Salome, Ani",
        "Beridze, Kapanadze, Gelashvili, Petrosyan, Hovhannisyan, Sargsyan, Aliyev, Mammadova, "
        "Hasanov, Lomidze",
    ),
    "centralasian": (
        "Timur, Rustam, Aziz, Bakhtiyar, Daniyar, Nurlan, Farrukh, Sherzod, Azamat, Ruslan",
        "Dilnoza, Gulnara, Aigerim, Madina, Nigora, Aizhan, Zarina, Kamila, Shakhnoza",
        "Karimov, Rakhimov, Nurlanov, Abdullaeva, Tashkentova, Sultanov, Umarov, Ismailov, "
        "Akhmetov, Yusupov",
    ),
}


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(","))


NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    region: (_split(men), _split(women), _split(family))
    for region, (men, women, family) in NAME_TABLE.items()
}

# --- What people do and ask -----------------------------------------------------------------------
# (profession, qualification, regulated, German reference occupation, weight)
PROFESSIONS: tuple[tuple[str, str, bool, str, float], ...] = (
    ("Pflegefachkraft", "Bachelor of Science in Nursing", True, "Pflegefachfrau/Pflegefachmann", 9),
    ("Ärztin/Arzt", "Medizinstudium (MBBS)", True, "Ärztin/Arzt", 4),
    ("Zahnärztin/Zahnarzt", "Studium der Zahnmedizin", True, "Zahnärztin/Zahnarzt", 1),
    ("Apotheker*in", "Pharmaziestudium", True, "Apotheker*in", 1),
    ("Physiotherapeut*in", "Bachelor Physiotherapie", True, "Physiotherapeut*in", 2),
    ("Lehrer*in", "Lehramtsstudium Mathematik und Physik", True, "Lehrkraft", 2),
    ("Erzieher*in", "Abschluss in frühkindlicher Pädagogik", True, "Staatlich anerkannte*r "
     "Erzieher*in", 3),
    ("Maschinenbauingenieur*in", "Master Maschinenbau", False, "Ingenieur*in Maschinenbau", 5),
    ("Elektroingenieur*in", "Bachelor Elektrotechnik", False, "Ingenieur*in Elektrotechnik", 4),
    ("Bauingenieur*in", "Bachelor Bauingenieurwesen", False, "Bauingenieur*in", 2),
    ("Softwareentwickler*in", "Bachelor Informatik", False, "Informatiker*in", 7),
    ("IT-Systemadministrator*in", "Diplom Informationstechnik", False, "Fachinformatiker*in", 3),
    ("Data Scientist", "Master Data Science", False, "Informatiker*in", 2),
    ("Architekt*in", "Master Architektur", True, "Architekt*in", 1),
    ("Kfz-Mechatroniker*in", "Berufsausbildung Kfz-Technik", False, "Kfz-Mechatroniker*in", 3),
    ("Elektriker*in", "Berufsausbildung Elektroinstallation", False,
     "Elektroniker*in für Energie- und Gebäudetechnik", 3),
    ("Köchin/Koch", "Berufsausbildung Koch", False, "Köchin/Koch", 2),
    ("Buchhalter*in", "Bachelor Accounting", False, "Steuerfachangestellte*r", 2),
    ("Berufskraftfahrer*in", "Führerschein Klasse CE", False, "Berufskraftfahrer*in", 2),
    ("Hotelfachkraft", "Berufsausbildung Hotelfach", False, "Hotelfachfrau/Hotelfachmann", 1),
)  # fmt: skip
RESEARCH = (
    ("Wissenschaftliche*r Mitarbeiter*in", "Promotion (PhD) in Chemie"),
    ("Postdoc", "Promotion (PhD) in Informatik"),
    ("Wissenschaftliche*r Mitarbeiter*in", "Promotion (PhD) in Materialwissenschaften"),
    ("Gastwissenschaftler*in", "Promotion (PhD) in Biologie"),
)
STUDIES = ("Bachelor Maschinenbau", "Bachelor Informatik", "Abitur", "Bachelor Wirtschaft", "")

#: Subtopics each target group asks about, with weights (the Welcome Center's topic mix).
TOPIC_MIX: dict[str, str] = {
    "skilled-worker": "residence-title 9, residence-visa 6, residence-blue-card 6, "
    "recognition-regulated 6, recognition-professional 6, recognition-academic 4, "
    "work-job-search 7, work-application 4, work-rights 3, language-job-german 5, "
    "language-certificates 2, housing-search 6, registration-address 4, registration-tax-id 3, "
    "family-reunification 4, family-childcare 2, health-insurance 3, money-bank 2, money-taxes 2",
    "student": "studies-admission 8, studies-financing 5, studies-work 6, residence-title 6, "
    "residence-visa 4, housing-search 5, health-insurance 4, language-certificates 3, "
    "registration-address 3, money-bank 2, work-job-search 3",
    "eu-citizen": "residence-eu 6, work-job-search 9, work-application 6, work-rights 6, "
    "recognition-professional 5, recognition-regulated 3, language-integration-course 4, "
    "language-job-german 5, housing-search 7, housing-rent 4, registration-address 6, "
    "registration-tax-id 5, health-insurance 6, benefits-family 3, family-school 3, "
    "family-childcare 3, money-bank 2, everyday-community 2",
    "family-member": "family-reunification 6, family-childcare 7, family-school 6, "
    "family-partner-work 6, language-integration-course 8, residence-title 6, "
    "registration-address 3, health-insurance 3, benefits-family 4, everyday-community 3, "
    "everyday-clubs 2",
    "researcher": "residence-blue-card 7, residence-title 5, family-reunification 5, "
    "family-childcare 5, housing-search 7, health-insurance 4, money-taxes 3, "
    "registration-address 3, language-informal 3, everyday-clubs 2",
    "apprentice": "work-apprenticeship 10, language-job-german 6, residence-title 5, "
    "residence-visa 3, housing-search 4, recognition-professional 2, money-bank 2, "
    "registration-address 2",
    "self-employed": "work-self-employment 10, money-taxes 6, residence-title 6, "
    "health-other-insurance 3, health-insurance 3, registration-documents 2, money-bank 2",
    "refugee": "asylum-procedure 8, asylum-legal-advice 5, asylum-temporary-protection 6, "
    "residence-title 6, language-integration-course 9, benefits-asylum-seekers 4, "
    "benefits-citizens-income 5, housing-search 6, housing-temporary 4, "
    "recognition-professional 4, recognition-regulated 2, work-job-search 5, "
    "work-apprenticeship 3, family-reunification 4, family-school 3, health-mental 2, "
    "health-doctors 2, registration-documents 3, everyday-volunteering 2",
    "other": "residence-settlement 6, residence-title 5, language-integration-course 4, "
    "work-job-search 4, housing-search 4, registration-documents 3, health-insurance 2, "
    "money-debt 2, everyday-community 2",
}

#: (notes, outcome, next steps) per top-level topic: what a counselor writes down.
TOPIC_TEXTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "residence": (
        ("Aufenthaltserlaubnis läuft in drei Monaten ab; Termin bei der Ausländerbehörde offen.",
         "Unterlagen für die Verlängerung besprochen.",
         "Termin bei der Ausländerbehörde online buchen."),
        ("Fragen zum Wechsel von der Blauen Karte zur Niederlassungserlaubnis.",
         "Voraussetzungen erklärt (Beschäftigungszeit, Sprachniveau).",
         "Sprachzertifikat B1 nachreichen."),
        ("Visum zur Arbeitsplatzsuche: Ablauf und Nachweise besprochen.",
         "Checkliste für die Botschaft mitgegeben.",
         "Finanzierungsnachweis (Sperrkonto) klären."),
    ),
    "recognition": (
        ("Abschluss aus dem Herkunftsland; Zeugnisse liegen im Original vor.",
         "Anerkennungsverfahren und zuständige Stelle erklärt.",
         "Beglaubigte Übersetzungen besorgen, dann Antrag stellen."),
        ("Bescheid mit Ausgleichsmaßnahme erhalten: Kenntnisprüfung oder Anpassungslehrgang?",
         "Optionen verglichen, Anpassungslehrgang bevorzugt.",
         "Bei Bildungsträgern nach freien Plätzen fragen."),
        ("Hochschulabschluss: Zeugnisbewertung bei der ZAB ist sinnvoll.",
         "Unterschied zwischen Anerkennung und Zeugnisbewertung erklärt.",
         "Antrag auf Zeugnisbewertung online stellen."),
    ),
    "work": (
        ("Sucht eine Stelle; Lebenslauf noch nicht an deutsche Gepflogenheiten angepasst.",
         "Hinweise zu Lebenslauf und Anschreiben gegeben.",
         "Überarbeiteten Lebenslauf per E-Mail schicken."),
        ("Arbeitsvertrag zur Durchsicht mitgebracht; Fragen zu Probezeit und Kündigungsfrist.",
         "Vertragsklauseln erklärt, nichts Auffälliges.", ""),
        ("Interesse an einer Ausbildung.",
         "Ausbildungsberufe und Bewerbungsfristen besprochen.",
         "Termin bei der Berufsberatung der Agentur für Arbeit vereinbaren."),
    ),
    "language": (
        ("Möchte Deutsch lernen, aktuell etwa Niveau A2.",
         "Integrationskurs und Berufssprachkurs erklärt.",
         "Berechtigung beim BAMF beantragen."),
        ("Sucht einen Abendkurs neben der Arbeit.",
         "Abendkurse und Sprachcafés vorgestellt.",
         "Einstufungstest bei der VHS machen."),
    ),
    "housing": (
        ("Wohnt befristet zur Untermiete, sucht eine Wohnung.",
         "Wohnungssuche und übliche Unterlagen besprochen (SCHUFA, Einkommensnachweis).",
         "Suchaufträge auf Wohnungsportalen anlegen."),
        ("Fragen zur Nebenkostenabrechnung.",
         "Abrechnung gemeinsam durchgesehen.",
         "Bei Unklarheiten den Mieterverein fragen."),
    ),
    "registration": (
        ("Wohnsitz noch nicht angemeldet; Wohnungsgeberbestätigung fehlt.",
         "Ablauf der Anmeldung erklärt.", "Termin beim Bürgerbüro buchen."),
        ("Steuer-ID ist nicht angekommen.",
         "Weg zur Steuer-ID beim Bundeszentralamt erklärt.",
         "In zwei Wochen erneut nachfragen."),
    ),
    "family": (
        ("Partner*in soll nachziehen; Fragen zu Sprachnachweis und Wohnraum.",
         "Voraussetzungen für den Familiennachzug erklärt.",
         "Unterlagen für die Botschaft zusammenstellen."),
        ("Sucht Kita-Plätze für zwei Kinder.",
         "Kita-Anmeldung über das Portal der Stadt erklärt.",
         "Kinder online vormerken lassen."),
    ),
    "studies": (
        ("Möchte ein Masterstudium beginnen; Fragen zu Zulassung und uni-assist.",
         "Bewerbungswege erklärt.", "Fristen der Wunschhochschulen prüfen."),
        ("Sucht einen Nebenjob während des Studiums.",
         "Regeln zur Arbeitszeit im Studium erklärt.", ""),
    ),
    "health": (
        ("Krankenversicherung unklar nach dem Jobwechsel.",
         "Gesetzliche und private Versicherung erklärt.",
         "Krankenkasse wählen und Mitgliedschaft beantragen."),
        ("Sucht eine Hausarztpraxis, die Englisch spricht.",
         "Arztsuche über die Kassenärztliche Vereinigung gezeigt.", ""),
    ),
    "money": (
        ("Braucht ein Girokonto, hat noch keine Meldebescheinigung.",
         "Basiskonto erklärt.", "Bei zwei Banken nach einem Basiskonto fragen."),
    ),
    "everyday": (
        ("Möchte Leute kennenlernen, Interesse an einem Sportverein.",
         "Vereine und Begegnungsangebote vorgestellt.", ""),
    ),
    "asylum": (
        ("Anhörung beim BAMF steht bevor.",
         "Ablauf der Anhörung erklärt; Rechtsberatung empfohlen.",
         "Termin bei der Asylverfahrensberatung vereinbaren."),
        ("Aufenthaltserlaubnis nach § 24 läuft aus.",
         "Verlängerung und Wechselmöglichkeiten besprochen.",
         "Antrag bei der Ausländerbehörde stellen."),
    ),
    "benefits": (
        ("Fragen zu Kindergeld und Elterngeld.",
         "Anspruch und Antragswege erklärt.", "Antrag bei der Familienkasse stellen."),
        ("Bürgergeld-Bescheid zur Prüfung mitgebracht.",
         "Bescheid erklärt, Fristen markiert.", "Unterlagen beim Jobcenter nachreichen."),
    ),
}  # fmt: skip

REFERRAL_REASONS: dict[str, tuple[str, ...]] = {
    "residence": ("Fragen zum Aufenthaltstitel klären", "Verlängerung vorbereiten"),
    "recognition": ("Anerkennungsberatung für den Abschluss", "Unterstützung beim Antrag"),
    "work": ("Unterstützung bei der Stellensuche", "Bewerbungsunterlagen prüfen lassen"),
    "language": ("Anmeldung zum Deutschkurs", "Einstufung und Kursplatz"),
    "housing": ("Unterstützung bei der Wohnungssuche", "Beratung zum Mietvertrag"),
    "registration": ("Hilfe bei Anmeldung und Dokumenten",),
    "family": ("Kita-Platz und Schulanmeldung", "Beratung zum Familiennachzug"),
    "studies": ("Beratung zu Zulassung und Studienfinanzierung",),
    "health": ("Krankenversicherung klären", "Psychosoziale Unterstützung"),
    "money": ("Kontoeröffnung", "Schuldnerberatung"),
    "everyday": ("Kontakte im Stadtteil", "Begleitung durch Ehrenamtliche"),
    "asylum": ("Rechtsberatung im Asylverfahren", "Verfahrensberatung"),
    "benefits": ("Antrag auf Leistungen", "Bescheid prüfen lassen"),
}
FOLLOW_UP_TITLES: dict[str, tuple[str, ...]] = {
    "residence": ("Nachfragen: Termin bei der Ausländerbehörde", "Fiktionsbescheinigung prüfen"),
    "recognition": ("Nachfragen, ob die Übersetzungen da sind", "Anerkennungsbescheid besprechen"),
    "work": ("Rückmeldung zur Bewerbung einholen", "Lebenslauf-Feedback schicken"),
    "language": ("Anmeldung zum Integrationskurs bestätigen", "Nach dem Einstufungstest fragen"),
    "housing": ("Rückruf wegen Wohnungssuche",),
    "registration": ("Nachfragen: Steuer-ID angekommen?",),
    "family": ("Nach dem Kita-Platz fragen", "Unterlagen für den Familiennachzug prüfen"),
    "studies": ("Zulassungsbescheid besprechen",),
    "health": ("Nachfragen: Krankenkasse gewählt?",),
    "money": ("Nachfragen: Konto eröffnet?",),
    "everyday": ("Kontakt zum Verein vermitteln",),
    "asylum": ("Nach der Anhörung melden",),
    "benefits": ("Nachfragen: Bescheid erhalten?",),
}
OUTCOMES_BY_GROUP: dict[str, tuple[str, ...]] = {
    "skilled-worker": ("job_started", "recognition_applied", "language_course_started",
                       "residence_title_obtained", "moved_to_region"),
    "student": ("studies_started", "residence_title_obtained", "language_course_started"),
    "eu-citizen": ("job_started", "language_course_started", "recognition_applied"),
    "family-member": ("language_course_started", "job_started", "residence_title_obtained"),
    "researcher": ("residence_title_obtained", "job_started", "moved_to_region"),
    "apprentice": ("apprenticeship_started", "language_course_started"),
    "self-employed": ("residence_title_obtained", "job_started"),
    "refugee": ("language_course_started", "residence_title_obtained", "job_started",
                "apprenticeship_started"),
    "other": ("language_course_started", "job_started"),
}  # fmt: skip
OUTCOME_NOTES: dict[str, tuple[str, ...]] = {
    "job_started": ("Stelle in einem Klinikum", "Stelle bei einem Automobilzulieferer",
                    "Stelle in einem Softwareunternehmen", "Minijob im Einzelhandel", ""),
    "recognition_applied": ("Antrag beim Regierungspräsidium gestellt", ""),
    "language_course_started": ("Integrationskurs bei der VHS", "Berufssprachkurs B2", ""),
    "residence_title_obtained": ("Blaue Karte EU erteilt", "Aufenthaltserlaubnis verlängert", ""),
    "apprenticeship_started": ("Ausbildung zur Pflegefachkraft", "Ausbildung im Handwerk", ""),
    "moved_to_region": ("Eingereist und angemeldet", ""),
    "studies_started": ("Masterstudium an der Universität", "Studienkolleg", ""),
    "recognition_granted": ("Volle Gleichwertigkeit", "Teilweise Gleichwertigkeit"),
}  # fmt: skip

# --- Places ---------------------------------------------------------------------------------------
STUTTGART_CODES = ("70173", "70176", "70178", "70180", "70190", "70192", "70372", "70435",
                   "70469", "70563", "70597", "70599")  # fmt: skip
MUNICIPALITIES: dict[str, tuple[tuple[str, str, float], ...]] = {
    "stuttgart": (
        ("Stuttgart", "", 70), ("Esslingen am Neckar", "73728", 5), ("Ludwigsburg", "71634", 5),
        ("Böblingen", "71032", 4), ("Sindelfingen", "71063", 4), ("Leonberg", "71229", 3),
        ("Fellbach", "70734", 3), ("Filderstadt", "70794", 2),
    ),
    "region-stuttgart": (
        ("Esslingen am Neckar", "73728", 14), ("Ludwigsburg", "71634", 14),
        ("Waiblingen", "71332", 10), ("Böblingen", "71032", 10), ("Göppingen", "73033", 8),
        ("Nürtingen", "72622", 6), ("Backnang", "71522", 5), ("Kirchheim unter Teck", "73230", 5),
        ("Schorndorf", "73614", 4), ("Leinfelden-Echterdingen", "70771", 5),
    ),
    "braunschweig": (
        ("Braunschweig", "38100", 55), ("Wolfsburg", "38440", 15), ("Salzgitter", "38226", 10),
        ("Wolfenbüttel", "38300", 8), ("Peine", "31224", 5), ("Goslar", "38640", 4),
        ("Gifhorn", "38518", 3),
    ),
}  # fmt: skip
ELSEWHERE_IN_GERMANY = ("München", "Berlin", "Frankfurt am Main", "Karlsruhe", "Ulm",
                        "Mannheim", "Hamburg", "Köln", "Hannover", "Leipzig")  # fmt: skip
STREETS = ("Königstraße", "Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße",
           "Neckarstraße", "Rosenstraße", "Lindenstraße", "Gartenstraße", "Kirchstraße",
           "Wilhelmstraße", "Mozartstraße", "Schulstraße", "Am Markt")  # fmt: skip
MAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example", "post.example")


# --- Helpers --------------------------------------------------------------------------------------


class Weighted(Generic[T]):
    """Weighted choices: drawn at random, or spread over a batch so every item gets its share."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        kept = [(item, weight) for item, weight in pairs if weight > 0]
        self.items = [item for item, _weight in kept]
        self.cumulative = list(itertools.accumulate(weight for _item, weight in kept))
        self.total = self.cumulative[-1]

    def _at(self, position: float) -> T:
        index = bisect.bisect_right(self.cumulative, position)
        return self.items[min(index, len(self.items) - 1)]

    def choice(self, rng: random.Random) -> T:
        return self._at(rng.random() * self.total)

    def spread(self, rng: random.Random, count: int) -> list[T]:
        """`count` draws, shuffled, in which each item appears its expected number of times
        rounded up or down (systematic sampling): the long tail of rare countries is present
        in every batch large enough for it, not only when the dice allow."""
        if count <= 0:
            return []
        step = self.total / count
        start = rng.random() * step
        drawn = [self._at(start + index * step) for index in range(count)]
        rng.shuffle(drawn)
        return drawn


def _parse_mix(text: str) -> Weighted[str]:
    pairs = []
    for part in text.split(","):
        slug, weight = part.split()
        pairs.append((slug, float(weight)))
    return Weighted(pairs)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss").replace("ł", "l"))
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _weekday(day: dt.date, today: dt.date) -> dt.date:
    """Move a weekend day to the Friday before (or the Monday after, when that has passed)."""
    weekday = day.weekday()
    if weekday == 5:
        return day - dt.timedelta(days=1)
    if weekday == 6:
        monday = day + dt.timedelta(days=1)
        return monday if monday < today else day - dt.timedelta(days=2)
    return day


def _office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    """A time in office hours (9:00–16:30, five-minute steps) on `day`, in local time."""
    minutes = 9 * 60 + 5 * rng.randrange(91)
    return dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=BERLIN)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


@dataclass
class Counts:
    """What a run added; `countries` and `free_movement` are about the people added."""

    people: int = 0
    consultations: int = 0
    anonymous: int = 0
    referrals: int = 0
    free_movement: int = 0
    countries: set[str] = field(default_factory=set)

    def add(self, other: Counts) -> None:
        self.people += other.people
        self.consultations += other.consultations
        self.anonymous += other.anonymous
        self.referrals += other.referrals
        self.free_movement += other.free_movement
        self.countries |= other.countries

    def summary(self) -> str:
        share = 100 * self.free_movement / self.people if self.people else 0.0
        return (
            f"Counseling: {self.people:,} people, {self.consultations:,} consultations "
            f"({self.anonymous:,} anonymous), {self.referrals:,} referrals, "
            f"{len(self.countries)} countries of origin, EU/EEA/CH share {share:.1f} %."
        )


@dataclass(frozen=True)
class ServiceRef:
    pk: int
    office_id: int
    email: str


@dataclass
class Refs:
    """The taxonomies and directory services the generator points at, loaded once."""

    origins: dict[str, Origin]
    free_movement: frozenset[str]
    languages: frozenset[str]
    groups: dict[str, int]
    statuses: dict[str, int]
    topics: dict[str, int]
    topic_parent: dict[int, str]
    services_by_topic: dict[int, list[ServiceRef]]
    services_by_parent: dict[str, list[ServiceRef]]
    service_emails: dict[int, str]


def load_refs() -> Refs:
    """Read the taxonomies and the directory's open services; drop what the database lacks."""
    countries = dict(Country.objects.values_list("code", "group"))
    languages = frozenset(Language.objects.values_list("code", flat=True))
    zones = zoneinfo.available_timezones()
    origins = {}
    for code, origin in ORIGINS.items():
        if code not in countries:
            continue
        spoken = tuple(language for language in origin.languages if language in languages)
        zone = origin.zone if origin.zone in zones else ""
        origins[code] = Origin(
            code,
            origin.weight,
            origin.refugee_weight,
            origin.names,
            spoken or ("en",),
            zone,
            origin.calling,
        )
    topics = {}
    topic_parent = {}
    for pk, slug, parent_slug in Topic.objects.values_list("pk", "slug", "parent__slug"):
        topics[slug] = pk
        topic_parent[pk] = parent_slug or slug
    by_topic: dict[int, list[ServiceRef]] = {}
    by_parent: dict[str, list[ServiceRef]] = {}
    rows = (
        Service.topics.through.objects.filter(service__is_archived=False)
        .order_by("service_id", "topic_id")
        .values_list("topic_id", "service_id", "service__owner_office_id", "service__email")
    )
    for topic_id, service_id, office_id, email in rows:
        ref = ServiceRef(service_id, office_id, email)
        by_topic.setdefault(topic_id, []).append(ref)
        by_parent.setdefault(topic_parent.get(topic_id, ""), []).append(ref)
    return Refs(
        origins=origins,
        free_movement=frozenset(
            code for code, group in countries.items() if group != CountryGroup.THIRD
        ),
        languages=languages,
        groups=dict(TargetGroup.objects.values_list("slug", "pk")),
        statuses=dict(ResidenceStatus.objects.values_list("slug", "pk")),
        topics=topics,
        topic_parent=topic_parent,
        services_by_topic=by_topic,
        services_by_parent=by_parent,
        service_emails={ref.pk: ref.email for refs in by_topic.values() for ref in refs},
    )


# --- The generator ------------------------------------------------------------------------------


@dataclass(slots=True)
class Spec:
    """One person before it is written: its facts and its consultation times."""

    origin: Origin
    refugee: bool
    first_day: dt.date
    female: bool = False
    given: str = ""
    family: str = ""
    group: str = "other"
    status: str = ""
    whereabouts: str = Whereabouts.REGION
    municipality: str = ""
    abroad: str = ""
    profession: tuple[str, str, bool, str, float] | None = None
    counselor: User | None = None
    times: list[dt.datetime] = field(default_factory=list)
    spoken: list[str] = field(default_factory=list)
    person: Person | None = None


class Generator:
    """Writes people with their history for one office, batch by batch (see `generate`)."""

    def __init__(
        self,
        office: Office,
        counselors: Sequence[User],
        *,
        rng: random.Random,
        refs: Refs,
        today: dt.date,
        consultations_per_person: float,
        demo_counselor: User | None,
        anonymous_share: float = ANONYMOUS_SHARE,
    ) -> None:
        if not counselors:
            raise ValueError(f"{office} has no counselors to record consultations.")
        self.office = office
        self.counselors = list(counselors)
        self.rng = rng
        self.refs = refs
        self.today = today
        self.start = today - dt.timedelta(days=364)
        self.mean = consultations_per_person
        self.anonymous_share = anonymous_share
        self.demo_counselor = demo_counselor if demo_counselor in self.counselors else None
        self.demo_todo = {
            "today": DEMO_FOLLOW_UPS_TODAY,
            "overdue": DEMO_FOLLOW_UPS_OVERDUE,
            "soon": DEMO_FOLLOW_UPS_SOON,
            "referrals": DEMO_OVERDUE_REFERRALS,
        }
        self.sequences: dict[int, int] = {}
        origins = refs.origins.values()
        free = [(o, o.weight) for o in origins if o.code in refs.free_movement]
        third = [(o, o.weight) for o in origins if o.code not in refs.free_movement]
        free_total = sum(weight for _o, weight in free) or 1.0
        third_total = sum(weight for _o, weight in third) or 1.0
        # Scale both blocks so the free-movement countries hold their share of non-refugees.
        self.settled = Weighted(
            [(o, w * FREE_MOVEMENT_SHARE / free_total) for o, w in free]
            + [(o, w * (1 - FREE_MOVEMENT_SHARE) / third_total) for o, w in third]
        )
        self.refugees = Weighted([(o, o.refugee_weight) for o in origins])
        self.topic_mix = {group: _parse_mix(text) for group, text in TOPIC_MIX.items()}
        places = MUNICIPALITIES.get(office.slug, MUNICIPALITIES["stuttgart"])
        self.places = Weighted([((name, code), weight) for name, code, weight in places])
        self.postal_codes = {name: code for name, code, _weight in places}
        self.professions = Weighted([(row, row[4]) for row in PROFESSIONS])

    # People ------------------------------------------------------------------------------------

    def _first_day(self) -> dt.date:
        # Somewhat more people came recently: the center grows.
        offset = int(364 * self.rng.random() ** 0.85)
        return _weekday(self.start + dt.timedelta(days=offset), self.today)

    def _refugee_share(self, day: dt.date) -> float:
        low, high = REFUGEE_SHARE
        return low + (high - low) * (day - self.start).days / 364

    def _specs(self, size: int) -> list[Spec]:
        rng = self.rng
        days = sorted(self._first_day() for _ in range(size))
        refugee = [rng.random() < self._refugee_share(day) for day in days]
        fled = iter(self.refugees.spread(rng, sum(refugee)))
        settled = iter(self.settled.spread(rng, size - sum(refugee)))
        specs = [
            Spec(
                origin=next(fled) if is_refugee else next(settled),
                refugee=is_refugee,
                first_day=day,
            )
            for day, is_refugee in zip(days, refugee, strict=True)
        ]
        for spec in specs:
            self._describe(spec)
        return specs

    def _describe(self, spec: Spec) -> None:
        rng = self.rng
        origin = spec.origin
        men, women, family = NAMES[origin.names]
        spec.female = rng.random() < 0.5
        spec.given = rng.choice(women if spec.female else men)
        spec.family = rng.choice(family)
        spec.counselor = rng.choice(self.counselors)
        free = origin.code in self.refs.free_movement
        if spec.refugee:
            spec.group = "refugee"
            if origin.code == "UA":
                spec.status = "temporary-protection" if rng.random() < 0.9 else "protection"
            else:
                spec.status = rng.choices(
                    ("asylum-seeker", "protection", "toleration"), (45, 45, 10)
                )[0]
        else:
            abroad = rng.random() < (0.08 if free else 0.13)
            if abroad:
                spec.whereabouts = Whereabouts.ABROAD
                elsewhere = ABROAD_ELSEWHERE.get(origin.code)
                spec.abroad = origin.code
                if elsewhere in self.refs.origins and rng.random() < 0.25:
                    spec.abroad = elsewhere
            if free:
                spec.group = rng.choices(
                    (
                        "eu-citizen",
                        "skilled-worker",
                        "student",
                        "family-member",
                        "apprentice",
                        "researcher",
                        "self-employed",
                    ),
                    (60, 20, 8, 5, 4, 2, 1),
                )[0]
                spec.status = "eu-free-movement"
            elif abroad:
                spec.group = rng.choices(
                    ("skilled-worker", "student", "apprentice", "researcher"), (70, 15, 10, 5)
                )[0]
                spec.status = "abroad-no-title" if rng.random() < 0.6 else "visa"
            else:
                spec.group = rng.choices(
                    (
                        "skilled-worker",
                        "student",
                        "family-member",
                        "apprentice",
                        "researcher",
                        "self-employed",
                        "other",
                    ),
                    (42, 15, 12, 8, 5, 3, 5),
                )[0]
                spec.status = self._third_country_status(spec.group)
        if spec.whereabouts != Whereabouts.ABROAD:
            if rng.random() < 0.1:
                spec.whereabouts = Whereabouts.GERMANY
                spec.municipality = rng.choice(ELSEWHERE_IN_GERMANY)
            else:
                spec.municipality = self.places.choice(rng)[0]
        chance = {"skilled-worker": 1.0, "eu-citizen": 0.5, "refugee": 0.4, "family-member": 0.3}
        if spec.group == "researcher":
            spec.profession = (*rng.choice(RESEARCH), False, "", 1.0)
        elif rng.random() < chance.get(spec.group, 0.15):
            spec.profession = self.professions.choice(rng)

    def _third_country_status(self, group: str) -> str:
        options = {
            "skilled-worker": (
                ("skilled-work", 50),
                ("blue-card", 25),
                ("recognition-measures", 10),
                ("settlement", 10),
                ("other", 5),
            ),
            "student": (("studies-training", 1),),
            "apprentice": (("studies-training", 7), ("visa", 3)),
            "researcher": (("blue-card", 1), ("skilled-work", 1)),
            "family-member": (("family", 85), ("settlement", 15)),
            "self-employed": (("other", 1), ("settlement", 1)),
            "other": (("settlement", 4), ("other", 3), ("german-citizen", 2), ("toleration", 1)),
        }[group]
        return self.rng.choices([slug for slug, _w in options], [w for _s, w in options])[0]

    def _households(self, specs: list[Spec]) -> list[tuple[int, int, str]]:
        """Link family members to someone of the same origin (sharing the family name), and
        some refugee families: (index, index of the relative, relation) pairs."""
        rng = self.rng
        links: list[tuple[int, int, str]] = []
        principals: dict[str, list[int]] = {}
        for index, spec in enumerate(specs):
            if spec.group in ("skilled-worker", "researcher", "refugee", "eu-citizen"):
                principals.setdefault(spec.origin.code, []).append(index)
        taken: set[int] = set()
        for index, spec in enumerate(specs):
            if spec.group != "family-member" and not (spec.refugee and rng.random() < 0.12):
                continue
            if index in taken:
                continue
            candidates = [i for i in principals.get(spec.origin.code, ()) if i not in taken]
            candidates = [i for i in candidates if i != index]
            if not candidates:
                continue
            other = rng.choice(candidates[:20])
            taken.update((index, other))
            relation = Relation.SPOUSE
            if spec.refugee and rng.random() < 0.35:
                relation = rng.choice((Relation.PARENT, Relation.SIBLING))
            spec.family = specs[other].family
            spec.counselor = specs[other].counselor
            if relation == Relation.SPOUSE:
                spec.female = not specs[other].female
                men, women, _family = NAMES[spec.origin.names]
                spec.given = rng.choice(women if spec.female else men)
            links.append((index, other, relation))
        return links

    def _consultation_count(self) -> int:
        if self.mean <= 2.5:
            # The realistic demo: most people come once or twice, a few up to four times.
            return self.rng.choices((1, 2, 3, 4), (45, 30, 15, 10))[0]
        return min(MAX_CONSULTATIONS, 1 + round(self.rng.expovariate(1 / (self.mean - 1))))

    def _schedule(self, spec: Spec) -> None:
        rng = self.rng
        yesterday = self.today - dt.timedelta(days=1)
        first = min(spec.first_day, yesterday)
        days = [first]
        span = (yesterday - first).days
        day = first
        for _ in range(self._consultation_count() - 1):
            if self.mean <= 2.5:
                day = day + dt.timedelta(days=3 + int(rng.expovariate(1 / 20)))
                if day > yesterday:
                    day = first + dt.timedelta(days=rng.randint(0, span))
                days.append(day)
            else:
                days.append(first + dt.timedelta(days=rng.randint(0, span)))
        spec.times = sorted(_office_time(rng, _weekday(day, self.today)) for day in days)
        spec.first_day = spec.times[0].date()

    def _number(self, year: int) -> tuple[str, int]:
        if year not in self.sequences:
            counter = (
                ClientNumberCounter.objects.filter(office=self.office, year=year)
                .values_list("last", flat=True)
                .first()
            )
            highest = Person.objects.filter(office=self.office, number_year=year).aggregate(
                Max("number_sequence")
            )["number_sequence__max"]
            self.sequences[year] = max(counter or 0, highest or 0)
        self.sequences[year] += 1
        sequence = self.sequences[year]
        return f"{self.office.client_prefix}-{year}-{sequence:05d}", sequence

    def _person(self, spec: Spec) -> Person:
        rng = self.rng
        origin = spec.origin
        full = f"{spec.given} {spec.family}"
        display = full if rng.random() < 0.9 else spec.given
        legal = full if display != full or rng.random() < 0.5 else ""
        if legal and rng.random() < 0.15:
            men, women, _family = NAMES[origin.names]
            middle = rng.choice(women if spec.female else men)
            if middle != spec.given:
                legal = f"{spec.given} {middle} {spec.family}"
        email = ""
        if rng.random() < 0.75:
            local = rng.choice(
                (
                    f"{_ascii(spec.given)}.{_ascii(spec.family)}",
                    f"{_ascii(spec.given)}{_ascii(spec.family)}{rng.randint(1, 99)}",
                    f"{_ascii(spec.given)[:1]}{_ascii(spec.family)}{rng.randint(70, 99)}",
                )
            )
            email = f"{local}@{rng.choice(MAIL_DOMAINS)}"
        phone = ""
        abroad = spec.whereabouts == Whereabouts.ABROAD
        if rng.random() < 0.8:
            if abroad:
                calling = ORIGINS[spec.abroad].calling if spec.abroad in ORIGINS else ""
                if calling:
                    phone = f"+{calling} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}"
            else:
                prefix = rng.choice(("151", "152", "157", "160", "162", "170", "176", "178"))
                number = rng.randint(1000000, 99999999)
                phone = rng.choice((f"+49 {prefix} {number}", f"0{prefix} {number}"))
        address = ""
        if spec.whereabouts == Whereabouts.REGION and rng.random() < 0.5:
            code = self.postal_codes.get(spec.municipality, "") or rng.choice(STUTTGART_CODES)
            address = f"{rng.choice(STREETS)} {rng.randint(1, 120)}\n{code} {spec.municipality}"
        arrival, planned = None, False
        if abroad:
            if rng.random() < 0.5:
                arrival, planned = self.today + dt.timedelta(days=rng.randint(20, 240)), True
        elif rng.random() < 0.8:
            arrival = spec.first_day - dt.timedelta(days=rng.randint(3, 900))
        profession, qualification, pending = "", "", False
        if spec.profession:
            profession, qualification, regulated, _ref, _w = spec.profession
            pending = rng.random() < (0.4 if regulated else 0.08)
        elif spec.group == "student":
            qualification = rng.choice(STUDIES)
        year = spec.times[0].year
        number, sequence = self._number(year)
        created = spec.times[0] - dt.timedelta(minutes=rng.randint(1, 10))
        preferred = origin.main_language
        if preferred not in settings.LOTSE_LANGUAGES:
            preferred = "en" if rng.random() < 0.7 else "de"
        person = Person(
            office=self.office,
            subject=_uuid(rng),
            client_number=number,
            number_year=year,
            number_sequence=sequence,
            display_name=display,
            full_name=legal,
            email=email,
            phone=phone,
            phone_digits=digits(phone),
            address=address,
            preferred_language_id=preferred if preferred in self.refs.languages else None,
            nationality_id=origin.code if rng.random() < 0.95 else None,
            arrival_date=arrival,
            arrival_is_planned=planned,
            time_zone=self.refs.origins[spec.abroad].zone if abroad else "",
            profession=profession,
            qualification=qualification,
            recognition_pending=pending,
            name_keys=name_keys(display, legal),
            last_contact_at=spec.times[-1],
            created_at=created,
            created_by=spec.counselor,
            country_of_origin_id=origin.code,
            target_group_id=self.refs.groups.get(spec.group),
            residence_status_id=self.refs.statuses.get(spec.status),
            whereabouts=spec.whereabouts,
            municipality=spec.municipality,
            abroad_country_id=spec.abroad if abroad else None,
        )
        spec.spoken = self._languages(spec)
        return person

    def _languages(self, spec: Spec) -> list[str]:
        rng = self.rng
        origin = spec.origin
        spoken = list(origin.languages[: 1 + (rng.random() < 0.5)])
        if origin.code == "IN":
            spoken.append(rng.choice(INDIAN_LANGUAGES))
        if origin.code in ("SY", "IQ", "TR") and rng.random() < 0.2:
            spoken.append("kmr")
        if rng.random() < (0.4 if spec.refugee else 0.75):
            spoken.append("en")
        if spec.whereabouts != Whereabouts.ABROAD and rng.random() < 0.45:
            spoken.append("de")
        return [code for code in dict.fromkeys(spoken) if code in self.refs.languages]

    # Batches ------------------------------------------------------------------------------------

    def batch(self, size: int) -> Counts:
        """Generate and write `size` people with everything that hangs on them."""
        specs = self._specs(size)
        links = self._households(specs)
        for spec in specs:
            self._schedule(spec)
        # Client numbers follow the order in which people first came.
        order = sorted(range(len(specs)), key=lambda index: specs[index].times[0])
        for index in order:
            specs[index].person = self._person(specs[index])
        Person.objects.bulk_create(
            [specs[index].person for index in order], batch_size=INSERT_BATCH
        )
        Person.languages.through.objects.bulk_create(
            [
                Person.languages.through(person_id=spec.person.pk, language_id=code)
                for spec in specs
                if spec.person is not None
                for code in spec.spoken
            ],
            batch_size=INSERT_BATCH,
        )
        counts = Counts(people=len(specs))
        for spec in specs:
            counts.countries.add(spec.origin.code)
            counts.free_movement += spec.origin.code in self.refs.free_movement
        consultations = self._consultations(specs)
        counts.consultations += sum(len(rows) for rows in consultations.values())
        anonymous = self._anonymous(round(counts.consultations * self.anonymous_share))
        counts.anonymous = anonymous
        counts.consultations += anonymous
        referrals = self._referrals(specs, consultations)
        counts.referrals = len(referrals)
        self._consents(specs, referrals)
        self._outcomes_and_cases(specs, referrals)
        self._follow_ups(specs, referrals)
        self._household_links(specs, links)
        return counts

    def _consultations(self, specs: list[Spec]) -> dict[int, list[tuple[Consultation, list[int]]]]:
        """Each person's consultations with their topic ids, written in bulk."""
        rng = self.rng
        rows: list[Consultation] = []
        topic_ids: list[list[int]] = []
        owners: list[int] = []
        for index, spec in enumerate(specs):
            person = spec.person
            assert person is not None  # noqa: S101 - set by batch()
            situation = person.situation()
            abroad = spec.whereabouts == Whereabouts.ABROAD
            mix = self.topic_mix[spec.group]
            for started in spec.times:
                counselor = spec.counselor if rng.random() < 0.75 else rng.choice(self.counselors)
                channel = self._channel(abroad)
                language, interpreter = self._consultation_language(spec, person)
                chosen = self._topics(mix)
                notes = outcome = next_steps = ""
                if rng.random() < 0.7:
                    top = self.refs.topic_parent[chosen[0]]
                    texts = TOPIC_TEXTS.get(top)
                    if texts:
                        notes, outcome, next_steps = rng.choice(texts)
                        if rng.random() < 0.3:
                            next_steps = ""
                duration = (
                    5 * rng.randint(3, 6) if channel == Channel.EMAIL else 5 * rng.randint(3, 18)
                )
                rows.append(
                    Consultation(
                        office=self.office,
                        person=person,
                        subject=person.subject,
                        counselor=counselor,
                        started_at=started,
                        channel=channel,
                        duration_minutes=duration,
                        language_id=language,
                        interpreter=interpreter,
                        notes=notes,
                        outcome=outcome,
                        next_steps=next_steps,
                        created_at=started + dt.timedelta(minutes=duration),
                        **situation,
                    )
                )
                topic_ids.append(chosen)
                owners.append(index)
        Consultation.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        self._write_topics(rows, topic_ids)
        found: dict[int, list[tuple[Consultation, list[int]]]] = {}
        for row, chosen, owner in zip(rows, topic_ids, owners, strict=True):
            found.setdefault(owner, []).append((row, chosen))
        return found

    def _write_topics(self, rows: list[Consultation], topic_ids: list[list[int]]) -> None:
        through = Consultation.topics.through
        Consultation.topics.through.objects.bulk_create(
            [
                through(consultation_id=row.pk, topic_id=topic_id)
                for row, chosen in zip(rows, topic_ids, strict=True)
                for topic_id in chosen
            ],
            batch_size=INSERT_BATCH * 2,
        )

    def _channel(self, abroad: bool) -> str:
        if abroad:
            options = (
                (Channel.VIDEO, 40),
                (Channel.EMAIL, 40),
                (Channel.PHONE, 15),
                (Channel.CHAT, 5),
            )
        else:
            options = (
                (Channel.IN_PERSON, 45),
                (Channel.PHONE, 22),
                (Channel.EMAIL, 18),
                (Channel.VIDEO, 10),
                (Channel.CHAT, 3),
                (Channel.OUTREACH, 2),
            )
        return self.rng.choices([c for c, _w in options], [w for _c, w in options])[0]

    def _consultation_language(self, spec: Spec, person: Person) -> tuple[str, bool]:
        rng = self.rng
        main = spec.origin.main_language
        roll = rng.random()
        if spec.refugee or spec.group == "family-member":
            if roll < 0.35:
                return "de", False
            if roll < 0.55:
                return "en", False
            if main in COUNSELOR_LANGUAGES and roll < 0.85:
                return main, False
            return (main, True) if main in self.refs.languages else ("de", True)
        if roll < 0.5:
            return "de", False
        if roll < 0.9 or main not in COUNSELOR_LANGUAGES:
            return "en", roll > 0.97
        return main, False

    def _topics(self, mix: Weighted[str]) -> list[int]:
        wanted = self.rng.choices((1, 2, 3), (50, 35, 15))[0]
        chosen: list[int] = []
        for _ in range(wanted * 2):
            topic = self.refs.topics.get(mix.choice(self.rng))
            if topic is not None and topic not in chosen:
                chosen.append(topic)
            if len(chosen) == wanted:
                break
        return chosen or [next(iter(self.refs.topics.values()))]

    def _anonymous(self, count: int) -> int:
        """Walk-ins and phone questions with statistical facts only."""
        rng = self.rng
        rows: list[Consultation] = []
        topic_ids: list[list[int]] = []
        for _ in range(count):
            day = min(self._first_day(), self.today - dt.timedelta(days=1))
            refugee = rng.random() < self._refugee_share(day)
            origin = (self.refugees if refugee else self.settled).choice(rng)
            known = rng.random() < 0.85
            if refugee:
                group = "refugee"
            elif origin.code in self.refs.free_movement:
                group = "eu-citizen" if rng.random() < 0.7 else "skilled-worker"
            else:
                group = rng.choices(
                    ("skilled-worker", "student", "family-member", "other"), (55, 20, 15, 10)
                )[0]
            channel = rng.choices(
                (Channel.PHONE, Channel.IN_PERSON, Channel.EMAIL, Channel.CHAT, Channel.OUTREACH),
                (40, 35, 15, 5, 5),
            )[0]
            language = "de" if rng.random() < 0.55 else "en"
            if rng.random() < 0.15 and origin.main_language in COUNSELOR_LANGUAGES:
                language = origin.main_language
            started = _office_time(rng, _weekday(day, self.today))
            duration = 5 * rng.randint(1, 6)
            rows.append(
                Consultation(
                    office=self.office,
                    subject=_uuid(rng),
                    is_anonymous=True,
                    counselor=rng.choice(self.counselors),
                    started_at=started,
                    channel=channel,
                    duration_minutes=duration,
                    language_id=language,
                    interpreter=False,
                    country_of_origin_id=origin.code if known else None,
                    target_group_id=self.refs.groups.get(group) if rng.random() < 0.8 else None,
                    whereabouts=Whereabouts.REGION if rng.random() < 0.9 else Whereabouts.ABROAD,
                    created_at=started + dt.timedelta(minutes=duration),
                )
            )
            topic_ids.append(self._topics(self.topic_mix[group])[:2])
        Consultation.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        self._write_topics(rows, topic_ids)
        return len(rows)

    def _service_for(self, topic_id: int) -> ServiceRef | None:
        rng = self.rng
        candidates = self.refs.services_by_topic.get(topic_id) or self.refs.services_by_parent.get(
            self.refs.topic_parent.get(topic_id, ""), []
        )
        if not candidates:
            return None
        own = [ref for ref in candidates if ref.office_id == self.office.pk]
        return rng.choice(own if own and rng.random() < 0.85 else candidates)

    def _referrals(
        self, specs: list[Spec], consultations: dict[int, list[tuple[Consultation, list[int]]]]
    ) -> dict[int, list[Referral]]:
        """About 40% of people are referred to a service matching a topic of a consultation."""
        rng = self.rng
        today = self.today
        found: dict[int, list[Referral]] = {}
        letters: list[HandoverLetter] = []
        rows: list[Referral] = []
        for index, spec in enumerate(specs):
            if rng.random() >= 0.4:
                continue
            person = spec.person
            assert person is not None  # noqa: S101 - set by batch()
            for _ in range(1 if rng.random() < 0.8 else 2):
                consultation, topic_ids = rng.choice(consultations[index])
                topic_id = rng.choice(topic_ids)
                service = self._service_for(topic_id)
                if service is None:
                    continue
                suggested = consultation.started_at.date()
                referral = Referral(
                    office=self.office,
                    person=person,
                    subject=person.subject,
                    consultation=consultation,
                    service_id=service.pk,
                    topic_id=topic_id,
                    reason=rng.choice(
                        REFERRAL_REASONS.get(self.refs.topic_parent[topic_id], ("",))
                    ),
                    suggested_on=suggested,
                    created_by=consultation.counselor,
                    created_at=consultation.created_at,
                    **person.situation(),
                )
                self._progress(referral, (today - suggested).days)
                demo = self.demo_counselor
                if (
                    demo is not None
                    and consultation.counselor == demo
                    and self.demo_todo["referrals"] > 0
                    and 14 < (today - suggested).days < 60
                ):
                    # The demo counselor's start page shows referrals waiting for an answer.
                    self.demo_todo["referrals"] -= 1
                    referral.status = ReferralStatus.HANDED_OVER
                    referral.handed_over_on = suggested + dt.timedelta(days=1)
                    referral.arrived_on = referral.completed_on = referral.not_taken_up_on = None
                    referral.partner_confirmed_at = None
                    referral.follow_up_on = today - dt.timedelta(days=rng.randint(1, 10))
                rows.append(referral)
                found.setdefault(index, []).append(referral)
        Referral.objects.bulk_create(rows, batch_size=INSERT_BATCH)
        for referral in rows:
            if (referral.handed_over_on and rng.random() < 0.6) or referral.partner_confirmed_at:
                letters.append(self._letter(referral))
        HandoverLetter.objects.bulk_create(letters, batch_size=INSERT_BATCH)
        return found

    def _progress(self, referral: Referral, age: int) -> None:
        """Older referrals have mostly ended; recent ones wait to be handed over or answered."""
        rng = self.rng
        today = self.today
        if age >= 60:
            options = (
                ("completed", 40),
                ("not_taken_up", 20),
                ("arrived", 25),
                ("handed_over", 10),
                ("suggested", 5),
            )
        elif age >= 21:
            options = (
                ("handed_over", 35),
                ("arrived", 25),
                ("suggested", 20),
                ("completed", 15),
                ("not_taken_up", 5),
            )
        else:
            options = (("suggested", 55), ("handed_over", 45))
        status = rng.choices([s for s, _w in options], [w for _s, w in options])[0]
        start = referral.suggested_on

        def later(day: dt.date, low: int, high: int) -> dt.date:
            return min(day + dt.timedelta(days=rng.randint(low, high)), today)

        referral.status = status
        if status != ReferralStatus.SUGGESTED and (
            status != ReferralStatus.NOT_TAKEN_UP or rng.random() < 0.5
        ):
            referral.handed_over_on = later(start, 0, 3)
        if status in (ReferralStatus.ARRIVED, ReferralStatus.COMPLETED):
            referral.arrived_on = later(referral.handed_over_on or start, 3, 21)
        if status == ReferralStatus.COMPLETED:
            referral.completed_on = later(referral.arrived_on or start, 7, 60)
        if status == ReferralStatus.NOT_TAKEN_UP:
            referral.not_taken_up_on = later(start, 14, 45)
        last = referral.arrived_on or referral.handed_over_on or start
        referral.follow_up_on = last + dt.timedelta(days=21 if referral.arrived_on else 14)
        if referral.is_open and referral.follow_up_on < today and rng.random() < 0.9:
            # Counselors move the date on when they chase a referral.
            referral.follow_up_on = today + dt.timedelta(days=rng.randint(1, 30))
        if status in (
            ReferralStatus.ARRIVED,
            ReferralStatus.COMPLETED,
            ReferralStatus.NOT_TAKEN_UP,
        ):
            answered = referral.completed_on or referral.not_taken_up_on or referral.arrived_on
            if answered and referral.handed_over_on and rng.random() < 0.6:
                referral.partner_confirmed_at = _at(answered, 10) + dt.timedelta(
                    minutes=rng.randint(0, 400)
                )

    def _letter(self, referral: Referral) -> HandoverLetter:
        rng = self.rng
        sent = _at(referral.handed_over_on or referral.suggested_on, 11)
        answer = ""
        if referral.partner_confirmed_at:
            answer = {
                ReferralStatus.ARRIVED: "arrived",
                ReferralStatus.COMPLETED: "completed",
                ReferralStatus.NOT_TAKEN_UP: "declined",
            }.get(referral.status, "")
        return HandoverLetter(
            office=self.office,
            referral=referral,
            recipient=self._recipient(referral),
            languages=["de"] if rng.random() < 0.6 else ["de", "en"],
            token_hash=hashlib.sha256(rng.getrandbits(256).to_bytes(32, "big")).hexdigest(),
            expires_at=sent + dt.timedelta(days=90),
            used_at=referral.partner_confirmed_at,
            answer=answer,
            sent_at=sent,
            sent_by=referral.created_by,
        )

    def _recipient(self, referral: Referral) -> str:
        return self.refs.service_emails.get(referral.service_id) or "kontakt@partner.example"

    def _consents(self, specs: list[Spec], referrals: dict[int, list[Referral]]) -> None:
        rng = self.rng
        today = self.today
        rows: list[Consent] = []
        for index, spec in enumerate(specs):
            person = spec.person
            assert person is not None  # noqa: S101 - set by batch()
            given = spec.times[0].date()
            form = rng.choices(
                (ConsentForm.WRITTEN, ConsentForm.VERBAL, ConsentForm.ONLINE), (50, 35, 15)
            )[0]
            recorded = spec.times[0]

            def consent(
                purpose: str,
                on: dt.date,
                withdrawn: dt.date | None = None,
                *,
                person: Person = person,
                form: str = form,
                by: User | None = spec.counselor,
                at: dt.datetime = recorded,
            ) -> Consent:
                return Consent(
                    office=self.office,
                    person=person,
                    purpose=purpose,
                    given_on=on,
                    form=form,
                    withdrawn_on=withdrawn,
                    recorded_by=by,
                    recorded_at=at,
                )

            rows.append(consent(ConsentPurpose.COUNSELING, given))
            if index in referrals and (
                rng.random() < 0.85 or any(r.handed_over_on for r in referrals[index])
            ):
                rows.append(
                    consent(ConsentPurpose.REFERRAL_HANDOVER, referrals[index][0].suggested_on)
                )
            if person.email and rng.random() < 0.6:
                if rng.random() < 0.04 and given < today - dt.timedelta(days=10):
                    withdrawn = given + dt.timedelta(days=rng.randint(1, (today - given).days))
                    rows.append(consent(ConsentPurpose.EMAIL_CONTACT, given, withdrawn))
                    if rng.random() < 0.3 and withdrawn < today:
                        rows.append(consent(ConsentPurpose.EMAIL_CONTACT, today))
                else:
                    rows.append(consent(ConsentPurpose.EMAIL_CONTACT, given))
            if rng.random() < 0.1:
                rows.append(consent(ConsentPurpose.EVENTS, given))
            if rng.random() < 0.04:
                rows.append(consent(ConsentPurpose.SPONSOR_PROGRAM, given))
        Consent.objects.bulk_create(rows, batch_size=INSERT_BATCH)

    def _between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def _outcomes_and_cases(self, specs: list[Spec], referrals: dict[int, list[Referral]]) -> None:
        rng = self.rng
        today = self.today
        outcomes: list[Outcome] = []
        cases: list[RecognitionCase] = []
        for index, spec in enumerate(specs):
            person = spec.person
            assert person is not None  # noqa: S101 - set by batch()
            first = spec.times[0].date()
            age = (today - first).days

            def outcome(
                kind: str,
                on: dt.date,
                note: str = "",
                *,
                person: Person = person,
                by: User | None = spec.counselor,
            ) -> None:
                outcomes.append(
                    Outcome(
                        office=self.office,
                        person=person,
                        subject=person.subject,
                        kind=kind,
                        reached_on=on,
                        note=note,
                        recorded_by=by,
                        created_at=_at(on, 15),
                        **person.situation(),
                    )
                )

            if age > 14 and rng.random() < 0.3 * (age / 365 + 0.2):
                kind = rng.choice(OUTCOMES_BY_GROUP[spec.group])
                if kind != OutcomeKind.MOVED_TO_REGION or spec.whereabouts == Whereabouts.REGION:
                    on = self._between(first + dt.timedelta(days=14), today)
                    outcome(kind, on, rng.choice(OUTCOME_NOTES[kind]))
            if not (spec.profession and spec.profession[2] and spec.profession[3]):
                continue
            if rng.random() >= 0.35:
                continue
            profession, _qualification, _regulated, reference, _weight = spec.profession
            recognition = [
                r
                for r in referrals.get(index, ())
                if self.refs.topic_parent.get(r.topic_id or 0) == "recognition"
            ]
            stages = list(RecognitionStage.values)
            reachable = min(3, age // 45)
            stage = stages[rng.randint(0, reachable)]
            case = RecognitionCase(
                office=self.office,
                person=person,
                profession=profession,
                country_id=spec.origin.code,
                reference_occupation=reference,
                stage=stage,
                collected_on=first,
                referral=recognition[0] if recognition else None,
            )
            day = first
            for passed, date_field in (
                (RecognitionStage.HANDED_TO_COUNSELING, "handed_on"),
                (RecognitionStage.APPLIED, "applied_on"),
                (RecognitionStage.DECIDED, "decided_on"),
            ):
                if stages.index(stage) >= stages.index(passed):
                    day = min(day + dt.timedelta(days=rng.randint(10, 60)), today)
                    setattr(case, date_field, day)
            if case.applied_on:
                outcome(OutcomeKind.RECOGNITION_APPLIED, case.applied_on)
            if stage == RecognitionStage.DECIDED:
                case.decision = rng.choices(
                    (
                        RecognitionDecision.FULL,
                        RecognitionDecision.PARTIAL,
                        RecognitionDecision.REFUSED,
                    ),
                    (50, 35, 15),
                )[0]
                if case.decision != RecognitionDecision.REFUSED:
                    note = OUTCOME_NOTES["recognition_granted"][
                        case.decision == RecognitionDecision.PARTIAL
                    ]
                    outcome(OutcomeKind.RECOGNITION_GRANTED, case.decided_on or today, note)
            person.recognition_pending = stage != RecognitionStage.DECIDED
            cases.append(case)
        Outcome.objects.bulk_create(outcomes, batch_size=INSERT_BATCH)
        RecognitionCase.objects.bulk_create(cases, batch_size=INSERT_BATCH)
        pending = [case.person_id for case in cases if case.stage != RecognitionStage.DECIDED]
        done = [case.person_id for case in cases if case.stage == RecognitionStage.DECIDED]
        for ids, value in ((pending, True), (done, False)):
            for first in range(0, len(ids), INSERT_BATCH):
                Person.objects.filter(pk__in=ids[first : first + INSERT_BATCH]).update(
                    recognition_pending=value
                )

    def _follow_ups(self, specs: list[Spec], referrals: dict[int, list[Referral]]) -> None:
        rng = self.rng
        today = self.today
        rows: list[FollowUp] = []
        demo = self.demo_counselor
        for index, spec in enumerate(specs):
            person = spec.person
            assert person is not None  # noqa: S101 - set by batch()
            last = spec.times[-1].date()
            top = self.refs.topic_parent.get(
                referrals[index][0].topic_id or 0 if index in referrals else 0, ""
            )
            title = rng.choice(FOLLOW_UP_TITLES.get(top) or FOLLOW_UP_TITLES["residence"])
            referral = referrals[index][0] if index in referrals and rng.random() < 0.5 else None
            due: dt.date | None = None
            done = False
            if demo is not None and spec.counselor == demo and last >= today - dt.timedelta(60):
                for kind, offsets in (
                    ("today", (0, 0)),
                    ("overdue", (-12, -1)),
                    ("soon", (1, 14)),
                ):
                    if self.demo_todo[kind] > 0:
                        self.demo_todo[kind] -= 1
                        due = today + dt.timedelta(days=rng.randint(*offsets))
                        break
            if due is None:
                if rng.random() >= 0.12:
                    continue
                due = last + dt.timedelta(days=rng.randint(7, 30))
                # Past follow-ups were done, but for a few of the last two weeks.
                done = due < today and (due < today - dt.timedelta(days=14) or rng.random() < 0.9)
            rows.append(
                FollowUp(
                    office=self.office,
                    person=person,
                    referral=referral,
                    title=title,
                    due_on=due,
                    assigned_to=spec.counselor,
                    done_at=_at(due, 14) if done else None,
                    created_by=spec.counselor,
                    created_at=spec.times[-1] + dt.timedelta(minutes=30),
                )
            )
        FollowUp.objects.bulk_create(rows, batch_size=INSERT_BATCH)

    def _household_links(self, specs: list[Spec], links: list[tuple[int, int, str]]) -> None:
        rows: list[HouseholdLink] = []
        for index, other, relation in links:
            person, relative = specs[index].person, specs[other].person
            rows.append(
                HouseholdLink(
                    office=self.office, person=person, relative=relative, relation=relation
                )
            )
            rows.append(
                HouseholdLink(
                    office=self.office,
                    person=relative,
                    relative=person,
                    relation=INVERSE_RELATION[Relation(relation)],
                )
            )
        HouseholdLink.objects.bulk_create(rows, batch_size=INSERT_BATCH)

    def save_counters(self) -> None:
        for year, last in self.sequences.items():
            ClientNumberCounter.objects.update_or_create(
                office=self.office, year=year, defaults={"last": last}
            )


def generate(
    office: Office,
    counselors: Sequence[User],
    *,
    people: int,
    consultations_per_person: float,
    rng: random.Random,
    stdout: TextIO,
    refs: Refs | None = None,
    today: dt.date | None = None,
    demo_counselor: User | None = None,
    batch_size: int = BATCH,
    progress: bool = False,
    anonymous_share: float = ANONYMOUS_SHARE,
) -> Counts:
    """Write `people` people of `office` with about `consultations_per_person` consultations each
    (1–4 when it is 2.5 or less, else a long-tailed spread), anonymous contacts on top, and
    their consents, referrals, outcomes, recognition cases, follow-ups and household links.

    Generated and written `batch_size` people at a time, so memory stays flat; with `progress`,
    a line per batch goes to `stdout`. The same `rng` state gives the same data.
    """
    generator = Generator(
        office,
        counselors,
        rng=rng,
        refs=refs or load_refs(),
        today=today or timezone.localdate(),
        consultations_per_person=consultations_per_person,
        demo_counselor=demo_counselor,
        anonymous_share=anonymous_share,
    )
    counts = Counts()
    began = time.perf_counter()
    done = 0
    while done < people:
        size = min(batch_size, people - done)
        counts.add(generator.batch(size))
        done += size
        # With DEBUG on, Django keeps the SQL of recent queries: thousands of bulk inserts.
        reset_queries()
        if progress:
            stdout.write(
                f"  {office.slug}: {done:,} of {people:,} people, "
                f"{counts.consultations:,} consultations ({time.perf_counter() - began:.0f} s)"
            )
    generator.save_counters()
    return counts


#: The tables `generate` writes, for ANALYZE after a bulk load and the benchmark's VACUUM.
GENERATED_MODELS = (
    Person,
    Person.languages.through,
    Consultation,
    Consultation.topics.through,
    Consent,
    Referral,
    HandoverLetter,
    Outcome,
    RecognitionCase,
    FollowUp,
    HouseholdLink,
    ClientNumberCounter,
)


def generated_tables() -> list[str]:
    return [connection.ops.quote_name(model._meta.db_table) for model in GENERATED_MODELS]


def analyze() -> float:
    """Planner statistics for the freshly loaded tables (PostgreSQL; works inside a transaction).
    Autovacuum would make them too, but only some time after the load commits."""
    if connection.vendor != "postgresql":
        return 0.0
    began = time.perf_counter()
    with connection.cursor() as cursor:
        for table in generated_tables():
            cursor.execute(f"ANALYZE {table}")
    return time.perf_counter() - began


# --- seed_demo ----------------------------------------------------------------------------------


def _counselors(office: Office, *, generated: bool) -> list[User]:
    """The office's counselors: the named demo ones, or those core generated for the scale."""
    users = User.objects.filter(
        memberships__office=office, memberships__role=Role.COUNSELOR, is_active=True
    ).order_by("username")
    prefix = f"{office.slug}-counselor-"
    if generated:
        return list(users.filter(username__startswith=prefix))
    return list(users.exclude(username__startswith=prefix))


def seed(*, scale: int, stdout: TextIO) -> None:
    offices = Office.objects.in_bulk([slug for slug, _share in OFFICE_SHARES], field_name="slug")
    missing = {slug for slug, _share in OFFICE_SHARES} - set(offices)
    if missing:
        raise RuntimeError(f"The demo offices {sorted(missing)} are missing; run core's seed.")
    refs = load_refs()
    today = timezone.localdate()
    counts = Counts()
    began = time.perf_counter()
    progress = scale >= 10
    demo_counselor = User.objects.filter(username=DEMO_COUNSELOR).first()
    # One random stream for the realistic part: the same demo every time, office by office.
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets
    for slug, share in OFFICE_SHARES:
        office = offices[slug]
        if Person.objects.filter(office=office).exists():
            continue
        counts.add(
            generate(
                office,
                _counselors(office, generated=False),
                people=round(DEMO_PEOPLE * share),
                consultations_per_person=DEMO_CONSULTATIONS_PER_PERSON,
                rng=rng,
                stdout=stdout,
                refs=refs,
                today=today,
                demo_counselor=demo_counselor,
                progress=progress,
                anonymous_share=DEMO_ANONYMOUS_SHARE,
            )
        )
    if scale > 1:
        counts.add(_seed_extra(offices[OFFICE_SHARES[0][0]], scale, refs, today, stdout))
    if not counts.people:
        stdout.write("Counseling: the demo offices have their counseling records; none added.")
        return
    if counts.people >= ANALYZE_AFTER:
        analyze()
    stdout.write(f"{counts.summary()} ({time.perf_counter() - began:.1f} s)")


def _seed_extra(office: Office, scale: int, refs: Refs, today: dt.date, stdout: TextIO) -> Counts:
    """The benchmark-sized part: many people with many consultations, for the generated
    counselors. Only what is missing for this scale is added."""
    counselors = _counselors(office, generated=True) or _counselors(office, generated=False)
    wanted = (scale - 1) * EXTRA_PEOPLE_PER_SCALE
    have = Person.objects.filter(office=office, created_by__in=counselors).count()
    if have >= wanted or not counselors:
        return Counts()
    stdout.write(f"Counseling: adding {wanted - have:,} people for scale {scale} …")
    return generate(
        office,
        counselors,
        people=wanted - have,
        consultations_per_person=EXTRA_CONSULTATIONS_PER_PERSON,
        rng=random.Random(f"{SEED}-extra-{have}"),  # noqa: S311 - reproducible demo data
        stdout=stdout,
        refs=refs,
        today=today,
        progress=scale >= 10,
    )
