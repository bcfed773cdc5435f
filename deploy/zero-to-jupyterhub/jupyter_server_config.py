# Jupyter Server settings of the single-user pod: it serves the Voilà app and nothing else.
from autodiag.server_guard import MAX_BODY_BYTES, MAX_MESSAGE_BYTES, page_config_without_version, read_buffer_bytes

c = get_config()  # noqa: F821

c.ServerApp.root_dir = "/srv/autodiag"
c.ServerApp.default_url = "/voila/render/notebooks/autodiagnostico.ipynb"
c.ServerApp.terminals_enabled = False
# The guard (autodiag.server_guard) answers 404 to everything but the app's page, its static files,
# its kernel and the hub's login return: no contents, sessions, terminals, kernelspecs, config or
# nbconvert API, no Jupyter page; no Server header; every error page in Spanish. The hub's login
# already ties the pod to one anonymous visitor, so a stranger reaches nothing of it at all.
c.ServerApp.jpserver_extensions = {"voila": True, "autodiag.server_guard": True}
c.ServerApp.max_body_size = MAX_BODY_BYTES  # bytes of an HTTP body; the page sends only its close beacon
c.ServerApp.max_buffer_size = read_buffer_bytes(MAX_MESSAGE_BYTES, MAX_BODY_BYTES)  # a connection's, websockets too
c.ServerApp.tornado_settings = {"websocket_max_message_size": MAX_MESSAGE_BYTES}  # an upload of answers files fits
# The page's kernel runs only widget messages: no code sent from a browser, even the pod's own visitor's.
c.MappingKernelManager.allowed_message_types = [
    "comm_open", "comm_close", "comm_msg", "comm_info_request", "kernel_info_request", "shutdown_request"]
c.ContentsManager.allow_hidden = False
c.FileContentsManager.delete_to_trash = False
# Voilà: same page settings as `python -m autodiag app` (autodiag/serve.py, VOILA_SETTINGS).
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.template = "autodiag"  # installed with the package (share/jupyter/voila/templates)
c.VoilaConfiguration.page_config_hook = page_config_without_version
# A kernel whose page never connected (a plain GET) is shut down after 120 s; one whose page was
# closed without a clean shutdown is culled after 15 idle minutes. A page still open is never
# culled here (an official may pause for a long time); the hub culls the whole pod after an hour
# without activity (config.yaml, cull.timeout).
c.ServerApp.kernel_manager_class = "autodiag.server_guard.PoolSafeKernelManager"
c.MappingKernelManager.cull_idle_timeout = 900
c.MappingKernelManager.cull_interval = 10
c.MappingKernelManager.cull_connected = False
