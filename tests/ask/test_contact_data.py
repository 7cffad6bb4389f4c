"""Questions are stored without e-mail addresses and phone numbers, in every script, while the
words and small numbers that make a question (course levels, paragraphs, ages) stay."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lotse.ask.services import REMOVED, strip_contact_data

#: Random words around the contact data: any letters, marks, punctuation and spaces of any
#: script, but no decimal digits and no @, so that whatever survives of a number or an address
#: can only come from the planted one.
AT_SIGNS = "@＠﹫"
words = st.text(
    st.characters(
        blacklist_categories=("Nd", "Cs", "Co", "Cn"),
        blacklist_characters=AT_SIGNS,
    ),
    max_size=40,
)

#: Zero to nine in the scripts newcomers type them in.
DIGIT_ZEROS = {
    "latin": 0x30,
    "arabic-indic": 0x660,
    "persian": 0x6F0,
    "devanagari": 0x966,
    "full-width": 0xFF10,
}


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    zero = draw(st.sampled_from(sorted(DIGIT_ZEROS.values())))
    digits = draw(st.lists(st.integers(0, 9), min_size=6, max_size=15))
    separators = st.sampled_from(["", "", " ", "-", "/", ".", " - ", "\u00a0", "–", ") ", " ("])
    text = "".join(chr(zero + d) + draw(separators) for d in digits[:-1]) + chr(zero + digits[-1])
    prefix = draw(st.sampled_from(["", "+", "00", "(", "+49 (0)"]))
    return prefix + text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(before=words, number=phone_numbers(), after=words)
@example(before="Ruf mich an:", number="+49 (0)711 123 45 67", after="danke")
def test_no_phone_number_survives_in_any_script(before: str, number: str, after: str) -> None:
    stripped = strip_contact_data(f"{before} {number} {after}")
    assert not any(char.isdecimal() for char in stripped), stripped
    assert REMOVED in stripped


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(before=words, address=st.emails(), after=words)
@example(before="Schreib an", address="name@example.com", after="bitte")
def test_no_e_mail_address_survives(before: str, address: str, after: str) -> None:
    stripped = strip_contact_data(f"{before} {address} {after}")
    assert address not in stripped
    assert not any(sign in stripped for sign in AT_SIGNS), stripped


@pytest.mark.parametrize(
    "text",
    [
        "+49 (0)711 123 45 67",
        "0171-1234567",
        "۰۹۱۲۳۴۵۶۷۸۹",  # Persian digits
        "٠١٧١٢٣٤٥٦٧٨",  # Arabic-Indic digits
        "０１７１ １２３４５６７",  # full-width
        "0711/12 34 56",
        "(0711) 123456",
        "0049 711 1234567",
        "0171–1234567",  # an en dash, as phones and word processors type it
        "name@example.com",
        "Name.Surname+tag@Example.co.uk",
        "name (at) example (dot) com",
        "name [at] example [dot] com",
        "name at example dot com",
        "anna.schmidt at gmail.com",
        "name @ example . com",
        "name＠example.com",  # the full-width at sign of Chinese and Japanese keyboards
        "name@example",
        "müller@beispiel.de",
        "name@مثال.com",
    ],
)
@pytest.mark.parametrize(
    "around",
    [
        "{}",
        "Wo bekomme ich eine Steuer-ID? {} danke",
        "أين أحصل على رقم ضريبي؟ {} شكرا",  # Arabic
        "Де отримати податковий номер? {} дякую",  # Ukrainian
        "Vergi numarasını nereden alırım? {}",  # Turkish
        "شماره مالیاتی را کجا بگیرم؟ {}.",  # Persian
    ],
)
def test_contact_data_is_removed_in_every_language(text: str, around: str) -> None:
    stripped = strip_contact_data(around.format(text))
    assert stripped == " ".join(around.format(REMOVED).split())


@pytest.mark.parametrize(
    "text",
    [
        "B1 Kurs",
        "§ 24",
        "§ 16a AufenthG",
        "2 Kinder, 5 und 7 Jahre",
        "Ich bin seit 2019 in Deutschland",
        "Termin am 3.5. um 10 Uhr",
        "PLZ 70173 Stuttgart",
        "I arrived at home. Yes, and now?",
        "meet at 10.30 at the office",
        "Ich bin 45 Jahre alt und suche Arbeit als Pflegefachkraft",
        "Курс німецької B2, 600 годин",
        "كورس اللغة الألمانية B1 ، 300 ساعة",
        "دوره زبان ۳ ماهه",
    ],
)
def test_ordinary_text_survives(text: str) -> None:
    assert strip_contact_data(text) == text


def test_spaces_are_normalised_and_long_input_stays_fast() -> None:
    assert strip_contact_data("  Wo   ist\n das Amt?\t") == "Wo ist das Amt?"
    # No catastrophic backtracking: a long run of address-like characters without an @.
    long = "a." * 20_000 + " " + "x" * 40_000
    assert strip_contact_data(long) == " ".join(long.split())
