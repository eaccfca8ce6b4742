# Sourced by the central service's tests: a throwaway PostgreSQL server
# for one test, on a Unix socket in a scratch directory and no TCP port
# (listen_addresses = ''), stopped and deleted when the test exits, however
# it exits. initdb makes the cluster, the postmaster runs as a child of the
# test and pg_ctl stops it. Waits only on events: pg_isready answering, or
# the postmaster gone (which fails the test). Needs T (a scratch directory).
#
# initdb refuses to run as root: as root, the server runs as the
# unprivileged user "postgres" (Debian's postgresql package makes it), in a
# directory of its own inside T, and T is opened for it to reach.
#
# pg_start: start it; PG_URL is then a libpq URL for its database "tally",
# as user "tally", with trust authentication (only this machine's users can
# reach the socket, and the directory is deleted at exit).
# pg_stop: stop it at once, as a crash would (the EXIT trap calls
# pg_cleanup, which does the same); pg_run: start it again.

pg_bin() {
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    return 1
}

# Run a server program as the user that owns the cluster.
pg_as() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    PG_BIN=$(pg_bin) || { echo "skipped: PostgreSQL's initdb not found (scripts/bootstrap installs postgresql)"; exit 77; }
    PG_DIR=$T/pg
    PG_SOCK=$T/pgsock
    mkdir -p "$PG_DIR" "$PG_SOCK"
    if [ "$(id -u)" -eq 0 ]; then
        chmod 755 "$T"
        chown postgres "$PG_DIR" "$PG_SOCK"
    fi
    chmod 700 "$PG_DIR"
    if ! pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U tally -A trust -E UTF8 --locale=C \
        >"$T/initdb.log" 2>&1; then
        echo "not ok - initdb failed:"
        sed 's/^/# /' "$T/initdb.log"
        exit 1
    fi
    pg_run
    "$PG_BIN/createdb" -h "$PG_SOCK" -U tally tally
    PG_URL="postgresql:///tally?host=$PG_SOCK&user=tally"
}

# Start the postmaster on the cluster and wait until it answers. After
# pg_stop (an immediate stop, as a crash: no shutdown checkpoint) this
# starts the same cluster again, which recovers from its write-ahead log.
pg_run() {
    # The postmaster runs in the background as a child of this shell, so
    # that its death is an event the wait below sees (kill -0 fails).
    pg_as "$PG_BIN/postgres" -D "$PG_DIR/data" -c listen_addresses='' -k "$PG_SOCK" \
        -c unix_socket_permissions=0777 >>"$T/postgres.log" 2>&1 &
    PG_PID=$!
    PG_STARTED=1
    # Polled until one of two events, ready or dead; the interval decides nothing.
    until "$PG_BIN/pg_isready" -q -h "$PG_SOCK" -d postgres -U tally; do
        if ! kill -0 "$PG_PID" 2>/dev/null; then
            echo "not ok - the PostgreSQL server did not start:"
            sed 's/^/# /' "$T/postgres.log"
            exit 1
        fi
        sleep 0.1
    done
}

pg_stop() {
    [ -n "${PG_STARTED:-}" ] || return 0
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
    wait "$PG_PID" 2>/dev/null
    PG_STARTED=
}

# For the EXIT trap.
pg_cleanup() {
    pg_stop
    [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR" "$PG_SOCK"
}

# psql against the test's database, unaligned and quiet: pg_sql "SELECT 1".
pg_sql() {
    "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 "$PG_URL" -c "$1"
}
