"""The Spanish catalogue is complete and safe to format, checked against the code itself.

Every string the code marks (`_()`, `ngettext()`, `N_()` in app/) is extracted the way
the release does it (scripts/translations.py, Babel), then each language's .po must have
a non-empty translation for it, with exactly the same format placeholders ({count},
{tool} ...) and every plural form its Plural-Forms header asks for. The checks also run
on planted faults, so a checker that can no longer fail is caught.
"""

from __future__ import annotations

import ast
import importlib.util
import string
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location("pw_translations", ROOT / "scripts/translations.py")
assert _spec is not None and _spec.loader is not None
translations = importlib.util.module_from_spec(_spec)
sys.modules["pw_translations"] = translations
_spec.loader.exec_module(translations)

LANGUAGES = ("es",)


def placeholders(text: str) -> set[str]:
    """The {fields} of a str.format template ('{count}', '{tool}')."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def fits(form: str, ids: tuple[str, ...], forms: tuple[str, ...]) -> bool:
    """A translation uses exactly its msgid's placeholders. A plural form may leave one out
    where its own count is implied ("una vez al día" for 1), never add one, and the last
    form (every other count) has exactly those of the plural msgid."""
    if len(ids) == 1:
        return placeholders(form) == placeholders(ids[0])
    if form is forms[-1]:
        return placeholders(form) == placeholders(ids[-1])
    return placeholders(form) <= placeholders(ids[0]) | placeholders(ids[-1])


def problems(template: Any, catalog: Any) -> list[str]:
    """Every missing, empty, incomplete or mismatched translation of `template`'s ids."""
    found = []
    for message in template:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        translated = catalog.get(message.id)
        if translated is None:
            found.append(f"missing: {key!r}")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        wanted = catalog.num_plurals if isinstance(message.id, tuple) else 1
        if len(forms) != wanted or not all(form.strip() for form in forms):
            found.append(f"incomplete: {key!r}")
        found += [f"placeholders differ: {key!r}" for f in forms if not fits(f, ids, forms)]
    return found


@pytest.fixture(scope="module")
def template() -> Any:
    return translations.extract()


def test_the_code_marks_its_strings(template: Any) -> None:
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in template if m.id}
    assert "Patient information can't be pasted into {tool}" in ids
    assert "{count} name" in ids and len(ids) > 90


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_with_the_same_placeholders(
    template: Any, language: str
) -> None:
    catalog = translations.read(
        translations.CATALOGUES / language / "LC_MESSAGES" / "pastewarden.po"
    )
    assert catalog.num_plurals == 2 and catalog.plural_expr == "(n != 1)"
    assert problems(template, catalog) == []


def test_the_checker_catches_missing_empty_and_mismatched_strings(template: Any) -> None:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="es")
    catalog._num_plurals = 2
    catalog.add("Patient information can't be pasted into {tool}", "No se puede pegar en {tol}")
    catalog.add(("{count} name", "{count} names"), ("{count} nombre", ""))
    catalog.add("Quit", "")
    catalog.add(("{count} clinician name", "{count} clinician names"), ("{count} x", "x"))
    catalog.add(
        ("{count} phone or fax number", "{count} phone or fax numbers"),
        ("un teléfono o fax", "{count} teléfonos o faxes"),
    )
    found = problems(template, catalog)
    assert 'placeholders differ: "Patient information can\'t be pasted into {tool}"' in found
    assert "incomplete: '{count} name'" in found
    assert "incomplete: 'Quit'" in found
    assert "missing: 'Resume protection'" in found
    assert "placeholders differ: '{count} clinician name'" in found  # the "other" form
    assert not [f for f in found if "phone or fax" in f]  # "un teléfono" for 1 is fine


_MARKERS = {"_", "N_", "ngettext"}


def calls_inside_fstrings(tree: ast.Module) -> list[int]:
    """Lines of `_()`/`N_()`/`ngettext()` written inside an f-string: the extractor does
    not look there, so such a string would never reach a translator."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            lines += [
                inner.lineno
                for inner in ast.walk(node)
                if isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Name)
                and inner.func.id in _MARKERS
            ]
    return lines


def test_no_marked_string_hides_inside_an_fstring() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "app").rglob("*.py"))
        if (lines := calls_inside_fstrings(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}
    planted = ast.parse("x = f\"<h2>{_('Totals')}</h2>\"\ny = _('fine')")
    assert calls_inside_fstrings(planted) == [1]
