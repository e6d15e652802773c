"""Places below state level: facilities, transfer cues, gazetteer; states are never flagged."""

from __future__ import annotations

import pytest

from detectors.recognizers.locations import build

RECOGNIZERS = build()


def places_in(text: str) -> list[str]:
    results = [r for rec in RECOGNIZERS for r in rec.analyze(text, [])]
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start) if r.score >= 0.5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("admitted in transfer from Pemberton Hospital for chest pain", ["Pemberton"]),
        ("FAMILY REPORTS THAT AT LINDEN MEMORIAL SHE FELL", ["LINDEN MEMORIAL"]),
        ("transferred to Westbrook for rehab placement", ["Westbrook"]),
        ("intubated and sent to GMH for further care", ["GMH"]),
        ("plan: to larkspur 3 when a bed is available", ["larkspur"]),
        ("wishes to return to St. Agnes after weaning", ["St. Agnes"]),
        ("daughter lives in Thornbury and visits daily", ["Thornbury"]),
        ("she moved to Boise, ID last year", ["Boise"]),
        ("Pt received from University of Vermont hospital", ["University of Vermont"]),
        ("found unresponsive, brought to GMH ER by ambulance", ["GMH"]),
        ("will transfer to Larkspur 2 or Larkspur 3 tonight", ["Larkspur", "Larkspur"]),
        ("PLAN ? TRANSFER TODAY TO LARKSPUR 2", ["LARKSPUR"]),  # ward at the very end
        ("TO GO TO ST. AGNES ON TUESDAY PER CASE MANAGER", ["ST. AGNES"]),
        ("Pt went to Lakeside on 3/6 with abdominal pain", ["Lakeside"]),
        ("Wants to go to Meadow and wait for the heart team", ["Meadow"]),
        ("DAUGHTER ARRIVING TOMORROW FROM LISBON", ["LISBON"]),
        ("WAS TAKEN TO MEMORIAL HOSPITAL BY EMS", ["MEMORIAL"]),
        ("PLAN: DISCHARGE TO RAVENSWORTH REHAB IN AM", ["RAVENSWORTH"]),
        ("arrived via amb from wexcombe ew for further eval", ["wexcombe"]),
        ("pt recieved from university of vermont hospital, intubated", ["university of vermont"]),
        ("seen at University of vermont last spring", ["University of vermont"]),
        ("INTUBATED ON QUELLMORN 2 FOR ACUTE RESP FAILURE", ["QUELLMORN"]),
        ("89 yo woman, Pelgrove House NH resident", ["Pelgrove"]),
        ("sent to GH for a cath. No growth yet on GH cx.", ["GH", "GH"]),
        (
            "to Quellmorn 2 today. Labs from Quellmorn3 and F-MICU/Quellmorn/CCU reviewed",
            ["Quellmorn", "Quellmorn", "Quellmorn"],
        ),
        ("sent to Halloran Vale EW where EKG showed ST changes", ["Halloran Vale"]),
        # An abbreviated university before a state's name.
        ("PMHX: admitted to U Vermont ER w/ chest pain", ["U Vermont"]),
        ("went to UOf Vermont Hosp and had a stent", ["UOf Vermont"]),
        # A region smaller than a state, after 'the'.
        ("on vacation on the Western Shore, developed pain", ["Western Shore"]),
        ("FAMILY ARRIVED FROM THE NORTH SHORE AT 2 AM", ["NORTH SHORE"]),
        # A second facility named by one word after 'and'.
        ("SCREENED BY RAVENSWORTH REHAB AND WINTERBOURNE. MAY GO", ["RAVENSWORTH", "WINTERBOURNE"]),
        ("SCREENED BY RAVENSWORTH REHAB AND PT. MAY GO", ["RAVENSWORTH"]),  # 'PT' is no place
        # Where someone lives, with how they live between; a town's name ending.
        ("She lives alone in Quarrington Falls and drives.", ["Quarrington Falls"]),
        ("lives alone in Quarry Falls, daughter nearby", ["Quarry Falls"]),
        ("PT RESIDES INDEPENDENTLY IN ORVELL HEIGHTS", ["ORVELL HEIGHTS"]),
        ("transferred from Tamsworth County jail clinic", ["Tamsworth County"]),
        ("Pt lives w/ husband Dmitrov in Brackwater. Works days.", ["Brackwater"]),
        ("she lives with her daughter in Ellowby and drives", ["Ellowby"]),
        ("son works in marbridge, visits weekly", ["marbridge"]),
        ("SON IN TARRINGFORD AWARE OF ADMISSION.", ["TARRINGFORD"]),
        ("her daughter from Quellsbrook called", ["Quellsbrook"]),
        ("Wife is driving up from Kessingford, Vermont tomorrow.", ["Kessingford"]),
        ("moving to Quellby, VT next month", ["Quellby"]),
    ],
)
def test_places(text: str, expected: list[str]) -> None:
    assert places_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "MICU NURSING PROGRESS NOTE 7A-7P",
        "transferred to the MICU from the floor",
        "sedated on ativan 5mg/hr and on Lopressor 25 bid",
        "CV: NSR to ST HR 87-103 no ectopy",
        "required 2 u of insulin for glucose in the 150s",
        "suctioned for scant amounts of white to tan sputum",
        "She moved to California last year.",
        "order to transfuse 2 units PRBC",
        "encourage pt to cough and deep breathe",
        "urine output low most of day",
        "Extubated after 6 hrs on CPAP 5/5",
        "remains on IABP 1:1 with good augmentation",
        "ANXIETY, RETURN TO DOZING EASILY",
        "AMBULATED IN HALL X2 WITH PT",
        "extensive background in health care management",
        "good diuresis from foley catheter",
        "Resp: Pt placed back on Mask ventilation overnight",
        "Pt went to Radiology for a CT at noon",
        "pt came to the ER from home",
        "the university of life taught him",
        "PH 7.60. PT PLACED ON SIMV 4. LASIX HELD.",
        "an open house for staff; in house labs pending",
        "no stool despite being placed on Bedpan 6-8 times",
        "Started back on Zarvinox and lasix to diurese",
        "went to the ED at 3 am, hx of ED on sildenafil",
        "erythema on the eastern side of the wound",
        "K AT THE LOWER END OF NORMAL",
        "give 10 u of insulin now",
        "lives alone in a second-floor apartment",
        "She lives alone in Section 8 housing with stairs",
        "PT at a gym from August through October, twice weekly",
        "will go to Monday clinic, then from Friday on at home",
        "lives with her daughter, in good spirits",
        "He works in construction and lives in an apartment.",
        "son in law called, daughter in room with pt",
        "wife in good spirits, family from out of state",
        "Message from Tiffany, MA: pt called back.",  # MA: a medical assistant
        "Spoke to Jones, PA about the refill.",  # PA: a physician assistant
    ],
)
def test_not_places(text: str) -> None:
    assert places_in(text) == []
