"""Every translatable term of the four addons' Python code reaches their
French, Dutch and German translations.

Odoo's exporter extracts the terms of a Python file with Babel and skips the
whole file when Babel cannot read a call (an f-string inside ``_()``, for
instance): its terms then silently stay in English. This reads the code the
same way and checks each term is in the addon's .po files, translated.
"""

from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_python

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("salon_booking", "salon_deposits", "salon_packages", "salon_memberships")
LANGS = ("fr", "nl", "de")


def python_terms(addon):
    """``{term: "file:line"}`` of the addon's Python code (not its tests)."""
    terms = {}
    for path in sorted((REPO / addon).rglob("*.py")):
        if "tests" in path.relative_to(REPO / addon).parts:
            continue
        with path.open("rb") as source:
            try:
                found = list(extract_python(source, {"_": None, "_lt": None}, [], {}))
            except Exception as error:  # noqa: BLE001 - the point of the test
                pytest.fail(f"Odoo's exporter would skip {path}: {error!r}")
        for lineno, _function, message, _comments in found:
            term = message[0] if isinstance(message, tuple) else message
            if term:
                terms.setdefault(term, f"{path.relative_to(REPO)}:{lineno}")
    return terms


@pytest.mark.parametrize("addon", ADDONS)
def test_python_terms_are_translated(addon):
    terms = python_terms(addon)
    assert terms, f"no translatable term found in {addon}"
    for lang in LANGS:
        catalog = {
            entry.msgid: entry
            for entry in polib.pofile(str(REPO / addon / "i18n" / f"{lang}.po"))
        }
        missing = [
            f"{where}: {term!r}"
            for term, where in terms.items()
            if term not in catalog
            or not catalog[term].msgstr
            or "fuzzy" in catalog[term].flags
        ]
        assert not missing, f"{addon}/i18n/{lang}.po lacks:\n" + "\n".join(missing)
