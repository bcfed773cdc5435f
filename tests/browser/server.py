"""The browser tests' Voilà server: `autodiag.dev.server` (shared with the benchmarks, which import no test code)."""

from autodiag.dev.server import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NOTEBOOK,
    REPO,
    STARTUP_TIMEOUT,
    Server,
    children,
    connection_file,
    free_port,
    serve,
    server_env,
    stop,
    wait_until_listening,
)

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "NOTEBOOK", "REPO", "STARTUP_TIMEOUT", "Server", "children",
           "connection_file", "free_port", "serve", "server_env", "stop", "wait_until_listening"]
