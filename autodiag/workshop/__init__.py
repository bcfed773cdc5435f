"""The trainer's tools: the analysis of a group of participants and the workshop dashboard.

- `autodiag.workshop.group`: tables of a batch of answers files (levels, participants,
  weakest fields, recommendations, two groups compared, the group's action plans); re-exported here.
- `autodiag.workshop.dashboard`: the ipywidgets dashboard of notebooks/taller.ipynb
  (`workshop_dashboard`, `WorkshopDashboard`, `read_uploaded`), imported only when asked
  for, so that the tables do not load ipywidgets.

The researcher's tools (simulation, sensitivity) are `autodiag.analysis`.
"""

from __future__ import annotations

from typing import Any

from .group import (
    compare_groups,
    group_summary,
    participant_matrix,
    plan_completion,
    plan_frame,
    plans_overview,
    plazo_spread,
    top_plan_recommendations,
    top_recommendations,
    weakest_fields,
)

__all__ = [
    "WorkshopDashboard", "compare_groups", "group_summary", "participant_matrix", "plan_completion", "plan_frame",
    "plans_overview", "plazo_spread", "read_uploaded", "top_plan_recommendations", "top_recommendations",
    "weakest_fields", "workshop_dashboard",
]

_DASHBOARD = ("WorkshopDashboard", "read_uploaded", "workshop_dashboard")


def __getattr__(name: str) -> Any:
    if name in _DASHBOARD:
        from . import dashboard

        return getattr(dashboard, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
