"""Harmless office prompts raise no finding: alert fatigue is how compliance tools die.

Invented prompts of the kind front-desk and billing staff send to AI tools every day:
drugs, plans, vendors, restaurants and streets named after people, first names that are
also brands or painters. None names a patient, so none may warn.
"""

from __future__ import annotations

import pytest

from detectors.scanner import Scanner

OFFICE_PROMPTS = [
    "Summarize the new CMS rule on telehealth billing for our staff meeting.",
    "Write a friendly reminder that flu shots are available Tuesday and Thursday mornings.",
    "What is the max dose of acetaminophen for adults with liver disease?",
    "Draft an email to Quest about late lab courier pickups at our Main Street office.",
    "Explain prior authorization for Ozempic to a new front desk hire.",
    "How do I set up two-factor authentication in Outlook?",
    "Ginger is good for nausea in pregnancy, right? Or is peppermint better?",
    'Translate "please arrive 15 minutes early" into Spanish and Vietnamese.',
    "Rewrite this job post for a medical assistant: must know Epic, phlebotomy a plus.",
    "Compare Humana and Aetna Medicare Advantage plans for a seminar slide.",
    "Make a checklist for closing the office: lock the drug cabinet, back up the server.",
    'Our Canon printer says "Load Letter". What does that mean?',
    "Give me a template for a denial appeal letter citing medical necessity.",
    "What ICD-10 code covers type 2 diabetes with neuropathy?",
    "Create a staff schedule for Monday to Friday with two nurses per shift.",
    "Explain the difference between HMO and PPO plans in simple words.",
    "List the signs of opioid overdose for a poster in the waiting room.",
    "How should we store insulin pens that patients leave at the front desk?",
    "Angus from IT says the VPN is down; draft a notice for staff.",
    "Draft a welcome message for the Hamilton Street clinic's grand opening.",
    "Write a policy on cell phone use in exam rooms.",
    "Is it OK to text appointment reminders? What does HIPAA say?",
    "Suggest names for our monthly wellness newsletter.",
    "Ask Siri to remind me at 5 pm to call the billing company.",
    "Write a poem for Nurses Week honoring our night shift.",
    "Gustav Klimt prints for the waiting room: which ones are calming?",
    "Send the invoice to Acme Medical Supply, attention accounts payable.",
    "How do we dispose of expired vaccines from the fridge?",
    "What's the CPT code for a 30 minute established patient visit?",
    "Plan a team lunch at Olive Garden for 12 people next Friday.",
    "Write a script for answering the phone when the doctor is running late.",
    "Is Benadryl safe during pregnancy? Answer for a patient handout.",
    "Our fax from Kaiser Permanente came through blank; how do we request a resend?",
    'Make a sign: "Masks required in the infusion suite."',
    "What does a potassium of 5.9 usually mean? General explanation please.",
]


@pytest.mark.parametrize("text", OFFICE_PROMPTS)
def test_office_prompt_is_clean(scanner: Scanner, text: str) -> None:
    report = scanner.scan(text)
    assert report.phi is False
    assert [(f.type, text[f.start : f.end]) for f in report.findings] == []
