# shellcheck shell=bash
# Shared helpers for tools/run, tools/test and benchmarks/run.
# They *use* an Odoo 18.0 that is importable by $PYTHON; they never install or build Odoo.
set -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
LOCAL="$ROOT/.local"
PG_PORT=${EXEMPLAR_PG_PORT:-54329}
PG_ROLE=exemplar
MODULE=emulation_exemplar

say() { printf '%s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# odoo_importable: 0 when $PYTHON imports Odoo 18.0; otherwise sets ODOO_REASON.
odoo_importable() {
    local out
    if ! command -v "$PYTHON" >/dev/null 2>&1; then
        ODOO_REASON="Odoo 18.0 is not importable by $PYTHON: no such interpreter"
        return 1
    fi
    out=$(cd / && "$PYTHON" -c 'import odoo.release as r; print(r.version)' 2>&1 | tail -n 1)
    case "$out" in
        18.0*) return 0 ;;
        *Error*|*error*) ODOO_REASON="Odoo 18.0 is not importable by $PYTHON: $out" ;;
        *) ODOO_REASON="Odoo 18.0 is not importable by $PYTHON: it imports Odoo '$out' instead" ;;
    esac
    return 1
}

# The addons path: Odoo's own addons directories, then this repository.
odoo_addons_path() {
    (cd / && "$PYTHON" - "$ROOT" <<'PY'
import os, sys
import odoo
pkg = os.path.dirname(os.path.abspath(odoo.__file__))
paths = [os.path.join(pkg, "addons"), os.path.normpath(os.path.join(pkg, "..", "addons")), sys.argv[1]]
print(",".join(p for p in paths if os.path.isdir(p)))
PY
    )
}

# Run the Odoo command line with $PYTHON (no odoo-bin needed).
odoo_cli() {
    (cd "$ROOT" && TZ=UTC "$PYTHON" -c 'import sys, odoo; sys.argv[0] = "odoo"; odoo.cli.main()' "$@")
}

pg_bindir() {
    local d
    if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR"; return; fi
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] && [ -x "$d/pg_ctl" ] || die "PostgreSQL server binaries not found (install Debian's 'postgresql' package)."
    echo "$d"
}

# The embedded cluster lives in .local/pg, listens on a private unix socket only (no TCP),
# and runs as the current user, or as the unprivileged 'postgres' user when we are root.
pg_setup_vars() {
    PG_BIN=$(pg_bindir)
    PGDATA_DIR="$LOCAL/pg/data"
    PG_SOCK="$LOCAL/pg/sock"
    # unix socket paths are limited to 107 bytes
    if [ $(( ${#PG_SOCK} + 20 )) -gt 100 ]; then
        PG_SOCK="/tmp/exemplar-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-10)"
    fi
    if [ "$(id -u)" = 0 ]; then
        PG_OS_USER=${EXEMPLAR_PG_OS_USER:-postgres}
        id "$PG_OS_USER" >/dev/null 2>&1 || die "running as root, but there is no unprivileged '$PG_OS_USER' user to run PostgreSQL as"
    else
        PG_OS_USER=""
    fi
}

as_pg() {
    if [ -n "$PG_OS_USER" ]; then
        runuser -u "$PG_OS_USER" -- "$@"
    else
        "$@"
    fi
}

psql_local() {
    "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U "$PG_ROLE" "$@"
}

pg_start() {
    pg_setup_vars
    mkdir -p "$LOCAL/pg" "$PG_SOCK"
    if [ -n "$PG_OS_USER" ]; then
        chown "$PG_OS_USER" "$LOCAL/pg" "$PG_SOCK"
        as_pg test -x "$LOCAL/pg" || die "user '$PG_OS_USER' cannot reach $LOCAL/pg: make the folders above it traversable (chmod o+x)"
    fi
    chmod 0755 "$PG_SOCK"
    local owner want=${PG_OS_USER:-$(id -un)}
    if [ -d "$PGDATA_DIR" ] && owner=$(stat -c %U "$PGDATA_DIR") && [ "$owner" != "$want" ]; then
        die "the cluster in $PGDATA_DIR belongs to '$owner', not '$want': run as the same user, or remove .local/pg"
    fi
    if ! as_pg test -f "$PGDATA_DIR/PG_VERSION"; then
        say "embedded PostgreSQL: creating a private cluster in $PGDATA_DIR"
        as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOCAL/pg/initdb.log" 2>&1 \
            || { cat "$LOCAL/pg/initdb.log"; die "initdb failed"; }
    fi
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -w -t 60 -l "$LOCAL/pg/server.log" \
            -o "-c listen_addresses='' -k $PG_SOCK -p $PG_PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null || { tail -n 20 "$LOCAL/pg/server.log"; die "the embedded PostgreSQL did not start"; }
    fi
    # Odoo refuses the 'postgres' role: use a dedicated one that may create databases.
    "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'" | grep -q 1 \
        || "$PG_BIN/psql" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres \
            -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB" >/dev/null
    say "embedded PostgreSQL: running (socket $PG_SOCK, port $PG_PORT, role $PG_ROLE)"
}

pg_stop() {
    pg_setup_vars
    if [ -f "$PGDATA_DIR/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null && say "embedded PostgreSQL: stopped"
    else
        say "embedded PostgreSQL: not running"
    fi
}

db_exists() {
    psql_local -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}

# Write an Odoo config file for database $1 to $2.
write_odoo_conf() {
    local db=$1 conf=$2
    mkdir -p "$LOCAL/filestore"
    cat >"$conf" <<CONF
[options]
addons_path = $(odoo_addons_path)
data_dir = $LOCAL/filestore
db_host = $PG_SOCK
db_port = $PG_PORT
db_user = $PG_ROLE
db_password = False
db_name = $db
dbfilter = ^$db\$
list_db = False
http_interface = 127.0.0.1
http_port = ${EXEMPLAR_HTTP_PORT:-8069}
gevent_port = ${EXEMPLAR_GEVENT_PORT:-8072}
max_cron_threads = 1
CONF
}
