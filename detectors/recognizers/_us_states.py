"""US state and territory names and USPS abbreviations, as regex alternations.

The ZIP recognizer only trusts a bare 5-digit number when a state sits right before
it ("Boise, ID 83714"); this module is the single list of what counts as a state.
"""

from __future__ import annotations

import regex

STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "Virgin Islands",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}


def abbreviation_alternation() -> str:
    """`AL|AK|...`: upper-case only, so "in", "or", "me" and "ok" never count as states."""
    return "|".join(sorted(STATES))


def name_alternation() -> str:
    """Full state names, longest first, spaces matching any run of whitespace."""
    names = sorted(STATES.values(), key=len, reverse=True)
    return "|".join(regex.escape(n).replace(r"\ ", r"\s+") for n in names)


# First three ZIP digits each state uses (USPS), as inclusive ranges.
_ZIP_PREFIXES: dict[str, tuple[tuple[int, int], ...]] = {
    "AL": ((350, 369),),
    "AK": ((995, 999),),
    "AZ": ((850, 865),),
    "AR": ((716, 729), (755, 755)),
    "CA": ((900, 961),),
    "CO": ((800, 816),),
    "CT": ((60, 69),),
    "DE": ((197, 199),),
    "DC": ((200, 205), (569, 569)),
    "FL": ((320, 349),),
    "GA": ((300, 319), (398, 399)),
    "HI": ((967, 968),),
    "ID": ((832, 838),),
    "IL": ((600, 629),),
    "IN": ((460, 479),),
    "IA": ((500, 528),),
    "KS": ((660, 679),),
    "KY": ((400, 427),),
    "LA": ((700, 714),),
    "ME": ((39, 49),),
    "MD": ((206, 219),),
    "MA": ((10, 27), (55, 55)),
    "MI": ((480, 499),),
    "MN": ((550, 567),),
    "MS": ((386, 397),),
    "MO": ((630, 658),),
    "MT": ((590, 599),),
    "NE": ((680, 693),),
    "NV": ((889, 898),),
    "NH": ((30, 38),),
    "NJ": ((70, 89),),
    "NM": ((870, 884),),
    "NY": ((5, 5), (63, 63), (100, 149)),
    "NC": ((270, 289),),
    "ND": ((580, 588),),
    "OH": ((430, 459),),
    "OK": ((730, 749),),
    "OR": ((970, 979),),
    "PA": ((150, 196),),
    "RI": ((28, 29),),
    "SC": ((290, 299),),
    "SD": ((570, 577),),
    "TN": ((370, 385),),
    "TX": ((733, 733), (750, 799), (885, 885)),
    "UT": ((840, 847),),
    "VT": ((50, 59),),
    "VA": ((201, 201), (220, 246)),
    "WA": ((980, 994),),
    "WV": ((247, 268),),
    "WI": ((530, 549),),
    "WY": ((820, 831),),
    "PR": ((6, 7), (9, 9)),
    "GU": ((969, 969),),
    "VI": ((8, 8),),
    "AS": ((967, 967),),
    "MP": ((969, 969),),
}

_ABBREVIATION_BY_NAME = {name.lower(): abbr for abbr, name in STATES.items()}


def state_abbreviation(state: str) -> str | None:
    """USPS abbreviation for an abbreviation or a full name (any case, any spacing)."""
    key = " ".join(state.split()).rstrip(".")
    if key.upper() in STATES:
        return key.upper()
    return _ABBREVIATION_BY_NAME.get(key.lower())


def zip_matches_state(zip_code: str, state: str) -> bool:
    """True when the ZIP's first three digits belong to the state (e.g. ID -> 832-838)."""
    abbreviation = state_abbreviation(state)
    if abbreviation is None or len(zip_code) < 3 or not zip_code[:3].isdigit():
        return False
    prefix = int(zip_code[:3])
    return any(low <= prefix <= high for low, high in _ZIP_PREFIXES[abbreviation])
