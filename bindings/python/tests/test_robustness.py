"""Regressions for the robustness review of the binding: hostile int/float subclasses, mixed and
empty pandas columns, malformed Arrow data, and the smaller findings (LazyFrame, Series, Float16,
dictionaries of numbers, uint64, KeyboardInterrupt, numpy arrays, messages, __eq__)."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import stenosis
from stenosis import InvalidPresentation, Presentation, StenosisError

SECRET = "Hans Mueller said yes"

# --- 1. int / float subclasses are read by value, never through their own __str__ / __repr__ ---


class EvilInt(int):
    def __str__(self) -> str:
        return '64, "findings": {"babinski_sign": "present"}'

    __repr__ = __str__


class EvilFloat(float):
    def __str__(self) -> str:
        return '1.0, "findings": {"babinski_sign": "present"}'

    __repr__ = __str__


class Age(enum.IntEnum):
    SIXTY_FOUR = 64


def test_int_subclass_cannot_inject_json() -> None:
    for p in (Presentation(age_years=EvilInt(10)), Presentation.from_dict({"age_years": EvilInt(10)})):
        assert p.age_years == 10
        assert p.findings == {}
    a = stenosis.assess({"age_years": EvilInt(10)})
    assert a.to_dict() == stenosis.assess({"age_years": 10}).to_dict()


def test_int_enum_and_float_subclass_are_read_by_value() -> None:
    assert Presentation(age_years=Age.SIXTY_FOUR).age_years == 64
    assert Presentation(mjoa=Age(64) - 50).mjoa == 14
    p = Presentation(symptom_duration_months=EvilFloat(2.5), ankle_brachial_index=EvilFloat(1.0))
    assert p.symptom_duration_months == 2.5 and p.ankle_brachial_index == 1.0 and p.findings == {}


def test_huge_int_subclass_is_out_of_range() -> None:
    class Big(int):
        def __str__(self) -> str:
            return "64"

    with pytest.raises(InvalidPresentation) as info:
        Presentation(age_years=Big(10**40))
    assert info.value.field == "age_years" and info.value.kind == "out_of_range"
    # Beyond Python's int-to-str digit limit too.
    with pytest.raises(InvalidPresentation) as info:
        Presentation(age_years=10**5000)
    assert info.value.field == "age_years" and info.value.kind == "out_of_range"


# --- 2. mixed-type object columns in pandas: per-row errors, the batch is kept, no echo ---


def test_pandas_mixed_object_column_is_a_row_error_without_echo() -> None:
    out = stenosis.assess_frame(pd.DataFrame({"hoffmann_sign": [True, SECRET, 3]}))
    assert len(out) == 3
    assert pd.isna(out["error"][0]) and out["pathway"][0] is not None
    for i in (1, 2):
        assert out["error"][i].startswith("findings.hoffmann_sign:")
        assert SECRET not in out["error"][i]


def test_pandas_booleans_mixed_with_status_strings_are_accepted() -> None:
    out = stenosis.assess_frame(pd.DataFrame({"hoffmann_sign": [True, "present", None, False]}))
    assert out["error"].isna().all()
    present = stenosis.assess({"findings": {"hoffmann_sign": "present"}})
    absent = stenosis.assess({"findings": {"hoffmann_sign": "absent"}})
    assert out["cook_positive"][0] == out["cook_positive"][1] == present.myelopathy.cook_rule.positive
    assert out["cook_assessed"][2] == 0
    assert out["cook_assessed"][3] == absent.myelopathy.cook_rule.assessed


def test_pandas_numbers_mixed_with_text() -> None:
    out = stenosis.assess_frame(pd.DataFrame({"age_years": [64, "70", None, SECRET, True]}))
    assert out["error"][:3].isna().all()
    assert out["pathway"][1] == stenosis.assess({"age_years": 70}).pathway.value
    for i in (3, 4):
        assert out["error"][i].startswith("age_years:") and SECRET not in out["error"][i]


def test_object_of_another_type_in_a_text_column_is_a_row_error() -> None:
    class Weird:
        def __repr__(self) -> str:
            return SECRET

    out = stenosis.assess_frame(pd.DataFrame({"sex": ["male", Weird()]}))
    assert out["error"][1].startswith("sex:") and SECRET not in out["error"][1]


# --- 3. empty columns, duplicate columns, no columns, ignore_columns ---


def test_all_nan_columns_are_accepted_for_any_field() -> None:
    nan = [np.nan, np.nan]
    df = pd.DataFrame({"babinski_sign": nan, "sex": nan, "course": nan, "age_years": [64, 70]})
    out = stenosis.assess_frame(df)
    assert out["error"].isna().all()
    pl_out = stenosis.assess_frame(pl.DataFrame({"babinski_sign": [None, None]}, schema={"babinski_sign": pl.Float64}))
    assert pl_out["error"].to_list() == [None, None]


def test_duplicate_columns_raise_invalid_presentation() -> None:
    df = pd.DataFrame([[1, 2]], columns=["age_years", "age_years"])
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(df)
    assert info.value.kind == "duplicate_field" and info.value.field == "age_years"


def test_frame_left_without_columns_keeps_its_rows() -> None:
    df = pd.DataFrame({"patient_id": [1, 2, 3]}, index=["a", "b", "c"])
    out = stenosis.assess_frame(df, ignore_columns=["patient_id"])
    assert len(out) == 3 and list(out.index) == ["a", "b", "c"] and out["error"].isna().all()
    assert len(stenosis.assess_frame(pd.DataFrame(index=range(4)))) == 4


def test_ignore_columns_must_be_a_list_of_existing_columns() -> None:
    for df in (pd.DataFrame({"id": [1], "age_years": [3]}), pl.DataFrame({"id": [1], "age_years": [3]})):
        with pytest.raises(TypeError, match="list"):
            stenosis.assess_frame(df, ignore_columns="id")
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_frame(df, ignore_columns=["id", "mrn"])
        assert info.value.field == "ignore_columns" and "mrn" in str(info.value)
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_frame(df, ignore_columns=[SECRET])
        assert SECRET not in str(info.value)


# --- 4. malformed Arrow data is refused before any value is read ---


def test_invalid_utf8_is_refused() -> None:
    offsets = pa.py_buffer(np.array([0, 4], dtype=np.int32).tobytes())
    arr = pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(b"m\xffle")])
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_arrow(pa.table({"sex": arr}))
    assert info.value.field == "sex" and isinstance(info.value, StenosisError)
    # Invalid UTF-8 inside the values of a dictionary column.
    dictionary = pa.DictionaryArray.from_arrays(pa.array([0], pa.int32()), arr)
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_arrow(pa.table({"sex": dictionary}))
    assert info.value.field == "sex"


@pytest.mark.parametrize("large", [False, True])
def test_malformed_offsets_are_refused_and_non_ascii_text_is_read(large: bool) -> None:
    # The ASCII fast check of text columns must refuse every offsets layout validate_full refuses
    # (falling back to it), and read valid non-ASCII text as text.
    kind, width = (pa.large_string(), np.int64) if large else (pa.string(), np.int32)
    data = pa.py_buffer(b"malefemale")
    sent = 0
    for offsets in ([0, 4, 2], [0, 4, 11], [-1, 4, 10], [3, 1, 10], [0, 6, 4, 10], [0, 4, 10, 12]):
        n = len(offsets) - 1
        try:
            arr = pa.Array.from_buffers(kind, n, [None, pa.py_buffer(np.array(offsets, dtype=width).tobytes()), data])
        except pa.ArrowInvalid:
            continue  # pyarrow's own structural check refuses it before it can be sent
        sent += 1
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess_arrow(pa.table({"sex": arr}))
        assert info.value.field == "sex", offsets
    assert sent >= 2  # the offsets that fall back and go down
    good = pa.Array.from_buffers(kind, 2, [None, pa.py_buffer(np.array([0, 4, 10], dtype=width).tobytes()), data])
    assert stenosis.assess_arrow(pa.table({"sex": good})).column("error").to_pylist() == [None, None]
    # Valid UTF-8 beyond ASCII: read (and refused as a value of the field, with the row's error).
    out = stenosis.assess_arrow(pa.table({"sex": pa.array(["m\u00e4le", "male", None], type=kind)}))
    errors = out.column("error").to_pylist()
    assert errors[0] is not None and errors[0].startswith("sex") and errors[1:] == [None, None]
    # A slice at an odd offset of a longer column reads its own rows.
    long = pa.array(["female", "male", "other", None, "male"] * 999, type=kind).slice(3, 4001)
    out = stenosis.assess_arrow(pa.table({"sex": long}))
    assert out.column("error").null_count == 4001


def test_string_views_inline_and_long_are_checked_and_read() -> None:
    # The ASCII fast check of string-view columns: invalid UTF-8 inline (4 bytes) or in a data
    # buffer (long views) still refused with the column named; valid text read, short and long,
    # ASCII or not.
    inline = np.zeros(4, dtype=np.int32)
    inline[0] = 4
    raw = bytearray(inline.tobytes())
    raw[4:8] = b"m\xffle"
    bad = pa.Array.from_buffers(pa.string_view(), 1, [None, pa.py_buffer(bytes(raw))])
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_arrow(pa.table({"sex": bad}))
    assert info.value.field == "sex"
    long = np.zeros(4, dtype=np.int32)
    long[0], long[2], long[3] = 19, 0, 0
    raw = bytearray(long.tobytes())
    raw[4:8] = b"rapi"
    data = pa.py_buffer(b"rapidly_progressiv\xff")
    bad = pa.Array.from_buffers(pa.string_view(), 1, [None, pa.py_buffer(bytes(raw)), data])
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_arrow(pa.table({"course": bad}))
    assert info.value.field == "course"
    cells = ["rapidly_progressive", "stable", None, "progressive", "st\u00e4ble", "rapidly_progressive"]
    out = stenosis.assess_arrow(pa.table({"course": pa.array(cells, type=pa.string_view())}))
    errors = out.column("error").to_pylist()
    assert [e is None for e in errors] == [True, True, True, True, False, True]
    assert errors[4].startswith("course")


def test_out_of_range_string_view_is_refused() -> None:
    # One long (> 12 bytes) view pointing at data buffer #5 of 1, at a far offset.
    view = np.zeros(4, dtype=np.int32)
    view[0], view[2], view[3] = 20, 5, 1 << 30
    data = pa.py_buffer(b"x" * 16)
    arr = pa.Array.from_buffers(pa.string_view(), 1, [None, pa.py_buffer(view.tobytes()), data])
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_arrow(pa.table({"course": arr}))
    assert info.value.field == "course"


# --- 5. the smaller findings ---


def test_lazy_frames_and_series_are_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match="collect"):
        stenosis.assess_frame(pl.DataFrame({"age_years": [3]}).lazy())  # type: ignore[type-var]
    with pytest.raises(TypeError, match="DataFrame"):
        stenosis.assess_frame(pd.Series([3], name="age_years"))  # type: ignore[type-var]
    with pytest.raises(TypeError, match="DataFrame"):
        stenosis.assess_frame(pl.Series("age_years", [3]))  # type: ignore[type-var]


def test_float16_and_dictionaries_of_numbers_are_accepted() -> None:
    table = pa.table({
        "age_years": pa.array(np.array([64, 70], dtype=np.float16)),
        "mjoa": pa.array([12, 14]).dictionary_encode(),
        "hoffmann_sign": pa.array([True, False]).dictionary_encode(),
    })
    out = stenosis.assess_arrow(table)
    assert out.column("error").to_pylist() == [None, None]
    want = stenosis.assess({"age_years": 64, "mjoa": 12, "findings": {"hoffmann_sign": "present"}})
    assert out.column("pathway")[0].as_py() == want.pathway.value


def test_uint64_beyond_i64_is_reported_with_its_magnitude() -> None:
    out = stenosis.assess_arrow(pa.table({"age_years": pa.array([2**64 - 1], pa.uint64())}))
    message = out.column("error")[0].as_py()
    assert message.startswith("age_years:") and "9223372036854775807" not in message


def test_keyboard_interrupt_is_not_swallowed() -> None:
    class Interrupting:
        def keys(self) -> list[str]:
            raise KeyboardInterrupt

        def __getitem__(self, key: str) -> Any:
            return None

    with pytest.raises(KeyboardInterrupt):
        stenosis.assess(Interrupting())  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        stenosis.assess_many([{"age_years": 3}, Interrupting()])  # type: ignore[list-item]

    class Failing(Interrupting):
        def keys(self) -> list[str]:
            raise RuntimeError(SECRET)

    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess(Failing())  # type: ignore[arg-type]
    assert SECRET not in str(info.value) and "the a" not in str(info.value)


def test_numpy_arrays_are_not_scalars() -> None:
    for value in (np.array([[64]]), np.array([64])):
        with pytest.raises(InvalidPresentation) as info:
            stenosis.assess({"age_years": value})
        assert info.value.field == "age_years" and info.value.kind == "wrong_type"
    assert Presentation.from_dict({"age_years": np.int64(64), "findings": {"falls": np.bool_(True)}}).age_years == 64


def test_messages_do_not_double_the_article() -> None:
    class BadMap:
        def keys(self) -> list[str]:
            raise ValueError("x")

        def __getitem__(self, key: str) -> Any:
            return None

    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess(BadMap())  # type: ignore[arg-type]
    assert str(info.value) == "could not read a BadMap as a mapping"


def test_free_text_column_name_is_not_named() -> None:
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(pd.DataFrame({SECRET: [1]}))
    assert info.value.field is None and SECRET not in str(info.value)
    # An unknown column is refused by its name, whatever its values.
    with pytest.raises(InvalidPresentation, match='did you mean "babinski_sign"') as info:
        stenosis.assess_frame(pd.DataFrame({"babinsky_sign": [True, SECRET]}))
    assert info.value.field == "babinsky_sign" and SECRET not in str(info.value)
    # Nested column types are described without their (free-text) field names.
    with pytest.raises(InvalidPresentation) as info:
        stenosis.assess_frame(pl.DataFrame({"age_years": [{SECRET: 1}]}))
    assert info.value.field == "age_years" and SECRET not in str(info.value)


def test_stream_producer_error_is_wrapped_without_echo() -> None:
    schema = pa.schema([("age_years", pa.int64())])

    def batches() -> Iterator[pa.RecordBatch]:
        yield pa.record_batch({"age_years": [1]})
        raise ValueError(SECRET)

    with pytest.raises(StenosisError) as info:
        stenosis.assess_arrow(pa.RecordBatchReader.from_batches(schema, batches()))
    assert isinstance(info.value, ValueError) and SECRET not in str(info.value)
    assert info.value.__cause__ is None


def test_presentation_eq_returns_not_implemented() -> None:
    p = Presentation(age_years=3)
    assert p.__eq__(3) is NotImplemented
    assert p.__eq__(Presentation(age_years=3)) is True

    class Anything:
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = object.__hash__

    assert p == Anything()
    assert p != 3 and p == Presentation(age_years=3)
