# Jupyter Server settings of the single-user pod: it serves the Voilà app and nothing else.
c = get_config()  # noqa: F821

c.ServerApp.root_dir = "/srv/autodiag"
c.ServerApp.default_url = "/voila/render/notebooks/autodiagnostico.ipynb"
c.ServerApp.terminals_enabled = False
# No JupyterLab or classic notebook is installed in the image; disable the contents
# handlers' write side too: the pod's file system is read-only for the app's user anyway.
c.ContentsManager.allow_hidden = False
c.FileContentsManager.delete_to_trash = False
# Voilà: same settings as voila.json at the repository root.
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.template = "autodiag"  # installed with the package (share/jupyter/voila/templates)
# A kernel whose page was closed without a clean shutdown is culled after 15 idle minutes.
# A page still open is never culled here (an official may pause for a long time); the hub
# culls the whole pod after an hour without activity (config.yaml, cull.timeout).
c.MappingKernelManager.cull_idle_timeout = 900
c.MappingKernelManager.cull_interval = 60
c.MappingKernelManager.cull_connected = False
