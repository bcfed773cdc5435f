"""The official's local time: the dates the reports print, in the time zone of whoever made them.

The server's clock says nothing about the official (a server in UTC printed 19:51 for an
official at 13:51 in Mexico City). The app learns the browser's zone (`Intl` in the page:
``static/timezone.js``, `autodiag.app.timezone`); the command line takes ``--zona-horaria``.
When neither says, the zone is the content's ``reporte.zona_horaria`` (content, not code).
A zone name that the zone database does not know is ignored, never an error: a browser may
report anything.

Dates read as ``03/12/2026 a las 13:51, hora CST (zona horaria America/Mexico_City)``
(``reporte.fecha_hora``); a zone whose abbreviation is only a number (``-03``) says its offset
(``UTC−03:00``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import Texts

DEFAULT_KEY = "reporte.zona_horaria"
"""The content's default zone."""
MAX_NAME = 64
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*")


def zone(name: str | None) -> ZoneInfo | None:
    """The zone `name` (an IANA name such as ``America/Mexico_City``), or None if it is not one."""
    if not name or len(name) > MAX_NAME or not _NAME.fullmatch(name):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def resolve(name: str | None, texts: Texts) -> ZoneInfo:
    """`name` if it is a zone, else the content's default, else UTC (a broken adapted content)."""
    return zone(name) or zone(texts.get(DEFAULT_KEY) if texts.has(DEFAULT_KEY) else None) or ZoneInfo("UTC")


def now(name: str | None, texts: Texts) -> datetime:
    """The present moment in zone `name` (see `resolve`)."""
    return datetime.now(resolve(name, texts))


def abbreviation(moment: datetime) -> str:
    """``CST``, or ``UTC−03:00`` when the zone's abbreviation is a number (or there is none)."""
    name = moment.tzname() or ""
    if name[:1].isalpha():
        return name
    offset = moment.utcoffset() or timedelta(0)
    sign = "−" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def describe(texts: Texts, moment: datetime) -> str:
    """`moment` as the reports print it (``reporte.fecha_hora``); a naive `moment` gives date and time only."""
    date, hour = moment.strftime("%d/%m/%Y"), moment.strftime("%H:%M")
    if moment.tzinfo is None:
        return f"{date} {hour}"
    key = getattr(moment.tzinfo, "key", None) or abbreviation(moment)
    return texts.get("reporte.fecha_hora", fecha=date, hora=hour, abreviatura=abbreviation(moment), zona=key)


def from_iso(text: str, where: tzinfo) -> datetime | None:
    """An ISO 8601 date of an answers file (``created``) in zone `where`, or None if absent or unreadable.

    A date without a zone stays as written (it cannot be converted)."""
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment.astimezone(where) if moment.tzinfo is not None else moment

