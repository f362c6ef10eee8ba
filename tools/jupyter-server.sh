#!/bin/sh
# Start a Jupyter server for the course: tools/jupyter-server.sh PROGRAM [FLAGS...], e.g.
#   tools/jupyter-server.sh .venv/bin/jupyter lab --ServerApp.root_dir=.      (what `make lab` runs)
# PROGRAM sees the course's template (share/jupyter) and settings (config/jupyter_server_config.json), and gets
# --allow-root when the effective user is root (as in many containers): Jupyter otherwise refuses to start.
# Use it wherever the course starts a Jupyter server for someone (JupyterLab, JupyterHub single-user servers).
set -eu

repo=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)

# prepend VAR DIR: put DIR first on the path list in VAR (once).
prepend() {
    eval "current=\${$1:-}"
    case ":$current:" in
        *":$2:"*) ;;
        *) export "$1=$2${current:+:$current}" ;;
    esac
}
prepend JUPYTER_PATH "$repo/share/jupyter"
prepend JUPYTER_CONFIG_PATH "$repo/config"
export JUPYTER_PREFER_ENV_PATH="${JUPYTER_PREFER_ENV_PATH:-1}"

if [ "$(id -u)" -eq 0 ]; then
    set -- "$@" --allow-root
fi
exec "$@"
