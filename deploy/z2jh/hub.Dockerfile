# The hub image for deploy/z2jh/values.yaml: the chart's own hub image plus the course's group service
# (widgets/groupservice), which runs in the hub pod as the managed service digikomp-grupp.
#   docker build -f deploy/z2jh/hub.Dockerfile -t REGISTRY/digikomp-hub:TAG .
# HUB_IMAGE must be the k8s-hub image of the chart version you install (same tag as the chart).
ARG HUB_IMAGE=quay.io/jupyterhub/k8s-hub:4.3.3
FROM ${HUB_IMAGE}

USER root
# The service's own dependencies (pyproject.toml's `hub` extra; JupyterHub itself is in the image already).
RUN python3 -m pip install --no-cache-dir "fastapi>=0.115" "uvicorn>=0.30" "sqlalchemy>=2.0" "alembic>=1.13" \
    "psycopg[binary]>=3.2"
# Only the package's source: the service imports nothing of the course's apps (no Voilà, no widgets).
COPY widgets /srv/digikomp/widgets
ENV PYTHONPATH=/srv/digikomp
RUN python3 -c "import widgets.groupservice.api"
USER 1000
