"""The cache of validated datasets saves time and nothing else: unchanged bytes load
without validating again; any changed byte validates again."""

from __future__ import annotations

import pytest

import riskscore
from riskscore import validate
from riskscore.errors import ValidationFailed


def test_unchanged_data_load_from_the_cache(shipped_copy, monkeypatch):
    data, meta = shipped_copy
    first = riskscore.load(data, meta)

    def fail(*args, **kwargs):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr(validate, "validate_folders", fail)
    again = riskscore.load(data, meta)
    assert again.offences.equals(first.offences)


def test_a_changed_cell_is_validated_again(shipped_copy):
    data, meta = shipped_copy
    riskscore.load(data, meta)
    path = meta / "pillars.csv"
    path.write_text(path.read_text().replace("0.35", "0.45", 1))
    with pytest.raises(ValidationFailed) as err:
        riskscore.load(data, meta)
    assert "pillars.csv" in err.value.report()


def test_the_cache_can_be_turned_off(shipped_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("RISKSCORE_CACHE_DIR", "off")
    data, meta = shipped_copy
    riskscore.load(data, meta)
    calls = []
    real = validate.validate_folders
    monkeypatch.setattr(validate, "validate_folders",
                        lambda *a: calls.append(1) or real(*a))
    riskscore.load(data, meta)
    assert calls == [1]
