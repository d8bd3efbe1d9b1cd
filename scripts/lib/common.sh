# shellcheck shell=bash
# Small helpers shared by scripts/test and scripts/lib/*.sh. Source, don't run.

# Print a timestamped progress line (to stderr so it never mixes into captured output).
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "need root to run: $* (not root and no sudo)" >&2
        return 1
    fi
}

# True when nothing listens on (and nothing else holds) 127.0.0.1:$1.
port_is_free() {
    python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

# Print a free loopback TCP port: $1 if free, else the next free one after it.
free_port() {
    local port="${1:?free_port needs a starting port}" tries=0
    while ! port_is_free "$port"; do
        port=$((port + 1)); tries=$((tries + 1))
        [ "$tries" -lt 200 ] || { echo "no free port near $1" >&2; return 1; }
    done
    echo "$port"
}

# apt_ensure PKG... : install the Debian packages that are not installed yet.
# Runs `apt-get update` at most once per scripts/test run.
_APT_UPDATED=0
apt_ensure() {
    local missing=() p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    [ "${#missing[@]}" -gt 0 ] || return 0
    command -v apt-get >/dev/null 2>&1 || { echo "apt-get not found; install by hand: ${missing[*]}" >&2; return 1; }
    local t0=$SECONDS aptlog="${ITHACA_OUT:-/tmp}/apt.log"
    log "installing Debian packages: ${missing[*]} (log: $aptlog)"
    if [ "$_APT_UPDATED" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq -o DPkg::Lock::Timeout=600 >>"$aptlog" 2>&1 \
            || { tail -n 20 "$aptlog" >&2; return 1; }
        _APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o DPkg::Lock::Timeout=600 "${missing[@]}" >>"$aptlog" 2>&1 \
        || { tail -n 30 "$aptlog" >&2; return 1; }
    log "installed ${missing[*]} in $((SECONDS - t0)) s"
}
