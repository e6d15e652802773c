"""Is a chunk Spanish? Function words decide, after a quick look for any Spanish sign."""

from __future__ import annotations

from detectors.text.language import looks_spanish


def test_spanish_function_words_between_spaces_open_the_count() -> None:
    assert looks_spanish("de la paciente, que vive con su hija y los nietos")
    assert looks_spanish("La paciente vive con su hija y los nietos")  # "su", "y", "los"
    assert looks_spanish("Cita con el medico para la paciente mañana")


def test_english_text_and_spanish_words_glued_to_punctuation_stay_english() -> None:
    assert not looks_spanish("The patient lives with her daughter and was seen today.")
    # No sign between two spaces and no Spanish letter: the counts are not even made.
    assert not looks_spanish("(de)(la)(que)(los),de,la,que,los")
    assert not looks_spanish("")
