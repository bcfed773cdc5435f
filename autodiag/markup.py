"""Where markup comes from: the package's Jinja templates (``templates/``) and static files (``static/``).

One environment for the reports, the chart and the app, so a macro or a filter means the same
everywhere; autoescaping, so nothing a person typed becomes markup.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

import jinja2


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The package's Jinja environment (templates/), autoescaping, shared by the reports and the app."""
    return jinja2.Environment(loader=jinja2.PackageLoader("autodiag", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@cache
def static_text(name: str) -> str:
    """A file of autodiag/static (CSS, JavaScript) as text."""
    return resources.files("autodiag").joinpath("static", name).read_text(encoding="utf-8")
