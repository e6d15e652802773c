"""The warning dialog's sentences (app.core.protect.wording.dialog_wording), without Qt."""

from __future__ import annotations

from app.core.protect.wording import (
    YOUR_PRACTICE,
    approved_button_label,
    dialog_wording,
    practice_name,
    staff_tool_name,
)


def test_the_headline_speaks_to_the_staff_member() -> None:
    words = dialog_wording("ChatGPT (consumer)", "Lakeside Family Practice", "1 name")
    assert words.headline == "Patient information can't be pasted into ChatGPT (personal)"
    assert "Business Associate Agreement" not in words.headline  # jargon stays below


def test_the_baa_is_one_plain_sentence_with_the_practice_name() -> None:
    words = dialog_wording("Google Gemini (consumer)", "Lakeside Family Practice", "1 name")
    assert words.explanation.startswith("Lakeside Family Practice may share patient information")
    assert "Business Associate Agreement, a contract to protect it under HIPAA" in words.explanation
    assert words.explanation.endswith("and Google Gemini (personal) has not.")
    assert words.explanation.count(". ") == 0  # one sentence


def test_the_built_in_policy_is_not_named_as_a_practice() -> None:
    assert practice_name("PasteWarden built-in policy") == YOUR_PRACTICE
    assert practice_name("PasteWarden emergency built-in policy") == YOUR_PRACTICE
    assert practice_name("  ") == YOUR_PRACTICE
    assert practice_name("Lakeside Family Practice") == "Lakeside Family Practice"
    words = dialog_wording("ChatGPT (consumer)", "PasteWarden built-in policy", "1 name")
    assert words.explanation.startswith("Your practice may share")
    assert "built-in" not in words.explanation


def test_tool_names_staff_recognise() -> None:
    assert staff_tool_name("ChatGPT (consumer)") == "ChatGPT (personal)"
    assert staff_tool_name("DeepSeek") == "DeepSeek"
    assert staff_tool_name("Microsoft 365 Copilot (work account)").endswith("(work account)")


def test_the_approved_tool_is_named_on_its_button() -> None:
    assert approved_button_label("Microsoft 365 Copilot (work account)") == (
        "&Open Microsoft 365 Copilot (work account)"
    )
    assert approved_button_label("Q&A Assistant") == "&Open Q&&A Assistant"  # no stray mnemonic
    assert approved_button_label(None) == "&Open the approved tool"
    words = dialog_wording("Claude (consumer)", "X", "1 name", approved_name="Claude for Work")
    assert words.approved_button == "&Open Claude for Work"
    assert "Use Claude for Work instead" in words.next_step


def test_findings_or_an_unfinished_check() -> None:
    found = dialog_wording("Poe", "X", "2 names, 1 Social Security number").found
    assert found.endswith("2 names, 1 Social Security number.")
    unchecked = dialog_wording("Poe", "X", "nothing specific", unchecked=True).found
    assert "could not finish checking" in unchecked
