"""The course's Voilà application: ``notebooks/``, the repository's configuration, the course's kernel pools."""

from __future__ import annotations

from contextlib import contextmanager

from ..paths import CONFIG_DIR

START_NOTEBOOK = "00_start.ipynb"


@contextmanager
def _course_pools():
    """Make Voilà build its kernel manager with :func:`~widgets.serving.pool.course_pool_class` on top.

    Voilà creates the class inside ``Voila.init_settings`` from a module-level factory and offers no setting for
    a subclass of the pooled manager, so the factory is wrapped for that one call.
    """
    import voila.app

    from .pool import course_pool_class

    original = voila.app.voila_kernel_manager_factory

    def factory(base_class, preheat_kernel, default_pool_size, page_config_hook=None):
        cls = original(base_class, preheat_kernel, default_pool_size, page_config_hook=page_config_hook)
        return course_pool_class(cls) if preheat_kernel else cls

    voila.app.voila_kernel_manager_factory = factory
    try:
        yield
    finally:
        voila.app.voila_kernel_manager_factory = original


def voila_app_class():
    """Voilà serving ``notebooks/`` with the repository's configuration and ``/`` redirected to the Start page."""
    from jupyter_server.utils import url_path_join
    from tornado.web import RedirectHandler, RequestHandler
    from traitlets import Dict, Integer
    from voila.app import Voila
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler

    from . import labonly
    from .labonly import LAB_ONLY_DIR
    from .pool import kernel_waits_for_visitor

    class VisitorQueryHandler(RequestInfoSocketHandler):
        """Voilà's request-info socket; its opening tells the pool that a preheated kernel waits for its visitor."""

        def open(self, kernel_id: str) -> None:
            super().open(kernel_id)
            kernel_waits_for_visitor(kernel_id)

    class CoursePageHandler(TornadoVoilaHandler):
        """Voilà's page handler, which also sets the ``_xsrf`` cookie.

        Voilà's page shuts its kernel down on ``beforeunload`` with a POST that carries the cookie's token, and so
        does the watchdog; Voilà's render page never sets the cookie, so every such POST was refused (403) and a
        closed page's kernel lived on until the idle cull.
        """

        async def get(self, path=None):
            if path and path.strip("/").startswith(LAB_ONLY_DIR + "/"):
                # a JupyterLab notebook is never run as an app here: the JupyterLab path says how to open it
                self.redirect(url_path_join(self.base_url, "lab/tree", path.strip("/")))
                return
            _ = self.xsrf_token  # tornado sets the cookie when the token is first read
            await super().get(path=path)

    class LabOnlyHandler(RequestHandler):
        """JupyterLab is not served here: a Swedish page says how to open the notebook instead."""

        def get(self, path: str = "") -> None:
            path = (path or "").removeprefix("/").removeprefix("tree/").removeprefix("notebooks/")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            base = self.settings.get("base_url", "/")
            self.write(labonly.page(path, url_path_join(base, "voila/render", START_NOTEBOOK)))

    replaced = {RequestInfoSocketHandler: VisitorQueryHandler, TornadoVoilaHandler: CoursePageHandler}

    class CourseVoila(Voila):
        pool_sizes = Dict(
            value_trait=Integer(min=0),
            config=True,
            help="Preheated kernels kept ready per notebook (NOTEBOOK=N), over config/voila.json's pool sizes.",
        )

        def _config_file_paths_default(self):
            return [str(CONFIG_DIR)]

        def init_settings(self):
            pools = dict(self.config.VoilaKernelManager.get("kernel_pools_config", {}) or {})
            for notebook, size in self.pool_sizes.items():
                pools[notebook] = {**pools.get(notebook, {}), "pool_size": size}
            if pools:
                self.config.VoilaKernelManager.kernel_pools_config = pools
            with _course_pools():
                return super().init_settings()

        def init_handlers(self):
            start = url_path_join(self.server_url, "voila/render", START_NOTEBOOK)
            handlers = [(h[0], replaced.get(h[1], h[1]), *h[2:]) for h in super().init_handlers()]
            lab = (url_path_join(self.server_url, r"/lab(/.*)?"), LabOnlyHandler)
            return [(url_path_join(self.server_url, "/?"), RedirectHandler, {"url": start}), lab, *handlers]

    return CourseVoila
