"""The one error model: located problems with a slug, read the same everywhere."""

import pytest

from autodiag.errors import AutodiagError, Problem


def test_problem_reads_file_path_message_and_slug():
    problem = Problem("content/preguntas.yaml", "transparencia.preguntas[4].peso",
                      'se esperaba un número, no "alto"', "tipo-invalido")
    assert str(problem) == ('content/preguntas.yaml: transparencia.preguntas[4].peso: '
                            'se esperaba un número, no "alto" [tipo-invalido]')


def test_problem_without_path_or_file_omits_them():
    missing = Problem("rubrica.yaml", "", "no existe", "archivo-faltante")
    assert str(missing) == "rubrica.yaml: no existe [archivo-faltante]"
    assert str(Problem("", "", "falta", "x")) == "falta [x]"


def test_error_carries_every_problem_and_reads_one_line_each():
    error = AutodiagError([Problem("a.json", "label", "muy largo", "texto-muy-largo"),
                           Problem("a.json", "answers.x", "opción desconocida", "opcion-desconocida")])
    assert error.code == "texto-muy-largo"
    assert error.codes == ("texto-muy-largo", "opcion-desconocida")
    assert error.lines() == ["a.json: label: muy largo [texto-muy-largo]",
                             "a.json: answers.x: opción desconocida [opcion-desconocida]"]
    assert error.message == "muy largo. opción desconocida."
    assert isinstance(error, ValueError)


def test_single_problem_error():
    error = AutodiagError.one("vacio", "El archivo está vacío.", file="f.json")
    assert (error.file, error.path, error.message, error.code) == ("f.json", "", "El archivo está vacío.", "vacio")
    assert str(error) == "f.json: El archivo está vacío. [vacio]"


def test_an_error_without_problems_is_a_programming_mistake():
    with pytest.raises(TypeError):
        AutodiagError([])
