"""Choosing the language and translating through app.core.i18n (compiled catalogues)."""

from __future__ import annotations

import threading

from app.core import i18n
from app.core.protect.status import Facts, status_line
from app.core.protect.wording import dialog_wording, findings_sentence


def test_the_policy_wins_then_the_os_then_english() -> None:
    assert i18n.resolve("es", ["en-US"]) == "es"
    assert i18n.resolve("auto", ["es-US", "en-US"]) == "es"
    assert i18n.resolve(None, ["es_MX.UTF-8"]) == "es"
    assert i18n.resolve("auto", ["fr-FR", "es-419"]) == "es"  # first shipped language
    assert i18n.resolve("auto", ["fr-FR", "de"]) == "en"
    assert i18n.resolve("en", ["es-US"]) == "en"
    assert i18n.resolve(None, ["C"]) == "en"


def test_plurals_follow_the_catalogue() -> None:
    with i18n.using("es"):
        assert findings_sentence({"NAME": 1}) == "1 nombre"
        assert findings_sentence({"NAME": 2, "SSN": 1}) == ("2 nombres, 1 número de Seguro Social")
        assert findings_sentence({"EMAIL": 0}) == "0 correos electrónicos"
    assert findings_sentence({"NAME": 2}) == "2 names"  # outside the block: English again


def test_dialog_and_status_speak_spanish() -> None:
    with i18n.using("es"):
        words = dialog_wording("ChatGPT (consumer)", "PasteWarden built-in policy", "1 nombre")
        assert words.headline == (
            "No se puede pegar información de pacientes en ChatGPT (cuenta personal)"
        )
        assert words.explanation.startswith("Su consultorio solo puede compartir")
        assert words.approved_button == "&Abrir la herramienta aprobada"
        assert status_line(Facts(paused=True)) == "PasteWarden: protección en pausa"


def test_using_is_per_thread_and_an_unknown_language_is_english() -> None:
    seen: list[str] = []
    with i18n.using("es"):
        worker = threading.Thread(target=lambda: seen.append(status_line(Facts())))
        worker.start()
        worker.join()
        assert status_line(Facts()) == "PasteWarden: protección activa"
    assert seen == ["PasteWarden: protecting"]
    with i18n.using("fr") as chosen:
        assert chosen == "en" and status_line(Facts()) == "PasteWarden: protecting"


def test_use_sets_the_process_language() -> None:
    try:
        assert i18n.use("es") == "es" and i18n.current() == "es"
        assert status_line(Facts()) == "PasteWarden: protección activa"
        assert i18n.use("xx") == "en"
    finally:
        i18n.use("en")


def test_a_refused_pause_is_explained_with_the_right_plural() -> None:
    from app.core.journal.agent_run import refusal_message

    with i18n.using("es"):
        once = refusal_message("limit_reached", 1)
        three = refusal_message("limit_reached", 3)
    assert once.startswith("La protección se puede pausar una vez al día")
    assert three.startswith("La protección se puede pausar 3 veces al día")
    assert "3 times a day" in refusal_message("limit_reached", 3)
