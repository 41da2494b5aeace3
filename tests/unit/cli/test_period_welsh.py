"""`mappa period --lang cy`: the answer in Welsh, the JSON's keys and every error as in English."""

from __future__ import annotations

import json

from tests.conftest import mappa


def test_the_answer_is_in_welsh_with_welsh_month_names() -> None:
    english = mappa("period", "--disposal", "imprisonment", "--term", "2y", "--relevant-date", "2026-03-01")
    welsh = mappa("period", "--disposal", "imprisonment", "--term", "2y", "--relevant-date", "2026-03-01", "--lang", "cy")
    assert english.returncode == welsh.returncode == 0
    assert english.stdout.startswith("Notification period: 10 years")
    assert welsh.stdout.startswith("Cyfnod hysbysu: 10 mlynedd")
    assert "1 Mawrth 2026" in welsh.stdout and "29 Chwefror 2036" in welsh.stdout


def test_the_json_keys_are_unchanged_and_errors_stay_in_english() -> None:
    args = ("period", "--disposal", "imprisonment", "--term", "2y", "--relevant-date", "2026-03-01", "--json")
    assert json.loads(mappa(*args, "--lang", "cy").stdout) == json.loads(mappa(*args).stdout)
    wrong = mappa("period", "--disposal", "imprisonment", "--term", "2 years", "--lang", "cy")
    assert wrong.returncode == 2 and wrong.stderr == mappa("period", "--disposal", "imprisonment", "--term", "2 years").stderr


def test_an_unusual_case_still_says_check_with_the_office_in_welsh() -> None:
    welsh = mappa("period", "--disposal", "caution", "--date-of-birth", "1990-01-01", "--relevant-date", "1997-06-01", "--lang", "cy")
    assert welsh.returncode == 3 and "swyddfa MAPPA" in welsh.stdout


def test_a_language_other_than_english_or_welsh_is_refused() -> None:
    refused = mappa("period", "--disposal", "caution", "--lang", "fr")
    assert refused.returncode == 2 and "'fr' is not one of 'en', 'cy'" in refused.stderr
