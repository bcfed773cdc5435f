"""Concurrent browser sessions for the load test: `autodiag.dev.sessions` (shared with the benchmarks)."""

from autodiag.dev.sessions import (
    KERNEL_TROUBLE,
    LEANINGS,
    Session,
    alive,
    distinct_profiles,
    kernel_pids_by_id,
    kernel_trouble,
    launch,
    new_contexts,
    rss_kib,
    seeded_profile,
)

__all__ = ["KERNEL_TROUBLE", "LEANINGS", "Session", "alive", "distinct_profiles", "kernel_pids_by_id",
           "kernel_trouble", "launch", "new_contexts", "rss_kib", "seeded_profile"]
