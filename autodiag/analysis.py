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
from .model import Rubric
from .scoring import level_for, risk_for, score

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

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
        draws = rng.choice(len(options), size=len(rubric.questions), p=p)
        profiles.append({q.id: options[i] for q, i in zip(rubric.questions, draws)})
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
            questions = rubric.questions_of(component.id)
            draws = rng.choice(len(options), size=len(questions), p=np.asarray(p) / sum(p))
            answers.update({q.id: options[i] for q, i in zip(questions, draws)})
        profiles.append({q.id: answers[q.id] for q in rubric.questions})
    return profiles


def uniform_profile(rubric: Rubric, option: str) -> dict[str, str]:
    """Every question answered with `option` (e.g. ``"si"``)."""
    if not rubric.has_option(option):
        raise AutodiagError.one("opcion-desconocida", f"opción desconocida: {option!r}", path="option")
    return {q.id: option for q in rubric.questions}


# --- simulation ---------------------------------------------------------------------------

def simulate(rubric: Rubric, profiles: Sequence[Profile], theta: float | None = None,
             risk_cuts: Sequence[float] | None = None) -> pd.DataFrame:
    """Score every profile: one row per profile × component.

    Columns: ``perfil`` (the profile's position), ``componente``, ``nivel``, ``riesgo``,
    ``puntaje`` (0–100), ``irregular`` and ``cobertura_<nivel>`` (0–1) for each tier.
    """
    import pandas as pd

    rows = []
    for i, answers in enumerate(profiles):
        diagnosis = score(rubric, answers, theta=theta, risk_cuts=risk_cuts)
        for c in diagnosis:
            row = {"perfil": i, "componente": c.component, "nivel": c.level, "riesgo": c.risk,
                   "puntaje": c.score, "irregular": c.irregular}
            row.update({f"cobertura_{t}": v for t, v in c.coverage.items()})
            rows.append(row)
    columns = ["perfil", "componente", "nivel", "riesgo", "puntaje", "irregular",
               *(f"cobertura_{t}" for t in frames.tier_ids(rubric))]
    return frames.categorize(pd.DataFrame(rows, columns=columns), rubric)


def _coverages(frame: pd.DataFrame, rubric: Rubric) -> list[dict[str, float]]:
    return [dict(zip(frames.tier_ids(rubric), values))
            for values in frame[[f"cobertura_{t}" for t in frames.tier_ids(rubric)]].itertuples(index=False)]


def levels_at(frame: pd.DataFrame, rubric: Rubric, theta: float) -> list[str]:
    """The level of every row of a `simulate` frame if θ were `theta` (coverages don't depend on θ)."""
    tiers = frames.tier_ids(rubric)
    return [level_for(coverage, tiers, theta) for coverage in _coverages(frame, rubric)]


def risks_at(frame: pd.DataFrame, rubric: Rubric, cuts: Sequence[float]) -> list[str]:
    """The risk of every row of a `simulate` frame under other cut points."""
    risks = frames.risk_ids(rubric)
    return [risk_for(s, risks, cuts) for s in frame["puntaje"]]


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


def irregular_share(rubric: Rubric, profiles: Sequence[Profile], theta: float | None = None) -> pd.DataFrame:
    """Per component: how many profiles are irregular (a higher tier covered, a lower one not)."""
    frame = simulate(rubric, profiles, theta=theta)
    table = frame.groupby("componente", observed=False)["irregular"].agg(["sum", "count"])
    table.columns = ["irregulares", "perfiles"]
    table["irregulares"] = table["irregulares"].astype(int)
    table["proporcion"] = (table["irregulares"] / table["perfiles"]).round(3)
    return table
