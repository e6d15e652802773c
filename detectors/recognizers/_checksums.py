"""Check-digit algorithms shared by the structured-identifier recognizers.

A checksum turns "ten digits" into "ten digits that were issued as an NPI" (or a
DEA number, VIN, GTIN), which is what lets those recognizers report a high score
without a context keyword. Every function takes the bare characters (no separators)
and returns False rather than raising on malformed input.
"""

from __future__ import annotations

# ISO/IEC 7812 prefix that CMS prepends before running Luhn over an NPI's first 9 digits.
_NPI_PREFIX = "80840"

_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_LETTER_VALUES = dict(
    zip(
        "ABCDEFGHJKLMNPRSTUVWXYZ",
        (1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9),
        strict=True,
    )
)


def luhn_valid(digits: str) -> bool:
    """True when `digits` (check digit last) passes the Luhn mod-10 check."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def npi_valid(npi: str) -> bool:
    """True for a 10-digit NPI whose last digit is the Luhn check over 80840 + first 9."""
    return len(npi) == 10 and npi.isdigit() and luhn_valid(_NPI_PREFIX + npi)


def dea_valid(dea: str) -> bool:
    """True for 2 characters + 7 digits where (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""
    if len(dea) != 9 or not dea[2:].isdigit():
        return False
    d = [int(c) for c in dea[2:]]
    total = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])
    return total % 10 == d[6]


def vin_valid(vin: str) -> bool:
    """True for a 17-character VIN whose 9th character is its mod-11 check digit."""
    vin = vin.upper()
    if len(vin) != 17:
        return False
    total = 0
    for char, weight in zip(vin, _VIN_WEIGHTS, strict=True):
        if char.isdigit():
            value = int(char)
        elif char in _VIN_LETTER_VALUES:
            value = _VIN_LETTER_VALUES[char]
        else:
            return False
        total += value * weight
    remainder = total % 11
    expected = "X" if remainder == 10 else str(remainder)
    return vin[8] == expected


def gs1_valid(digits: str) -> bool:
    """True when a GS1 key (GTIN-8/12/13/14, SSCC) ends in its mod-10 check digit.

    Weights alternate 3, 1, 3, ... starting from the digit left of the check digit.
    """
    if not digits.isdigit() or len(digits) < 2:
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check
