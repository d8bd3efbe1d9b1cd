# shellcheck shell=bash
# A throwaway PostgreSQL cluster for tests.
#
#   source scripts/lib/common.sh; source scripts/lib/postgres.sh
#   pg_start   # initdb into a fresh temp dir, start on 127.0.0.1, create ithaca_test,
#              # export ITHACA_TEST_POSTGRES_URL
#   pg_stop    # stop the server and remove the temp dir (idempotent; call from a trap)
#
# Self-test: bash scripts/lib/postgres.sh selftest
#
# Settings (environment): ITHACA_PG_BIN (directory with initdb/pg_ctl, default
# /usr/lib/postgresql/15/bin, else the newest /usr/lib/postgresql/*/bin, else PATH),
# ITHACA_PG_PORT (first port to try, default 54329).
# As root, initdb/pg_ctl run as the `postgres` OS user (PostgreSQL refuses to run as root).

PG_TMPDIR=""
PG_PORT=""
PG_BIN=""

_pg_find_bin() {
    local d
    if [ -n "${ITHACA_PG_BIN:-}" ]; then echo "$ITHACA_PG_BIN"; return 0; fi
    if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then echo /usr/lib/postgresql/15/bin; return 0; fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    d=$(command -v pg_ctl 2>/dev/null) && { dirname "$(readlink -f "$d")"; return 0; }
    return 1
}

# Run a PostgreSQL server binary as the right user.
_pg_as() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

_pg_fail() {
    echo "PostgreSQL failed to start: $*" >&2
    local f
    for f in "$PG_TMPDIR/initdb.log" "$PG_TMPDIR/postgres.log"; do
        [ -s "$f" ] && { echo "--- tail of $(basename "$f") ---" >&2; tail -n 25 "$f" >&2; }
    done
    pg_stop
    return 1
}

pg_start() {
    local t0=${EPOCHREALTIME:-$SECONDS} attempt
    PG_BIN=$(_pg_find_bin) || { echo "PostgreSQL server binaries not found (install Debian package postgresql)" >&2; return 1; }
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "running as root but the 'postgres' OS user does not exist (install Debian package postgresql)" >&2
        return 1
    fi
    PG_TMPDIR=$(mktemp -d /tmp/ithaca-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_TMPDIR"

    _pg_as "$PG_BIN/initdb" -D "$PG_TMPDIR/data" -A trust -U postgres -E UTF8 --locale=C \
        --no-sync --no-instructions >"$PG_TMPDIR/initdb.log" 2>&1 \
        || { _pg_fail "initdb failed"; return 1; }
    cat >>"$PG_TMPDIR/data/postgresql.conf" <<EOF

# --- throwaway test cluster (scripts/lib/postgres.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMPDIR'
fsync = off
synchronous_commit = off
full_page_writes = off
# The integration tests run in parallel, each app with its own pool (up to 8 connections).
max_connections = 400
EOF

    # The port may be taken between the check and the bind: try a few.
    PG_PORT=$(free_port "${ITHACA_PG_PORT:-54329}") || { _pg_fail "no free port"; return 1; }
    for attempt in 1 2 3; do
        if _pg_as "$PG_BIN/pg_ctl" -D "$PG_TMPDIR/data" -l "$PG_TMPDIR/postgres.log" \
            -o "-p $PG_PORT" -w -t 30 start >/dev/null 2>&1; then
            break
        fi
        [ "$attempt" -lt 3 ] || { _pg_fail "pg_ctl start failed 3 times"; return 1; }
        PG_PORT=$(free_port $((PG_PORT + 1))) || { _pg_fail "no free port"; return 1; }
    done

    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ithaca_test >>"$PG_TMPDIR/postgres.log" 2>&1 \
        || { _pg_fail "createdb ithaca_test failed"; return 1; }
    export ITHACA_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/ithaca_test"
    PG_START_SECONDS=$(awk -v a="$t0" -v b="${EPOCHREALTIME:-$SECONDS}" 'BEGIN { printf "%.1f", b - a }')
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') up on 127.0.0.1:$PG_PORT in ${PG_START_SECONDS} s ($PG_TMPDIR)"
}

pg_stop() {
    [ -n "$PG_TMPDIR" ] || return 0
    if [ -f "$PG_TMPDIR/data/postmaster.pid" ]; then
        _pg_as "$PG_BIN/pg_ctl" -D "$PG_TMPDIR/data" -m fast -w -t 15 stop >/dev/null 2>&1 \
            || _pg_as "$PG_BIN/pg_ctl" -D "$PG_TMPDIR/data" -m immediate -w -t 10 stop >/dev/null 2>&1 \
            || { local pid; pid=$(head -n 1 "$PG_TMPDIR/data/postmaster.pid" 2>/dev/null || true)
                 [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true; }
    fi
    rm -rf "$PG_TMPDIR"
    PG_TMPDIR=""
    unset ITHACA_TEST_POSTGRES_URL
}

# `bash scripts/lib/postgres.sh selftest`: start, query, stop, check the temp dir is gone.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    # shellcheck source=scripts/lib/common.sh
    . "$(dirname "${BASH_SOURCE[0]}")/common.sh"
    [ "${1:-}" = selftest ] || { echo "usage: bash $0 selftest" >&2; exit 2; }
    trap pg_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    pg_start
    dir=$PG_TMPDIR port=$PG_PORT
    "$PG_BIN/psql" "$ITHACA_TEST_POSTGRES_URL" -XAtq -c 'select 1' | grep -qx 1
    echo "select 1 OK via $ITHACA_TEST_POSTGRES_URL"
    pg_stop
    [ ! -e "$dir" ] || { echo "temp dir $dir still exists" >&2; exit 1; }
    port_is_free "$port" || { echo "port $port still in use" >&2; exit 1; }
    echo "stopped; $dir removed"
fi
