"""Text normalisation before every scan: RTF escapes, HTML, NFKC, invisible characters.

PHI hidden from the rules by the way it is encoded (RTF `\\'xx` and `\\uN?` escapes next
to harmless plain text, zero-width spaces inside a name, full-width digits, bidi
controls) must be found, and every finding must point at the original characters so the
de-identified copy replaces them. All values are invented.
"""

from __future__ import annotations

import pytest

from app.core.protect.clipboard_text import (
    ClipboardSnapshot,
    content_key,
    extract_text,
    html_to_text,
    rtf_to_text,
    text_key,
)
from detectors.redact import redact
from detectors.scanner import Scanner
from detectors.unicode_fold import fold

RTF_ESCAPED = (
    rb"{\rtf1\ansi\ansicpg1252 {\fonttbl{\f0 Calibri;}}\f0 Pt: Ren\'e9e Ostrowsk\u105?, "
    rb"DOB 0\u51?/1\'34/1952, SSN 219-09-9999\par}"
)


def test_rtf_escapes_are_decoded() -> None:
    text = rtf_to_text(RTF_ESCAPED.decode("latin-1"))
    assert "Renée Ostrowski" in text and "DOB 03/14/1952" in text
    assert "Calibri" not in text  # font tables are not text


def test_every_flavour_is_extracted_once() -> None:
    snapshot = ClipboardSnapshot(
        {
            "text/plain": b"Summary for the appeal letter",
            "text/html": b"<p>Summary for the <b>appeal</b> letter</p><script>x()</script>",
            "text/rtf": RTF_ESCAPED,
        }
    )
    extracted = extract_text(snapshot)
    assert extracted.complete
    assert "Summary for the appeal letter" in extracted.text
    assert "Renée Ostrowski" in extracted.text and "x()" not in extracted.text
    assert content_key(snapshot) != content_key(ClipboardSnapshot.of_text("Summary"))


def test_a_truncated_snapshot_is_never_complete() -> None:
    assert not extract_text(ClipboardSnapshot({"text/plain": b"a"}, truncated=True)).complete


def test_html_reads_like_a_page() -> None:
    html = (
        "<div>Name:&nbsp;<span>Ren&eacute;e</span></div>"
        "<table><tr><td>MRN</td><td>7731</td></tr></table>"
    )
    text = html_to_text(html)
    assert "Name:\xa0Renée" in text and "MRN\t7731" in text


def test_content_keys_tell_pastes_apart_and_empty_is_nothing() -> None:
    plain = ClipboardSnapshot.of_text("notice")
    assert (
        content_key(plain) == text_key("notice") == content_key(ClipboardSnapshot.of_text("notice"))
    )
    rich = ClipboardSnapshot({"text/plain": b"notice", "text/html": b"<b>notice</b>"})
    assert content_key(rich) != content_key(plain)
    assert content_key(ClipboardSnapshot.of_text(" \n")) == ""
    assert content_key(ClipboardSnapshot({"image/png": b"\x89PNG"})) == ""
    unreadable = ClipboardSnapshot({}, truncated=True)
    assert content_key(unreadable) != "" and not extract_text(unreadable).complete


@pytest.mark.parametrize(
    ("original", "visible"),
    [
        ("Ren\u200bée Ostrow\u200dski", "Renée Ostrowski"),
        ("\u202eRenée\u202c and \ufeffDOB", "Renée and DOB"),
        ("SSN \uff12\uff11\uff19-09-9999", "SSN 219-09-9999"),
        ("plain ascii stays", "plain ascii stays"),
    ],
)
def test_fold_removes_invisible_characters_and_maps_back(original: str, visible: str) -> None:
    folded = fold(original)
    assert folded.text == visible
    start, end = folded.span(0, len(folded.text))
    assert fold(original[start:end]).text == visible  # the span covers every visible char


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


@pytest.mark.parametrize(
    "text",
    [
        "Pt Ren\u200bée Ost\u200crowski, DOB 0\u200b3/14/1952, MRN 77\u200b31925",
        "Patient \u202eRenée Ostrowski\u202c, SSN \uff12\uff11\uff19-\uff10\uff19-9999",
        "Ms. Ren\u00adée Ostrowski was seen on 03/14/2026.",
    ],
)
def test_hidden_phi_is_found_and_redacted_in_the_original(scanner: Scanner, text: str) -> None:
    report = scanner.scan(text)
    assert report.phi, [f.type for f in report.findings]
    copy = redact(text, report)
    assert "Ostrow" not in copy.replace("\u200b", "").replace("\u200c", "")
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(text)


def test_phi_in_rtf_escapes_beside_harmless_plain_text_is_found(scanner: Scanner) -> None:
    snapshot = ClipboardSnapshot({"text/plain": b"Harmless summary", "text/rtf": RTF_ESCAPED})
    assert not scanner.scan("Harmless summary").phi
    assert scanner.scan(extract_text(snapshot).text).phi
