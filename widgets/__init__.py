"""Digital kompetens för offentlig sektor: models, views and stores for the course's Voilà apps.

Submodules are imported on demand so that a fresh kernel (every page in JupyterHub) pays only for what its app uses.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
