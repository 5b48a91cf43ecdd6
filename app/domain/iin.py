"""Kazakhstan IIN (ЖСН/ИИН): format, check digit and the birth date / sex it may encode.

Layout: YYMMDD, a century-and-sex digit (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd male,
even female), four serial digits, a check digit. Since 2013 the digits are not legally tied
to personal data, so only the format and the check digit are errors; a date or sex that
disagrees with the record is merely a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_WEIGHTS_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# Century digit pairs (male, female) by the first year of the century.
_CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


class IinProblem(StrEnum):
    FORMAT = "format"  # not exactly 12 ASCII digits
    CHECK_DIGIT = "check_digit"  # the 12th digit differs from the computed one
    UNCHECKABLE = "uncheckable"  # both weighting passes give 10: no valid check digit exists
    DATE = "date"  # YYMMDD is not a real date (informational only)
    CENTURY = "century"  # 7th digit is not 1..6 (informational only)


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class IinMismatch(StrEnum):
    BIRTH_DATE = "birth_date"
    SEX = "sex"


@dataclass(frozen=True, slots=True)
class IinInfo:
    birth_date: date | None
    sex: Sex | None


def _is_digits(s: str, length: int) -> bool:
    # str.isdigit() alone accepts non-ASCII digits such as "٣" or superscripts.
    return len(s) == length and s.isascii() and s.isdigit()


def check_digit(first11: str) -> int | None:
    """The check digit for the first 11 digits, or None when both passes give 10."""
    if not _is_digits(first11, 11):
        raise ValueError("check_digit needs exactly 11 ASCII digits")
    digits = [int(c) for c in first11]
    for weights in (_WEIGHTS_FIRST, _WEIGHTS_SECOND):
        k = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if k != 10:
            return k
    return None


def _decode_date(iin: str) -> date | None:
    century = _CENTURY_BY_DIGIT.get(int(iin[6]))
    if century is None:
        return None
    try:
        return date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def parse_iin(iin: str) -> IinInfo:
    """Decode the birth date and sex an IIN encodes; fields are None where it can't say.

    Sex only needs a century digit of 1..6; the date also needs YYMMDD to be a real date.
    A malformed string decodes to nothing rather than raising, since records may hold junk.
    """
    s = iin.strip()
    if not _is_digits(s, 12):
        return IinInfo(birth_date=None, sex=None)
    digit7 = int(s[6])
    sex = None
    if digit7 in _CENTURY_BY_DIGIT:
        sex = Sex.MALE if digit7 % 2 == 1 else Sex.FEMALE
    return IinInfo(birth_date=_decode_date(s), sex=sex)


def validate_iin(iin: str) -> IinProblem | None:
    """The error that makes this IIN invalid (FORMAT, UNCHECKABLE, CHECK_DIGIT), or None."""
    s = iin.strip()
    if not _is_digits(s, 12):
        return IinProblem.FORMAT
    expected = check_digit(s[:11])
    if expected is None:
        return IinProblem.UNCHECKABLE
    if expected != int(s[11]):
        return IinProblem.CHECK_DIGIT
    return None


def iin_problems(iin: str) -> list[IinProblem]:
    """Every problem found: the error (if any) first, then the informational DATE/CENTURY.

    For display ("this IIN does not encode a date") — only validate_iin decides validity.
    """
    error = validate_iin(iin)
    if error is IinProblem.FORMAT:
        return [error]
    s = iin.strip()
    problems = [error] if error is not None else []
    if int(s[6]) not in _CENTURY_BY_DIGIT:
        problems.append(IinProblem.CENTURY)
    elif _decode_date(s) is None:
        problems.append(IinProblem.DATE)
    return problems


def iin_mismatches(iin: str, birth_date: date | None, sex: Sex | None) -> list[IinMismatch]:
    """Warnings where the IIN's encoded date/sex differ from the recorded ones.

    Nothing is compared when the IIN does not encode the value or the record lacks it.
    """
    info = parse_iin(iin)
    mismatches: list[IinMismatch] = []
    if info.birth_date is not None and birth_date is not None and info.birth_date != birth_date:
        mismatches.append(IinMismatch.BIRTH_DATE)
    if info.sex is not None and sex is not None and info.sex != sex:
        mismatches.append(IinMismatch.SEX)
    return mismatches


def make_iin(birth_date: date, sex: Sex, serial: int) -> str:
    """Build a valid IIN encoding birth_date and sex (for demo data and tests).

    Serials whose check digit is uncomputable are skipped: serial, serial+1, ... wrapping
    within 0..9999 (the given serial is taken modulo 10000).
    """
    if not 1800 <= birth_date.year <= 2099:
        raise ValueError("an IIN can only encode years 1800..2099")
    century_digit = 1 + 2 * ((birth_date.year - 1800) // 100) + (0 if sex is Sex.MALE else 1)
    yymmdd = f"{birth_date.year % 100:02d}{birth_date.month:02d}{birth_date.day:02d}"
    prefix = f"{yymmdd}{century_digit}"
    for offset in range(10000):
        first11 = f"{prefix}{(serial + offset) % 10000:04d}"
        k = check_digit(first11)
        if k is not None:
            return f"{first11}{k}"
    # Unreachable in practice: the serial alone changes the weighted sums.
    raise ValueError("no serial gives a computable check digit")
