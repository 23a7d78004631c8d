"""Issue 12's Python cases: invalid UTF-8 bytes and lone surrogates are ValueErrors, `threads` is
validated, a missing pyarrow says how to install it, a Presentation pickles."""

from __future__ import annotations

import pickle
import sys

import pytest

import stenosis
from stenosis import InvalidPresentation, Presentation


def test_invalid_utf8_bytes_are_a_value_error_naming_the_offset() -> None:
    with pytest.raises(ValueError, match="UTF-8") as info:
        stenosis.assess_json(b'{"sex": "\xff"}')
    assert isinstance(info.value, InvalidPresentation)
    assert stenosis.assess_json(b'{"age_years": 61}') == stenosis.assess_json('{"age_years": 61}')


def test_a_str_with_a_lone_surrogate_is_refused_not_a_type_error() -> None:
    with pytest.raises(InvalidPresentation, match="surrogate"):
        stenosis.assess_json('{"sex": "\ud800"}')


@pytest.mark.parametrize("threads", [-1, 0, 1025, 10**30, -(10**30)])
def test_threads_out_of_range_is_a_value_error(threads: int) -> None:
    with pytest.raises(ValueError, match="threads must be a whole number from 1 to 1024"):
        stenosis.assess_many([{"age_years": 61}], threads=threads)


@pytest.mark.parametrize("threads", [1.5, "2", True])
def test_threads_of_another_type_is_a_type_error(threads: object) -> None:
    with pytest.raises(TypeError, match="threads must be a whole number"):
        stenosis.assess_many([{"age_years": 61}], threads=threads)  # type: ignore[arg-type]


def test_threads_in_range_work() -> None:
    for threads in (None, 1, 3, 1024):
        [a] = stenosis.assess_many([{"age_years": 61}], threads=threads)
        assert not isinstance(a, InvalidPresentation)


def test_a_missing_pyarrow_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    pd = pytest.importorskip("pandas")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ModuleNotFoundError, match="pip install pyarrow"):
        stenosis.assess_frame(pd.DataFrame({"age_years": [61]}))


def test_presentation_pickles() -> None:
    p = Presentation.from_json('{"age_years": 61, "sex": "female", "findings": {"hoffmann_sign": "present"}}')
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        q = pickle.loads(pickle.dumps(p, protocol=protocol))
        assert q == p
        assert q.to_json() == p.to_json()
    assert pickle.loads(pickle.dumps(Presentation())) == Presentation()
