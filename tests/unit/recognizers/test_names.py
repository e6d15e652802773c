"""Person and clinician names: context rules, lexicons, and what must not be a name."""

from __future__ import annotations

import pytest
from presidio_analyzer import RecognizerResult

from detectors.recognizers.names import build
from detectors.scanner import Scanner

RECOGNIZERS = build()


def names_in(text: str) -> list[tuple[str, str]]:
    results: list[RecognizerResult] = [r for rec in RECOGNIZERS for r in rec.analyze(text, [])]
    return sorted(
        ((text[r.start : r.end], r.entity_type) for r in results if r.score >= 0.5),
        key=lambda pair: text.index(pair[0]),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Walter Quimby (DOB on file) was seen today", [("Walter Quimby", "NAME")]),
        ("Ms. Abernathy called about her results", [("Abernathy", "NAME")]),
        ("MRS DELACROIX WAS MORE ALERT TODAY", [("DELACROIX", "NAME")]),
        ("mr. brandvold slept most of the night", [("brandvold", "NAME")]),
        ("Patient: TREMBLAY, NORA\nVisit: follow-up", [("TREMBLAY, NORA", "NAME")]),
        ("Write a reminder for Harriet Vance about her appointment", [("Harriet Vance", "NAME")]),
        ("her daughter Colette wants her transferred", [("Colette", "NAME")]),
        ("His daughter-in-law Priyanka visited today", [("Priyanka", "NAME")]),
        ("brother-in-law Osvaldo will drive her home", [("Osvaldo", "NAME")]),
        ("SOCIAL: SON GREGORY CALLED FOR AN UPDATE", [("GREGORY", "NAME")]),
        ("social: wife, margaret, left a phone number", [("margaret", "NAME")]),
        ("My name is Ingrid Solberg and I need a refill", [("Ingrid Solberg", "NAME")]),
        ("COPD; Miles Baker 04/12/1957 asthma", [("Miles Baker", "NAME")]),
        ("Radovanka spent a year at the clinic before moving.", [("Radovanka", "NAME")]),
        # Rarer than everyday English, before what people do.
        ("Tomasz shouted at the front desk again", [("Tomasz", "NAME")]),
        ("Allegra Whitcombe called about her refill", [("Allegra Whitcombe", "NAME")]),
        ("Radek, can I please speak to your manager?", [("Radek", "NAME")]),
        ("PER GEORGE, HE HAS BEEN MAKING HER DECISIONS", [("GEORGE", "NAME")]),
        ("only able to reach Margaret by phone today", [("Margaret", "NAME")]),
        ("Only able to reach Bob by phone today", [("Bob", "NAME")]),  # also a word
        ("SOCIAL: SISTER & CHARLOTTE IN TO VISIT", [("CHARLOTTE", "NAME")]),
        ("skin intact. social: son Mark called twice", [("Mark", "NAME")]),
        (
            "Both Suzanne and Hank are his health care proxies",
            [
                ("Suzanne", "NAME"),
                ("Hank", "NAME"),
            ],
        ),
        ("Thanks for your help.\nHarriet: can you resend it?", [("Harriet", "NAME")]),
        # Whose name it is makes any capitalized word the name.
        ("Born 1951. Her maiden name is Wood", [("Wood", "NAME")]),
        ("Her maiden name is DeVautour", [("DeVautour", "NAME")]),
        # First name, initial, surname in a lower-case message.
        ("follow up with walter q brunnhofer next month", [("walter q brunnhofer", "NAME")]),
        ("Signed,\n\nTzvetana Kolarova\n", [("Tzvetana Kolarova", "NAME")]),
        ("son Radomir visited. Radomir wishes to take him home", [("Radomir", "NAME")] * 2),
        ("SOCIAL:DAUGHTER-ROSALIND---410 555-0164", [("ROSALIND", "NAME")]),
        ("call from son Teodor-who states he is coming", [("Teodor", "NAME")]),
        ("2) son: Casimir Hallorann - 617-555-0150", [("Casimir Hallorann", "NAME")]),
        ("very devoted. Ondrea Vasquelin cell# 410-555-0142", [("Ondrea Vasquelin", "NAME")]),
        ("her lawyer (Ambrose Tellwright) is aware", [("Ambrose Tellwright", "NAME")]),
        ("lethargic, but once Natalie woke up she ate", [("Natalie", "NAME")]),
        ("A tribute to Yuri Nabokov, sadly late", [("Yuri Nabokov", "NAME")]),
        ("Do you remember me, Kate? I was here in May", [("Kate", "NAME")]),
        ("She named him Ottokar after his grandfather", [("Ottokar", "NAME")]),
        ("Producer Vilmundur Aradottirsen explained it", [("Vilmundur Aradottirsen", "NAME")]),
        (
            "they had 4: tovanni, terrence, pamela and brian.",
            [("tovanni", "NAME"), ("terrence", "NAME"), ("pamela", "NAME"), ("brian", "NAME")],
        ),
        (
            "Is this right? Kadrovic and Adams were engineers.",
            [("Kadrovic", "NAME"), ("Adams", "NAME")],
        ),
        (
            "Jessica: Hi there.\nVsevolanka: What is it?",
            [("Jessica", "NAME"), ("Vsevolanka", "NAME")],
        ),
        ("Irenkova is very reliable. You can ask her.", [("Irenkova", "NAME")]),
        ("Aloiszka, can I please speak to your boss?", [("Aloiszka", "NAME")]),
        ("a deal between him and Asyarka's kid", [("Asyarka's", "NAME")]),
        ("I would like to remove my kid Tadziek from the will", [("Tadziek", "NAME")]),
        ("hi my name is ondrelka", [("ondrelka", "NAME")]),
        ("my name is vasilka orbanec, need a refill", [("vasilka orbanec", "NAME")]),
        ("everyone calls me vlasta", [("vlasta", "NAME")]),
        ("Winifred, can you call the pharmacy back?", [("Winifred", "NAME")]),
        ("I want to add Oleg Vrabiescu to my account", [("Oleg Vrabiescu", "NAME")]),
        ("What's your name? Radko Vesnicky", [("Radko Vesnicky", "NAME")]),
        (
            "Bot: What's the name on the account? User: Zdenka Vesnicka",
            [("Zdenka Vesnicka", "NAME")],
        ),
        ("Radko Vesnicky's lawyer called", [("Radko Vesnicky's", "NAME")]),
        ("Thanks.\nWilla ten Bosch\n", [("Willa ten Bosch", "NAME")]),
        ("Thanks.\nOrsolya Vamberi said hello\n", [("Orsolya Vamberi", "NAME")]),
        ("Delbert spent the morning in the waiting room.", [("Delbert", "NAME")]),
        # A person judged "safe to" or "good with" stays a person.
        (
            "Harriet is good with kids. Maria is safe to go home.",
            [("Harriet", "NAME"), ("Maria", "NAME")],
        ),
        # Moby first names the census lacks, where English uses the word less.
        ("Gustav spent the afternoon in the lobby.", [("Gustav", "NAME")]),
        ('Gustav: "Who are you?"\nGustav: "a friend"', [("Gustav", "NAME")] * 2),
        ("Directed by: Fergus Hallbjorn", [("Fergus Hallbjorn", "NAME")]),
        ("Call from Hamish Long about the bill", [("Hamish Long", "NAME")]),
        ("Bot: What's the name on the account? User: June Long", [("June Long", "NAME")]),
        # Whose relative: the owner of a family word, in any case.
        ("i'm carmelo's daughter, can you help", [("carmelo's", "NAME")]),
        ("Then Hamish's wife called twice", [("Hamish's", "NAME")]),
        # The owner ends a capitalized run; the title after it is no name.
        (
            "a reading from Dieter Vollenweider's Winter Tales",
            [("Dieter Vollenweider's", "NAME")],
        ),
        ("The film also features Helding Lykke.", [("Helding Lykke", "NAME")]),
        ("Ilvano Drecek from the front desk called", [("Ilvano Drecek", "NAME")]),
        ("our founders: Kovačić, Hardy and Stone.", [("Kovačić", "NAME"), ("Hardy", "NAME")]),
        # After a relation in ALL CAPS or lower case: a listed name the census lacks.
        (
            "HUSBAND CALLED AS WELL AS A BROTHER GUSTAV AND A NIECE",
            [("GUSTAV", "NAME")],
        ),
        ("social: brother hamish visited", [("hamish", "NAME")]),
        # An unknown surname stays unknown in the possessive, in lower case too.
        ("a poem from eric g. dubrovska's new book", [("eric g. dubrovska's", "NAME")]),
        ("wilma vrabcova's lawyer called back", [("wilma vrabcova's", "NAME")]),
        # The name line opening a contact block.
        (
            "ottilie brandvold\nacme billing services\nphone: (617) 555-0142\n",
            [("ottilie brandvold", "NAME")],
        ),
        ("??? ottilie brandvold\n??? acme billing\n??? apt. 12\n", [("ottilie brandvold", "NAME")]),
        # A numbered list's entries: the first field reads as a name, not an opening.
        (
            "Today's schedule:\n1. Aldis Quorvan - knee pain\n2. Dorin Hasko - annual",
            [("Aldis Quorvan", "NAME"), ("Dorin Hasko", "NAME")],
        ),
        ("- Brisa Kettleman: called twice", [("Brisa Kettleman", "NAME")]),
        # A surname with a medical ending stays a name when the census lists it.
        ("Seen with Ona Zemaitis today", [("Ona Zemaitis", "NAME")]),
        # A nickname in quotes or brackets inside a name.
        (
            'mother: Wilhelmina "Mina" Ostrander, 88',
            [('Wilhelmina "Mina" Ostrander', "NAME")],
        ),
        ("Patient: Robert (Bob) Quenby, seen today", [("Robert (Bob) Quenby", "NAME")]),
        # A list of people as surname and initial.
        (
            "Patients: Quorvan A., Peltry M., Hasko D.",
            [("Quorvan A", "NAME"), ("Peltry M", "NAME"), ("Hasko D", "NAME")],
        ),
    ],
)
def test_patient_and_family_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert names_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reported to Dr. Okafor, 1 mg given IV", [("Okafor", "PROVIDER_NAME")]),
        ("DR LINDQVIST AWARE OF K 5.9", [("LINDQVIST", "PROVIDER_NAME")]),
        ("lab called. R. PEMBERTON AWARE.", [("R. PEMBERTON", "PROVIDER_NAME")]),
        ("turned q2h per protocol.\n\nhelen jankowski rn", [("helen jankowski", "PROVIDER_NAME")]),
        ("ABG drawn. Tobias Ferrante, R.N.", [("Tobias Ferrante", "PROVIDER_NAME")]),
        ("no labs per NP Wexler tonight", [("Wexler", "PROVIDER_NAME")]),
        ("Family spoke w/ Dr. Foley today.", [("Foley", "PROVIDER_NAME")]),
        ("mild stridor noted, dr long aware. pt calm", [("long", "PROVIDER_NAME")]),
        ("sats 88%, dr small paged", [("small", "PROVIDER_NAME")]),
        ("febrile, np lark notified", [("lark", "PROVIDER_NAME")]),
        ("HEPARIN AT 850U/HR, NOT 1400U/HR. MARLENE\n", [("MARLENE", "PROVIDER_NAME")]),
        (
            "VENT SETTINGS UNCHANGED.\n ORVILLE N. PARK, RRT\n",
            [("ORVILLE N. PARK", "PROVIDER_NAME")],
        ),
        (
            "celebrex at home discussed with Dr brennecke. CV stable",
            [("brennecke", "PROVIDER_NAME")],
        ),
        ("CXR DONE. AS PER E. BUSH: BILAT EFFUSIONS", [("E. BUSH", "NAME")]),
        ("L PUPIL LARGER (B. VORKAS PA AWARE).", [("B. VORKAS", "PROVIDER_NAME")]),
        # A first name that is also a word, and the Irish O' written apart, after a title.
        ("seen by Dr Will Tolliver (attending) today", [("Will Tolliver", "PROVIDER_NAME")]),
        ("Dr. o neill and the team in room", [("o neill", "PROVIDER_NAME")]),
        # A credential that is also a word counts set off by a comma, in capitals.
        (
            "Our providers: Anna Lee, MD; Tom Baker, DO; and Sue Kim, NP.",
            [
                ("Anna Lee", "PROVIDER_NAME"),
                ("Tom Baker", "PROVIDER_NAME"),
                ("Sue Kim", "PROVIDER_NAME"),
            ],
        ),
        # The longest name before a credential, not the words before it.
        (
            "CT GUIDED TAP...RICH WOJCIKOWSKI (RESIDENT) ON IT",
            [("RICH WOJCIKOWSKI", "PROVIDER_NAME")],
        ),
        # The clinician an order comes from: 'per' + initial + surname, or + what they do.
        ("keep sbp 100 to 120 per h hughes.", [("h hughes", "PROVIDER_NAME")]),
        ("PM DOSE HELD. PER PATTERSON WILL RECHECK K", [("PATTERSON", "PROVIDER_NAME")]),
        ("CXR DONE. AS PER B. TRELAWNEY-PT SOMEWHAT WET", [("B. TRELAWNEY", "PROVIDER_NAME")]),
        (
            "Dr. Castellano and Brightwater aware of the plan",
            [
                ("Castellano", "PROVIDER_NAME"),
                ("Brightwater", "PROVIDER_NAME"),
            ],
        ),
    ],
)
def test_clinician_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert names_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "What are early warning signs of sepsis in nursing-home residents?",
        "Which is better for gout, allopurinol or febuxostat?",
        "MS: alert and oriented, follows commands",
        "ECHO showed EF 25% w/ 3-4+MR. Given total 6u PRBC",
        "Order two cuffs for the front desk (Thorne Whitlock VitaBP 220).",
        "E. coli in the urine culture; S. aureus in blood",
        "ABG WNL on this setting. Lungs clear.",
        "The scanner shows error code P-17. How do I clear it?",
        "Write SQL to total visits per clinician per week.",
        "O2 at 4 l np, tol well, sats 97%",
        "Summarize Parkinson's disease staging for a handout.",
        "SOCIAL: EX-HUSBAND CALLED AND A FRIEND CAME TO VISIT",
        "Pt will need rehab; bill the insurer for the visit.",
        "Plan reviewed with team.\nPulm: remains vented, sats 95%.",
        "Nipride was titrated to off overnight.",
        "ambulated with walker around the unit",
        "her son will call back; daughter may visit",
        "q2h blood draws, monitor ms. replete lytes, rehydrate pt",
        "His Bp has been stable in the 120s.",
        "Plan:\nCont Abx\n",
        "SOCIAL: WIFE AGRESS THAT HE IS COMFORTABLE",  # ALL-CAPS typo after a relation
        "Son Will visit tomorrow; he will bring the forms",  # everyday words not carried
        "daughter-in-law called; sister-in-law at bedside",
        "Home Health - 617-555-0150 for the visit",
        "Neuro: alert, following commands, mae, pearl, nodding",  # MAE, PEARL: exam shorthand
        "Give lasix, heparin, insulin and coumadin.",
        "Neuro: intact\nResp: clear\nSkin: warm",  # section heads are no dialogue
        "Nipride was begun at 0.5 and titrated.",
        "Bactrim was d/ced this morning.",
        "pt tachypneic, with Kussmaul's respirations",
        "Grandaughter is HCP. Patient is calm.",
        "the generic name is lisinopril",  # drugs after 'name is' stay out
        "her name is unknown to me",
        "call me tomorrow pls",
        "dr office notified of the result",  # the doctor's office, not a surname
        "dr covering aware, will see pt",
        "RN staff aware of the plan",
        "Unit 4B\nMarlene\n70293",  # a word inside an address block, not a sign-off
        "BP stable. Continue",
        "FOLEY INTACT, VOLUME WNL. LASIX GIVEN, RN TO FOLLOW K",
        "per MD, likely Diastolic Dysfuntion or pneumonia",  # a misspelt clinical pair
        "started on Heparin Gtt overnight",
        "What is the name of your medication? Eliquis",  # a thing's name, not a person's
        "The brand name is Zarvinox, the generic one lisinopril",
        "give john a call tomorrow",  # 'a call' is no initial and surname
        "the nurse called Will to the room",
        "Is it a rash, Doctor? More fluids, Heparin?",  # addressed, but no first names
        "Ativan was effective overnight. Propofol is infusing at 20.",  # drugs 'are'
        "Dilaudid was helpful for pain. Neosynephrine is weaning. Amio is running.",
        "Pt started on Fentanyl gtt; ordered for Ativan.",
        "Crit is stable at 28.",
        "Unable to reach. Jack up the bed",  # a first name starting a sentence needs more
        "Parkinson's Disease is progressive",
        "titrate per protocol, will recheck at noon",  # 'per' + a word, no name
        "dose per a nurse, per pt will take it later",
        "PER PHARMACY WILL SEND THE DOSE",
        "Dr. On Call aware",
        "the patient's son called; pt's wife at bedside",
        "mother's sister visited. They love each other's kids",
        "ccu npn\npt is 62 y/o, daughter phone 617-555-0142",  # a note's heading
        "micu npn 7a-7p\nshift 0700-1930, call 617-555-0142",
        "Wrocław\nPoland 53-320",  # a city starting an address line
        "Heparin spent the night running",
        "the heparin's effect wore off; the pt's son called",
        "Draft a welcome message for the Hamilton Street clinic's grand opening.",
        "Plan a team lunch at Olive Garden for 12 people next Friday.",
        # Given names that are also remedies, judged for a use.
        "Jasmine is good for anxiety? Ginger is safe during pregnancy?",
        "Sage is helpful for sleep, right?",
        # A letter after a word: vitamins, hepatitis types, plans; a drug in ALL CAPS.
        "Take Vitamin D., check Hepatitis B., then Plan B.",
        "PT CONTS ON AMPHO B.\nACCESS--PIV",
        # list entries that are clinical: words English knows, or medical endings
        "Plan:\n1. Chest Pain - troponins\n2. Interventional Radiology - consult",
        "Differential:\n1. Takotsubo Cardiomyopathy - consider\n- Vorlan Arteritis: rare",
        "Consider Takotsubo Cardiomyopathy here.",
        # an eponym before the thing it names
        "The Krebs cycle occurs in the mitochondria; recall the Vorlan equation.",
        "Compare the Braden Scale and the Morse Fall Scale for risk.",
        "Pt wants to do PT, OT daily; needs to do it, PT said.",  # "do", "PT", "OT" as words
    ],
)
def test_not_names(text: str) -> None:
    assert names_in(text) == []


def test_clinician_alone_is_not_phi(scanner: Scanner) -> None:
    report = scanner.scan("Dr. Marchetti has joined our sports medicine group.")
    assert [f.type for f in report.findings] == ["PROVIDER_NAME"]
    assert report.phi is False


def test_staff_allow_list_suppresses(scanner: Scanner) -> None:
    from detectors.settings import ScanSettings

    allowed = Scanner(ScanSettings(staff_names=("Gloria Tremaine",)))
    text = "Please ask Gloria Tremaine to call Mr. Fenwick back."
    assert {text[f.start : f.end] for f in scanner.scan(text).findings} >= {"Gloria Tremaine"}
    assert [text[f.start : f.end] for f in allowed.scan(text).findings] == ["Fenwick"]
