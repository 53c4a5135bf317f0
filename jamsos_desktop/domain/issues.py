"""The codes of validation findings: the one list, with each code's severity and meaning.

A finding (``text.Issue``) carries one of these codes besides its bilingual text. Code that
reacts to a finding (the form hiding "is required" on a blank form, an import report, the hub
counting problems) reads the code, never the text: texts are for people and may be reworded or
translated, codes are stable. A code names the kind of problem; the issue's ``field`` says where
(``phone.invalid`` is used for the worker's and the heir's number alike).

The severity belongs to the code: an ``error`` blocks saving, a ``warning`` only informs.
``docs/issue-codes.md`` lists the same codes for people reading an import report; a test keeps
the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class IssueCode:
    code: str
    severity: str  # ERROR | WARNING
    meaning: str  # for developers and import reports, in English


CODES: dict[str, IssueCode] = {}


def _code(code: str, severity: str, meaning: str) -> str:
    if code in CODES:
        raise ValueError(f"issue code {code} defined twice")
    CODES[code] = IssueCode(code, severity, meaning)
    return code


# -- any field --------------------------------------------------------------------------------
FIELD_REQUIRED = _code("field.required", ERROR, "A required field is blank.")
FIELD_TOO_LONG = _code("field.too_long", ERROR, "Longer than the record definition allows for the field.")
FIELD_CHARACTERS = _code(
    "field.characters", ERROR, "Holds a control or bidirectional-override character, or text that is not valid Unicode."
)
RECORD_INVALID = _code("record.invalid", ERROR, "The record could not be read (no finer finding).")

# -- NIK --------------------------------------------------------------------------------------
NIK_EXCEL_FLOAT = _code(
    "nik.excel_float", ERROR, "The NIK went through a spreadsheet as a float (3.20101E+15): its digits are lost."
)
NIK_LENGTH = _code("nik.length", ERROR, "Not 16 digits after dropping spaces, dots and dashes.")
NIK_PROVINCE_UNKNOWN = _code("nik.province_unknown", ERROR, "The first two digits are no province code.")
NIK_REGION_ZERO = _code("nik.region_zero", ERROR, "The regency or district code is 00.")
NIK_BIRTH_INVALID = _code(
    "nik.birth_invalid", ERROR, "The birth date in the NIK (DDMMYY, day + 40 for women) does not exist."
)
NIK_BIRTH_FUTURE = _code(
    "nik.birth_future",
    ERROR,
    "The birth date in the NIK exists only in the future (e.g. 29-02-00 read before 29-02-2000).",
)
NIK_SERIAL_ZERO = _code("nik.serial_zero", ERROR, "The serial (last four digits) is 0000.")
NIK_REGION_UNKNOWN = _code(
    "nik.region_unknown", WARNING, "The district code is not in the 2025 Kemendagri list (an old code, a split)."
)
NIK_REGION_OTHER = _code("nik.region_other", WARNING, "The NIK was issued outside the village's regency.")
NIK_BIRTH_MISMATCH = _code("nik.birth_mismatch", ERROR, "The birth date entered differs from the NIK's.")
NIK_SEX_MISMATCH = _code("nik.sex_mismatch", ERROR, "The sex entered differs from the NIK's (day + 40 = female).")
NIK_DUPLICATE = _code("nik.duplicate", ERROR, "A living worker (or an earlier row) already has this NIK.")

# -- No. KK -----------------------------------------------------------------------------------
KK_EXCEL_FLOAT = _code("kk.excel_float", ERROR, "The family card number went through a spreadsheet as a float.")
KK_LENGTH = _code("kk.length", ERROR, "Not 16 digits after dropping spaces, dots and dashes.")
KK_PROVINCE_UNKNOWN = _code("kk.province_unknown", ERROR, "The first two digits are no province code.")
KK_DATE_INVALID = _code("kk.date_invalid", ERROR, "The issue date in the number (DDMMYY) does not exist.")
KK_SERIAL_ZERO = _code("kk.serial_zero", ERROR, "The serial (last four digits) is 0000.")

# -- consent (UU 27/2022) ----------------------------------------------------------------------
CONSENT_DATE_INVALID = _code("consent.date_invalid", ERROR, "The date of consent to data processing is not a date.")
CONSENT_DATE_RANGE = _code(
    "consent.date_range", ERROR, "The date of consent lies in the future or before the worker's birth."
)
CONSENT_MISSING = _code(
    "consent.missing",
    ERROR,
    "No consent to the processing of personal data recorded (UU 27/2022), or it was withdrawn: not nominated.",
)

# -- name, birth, sex, address ----------------------------------------------------------------
NAME_CHARACTERS = _code("name.characters", ERROR, "The name holds digits or signs other than . , - '.")
NAME_TOO_LONG = _code("name.too_long", ERROR, "The name is longer than 120 characters.")
NAME_SAME_PERSON = _code(
    "name.same_person", WARNING, "Another worker has the same name and birth date under another NIK."
)
BIRTH_DATE_INVALID = _code("birth_date.invalid", ERROR, "Not a real date in a known format.")
BIRTH_DATE_FUTURE = _code("birth_date.future", ERROR, "The birth date lies in the future.")
BIRTH_DATE_TOO_OLD = _code("birth_date.too_old", ERROR, "Older than 120 years.")
SEX_INVALID = _code("sex.invalid", ERROR, "Not L/P (or a word for male/female).")
RT_RW_RANGE = _code("rt_rw.range", ERROR, "RT or RW is not a number from 1 to 999.")

# -- work -------------------------------------------------------------------------------------
OCCUPATION_UNKNOWN = _code("occupation.unknown", ERROR, "Not a KTP occupation code (1-89) or its exact name.")
CATEGORY_UNKNOWN = _code("category.unknown", ERROR, "Not one of the village's worker categories.")

# -- amounts of money (income, budget ceiling, income cap) -------------------------------------
AMOUNT_NOT_A_NUMBER = _code("amount.not_a_number", ERROR, "No amount of rupiah can be read from the text.")
AMOUNT_AMBIGUOUS = _code(
    "amount.ambiguous", ERROR, "Two readings are plausible (1,500: 1.500 or 1,5); refused rather than guessed."
)
AMOUNT_GROUPING = _code(
    "amount.grouping", ERROR, "Thousands separators in the wrong places (1.50.000), or decimals that cannot be."
)
AMOUNT_FRACTION = _code("amount.fraction", ERROR, "A fraction of a rupiah (900.000,50): amounts are whole rupiah.")
AMOUNT_NEGATIVE = _code("amount.negative", ERROR, "A negative amount.")
AMOUNT_TOO_LARGE = _code("amount.too_large", ERROR, "More than a thousand trillion rupiah: no amount of a village.")
INCOME_RANGE = _code("income.range", ERROR, "A monthly income above Rp1.000.000.000.")

# -- contact ----------------------------------------------------------------------------------
PHONE_INVALID = _code("phone.invalid", ERROR, "Not an Indonesian mobile number (08…, +62…).")
KPJ_FORMAT = _code("kpj.format", ERROR, "A KPJ (participant) number is 8-13 digits.")

# -- heir -------------------------------------------------------------------------------------
HEIR_MISSING = _code("heir.missing", WARNING, "No heir named: a JKM (death) claim needs one.")
HEIR_RELATION_REQUIRED = _code("heir.relation_required", ERROR, "An heir is named without the relationship.")
HEIR_RELATION_SEX = _code(
    "heir.relation_sex", WARNING, "The relationship contradicts the worker's sex (Suami for a man, Istri for a woman)."
)
HEIR_NOT_FAMILY = _code(
    "heir.not_family", ERROR, "The relationship is not a family tie (Tetangga, Teman, Majikan…): not a JKM heir."
)
HEIR_NOT_BY_LAW = _code(
    "heir.not_by_law",
    WARNING,
    "A relative or other tie outside the JKM heirs by law (spouse, child, grandchild, parent, grandparent, "
    "sibling, parent-in-law); only an heir named in the worker's will.",
)


# -- spreadsheet import (a row of the officer's file) ------------------------------------------
IMPORT_DUPLICATE_IN_FILE = _code(
    "import.duplicate_in_file", WARNING, "An earlier row of the file has the same NIK and the same data: skipped."
)
IMPORT_CONFLICT_IN_FILE = _code(
    "import.conflict_in_file", ERROR, "An earlier row of the file has the same NIK with different data."
)
IMPORT_NOT_DATA = _code(
    "import.not_data", WARNING, "Too little on the row to be a worker (a total, a signature line): skipped."
)
IMPORT_FLAG_INVALID = _code("import.flag_invalid", ERROR, "Not yes or no (Ya/Tidak, Y/T, 1/0).")
IMPORT_DECISION_REOPENED = _code(
    "import.decision_reopened",
    WARNING,
    "Changes identity or eligibility after the head's approval: the nomination goes back to proposed.",
)
IMPORT_DECISION_SENT = _code(
    "import.decision_sent",
    ERROR,
    "Changes identity or eligibility of a nomination already sent to the district: the district corrects it.",
)
OCCUPATION_MATCHED = _code(
    "occupation.matched", WARNING, "The occupation was read as the nearest KTP occupation; check it."
)
OCCUPATION_KEPT = _code(
    "occupation.kept",
    WARNING,
    "No KTP occupation matches: stored as LAINNYA (89), the text as written kept in the notes.",
)
CATEGORY_DERIVED = _code("category.derived", WARNING, "No worker category given: derived from the occupation.")


def severity(code: str) -> str:
    """The severity of ``code``; an unknown code is a bug, not a finding."""
    return CODES[code].severity
