# Sourced by the server tests: start and stop tally serve, waiting only on
# events (a line printed, a process exited), never on a clock.
# Needs TALLY and T (a scratch directory) set.

# serve_start NAME ARGS...: run `tally serve ARGS` in the background with
# its standard output in $T/NAME.out and its standard error in
# $T/NAME.err. Returns once it has printed its "serving" line: then U is
# its base URL and SERVE_PID its process. If it exits first, the test
# stops there, failed. The wrapper writes tally's pid and, when tally
# exits, its exit status, each by an atomic rename.
serve_start() {
    _n=$1
    shift
    rm -f "$T/$_n.pid" "$T/$_n.exit" "$T/$_n.out"
    : >"$T/$_n.out"
    (
        "$TALLY" serve "$@" >"$T/$_n.out" 2>"$T/$_n.err" &
        echo $! >"$T/$_n.pid.new" && mv "$T/$_n.pid.new" "$T/$_n.pid"
        wait $!
        echo $? >"$T/$_n.exit.new" && mv "$T/$_n.exit.new" "$T/$_n.exit"
    ) 2>/dev/null & # (the wrapper's own words, "Killed", are not the test's)
    SERVE_WRAP=$!
    SERVE_NAME=$_n
    # Polled until one of the two events; the interval decides nothing.
    until { [ -s "$T/$_n.pid" ] && grep -q "^serving" "$T/$_n.out"; } || [ -e "$T/$_n.exit" ]; do
        sleep 0.1
    done
    if ! grep -q "^serving" "$T/$_n.out"; then
        echo "not ok - tally serve $* exited before serving (status $(cat "$T/$_n.exit")):"
        sed 's/^/# /' "$T/$_n.err"
        exit 1
    fi
    SERVE_PID=$(cat "$T/$_n.pid")
    U=$(sed -n 's|^serving .* at \(http://[^/]*\)/$|\1|p' "$T/$_n.out")
}

# serve_stop SIGNAL: send it and wait for the server to exit; its exit
# status is then in SERVE_STATUS.
serve_stop() {
    kill "-$1" "$SERVE_PID"
    wait "$SERVE_WRAP"
    SERVE_STATUS=$(cat "$T/$SERVE_NAME.exit")
    SERVE_PID=
}

# For the EXIT trap: stop a server still running.
serve_cleanup() {
    [ -n "${SERVE_PID:-}" ] && kill "$SERVE_PID" 2>/dev/null
    [ -n "${SERVE_WRAP:-}" ] && wait "$SERVE_WRAP" 2>/dev/null
}

# Server-Sent Events held open. sse_open NAME [CURL ARGS]: a stream of
# $U$SSE_PATH (/events unless set) into $T/NAME.sse, its headers in
# $T/NAME.head, in the background; sse_wait NAME PATTERN: until a line
# matches or curl has exited (polled; the interval decides nothing), true
# when one matches; sse_alive NAME: curl still reading; sse_close NAME.
sse_open() {
    _s=$1
    shift
    : >"$T/$_s.sse"
    curl -sN -D "$T/$_s.head" "$@" "$U${SSE_PATH:-/events}" >"$T/$_s.sse" &
    eval "SSE_$_s=\$!"
}
sse_wait() {
    eval "_p=\$SSE_$1"
    until grep -q "$2" "$T/$1.sse"; do
        kill -0 "$_p" 2>/dev/null || break
        sleep 0.1
    done
    grep -q "$2" "$T/$1.sse"
}
sse_alive() { eval "kill -0 \$SSE_$1" 2>/dev/null; }
sse_close() { eval "kill \$SSE_$1; wait \$SSE_$1" 2>/dev/null; }
