"""The HTML fragments the app shows, from Jinja2 templates with autoescaping.

Texts come from content; nothing the user typed or the content says becomes markup. The
style sheet keeps the layout readable at a phone's width (about 400 px): rows wrap, labels
break lines, nothing is wider than the screen.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

import jinja2

STYLE = """
<style>
.autodiag-app { width: 100%; max-width: 60rem; margin: 0 auto; box-sizing: border-box;
  font-size: 15px; line-height: 1.45;
  --jp-widgets-font-size: 14px; --jp-content-font-size1: 15px; }
.autodiag-app * { box-sizing: border-box; }
.autodiag-app .widget-html, .autodiag-app .widget-html-content { white-space: normal; height: auto; max-width: 100%; }
.autodiag-app .widget-html-content { line-height: 1.45; }
.autodiag-app .widget-box, .autodiag-app .widget-hbox, .autodiag-app .widget-vbox { max-width: 100%; }
.autodiag-wrap { flex-wrap: wrap; gap: 6px; }
.autodiag-app .widget-button, .autodiag-app .widget-toggle-button, .autodiag-app .widget-upload {
  height: auto; min-height: 36px; white-space: normal; max-width: 100%; width: auto; padding: 4px 12px; }
.autodiag-nav .widget-button { flex: 0 1 auto; }
.autodiag-question { border-top: 1px solid #d6d6d6; padding: 10px 0 12px; margin: 0; }
.autodiag-unanswered { border-left: 4px solid #c69200; padding-left: 8px; }
.autodiag-answered { border-left: 4px solid #2e7d32; padding-left: 8px; }
.autodiag-qnum { color: #555; font-size: 0.85em; }
.autodiag-options { flex-wrap: wrap; height: auto; width: 100%; line-height: 1.4; }
.autodiag-options > .widget-label { display: block; width: 100% !important; max-width: 100%; white-space: normal;
  overflow: visible; text-overflow: clip; height: auto; line-height: 1.4 !important; font-weight: 600;
  margin: 0 0 6px 0; text-align: left; }
.autodiag-options .widget-radio-box { flex-direction: row; flex-wrap: wrap; gap: 2px 18px; width: 100%; height: auto;
  margin-bottom: 4px !important; }
.autodiag-options .widget-radio-box label { white-space: normal; line-height: 1.6; }
.autodiag-app .autodiag-help-toggle { align-self: flex-start; width: auto; margin: 4px 0; }
.autodiag-help { background: #f4f6f8; border-left: 3px solid #6b7b8c; padding: 4px 10px; margin: 4px 0; }
.autodiag-note, .autodiag-label-input { flex-wrap: wrap; width: 100%; }
.autodiag-note > .widget-label, .autodiag-label-input > .widget-label { width: 100% !important; max-width: 100%;
  text-align: left; margin: 0 0 2px 0; }
.autodiag-note textarea, .autodiag-label-input input { width: 100%; max-width: 100%; }
.autodiag-question > .widget-textarea, .autodiag-question > .widget-radio { margin-right: 0; }
.autodiag-progress { width: 100%; flex-wrap: wrap; }
.autodiag-progress > .widget-label { width: auto !important; }
.autodiag-panel { border: 1px solid #d6d6d6; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.autodiag-warning { background: #fff6e0; border-left: 4px solid #a15c00; padding: 8px 12px; }
.autodiag-message .autodiag-error { background: #fdecea; border-left: 4px solid #b3261e; padding: 8px 12px; }
.autodiag-message .autodiag-ok { background: #e8f5e9; border-left: 4px solid #2e7d32; padding: 8px 12px; }
.autodiag-download { display: inline-block; margin: 4px 8px 4px 0; padding: 6px 12px; border: 1px solid #1565c0;
  border-radius: 4px; color: #0d47a1; text-decoration: none; }
.autodiag-download:focus, .autodiag-download:hover { background: #e3f2fd; outline: 2px solid #0d47a1; }
.autodiag-risk { display: inline-block; padding: 1px 10px; border-radius: 12px; color: #fff; font-weight: 700; }
.autodiag-table { border-collapse: collapse; width: 100%; margin: 6px 0; }
.autodiag-table th, .autodiag-table td { border: 1px solid #ccc; padding: 4px 6px; text-align: left;
  vertical-align: top; }
.autodiag-table th { background: #f2f2f2; }
.autodiag-chart img { width: 100%; max-width: 720px; height: auto; }
.autodiag-result { border-top: 2px solid #ddd; margin-top: 14px; }
.autodiag-result details { margin: 6px 0; }
.autodiag-result summary { cursor: pointer; font-weight: 600; }
.autodiag-recs li { margin-bottom: 4px; }
@media (max-width: 600px) {
  .autodiag-app { font-size: 15px; }
  .autodiag-table th, .autodiag-table td { padding: 3px 4px; font-size: 0.9em; }
  .autodiag-app h1 { font-size: 1.4em; }
  .autodiag-app h2 { font-size: 1.2em; }
  .autodiag-nav .widget-button { font-size: 0.85em; padding: 2px 8px; min-height: 32px; margin: 0; }
}
</style>
"""

TEMPLATES = {
    "welcome": """
<h1>{{ t.get("presentacion.titulo") }}</h1>
<p>{{ t.get("presentacion.que_es") }}</p>
<p>{{ t.get("presentacion.componentes") }}</p>
<p><strong>{{ t.get("presentacion.que_no_es") }}</strong></p>
<p class="autodiag-privacy">{{ t.get("presentacion.privacidad") }}</p>
<p>{{ t.get("presentacion.duracion") }}</p>
<p>{{ t.get("presentacion.como_responder") }}</p>
""",
    "step_header": """
<p class="autodiag-qnum">{{ step }}</p>
<h2>{{ component.name }}</h2>
<p>{{ component.description }}</p>
""",
    "question_number": """<span class="autodiag-qnum">{{ label }}</span>""",
    "help": """
<p><strong>{{ t.get("app.ayuda_titulo") }}:</strong> {{ question.help }}</p>
<p><strong>{{ t.get("app.evidencia_titulo") }}:</strong> {{ question.evidence }}</p>
{% if question.fundamento %}<p><strong>{{ t.get("app.fundamento_titulo") }}:</strong> {{ question.fundamento }}</p>{% endif %}
{% if question.legal_minimum %}<p><em>{{ t.get("app.minimo_legal") }}</em></p>{% endif %}
""",
    "progress": """<span>{{ text }}</span>""",
    "unanswered": """
<h3>{{ t.get("app.pendientes_titulo") }}</h3>
{% if not groups %}<p>{{ t.get("app.pendientes_ninguna") }}</p>{% endif %}
{% for group in groups %}
<p><strong>{{ group.title }}</strong></p>
<ul class="autodiag-unanswered-list">
{% for q in group.questions %}<li data-question="{{ q.id }}">{{ q.label }}. {{ q.text }}</li>{% endfor %}
</ul>
{% endfor %}
""",
    "incomplete": """
<div class="autodiag-warning" role="alert">
<h2>{{ t.get("app.incompleto_titulo") }}</h2>
<p>{{ text }}</p>
</div>
""",
    "results": """
<h1>{{ t.get("resultados.titulo") }}</h1>
<p>{{ t.get("presentacion.que_no_es") }}</p>
{% if incomplete %}<p class="autodiag-warning">{{ incomplete }}</p>{% endif %}
<h2>{{ t.get("app.por_componente") }}</h2>
<table class="autodiag-table autodiag-summary">
<thead><tr><th scope="col"></th><th scope="col">{{ t.get("resultados.nivel") }}</th>
<th scope="col">{{ t.get("resultados.riesgo") }}</th><th scope="col">{{ t.get("resultados.puntaje") }}</th></tr></thead>
<tbody>
{% for c in components %}
<tr class="autodiag-summary-{{ c.id }}"
    data-component="{{ c.id }}" data-level="{{ c.level_id }}" data-risk="{{ c.risk_id }}">
<th scope="row">{{ c.name }}</th><td class="autodiag-level">{{ c.level }}</td>
<td><span class="autodiag-risk autodiag-risk-{{ c.risk_id }}"
  style="background: {{ c.risk_color }}">{{ c.risk }}</span></td>
<td class="autodiag-score">{{ c.score }}</td></tr>
{% endfor %}
</tbody></table>
""",
    "comparison": """
<h2>{{ t.get("reporte.comparacion") }}</h2>
<p>{{ t.get("app.comparacion_nota") }}</p>
<table class="autodiag-table autodiag-comparison">
<thead><tr><th scope="col"></th><th scope="col">{{ t.get("reporte.anterior") }}</th>
<th scope="col">{{ t.get("reporte.actual") }}</th><th scope="col">{{ t.get("reporte.cambio") }}</th></tr></thead>
<tbody>
{% for row in rows %}
<tr data-component="{{ row.component }}"><th scope="row">{{ row.name }}</th>
<td>{{ row.before_score|round|int }} · {{ row.before_level }}</td>
<td>{{ row.after_score|round|int }} · {{ row.after_level }}</td>
<td class="autodiag-change">{{ "%+d"|format(row.change|round|int) }}</td></tr>
{% endfor %}
</tbody></table>
""",
    "details": """
{% for c in components %}
<section class="autodiag-result autodiag-result-{{ c.id }}"
  data-component="{{ c.id }}" data-level="{{ c.level_id }}" data-risk="{{ c.risk_id }}">
<h2>{{ c.name }}</h2>
<p>{{ t.get("resultados.nivel") }}: <strong class="autodiag-level">{{ c.level }}</strong> ·
{{ t.get("resultados.riesgo") }}: <span class="autodiag-risk autodiag-risk-{{ c.risk_id }}"
  style="background: {{ c.risk_color }}">{{ c.risk }}</span> ·
{{ t.get("resultados.puntaje") }}: <strong class="autodiag-score">{{ c.score }}</strong></p>
<p>{{ c.level_description }}</p>
{% if c.unmet_minimums %}<div class="autodiag-warning"><p>{{ t.get("resultados.minimos_incumplidos") }}:</p>
<ul>{% for text in c.unmet_minimums %}<li>{{ text }}</li>{% endfor %}</ul></div>{% endif %}
{% if c.irregular %}<p class="autodiag-warning">{{ t.get("resultados.perfil_irregular") }}</p>{% endif %}
<details class="autodiag-fields">
<summary>{{ t.get("resultados.por_campo") }}</summary>
<table class="autodiag-table">
<thead><tr><th scope="col">{{ t.get("resultados.campo") }}</th><th scope="col">{{ t.get("resultados.puntaje") }}</th>
<th scope="col">{{ t.get("resultados.preguntas_respondidas") }}</th>
<th scope="col">{{ t.get("resultados.por_confirmar") }}</th></tr></thead>
<tbody>
{% for f in c.fields %}<tr><th scope="row">{{ f.name }}</th><td>{{ f.score }}</td>
<td>{{ f.answered }} / {{ f.total }}</td><td>{{ f.unknown }}</td></tr>{% endfor %}
</tbody></table>
</details>
<details class="autodiag-recommendations" open>
<summary>{{ t.get("resultados.recomendaciones") }}</summary>
{% for g in c.groups %}
<h3 class="autodiag-group-{{ g.id }}">{{ g.title }}</h3>
{% if g.recs %}<ul class="autodiag-recs">
{% for r in g.recs %}<li>{{ r.text }}{% if r.addition %} {{ r.addition }}{% endif %}
<span class="autodiag-qnum">({{ r.tier }} · {{ r.field }})</span></li>{% endfor %}
</ul>{% else %}<p>{{ t.get("resultados.sin_recomendaciones") }}</p>{% endif %}
{% endfor %}
{% if c.has_addition %}<p class="autodiag-qnum">{{ t.get("resultados.complemento_editorial") }}</p>{% endif %}
</details>
</section>
{% endfor %}
""",
    "considerations": """
<section class="autodiag-considerations">
<h2>{{ t.get("consideraciones.titulo") }}</h2>
<ul>{% for point in t.list("consideraciones.puntos") %}<li>{{ point }}</li>{% endfor %}</ul>
</section>
""",
    "downloads": """
{% for link in links %}<a class="autodiag-download autodiag-download-{{ link.kind }}" download="{{ link.filename }}"
href="data:{{ link.mime }};base64,{{ link.data }}">{{ link.label }}</a>{% endfor %}
{% if note %}<p class="autodiag-qnum">{{ note }}</p>{% endif %}
""",
    "message": """
{% if text %}<div class="{{ 'autodiag-error' if error else 'autodiag-ok' }}"
  role="{{ 'alert' if error else 'status' }}">
<p>{{ text }}</p>{% for notice in notices %}<p>{{ notice }}</p>{% endfor %}</div>{% endif %}
""",
    "static_welcome": """{{ style }}<div class="{{ cls }} autodiag-welcome" role="region" aria-label="{{ title }}">
{{ body }}</div>""",
    "paragraph": """<p>{{ text }}</p>""",
    "heading": """<h2>{{ text }}</h2>""",
}


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.loader = jinja2.DictLoader(TEMPLATES)
    return env


def render(name: str, **values: Any) -> str:
    """Render the fragment `name` with autoescaping."""
    return _environment().get_template(name).render(**values)


def data_link(kind: str, filename: str, mime: str, data: bytes, label: str) -> dict[str, str]:
    """One download link's data for the ``downloads`` template (the file travels in the URL)."""
    return {"kind": kind, "filename": filename, "mime": mime, "label": label,
            "data": base64.b64encode(data).decode("ascii")}
