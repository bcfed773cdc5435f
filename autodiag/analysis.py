"""Simulation and sensitivity of the rubric, for researchers.

Pure functions over the rubric and the package's own scoring (`autodiag.score`,
`level_for`, `risk_for`): nothing here re-implements a rule of DESIGN.md. numpy and pandas
are imported when a function needs them.

Answer profiles are plain ``{question_id: option_id}`` dicts, drawn reproducibly from a
seed:

- `random_profiles`: every answer drawn from a distribution over the scale (by default
  each simulated municipality first draws its own distribution, so the population ranges
  from weak to strong municipalities);
- `structured_profiles`: a probability of the top answer ("Sí") per component, e.g.
  strong in transparencia and weak in participacion.

`simulate` scores many profiles; `level_sensitivity` and `risk_sensitivity` count how many
profiles change level (risk) when θ (the cut points) move; `irregular_share` checks the
irregular profiles. This module is the researcher's (notebooks/explorar_rubrica.ipynb); the
trainer's analysis of a group of participants is `autodiag.workshop`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from . import frames
from .errors import AutodiagError
from .frames import distribution
from .model import Question, Rubric
from .scoring import level_for, risk_rule, score

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd
    from numpy.typing import ArrayLike

Profile = Mapping[str, str]

DEFAULT_SEED = 2026
__all__ = [
    "ANY", "distribution", "irregular_share", "level_curve", "level_sensitivity", "level_transitions", "levels_at",
    "random_profiles", "risk_sensitivity", "risks_at", "simulate", "structured_profiles", "uniform_profile",
]

ANY = "cualquier_componente"
"""Column of the sensitivity tables: profiles with at least one component changed."""


# --- profiles -----------------------------------------------------------------------------

def _option_ids(rubric: Rubric) -> list[str]:
    return [o.id for o in rubric.scale]


def _probabilities(rubric: Rubric, weights: Mapping[str, float]) -> list[float]:
    """`weights` (option id → weight) as probabilities in the scale's order."""
    unknown = sorted(set(weights) - set(_option_ids(rubric)))
    if unknown:
        raise AutodiagError.one("opcion-desconocida", f"opciones desconocidas: {', '.join(unknown)}", path="weights")
    values = [float(weights.get(o, 0.0)) for o in _option_ids(rubric)]
    if any(v < 0 for v in values) or not sum(values):
        raise AutodiagError.one("argumento-invalido", "los pesos deben ser no negativos y no todos cero",
                                path="weights")
    return [v / sum(values) for v in values]


def _draw(rubric: Rubric, rng: np.random.Generator, questions: Sequence[Question],
          p: ArrayLike) -> dict[str, str]:
    """One answer per question, drawn with probabilities `p` over the scale's options.

    A question that does not admit an option ("En elaboración") draws from the others, with
    their probabilities renormalized (or, if they are all 0, uniformly among them).
    """
    import numpy as np

    options = _option_ids(rubric)
    probs = np.asarray(p, dtype=float)
    u = rng.random(len(questions))
    answers = {}
    for q, x in zip(questions, u):
        mask = np.array([rubric.admits(q, o) for o in options], dtype=float)
        allowed = probs * mask
        allowed = allowed / allowed.sum() if allowed.sum() > 0 else mask / mask.sum()
        i = int(np.searchsorted(np.cumsum(allowed), x, side="right"))  # skips options of probability 0
        answers[q.id] = options[i if i < len(options) else int(np.flatnonzero(allowed)[-1])]
    return answers


def random_profiles(rubric: Rubric, n: int, seed: int = DEFAULT_SEED,
                    weights: Mapping[str, float] | None = None) -> list[dict[str, str]]:
    """`n` profiles whose every answer is drawn at random from the scale.

    With `weights` (option id → weight, e.g. ``{"si": 2, "parcial": 1, "no": 1}``) every
    answer of every profile follows that one distribution. Without it, each profile first
    draws its own distribution over the scale (uniformly among all distributions: a flat
    Dirichlet), so some simulated municipalities answer mostly "Sí" and others mostly "No".
    The same seed gives the same profiles.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    options = _option_ids(rubric)
    fixed = None if weights is None else _probabilities(rubric, weights)
    profiles = []
    for _ in range(n):
        p = fixed if fixed is not None else rng.dirichlet(np.ones(len(options)))
        profiles.append(_draw(rubric, rng, rubric.questions, p))
    return profiles


def structured_profiles(rubric: Rubric, n: int, strength: Mapping[str, float], seed: int = DEFAULT_SEED,
                        default: float = 0.5, spread: float = 0.0,
                        rest: Mapping[str, float] | None = None) -> list[dict[str, str]]:
    """`n` profiles with a given probability of the top answer ("Sí") per component.

    `strength` maps component ids to that probability (components not named get
    `default`): ``{"transparencia": 0.85, "participacion": 0.2}`` simulates municipalities
    strong in transparency and weak in participation. `spread` moves each profile's
    probabilities by a random amount in ±spread (clipped to 0–1), so that the profiles of a
    group are not all alike. The remaining probability goes to the other options in the
    proportions of `rest` (default: evenly).
    """
    import numpy as np

    unknown = sorted(set(strength) - {c.id for c in rubric.components})
    if unknown:
        raise AutodiagError.one("referencia-desconocida", f"componentes desconocidos: {', '.join(unknown)}",
                                path="strength")
    options = _option_ids(rubric)
    top = rubric.top_option.id
    others = [o for o in options if o != top]
    rest_p = _probabilities(rubric, rest if rest is not None else dict.fromkeys(others, 1.0))
    if rest_p[options.index(top)]:
        raise AutodiagError.one("argumento-invalido", f"`rest` no debe incluir la opción {top!r}", path="rest")
    rng = np.random.default_rng(seed)
    profiles = []
    for _ in range(n):
        shift = rng.uniform(-spread, spread) if spread else 0.0
        answers: dict[str, str] = {}
        for component in rubric.components:
            p_top = float(np.clip(strength.get(component.id, default) + shift, 0.0, 1.0))
            p = [p_top if o == top else (1.0 - p_top) * rest_p[i] for i, o in enumerate(options)]
            answers.update(_draw(rubric, rng, rubric.questions_of(component.id), np.asarray(p) / sum(p)))
        profiles.append({q.id: answers[q.id] for q in rubric.questions})
    return profiles


def uniform_profile(rubric: Rubric, option: str) -> dict[str, str]:
    """Every question answered with `option` (e.g. ``"si"``)."""
    if not rubric.has_option(option):
        raise AutodiagError.one("opcion-desconocida", f"opción desconocida: {option!r}", path="option")
    return {q.id: option for q in rubric.questions}


# --- simulation ---------------------------------------------------------------------------

def simulate(rubric: Rubric, profiles: Sequence[Profile], theta: float | None = None,
             risk_cuts: Sequence[float] | None = None, gate: bool = True) -> pd.DataFrame:
    """Score every profile: one row per profile × component.

    Columns: ``perfil`` (the profile's position), ``componente``, ``nivel``, ``riesgo``,
    ``puntaje`` (0–100), ``irregular``, ``minimos_cumplidos`` (every legal minimum of the
    component met) and ``cobertura_<nivel>`` (0–1) for each tier. ``gate=False`` scores
    without the legal-minimum gate (to measure what the gate changes).
    """
    import pandas as pd

    rows = []
    for i, answers in enumerate(profiles):
        diagnosis = score(rubric, answers, theta=theta, risk_cuts=risk_cuts, gate=gate)
        for c in diagnosis:
            row = {"perfil": i, "componente": c.component, "nivel": c.level, "riesgo": c.risk,
                   "puntaje": c.score, "irregular": c.irregular, "minimos_cumplidos": not c.unmet_minimums}
            row.update({f"cobertura_{t}": v for t, v in c.coverage.items()})
            rows.append(row)
    columns = ["perfil", "componente", "nivel", "riesgo", "puntaje", "irregular", "minimos_cumplidos",
               *(f"cobertura_{t}" for t in frames.tier_ids(rubric))]
    return frames.categorize(pd.DataFrame(rows, columns=columns), rubric)


def _coverages(frame: pd.DataFrame, rubric: Rubric) -> list[dict[str, float]]:
    return [dict(zip(frames.tier_ids(rubric), values))
            for values in frame[[f"cobertura_{t}" for t in frames.tier_ids(rubric)]].itertuples(index=False)]


def levels_at(frame: pd.DataFrame, rubric: Rubric, theta: float, gate: bool = True) -> list[str]:
    """The level of every row of a `simulate` frame if θ were `theta` (coverages don't depend on θ).

    With ``gate=False``, the legal minimums are ignored.
    """
    tiers = frames.tier_ids(rubric)
    met = [bool(m) or not gate for m in frame["minimos_cumplidos"]]
    return [level_for(coverage, tiers, theta, ok) for coverage, ok in zip(_coverages(frame, rubric), met)]


def risks_at(frame: pd.DataFrame, rubric: Rubric, cuts: Sequence[float]) -> list[str]:
    """The risk of every row of a `simulate` frame under other cut points (same levels and minimums)."""
    risks = frames.risk_ids(rubric)
    return [risk_rule(s, str(level), bool(met), risks, cuts, rubric.thresholds)
            for s, level, met in zip(frame["puntaje"], frame["nivel"], frame["minimos_cumplidos"])]


def _changes(frame: pd.DataFrame, rubric: Rubric, changed: Sequence[bool]) -> dict[str, int]:
    """Changed rows per component, and profiles with at least one changed component."""
    marked = frame[["perfil", "componente"]].assign(cambia=list(changed))
    per_component = marked.groupby("componente", observed=False)["cambia"].sum()
    counts = {cid: int(per_component.get(cid, 0)) for cid in frames.component_ids(rubric)}
    counts[ANY] = int(marked.groupby("perfil")["cambia"].any().sum())
    return counts


def level_sensitivity(rubric: Rubric, profiles: Sequence[Profile], thetas: Iterable[float] = (0.5, 0.6, 0.7),
                      base: float | None = None) -> pd.DataFrame:
    """How many profiles change level, per component, if θ is each of `thetas` instead of `base`.

    `base` defaults to the rubric's θ. Rows are the θ values; columns the components and
    ``cualquier_componente`` (profiles — simulated municipalities — with at least one
    component whose level changes). The row of `base` itself is all zeros.
    """
    import pandas as pd

    base = rubric.thresholds.level if base is None else base
    frame = simulate(rubric, profiles, theta=base)
    base_levels = list(frame["nivel"].astype(str))
    rows = {}
    for theta in thetas:
        rows[theta] = _changes(frame, rubric, [a != b for a, b in zip(levels_at(frame, rubric, theta), base_levels)])
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "theta"
    return table


def level_transitions(rubric: Rubric, profiles: Sequence[Profile], theta: float,
                      base: float | None = None) -> pd.DataFrame:
    """Profile × component rows by level at `base` θ (rows) and at `theta` (columns)."""
    import pandas as pd

    base = rubric.thresholds.level if base is None else base
    frame = simulate(rubric, profiles, theta=base)
    tiers = frames.tier_ids(rubric)
    table = pd.crosstab(pd.Categorical(frame["nivel"].astype(str), categories=tiers),
                        pd.Categorical(levels_at(frame, rubric, theta), categories=tiers), dropna=False)
    table.index.name, table.columns.name = f"nivel con θ={base:g}", f"nivel con θ={theta:g}"
    return table.astype(int)


def level_curve(rubric: Rubric, profiles: Sequence[Profile], thetas: Iterable[float]) -> pd.DataFrame:
    """Share of profiles at each level, per component, for every θ of `thetas` (long table).

    Columns: ``theta``, ``componente``, ``nivel``, ``proporcion`` (0–1).
    """
    import pandas as pd

    frame = simulate(rubric, profiles)
    n = frame["perfil"].nunique()
    parts = []
    for theta in thetas:
        at = frame[["componente"]].assign(nivel=levels_at(frame, rubric, theta))
        counts = distribution(at, rubric, "nivel").stack().rename("perfiles").reset_index()
        parts.append(counts.assign(theta=float(theta), proporcion=counts["perfiles"] / n))
    return pd.concat(parts, ignore_index=True)[["theta", "componente", "nivel", "proporcion"]]


def risk_sensitivity(rubric: Rubric, profiles: Sequence[Profile],
                     cuts: Iterable[Sequence[float]] = ((30, 60), (40, 70), (50, 80)),
                     base: Sequence[float] | None = None) -> pd.DataFrame:
    """How many profiles change risk band, per component, under each set of cut points.

    `base` defaults to the rubric's cut points. Rows are labelled by the cut points
    (``"40/70"``); columns as in `level_sensitivity`.
    """
    import pandas as pd

    base = tuple(rubric.thresholds.risk_cuts if base is None else base)
    frame = simulate(rubric, profiles, risk_cuts=base)
    base_risks = list(frame["riesgo"].astype(str))
    rows = {}
    for option in cuts:
        changed = [a != b for a, b in zip(risks_at(frame, rubric, tuple(option)), base_risks)]
        rows["/".join(f"{c:g}" for c in option)] = _changes(frame, rubric, changed)
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "cortes"
    return table


def gate_effect(rubric: Rubric, profiles: Sequence[Profile], thetas: Iterable[float] = (0.5, 0.6, 0.7)) -> pd.DataFrame:
    """What the legal-minimum gate does to the levels, per θ and component.

    Rows ``(theta, componente)``; columns: the share of profiles at each level with the gate
    (``<nivel>_con``) and without it (``<nivel>_sin``), and ``bajados`` (share whose level the
    gate lowers). The gate never raises a level, so ``bajados`` is the whole difference.
    """
    import pandas as pd

    frame = simulate(rubric, profiles)
    tiers = frames.tier_ids(rubric)
    n = frame["perfil"].nunique()
    rows = []
    for theta in thetas:
        gated, free = levels_at(frame, rubric, theta), levels_at(frame, rubric, theta, gate=False)
        at = frame[["componente"]].assign(con=gated, sin=free, bajado=[a != b for a, b in zip(gated, free)])
        for component in frames.component_ids(rubric):
            mine = at[at["componente"] == component]
            row: dict[str, object] = {"theta": float(theta), "componente": component}
            for tier in tiers:
                row[f"{tier}_con"] = round(float((mine["con"] == tier).sum()) / n, 3)
            for tier in tiers:
                row[f"{tier}_sin"] = round(float((mine["sin"] == tier).sum()) / n, 3)
            row["bajados"] = round(float(mine["bajado"].sum()) / n, 3)
            rows.append(row)
    return pd.DataFrame(rows).set_index(["theta", "componente"])


def graded_profiles(rubric: Rubric, n: int, seed: int = DEFAULT_SEED) -> list[dict[str, str]]:
    """`n` profiles from weak to strong: each draws its probability of "Sí" uniformly in 0–1.

    The same probability holds for every question of the profile; the other answers split
    evenly among the options each question admits. The population of `sensitivity_figures`.
    """
    return structured_profiles(rubric, n, {}, seed=seed, default=0.5, spread=0.5)


def sensitivity_figures(rubric: Rubric, profiles: Sequence[Profile] | None = None, n: int = 1000,
                        seed: int = DEFAULT_SEED, thetas: Sequence[float] = (0.5, 0.7)) -> pd.DataFrame:
    """The sensitivity figures METODOLOGIA.md quotes, one row per component (and ``todos``).

    On `profiles` (default: `n` `graded_profiles`, from weak to strong municipalities) and at
    the content's θ: ``basico_con`` and ``basico_sin`` (share at level básico with and without
    the legal-minimum gate), ``bajados_compuerta`` (share whose level the gate lowers), and for
    each θ' of `thetas` ``cambia_theta_<θ'>`` (share whose level changes if θ were θ').
    ``todos`` pools every profile × component.
    """
    import pandas as pd

    base = rubric.thresholds.level
    profiles = graded_profiles(rubric, n, seed) if profiles is None else profiles
    frame = simulate(rubric, profiles)
    lowest = frames.tier_ids(rubric)[0]
    gated = levels_at(frame, rubric, base)
    free = levels_at(frame, rubric, base, gate=False)
    table = frame[["componente"]].assign(
        basico_con=[lv == lowest for lv in gated], basico_sin=[lv == lowest for lv in free],
        bajados_compuerta=[a != b for a, b in zip(gated, free)],
        **{f"cambia_theta_{t:g}": [a != b for a, b in zip(levels_at(frame, rubric, t), gated)] for t in thetas})
    table["componente"] = table["componente"].astype(str)
    result = table.groupby("componente", sort=False).mean()
    result.loc["todos"] = table.drop(columns="componente").mean()
    result = result.reindex([*frames.component_ids(rubric), "todos"]).astype(float).round(3)
    result.index.name = "componente"
    return pd.DataFrame(result)


def irregular_share(rubric: Rubric, profiles: Sequence[Profile], theta: float | None = None) -> pd.DataFrame:
    """Per component: how many profiles are irregular (a higher tier covered, a lower one not)."""
    frame = simulate(rubric, profiles, theta=theta)
    table = frame.groupby("componente", observed=False)["irregular"].agg(["sum", "count"])
    table.columns = ["irregulares", "perfiles"]
    table["irregulares"] = table["irregulares"].astype(int)
    table["proporcion"] = (table["irregulares"] / table["perfiles"]).round(3)
    return table


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m autodiag.analysis [--n N] [--seed S]``: print `sensitivity_figures` and `gate_effect`."""
    import argparse

    import pandas as pd

    from .load import load_rubric

    parser = argparse.ArgumentParser(prog="python -m autodiag.analysis",
                                     description="Sensibilidad de los niveles a θ y a la compuerta de mínimos legales.")
    parser.add_argument("--n", type=int, default=1000, help="perfiles simulados (por omisión 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"semilla (por omisión {DEFAULT_SEED})")
    parser.add_argument("--content", metavar="DIR", default=None, help="carpeta de contenido")
    args = parser.parse_args(argv)
    rubric = load_rubric(args.content)
    profiles = graded_profiles(rubric, args.n, args.seed)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(f"Rúbrica {rubric.id} {rubric.version}, θ = {rubric.thresholds.level:g}, "
              f"{args.n} perfiles graduados (semilla {args.seed})\n")
        print(sensitivity_figures(rubric, profiles), end="\n\n")
        print(gate_effect(rubric, profiles))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
