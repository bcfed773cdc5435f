"""Giving the memory a long-running server has freed back to the system.

glibc's allocator keeps the memory a process frees for later use: after a burst of pages (each
one built on the server and sent, its kernel started and later shut down) the server's resident
memory stays where the burst left it, and each burst leaves it a little higher (measured with
the burst of tests/browser/test_server_limits.py fired 20 times, with a 5 s grace: 8 pages each
took the server from 121 MiB to 287 MiB; one ``malloc_trim`` brought it back to 162 MiB).
`give_back` asks the C library to return the free pages; where the C library has no such call
(macOS, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim(pad)``, or None where the C library has none."""
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def give_back() -> bool:
    """Return the process's free heap pages to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
