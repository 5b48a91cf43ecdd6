from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.iin import (
    IinInfo,
    IinMismatch,
    IinProblem,
    Sex,
    check_digit,
    iin_mismatches,
    iin_problems,
    make_iin,
    parse_iin,
    validate_iin,
)

# Hand-computed vectors. Pass 1 weights 1..11; pass 2 weights 3,4,5,6,7,8,9,10,11,1,2.
VALID = [
    # 0 6 1 2 1 1 6 0 0 0 1: pass 1 = 0+12+3+8+5+6+42+0+0+0+11 = 87, 87 mod 11 = 10;
    # pass 2 = 0+24+5+12+7+8+54+0+0+0+2 = 112, 112 mod 11 = 2 -> check digit 2.
    ("061211600012", date(2006, 12, 11), Sex.FEMALE),
    # 1 0 0 7 0 1 6 0 1 2 3: pass 1 = 1+0+0+28+0+6+42+0+9+20+33 = 139, 139 mod 11 = 7.
    ("100701601237", date(2010, 7, 1), Sex.FEMALE),
    # 8 5 0 3 1 4 3 0 1 2 3: pass 1 = 8+10+0+12+5+24+21+0+9+20+33 = 142, mod 11 = 10;
    # pass 2 = 24+20+0+18+7+32+27+0+11+2+6 = 147, 147 mod 11 = 4.
    ("850314301234", date(1985, 3, 14), Sex.MALE),
    # 9 9 1 2 3 1 2 0 1 2 3: pass 1 = 9+18+3+8+15+6+14+0+9+20+33 = 135, 135 mod 11 = 3.
    ("991231201233", date(1899, 12, 31), Sex.FEMALE),
    # 0 0 0 2 2 9 5 0 1 2 3: pass 1 = 0+0+0+8+10+54+35+0+9+20+33 = 169, 169 mod 11 = 4.
    ("000229501234", date(2000, 2, 29), Sex.MALE),
]


def _first_uncheckable() -> str:
    for n in range(10**6):
        first11 = f"{n:011d}"
        if check_digit(first11) is None:
            return first11
    raise AssertionError("no uncheckable prefix found")


@pytest.mark.parametrize(("iin", "born", "sex"), VALID)
def test_valid_vectors_validate_and_decode(iin: str, born: date, sex: Sex) -> None:
    assert validate_iin(iin) is None
    assert check_digit(iin[:11]) == int(iin[11])
    assert parse_iin(iin) == IinInfo(birth_date=born, sex=sex)
    assert iin_problems(iin) == []


def test_surrounding_whitespace_is_stripped() -> None:
    assert validate_iin("  061211600012\n") is None
    assert parse_iin("\t061211600012 ").birth_date == date(2006, 12, 11)


@pytest.mark.parametrize("wrong", ["061211600010", "061211600013", "100701601230"])
def test_wrong_check_digit(wrong: str) -> None:
    assert validate_iin(wrong) is IinProblem.CHECK_DIGIT
    # A bad check digit does not stop the date and sex from being decoded.
    assert parse_iin(wrong).sex is Sex.FEMALE


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "06121160001",  # 11 digits
        "0612116000120",  # 13 digits
        "06121160001a",
        "061211 600012",  # inner space is not stripped
        "06121160001٢",  # Arabic-Indic digit: str.isdigit() says yes, ASCII says no
        "０６１２１１６０００１２",  # full-width digits
    ],
)
def test_format_errors(bad: str) -> None:
    assert validate_iin(bad) is IinProblem.FORMAT
    assert iin_problems(bad) == [IinProblem.FORMAT]
    assert parse_iin(bad) == IinInfo(birth_date=None, sex=None)


def test_uncheckable_number() -> None:
    first11 = _first_uncheckable()
    for last in "0123456789":
        assert validate_iin(first11 + last) is IinProblem.UNCHECKABLE


def test_check_digit_rejects_non_digits() -> None:
    with pytest.raises(ValueError):
        check_digit("0612116000")
    with pytest.raises(ValueError):
        check_digit("0612116000x")


def test_unreal_date_and_bad_century_are_not_errors() -> None:
    # 991331 (month 13), century digit 5: check digit computed so the IIN is valid.
    no_date = "9913315" + "0000"
    no_date += str(check_digit(no_date))
    assert validate_iin(no_date) is None
    assert parse_iin(no_date) == IinInfo(birth_date=None, sex=Sex.MALE)
    assert iin_problems(no_date) == [IinProblem.DATE]

    no_century = "0612110" + "0001"
    digit = check_digit(no_century)
    assert digit is not None
    no_century += str(digit)
    assert validate_iin(no_century) is None
    assert parse_iin(no_century) == IinInfo(birth_date=None, sex=None)
    assert iin_problems(no_century) == [IinProblem.CENTURY]


def test_mismatch_warnings() -> None:
    iin = "061211600012"  # 2006-12-11, female
    assert iin_mismatches(iin, date(2006, 12, 11), Sex.FEMALE) == []
    assert iin_mismatches(iin, date(2006, 12, 12), Sex.FEMALE) == [IinMismatch.BIRTH_DATE]
    assert iin_mismatches(iin, date(2006, 12, 11), Sex.MALE) == [IinMismatch.SEX]
    assert iin_mismatches(iin, date(1906, 12, 11), Sex.MALE) == [
        IinMismatch.BIRTH_DATE,
        IinMismatch.SEX,
    ]


def test_mismatch_skipped_when_unknown() -> None:
    assert iin_mismatches("061211600012", None, None) == []
    assert iin_mismatches("not an iin", date(2006, 12, 11), Sex.MALE) == []
    no_century = "0612110" + "0001"
    no_century += str(check_digit(no_century))
    assert iin_mismatches(no_century, date(2000, 1, 1), Sex.MALE) == []


def test_make_iin_skips_uncheckable_serials_and_wraps() -> None:
    born, sex = date(2006, 12, 11), Sex.FEMALE
    prefix = "0612116"
    bad_serial = next(s for s in range(10000) if check_digit(f"{prefix}{s:04d}") is None)
    next_good = next(
        s for s in range(bad_serial + 1, 10000) if check_digit(f"{prefix}{s:04d}") is not None
    )
    iin = make_iin(born, sex, bad_serial)
    assert validate_iin(iin) is None
    assert iin[7:11] == f"{next_good:04d}"
    # 10000 wraps to serial 0.
    assert make_iin(born, sex, 10000) == make_iin(born, sex, 0)


def test_make_iin_rejects_unencodable_years() -> None:
    with pytest.raises(ValueError):
        make_iin(date(1799, 12, 31), Sex.MALE, 0)
    with pytest.raises(ValueError):
        make_iin(date(2100, 1, 1), Sex.FEMALE, 0)


@given(
    born=st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from(Sex),
    serial=st.integers(min_value=0, max_value=9999),
)
def test_make_iin_round_trip(born: date, sex: Sex, serial: int) -> None:
    iin = make_iin(born, sex, serial)
    assert validate_iin(iin) is None
    assert parse_iin(iin) == IinInfo(birth_date=born, sex=sex)
    assert iin_mismatches(iin, born, sex) == []
