"""Tools for developing autodiag, used by the tests and the benchmarks alike (never by the app).

- `autodiag.dev.server`: a real Voilà server on a free loopback port, isolated (its own HOME and
  TMPDIR), stopped with all its kernels.
- `autodiag.dev.sessions`: many officials at once, as concurrent Playwright browser sessions.

They work from a checkout of the repository (they serve its notebooks/ and voila.json) and
need the test extras (``pip install -e ".[test]"``: Playwright). Nothing here is imported by
``import autodiag``.
"""
