#!/bin/sh
# The course on a JupyterHub on this machine (`make hub`): FOR A DEMO ON ONE COMPUTER ONLY.
#   tools/hub.sh install-proxy   configurable-http-proxy into ./node_modules (npm ci; Node.js 20+ needed)
#   tools/hub.sh start           JupyterHub with deploy/jupyterhub_config.py on http://localhost:$DIGIKOMP_HUB_PORT
# Everyone logs in with one shared password (DIGIKOMP_DEMO_PASSWORD, or a new one printed at start) and all users'
# servers run as you: no isolation between users. Ctrl-C stops the hub, its proxy, the group service and every
# user's server. State (the hub's database, the users' homes) lives in $DIGIKOMP_HUB_STATE_DIR (default .hub/).
set -eu

repo=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
venv=${VENV:-$repo/.venv}
case $venv in /*) ;; *) venv=$repo/$venv ;; esac
NODE_MAJOR=20

node_ok() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
        node -e "process.exit(+process.versions.node.split('.')[0] >= $NODE_MAJOR ? 0 : 1)" 2>/dev/null
}

install_proxy() {
    if ! node_ok; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "Installerar Node.js och npm (Debian-paketen nodejs och npm) för JupyterHubs proxy"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq
            apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
        fi
        if ! node_ok; then
            echo "JupyterHubs proxy (configurable-http-proxy) behöver Node.js $NODE_MAJOR eller senare med npm." >&2
            echo "Installera det (https://nodejs.org/ eller din pakethanterare) och kör make hub igen." >&2
            exit 1
        fi
    fi
    cd "$repo"
    npm ci --no-audit --no-fund --loglevel=error
}

# ports_free STATE: say in Swedish which of the hub's ports another program holds. A proxy left behind by an
# earlier run of this hub (its pid file in STATE) is not in the way: JupyterHub stops it when it starts.
ports_free() {
    if [ -f "$1/proxy.pid" ] && ps -p "$(cat "$1/proxy.pid")" -o args= 2>/dev/null | grep -q configurable-http-proxy; then
        return 0
    fi
    "$venv/bin/python" - <<'PY'
import os, socket, sys

ports = {
    "DIGIKOMP_HUB_PORT": ("hubbens adress", 8000),
    "DIGIKOMP_HUB_API_PORT": ("hubbens interna port", 8081),
    "DIGIKOMP_PROXY_API_PORT": ("proxyns styrport", 8001),
    "DIGIKOMP_SERVICE_PORT": ("gruppytans port", 10101),
}
busy = []
for variable, (what, default) in ports.items():
    port = int(os.environ.get(variable) or default)
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            busy.append(f"  port {port} ({what}) används redan; välj en annan med {variable}=…")
if busy:
    print("JupyterHub kan inte starta:", *busy, "Kör en annan hubb redan? Stoppa den först.", sep="\n", file=sys.stderr)
    sys.exit(1)
PY
}

start() {
    state=${DIGIKOMP_HUB_STATE_DIR:-$repo/.hub}
    port=${DIGIKOMP_HUB_PORT:-8000}
    export DIGIKOMP_HUB_STATE_DIR="$state"
    if [ -z "${DIGIKOMP_DEMO_PASSWORD:-}" ]; then
        DIGIKOMP_DEMO_PASSWORD=$("$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(9))')
    fi
    if [ "${#DIGIKOMP_DEMO_PASSWORD}" -lt 8 ]; then
        echo "DIGIKOMP_DEMO_PASSWORD måste vara minst 8 tecken långt." >&2
        exit 1
    fi
    export DIGIKOMP_DEMO_PASSWORD
    mkdir -p "$state"
    cd "$state"
    ports_free "$state" || exit 1

    # Print how to log in once the hub answers (its own log is long); stops by itself when the hub is gone.
    "$venv/bin/python" - "$port" "${DIGIKOMP_HUB_API_PORT:-8081}" "$$" <<'EOF' &
import os, sys, time, urllib.request

port, api_port, parent = sys.argv[1], sys.argv[2], int(sys.argv[3])


def wait_for(url: str) -> None:
    """Until ``url`` answers 200; exits quietly when the hub is gone (it did not start)."""
    while True:
        try:
            os.kill(parent, 0)
        except OSError:
            sys.exit(0)
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(1)


# The hub's own port first: asking the proxy before the hub answers fills the log with the proxy's errors.
wait_for(f"http://127.0.0.1:{api_port}/hub/health")
wait_for(f"http://127.0.0.1:{port}/hub/health")
lines = [
    "Kursen på JupyterHub – ENDAST FÖR DEMO PÅ EN DATOR (alla har samma lösenord, ingen isolering)",
    f"Adress:     http://localhost:{port}/",
    f"Lösenord:   {os.environ['DIGIKOMP_DEMO_PASSWORD']}  (samma för alla användare)",
    "Användare:  deltagare1, deltagare2, deltagare3 (grupp-a)",
    "            deltagare4, deltagare5, deltagare6 (grupp-b)",
    "            larare (läraren, gruppen larare)",
    "Stoppa med Ctrl-C (hubben, proxyn, gruppservicen och allas servrar).",
]
width = max(map(len, lines))
print("\n" + "=" * width, *lines, "=" * width + "\n", sep="\n", file=sys.stderr, flush=True)
EOF

    # Ctrl-C reaches the hub itself, which stops the proxy, the service and the users' servers; this script only
    # waits for it, then stops a proxy left behind by a hub that died (its pid file says which process).
    trap 'true' INT TERM
    status=0
    "$venv/bin/jupyterhub" -f "$repo/deploy/jupyterhub_config.py" || status=$?
    if [ -f "$state/proxy.pid" ]; then
        pid=$(cat "$state/proxy.pid")
        if [ -n "$pid" ] && ps -p "$pid" -o args= 2>/dev/null | grep -q configurable-http-proxy; then
            kill "$pid" 2>/dev/null || true
        fi
        rm -f "$state/proxy.pid"
    fi
    wait 2>/dev/null || true
    exit "$status"
}

case ${1:-} in
    install-proxy) install_proxy ;;
    start) start ;;
    *)
        echo "Användning: tools/hub.sh install-proxy | start" >&2
        exit 2
        ;;
esac
