"""Synthetic demo data for the workshop notebook: ``python -m autodiag.demo OUTPUT_DIR``.

Writes two folders of answers files, clearly labelled as synthetic, that a trainer can
load into ``notebooks/taller.ipynb`` (e.g. on Binder) before having real ones:

- ``grupo_a/``: `n` participants of a first workshop, plus two deliberately broken files
  (``roto-*.json``) so the notebook shows how refused files are reported;
- ``grupo_b/``: `n` participants of a second workshop, some months later;
- most participants' files hold an action plan: some of the recommendations they got, with a
  plazo, a prioridad and an estado (more of them ``cumplida`` in the later group), so the notebook
  can show the group's plans;
- ``README.md``: says the data is synthetic and how to regenerate it.

Files named ``rubrica-1.0-*.json`` (answers files made with rubric 1.0, kept so the notebook
reads a mix of versions) are never written nor removed here: they cannot be regenerated.

The same seed writes byte-identical files (the ``created`` dates are fixed, not "now").
Every valid file is an ordinary answers file (`autodiag.new_answers`), and its ``label``
starts with "DATOS SINTÉTICOS".
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from .analysis import structured_profiles
from .load import load_rubric
from .model import Rubric
from .plan import Action, Estado, Plazo, Prioridad, action_from_recommendation

DEFAULT_N = 25
DEFAULT_SEED = 2026
LABEL = "DATOS SINTÉTICOS – grupo {group}, participante {number:02d}"
BROKEN_NAMES = ("roto-no-json.json", "roto-opcion-desconocida.json")
COMMAND = "python -m autodiag.demo notebooks/datos_demo --n {n} --seed {seed}"


@dataclass(frozen=True)
class DemoGroup:
    """A synthetic group: the probability of "Sí" per component and the date of its workshop."""

    folder: str
    name: str
    strength: Mapping[str, float]
    start: str
    """ISO 8601 date-time of the first file; each next participant one minute later."""
    broken: bool = False
    seed_offset: int = 0
    estados: Mapping[str, float] = field(default_factory=lambda: {"pendiente": 0.6, "en_curso": 0.3, "cumplida": 0.1})
    """How the actions of the group's plans split by estado (the state a team notes at follow-up)."""


GROUPS = (
    DemoGroup("grupo_a", "A", {"transparencia": 0.7, "participacion": 0.3, "rendicion_cuentas": 0.45,
                               "marco_politicas": 0.4, "innovacion": 0.25},
              "2026-03-10T10:00:00-06:00", broken=True, seed_offset=0),
    DemoGroup("grupo_b", "B", {"transparencia": 0.75, "participacion": 0.5, "rendicion_cuentas": 0.55,
                               "marco_politicas": 0.55, "innovacion": 0.35},
              "2026-09-15T10:00:00-06:00", seed_offset=1,
              estados={"pendiente": 0.3, "en_curso": 0.35, "cumplida": 0.35}),
)
SPREAD = 0.25
"""How much the participants of a group differ from one another (see `structured_profiles`)."""
REST = {"parcial": 0.35, "elaboracion": 0.1, "no": 0.4, "nose": 0.15}
"""How the answers other than "Sí" split."""
PLAN_SHARE = 0.8
"""Share of participants whose file holds an action plan."""
PLAN_SIZE = (2, 6)
"""Fewest and most actions of a synthetic plan."""
PLAZOS = {"corto": 0.4, "mediano": 0.4, "largo": 0.2}
PRIORIDADES = {"alta": 0.4, "media": 0.4, "baja": 0.2}

README = """\
# Datos de demostración (SINTÉTICOS)

**Estos archivos no son respuestas reales.** Fueron generados al azar por el programa,
con una semilla fija, para que el cuaderno `taller.ipynb` tenga algo que mostrar (por
ejemplo, en Binder) antes de cargar los archivos de un grupo real. No describen a ningún
municipio ni a ninguna persona. La etiqueta (`label`) de cada archivo empieza con
"DATOS SINTÉTICOS".

- `grupo_a/`: {n} participantes de un primer taller (marzo de 2026), más dos archivos
  dañados a propósito (`roto-no-json.json`, `roto-opcion-desconocida.json`) para ver
  cómo el cuaderno informa de los archivos que no puede leer;
- `grupo_b/`: {n} participantes de un segundo taller (septiembre de 2026), para comparar
  dos grupos o dos fechas;
- `grupo_a/rubrica-1.0-participante-*.json`: tres archivos hechos con la versión 1.0 de la
  rúbrica (su etiqueta termina en "(rúbrica 1.0)"). El cuaderno los abre con la versión
  actual: recupera las respuestas de las preguntas que conservan su sentido y avisa cuáles
  son nuevas (sin respuesta) y cuáles se retiraron. Estos tres archivos no se regeneran.

La mayoría de los archivos trae además un **plan de acción** sintético: algunas de las
recomendaciones que esa persona recibió, con plazo, prioridad y estado (en el segundo taller,
más acciones cumplidas), para que el cuaderno muestre los planes del grupo.

Para volver a generar los demás (desde la raíz del repositorio; la misma semilla produce
exactamente los mismos archivos):

```bash
{command}
```
"""


def group_files(rubric: Rubric, group: DemoGroup, n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> dict[str, bytes]:
    """File name → bytes of one synthetic group (its broken files included)."""
    from .answers import new_answers

    profiles = structured_profiles(rubric, n, group.strength, seed=seed + group.seed_offset, spread=SPREAD,
                                   rest=REST)
    rng = random.Random(1_000_003 * seed + group.seed_offset)  # the plans' own draws: the answers stay as they were
    start = datetime.fromisoformat(group.start)
    files: dict[str, bytes] = {}
    for number, answers in enumerate(profiles, start=1):
        doc = new_answers(rubric, answers, label=LABEL.format(group=group.name, number=number),
                          plan=synthetic_plan(rubric, answers, group, rng))
        doc.created = (start + timedelta(minutes=number)).isoformat()
        files[f"participante-{number:02d}.json"] = doc.to_bytes()
    if group.broken:
        files.update(broken_files(rubric, start))
    return files


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def synthetic_plan(rubric: Rubric, answers: Mapping[str, str], group: DemoGroup, rng: random.Random
                   ) -> tuple[Action, ...]:
    """A plan a participant might have made: some of the recommendations they got (priorities
    first), each with a plazo, a prioridad and an estado drawn from the group's split; or none."""
    from .scoring import score

    if rng.random() >= PLAN_SHARE:
        return ()
    diagnosis = score(rubric, answers)
    candidates = [r for c in diagnosis for r in c.recommendations.priority]
    candidates += [r for c in diagnosis for r in (*c.recommendations.pending, *c.recommendations.next)]
    size = min(rng.randint(*PLAN_SIZE), len(candidates))
    # mostly among the first candidates (the priorities), kept in that order
    weights = [1.0 / (1 + i) for i in range(len(candidates))]
    picked: list[int] = []
    while len(picked) < size:
        index = rng.choices(range(len(candidates)), weights=weights)[0]
        if index not in picked:
            picked.append(index)
    picked.sort()
    plan = []
    for k, index in enumerate(picked, start=1):
        action = action_from_recommendation(rubric, candidates[index].id, f"a{k}")
        plan.append(dataclasses.replace(action, plazo=Plazo(_pick(rng, PLAZOS)),
                                        prioridad=Prioridad(_pick(rng, PRIORIDADES)),
                                        estado=Estado(_pick(rng, group.estados))))
    return tuple(plan)


def broken_files(rubric: Rubric, created: datetime) -> dict[str, bytes]:
    """Two files the reader refuses: a download cut short, and an answer that is not on the scale."""
    from .answers import new_answers

    first = rubric.questions[0].id
    doc = new_answers(rubric, {q.id: rubric.top_option.id for q in rubric.questions[:5]},
                      label="DATOS SINTÉTICOS – archivo dañado a propósito")
    doc.created = created.isoformat()
    text = doc.to_json()
    wrong = doc.to_dict()
    wrong["answers"][first] = "quizas"
    return {
        BROKEN_NAMES[0]: text[: len(text) // 2].encode("utf-8"),
        BROKEN_NAMES[1]: (json.dumps(wrong, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }


def write_demo(output: str | Path, rubric: Rubric | None = None, n: int = DEFAULT_N,
               seed: int = DEFAULT_SEED) -> list[Path]:
    """Write every demo group and the README under `output`; return the paths written.

    Earlier demo files (``participante-*.json``, ``roto-*.json``) in the group folders are
    removed first, so a smaller `n` leaves no stale participants; nothing else is touched.
    """
    rubric = rubric or load_rubric()
    output = Path(output)
    written = []
    for group in GROUPS:
        folder = output / group.folder
        folder.mkdir(parents=True, exist_ok=True)
        for old in [*folder.glob("participante-*.json"), *folder.glob("roto-*.json")]:
            old.unlink()
        for name, data in group_files(rubric, group, n, seed).items():
            path = folder / name
            path.write_bytes(data)
            written.append(path)
    readme = output / "README.md"
    readme.write_text(README.format(n=n, command=COMMAND.format(n=n, seed=seed)), encoding="utf-8")
    written.append(readme)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m autodiag.demo",
        description="Genera archivos de respuestas SINTÉTICOS (grupo_a/ y grupo_b/) para el cuaderno del taller.")
    parser.add_argument("output", metavar="OUTPUT_DIR", help="carpeta donde escribir los datos de demostración")
    parser.add_argument("--n", type=int, default=DEFAULT_N, help=f"participantes por grupo (por omisión {DEFAULT_N})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"semilla (por omisión {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n debe ser al menos 1")
    written = write_demo(args.output, n=args.n, seed=args.seed)
    print(f"{len(written)} archivos escritos en {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
