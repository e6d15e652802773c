"""Finds health information beside identifiers: it raises severity, never the verdict.

An identifier alone already makes a clipboard worth a warning; diagnoses, drugs,
procedures, ICD-10/CPT codes and lab values make it more serious, and the special
categories (42 CFR Part 2 substance-use treatment, psychotherapy, HIV, genetics)
most serious.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import regex

from detectors.offline import REGEX_TIMEOUT_SECONDS
from detectors.recognizers._literals import may_match, required_literals
from detectors.text import lexicon as lex

_CONDITIONS = (
    "diabetes|diabetic|hypertension|htn|copd|asthma|cancer|carcinoma|tumou?r|leukemia|lymphoma|"
    "fracture|pneumonia|sepsis|infection|uti|stroke|cva|dementia|alzheimer'?s|parkinson'?s|"
    "depression|anxiety|bipolar|schizophrenia|migraine|seizures?|epilepsy|ckd|chf|afib|"
    "cad|mi|heart failure|myocardial infarction|kidney disease|hepatitis|cirrhosis|obesity|"
    "exacerbation|pregnan(?:t|cy)|miscarriage|allerg(?:y|ies|ic)|diagnos(?:is|ed)|"
    "strep|covid(?:-19)?|influenza|flu|confusion|dizziness|chest pain|shortness of breath|sob|"
    "hip fracture|fall|wound|ulcer|rash|injury"
)
_PROCEDURES = (
    "mammogram|colonoscopy|biopsy|surgery|mri|ct scan|x-?ray|ultrasound|echo(?:cardiogram)?|"
    "ekg|ecg|dialysis|chemotherapy|chemo|radiation|transplant|catheter|intubat(?:ed|ion)|"
    "cabg|ptca|stent|vaccin(?:e|ation)|immuni[sz]ation|prescri(?:bed|ption)|refill|"
    "admitted|discharged|progress note|visit|appointment|referral|prior auth(?:orization)?"
)
# Common brand and generic names the suffixes below miss, written out from general
# pharmacology (never from an evaluation corpus). Brands that are also given names
# ("Allegra") are left out: a drug list must not hide a person.
_NAMED_DRUGS = (
    "ativan|xanax|valium|klonopin|restoril|ambien|dilaudid|norco|percocet|vicodin|ultram|"
    "tramadol|toradol|ketorolac|tylenol|motrin|advil|naprosyn|celebrex|zofran|ondansetron|"
    "phenergan|reglan|compazine|protonix|nexium|prilosec|pepcid|carafate|colace|senna|"
    "miralax|dulcolax|lovenox|eliquis|xarelto|pradaxa|plavix|clopidogrel|"
    "brilinta|lipitor|zocor|crestor|synthroid|neurontin|lyrica|pregabalin|flexeril|"
    "robaxin|benadryl|seroquel|quetiapine|haldol|haloperidol|zyprexa|olanzapine|risperdal|"
    "abilify|depakote|keppra|levetiracetam|dilantin|phenytoin|lamictal|tegretol|bumex|"
    "bumetanide|coreg|carvedilol|norvasc|cardizem|diltiazem|toprol|lopressor|imdur|"
    "hydralazine|clonidine|spironolactone|aldactone|hctz|hydrochlorothiazide|levophed|"
    "norepinephrine|neosynephrine|phenylephrine|vasopressin|precedex|dexmedetomidine|"
    "versed|propofol|fentanyl|ketamine|narcan|naloxone|solumedrol|methylprednisolone|"
    "decadron|dexamethasone|zosyn|rocephin|ceftriaxone|cefepime|cefazolin|ancef|keflex|"
    "augmentin|bactrim|cipro|levaquin|flagyl|diflucan|tamiflu|meropenem|"
    "linezolid|doxycycline|glucophage|januvia|jardiance|farxiga|ozempic|semaglutide|"
    "trulicity|mounjaro|tirzepatide|lantus|humalog|novolog|levemir|tresiba|entresto|"
    "amiodarone|amio|nitroglycerin|nitro|lidocaine|epinephrine|atropine|adenosine|"
    "dopamine|dobutamine|milrinone|nipride|nitroprusside|atrovent|duoneb|spiriva|advair|"
    "symbicort|singulair|flonase|zyrtec|claritin|mucinex|wellbutrin|bupropion|zoloft|"
    "prozac|lexapro|escitalopram|celexa|citalopram|paxil|paroxetine|effexor|venlafaxine|"
    "cymbalta|duloxetine|trazodone|remeron|mirtazapine|buspar|buspirone|adderall|"
    "ritalin|oxycontin|demerol|flomax|tamsulosin|humira|enbrel|methotrexate|plaquenil"
)
_DRUGS = (
    r"insulin|prednisone|metformin|warfarin|coumadin|heparin|aspirin|ibuprofen|"
    r"acetaminophen|morphine|oxycodone|hydrocodone|sertraline|fluoxetine|lorazepam|"
    r"alprazolam|gabapentin|levothyroxine|albuterol|digoxin|lasix|furosemide|"
    rf"{_NAMED_DRUGS}|"
    r"\w+(?:pril|sartan|olol|statin|mab|cillin|mycin|floxacin|azole|prazole|dipine|"
    r"formin|gliptin|tidine|pam|lam|triptan|parin|xaban)"
)
_LABS = (
    r"a1c|hba1c|ldl|hdl|creatinine|\bcr\b|egfr|inr|ptt|wbc|hgb|hemoglobin|platelets?|bun|"
    r"troponin|glucose|potassium|sodium|tsh|psa|viral load|cd4|"
    r"bp\s*\d{2,3}/\d{2,3}|\d{2,3}/\d{2,3}\s*mm ?hg"
)
_CODES = r"(?:icd-?10|dx|diagnosis code)[:\s#]*[A-TV-Z]\d{2}(?:\.\d{1,4})?|\bcpt\s*#?\s*\d{5}\b"

_SPECIAL = {
    "substance_use_part2": (
        r"substance use|alcohol use disorder|opioid use disorder|\boud\b|\baud\b|methadone|"
        r"buprenorphine|suboxone|naltrexone|vivitrol|detox(?:ification)?|"
        r"addiction treatment|rehab(?:ilitation)? for (?:alcohol|drugs?|opioids?)"
    ),
    "psychotherapy": r"psychotherapy|therapy session|counseling session|therapist'?s? notes?",
    "hiv": r"\bhiv\b|\baids\b|viral load|\bprep\b|antiretroviral|\bart regimen",
    "genetic": r"genetic (?:test|testing|results?)|brca[12]?|genomic|carrier screening",
}

_HEALTH = regex.compile(
    rf"(?<![\w-])(?:{_CONDITIONS}|{_PROCEDURES}|{_DRUGS}|{_LABS})(?![\w-])|{_CODES}",
    regex.IGNORECASE,
)
# The same patterns for lower-cased text with the standard library's re: about five
# times faster than `regex` with IGNORECASE on clinical text (severity is computed on
# every PHI scan). Used when lower-casing keeps every offset (ASCII and most text).
_HEALTH_LOWERED = re.compile(
    rf"(?<![\w-])(?:{_CONDITIONS}|{_PROCEDURES}|{_DRUGS}|{_LABS})(?![\w-])"
    rf"|{_CODES.replace('[A-TV-Z]', '[a-tv-z]')}"
)
_SPECIAL_LOWERED = {
    name: re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])") for name, pattern in _SPECIAL.items()
}
# Words one of which each category's pattern needs: most texts hold none of them, and a
# substring test is ~50 times cheaper than the pattern's search (recognizers/_literals).
_SPECIAL_LITERALS = {
    name: required_literals(pattern.pattern) for name, pattern in _SPECIAL_LOWERED.items()
}
_SPECIAL_RES = {
    name: regex.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", regex.IGNORECASE)
    for name, pattern in _SPECIAL.items()
}


_CLINICAL_WORD = regex.compile(
    rf"(?:{_CONDITIONS}|{_PROCEDURES}|{_DRUGS}|{_LABS})", regex.IGNORECASE
)


# Drugs and the fluids doses are written for: "dextrose 5/50", "Norco 10/325", "D5 1/2".
_DRUG_WORD = regex.compile(
    rf"(?:{_DRUGS}|dextrose|d5w?|d10w?|d50w?|saline|kcl|tpn|lipids|bicarb)", regex.IGNORECASE
)


@lru_cache(maxsize=4096)
def looks_like_drug(word: str) -> bool:
    """A single word that names a drug or an infused fluid."""
    return _DRUG_WORD.fullmatch(word, timeout=REGEX_TIMEOUT_SECONDS) is not None


# Medical word endings ("Cardiomyopathy", "Leukemia", "Cholecystectomy"), after at least
# four letters so that names such as "Jeremia" or "Bohemia" stay out; "-oma" is left out
# for "Paloma", "Siloma". Census surnames with such an ending ("Zemaitis") are names.
_MEDICAL_ENDING = re.compile(
    r"[a-z]{4,}(?:pathy|itis|osis|emia|aemia|ectomy|otomy|ostomy|plasty|scopy|algia"
    r"|iasis|trophy|plegia|penia|megaly|rrhea|rrhoea|lysis|ectasis)"
)


@lru_cache(maxsize=65536)  # the name rules ask about the same few words many times a scan
def looks_clinical(word: str) -> bool:
    """A single word that is a drug, condition, procedure or lab name (not a person's name)."""
    lower = word.lower()
    if _MEDICAL_ENDING.fullmatch(lower) is not None and lower not in lex.surnames():
        return True
    return _CLINICAL_WORD.fullmatch(word, timeout=REGEX_TIMEOUT_SECONDS) is not None


def health_terms(text: str, limit: int = 20) -> tuple[str, ...]:
    """Lower-cased health terms found (for severity only; never written anywhere)."""
    found: list[str] = []
    lowered = text.lower()
    if len(lowered) == len(text):
        matches: Iterator[re.Match[str] | regex.Match[str]] = _HEALTH_LOWERED.finditer(lowered)
    else:
        matches = _HEALTH.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)
    for match in matches:
        found.append(match.group().lower())
        if len(found) >= limit:
            break
    return tuple(found)


def special_categories(text: str) -> tuple[str, ...]:
    """Names of the special categories present (e.g. 'hiv'), in a fixed order."""
    lowered = text.lower()
    if len(lowered) == len(text):  # the fast path, as in health_terms
        return tuple(
            name
            for name, pattern in _SPECIAL_LOWERED.items()
            if may_match(_SPECIAL_LITERALS[name], lowered, lowered) and pattern.search(lowered)
        )
    return tuple(
        name
        for name, pattern in _SPECIAL_RES.items()
        if pattern.search(text, timeout=REGEX_TIMEOUT_SECONDS)
    )
