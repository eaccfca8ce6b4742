/*
** The central results service's store on PostgreSQL through libpq
** (include/tally/central.h). The only file that includes libpq-fe.h.
**
** Durability: a declaration is acknowledged only after its COMMIT returns,
** with PostgreSQL's synchronous_commit (on by default: the commit is
** flushed to the write-ahead log first). A connection lost mid-way leaves
** the outcome to the server's transaction, which is whole or absent; the
** caller answers 503 and the count centre's retry (same head, same body)
** is either stored or found unchanged.
*/
#include <libpq-fe.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "central_ops.h"
#include "tally/central.h"

struct tally_central {
    PGconn *conn;
};

/* Migrations, applied in order; tally_schema.version is the number applied. */
static const char *const migrations[] = {
    "CREATE TABLE constituencies ("
    "  id text PRIMARY KEY,"
    "  token bytea NOT NULL UNIQUE"
    ");"
    "CREATE TABLE declarations ("
    "  seq bigserial PRIMARY KEY,"
    "  constituency text NOT NULL REFERENCES constituencies (id),"
    "  head text NOT NULL,"
    "  body text NOT NULL,"
    "  recount boolean NOT NULL,"
    "  received timestamptz NOT NULL DEFAULT now(),"
    "  UNIQUE (constituency, head)"
    ");"
    "CREATE TABLE results ("
    "  constituency text PRIMARY KEY REFERENCES constituencies (id),"
    "  head text NOT NULL,"
    "  body text NOT NULL,"
    "  seq bigint NOT NULL REFERENCES declarations (seq)"
    ");",
};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

/* The advisory lock that makes migrations one at a time: "tally" in ASCII. */
#define MIGRATION_LOCK "126943769224313"

/* A key keeping the stored hash of a bearer token apart from any other
** hash of it. The token is 256 random bits, so a fast hash suffices: there
** is nothing to guess from. */
static const unsigned char token_key[16] = "tally bearer tok";

/* err: "PostgreSQL: WHAT: its message", without libpq's final newline. */
static tally_status say(tally_error *err, const char *what, const char *m)
{
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "PostgreSQL: %s: %.*s", what, (int)n, m);
}

static tally_status fail(tally_central *c, tally_error *err, const char *what)
{
    return say(err, what, PQerrorMessage(c->conn));
}

/* What went wrong with r (NULL: with the connection). */
static void failed(tally_central *c, PGresult *r, const char *what, tally_error *err)
{
    say(err, what, r && PQresultErrorMessage(r)[0] ? PQresultErrorMessage(r)
                                                    : PQerrorMessage(c->conn));
}

/* Run sql with text parameters; the result when it has the status wanted,
** else NULL with err filled. */
static PGresult *run(tally_central *c, const char *sql, int n, const char *const *params,
                     ExecStatusType want, const char *what, tally_error *err)
{
    PGresult *r = PQexecParams(c->conn, sql, n, NULL, params, NULL, NULL, 0);
    if (r && PQresultStatus(r) == want)
        return r;
    failed(c, r, what, err);
    PQclear(r);
    return NULL;
}

/* Run sql, which may be several statements (the simple query protocol,
** for migrations), wanting the last to return no rows. */
static int exec_ok(tally_central *c, const char *sql, const char *what, tally_error *err)
{
    PGresult *r = PQexec(c->conn, sql);
    int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        failed(c, r, what, err);
    PQclear(r);
    return ok;
}

static void rollback(tally_central *c)
{
    PQclear(PQexec(c->conn, "ROLLBACK"));
}

/* After a lost connection (a restart of PostgreSQL), connect again.
** PQconsumeInput reads, without blocking, what the server sent while idle:
** a server that went away has closed the socket, which marks the
** connection bad here, before a request is spent on it. A server lost
** between this and the statement still fails that request (503). */
static tally_status ready(tally_central *c, tally_error *err)
{
    if (PQstatus(c->conn) == CONNECTION_OK)
        PQconsumeInput(c->conn);
    if (PQstatus(c->conn) == CONNECTION_OK)
        return TALLY_OK;
    PQreset(c->conn);
    return PQstatus(c->conn) == CONNECTION_OK ? TALLY_OK : fail(c, err, "reconnecting");
}

static tally_status migrate(tally_central *c, tally_error *err)
{
    PGresult *r;
    long version = 0;

    if (!exec_ok(c, "BEGIN", "migrating the schema", err))
        return TALLY_EIO;
    if (!(r = run(c, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK ")", 0, NULL,
                  PGRES_TUPLES_OK, "migrating the schema", err)) ||
        (PQclear(r), 0) ||
        !exec_ok(c, "CREATE TABLE IF NOT EXISTS tally_schema (version integer NOT NULL)",
                 "migrating the schema", err) ||
        !(r = run(c, "SELECT version FROM tally_schema", 0, NULL, PGRES_TUPLES_OK,
                  "reading the schema version", err))) {
        rollback(c);
        return TALLY_EIO;
    }
    if (PQntuples(r) > 0)
        version = strtol(PQgetvalue(r, 0, 0), NULL, 10);
    else if (!exec_ok(c, "INSERT INTO tally_schema VALUES (0)", "migrating the schema", err)) {
        PQclear(r);
        rollback(c);
        return TALLY_EIO;
    }
    PQclear(r);
    if (version > (long)N_MIGRATIONS) {
        rollback(c);
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the results database was made by a newer tally (schema %ld; "
                               "this one knows %zu)", version, N_MIGRATIONS);
    }
    for (size_t v = (size_t)version; v < N_MIGRATIONS; v++) {
        char set[64];
        snprintf(set, sizeof set, "UPDATE tally_schema SET version = %zu", v + 1);
        if (!exec_ok(c, migrations[v], "migrating the schema", err) ||
            !exec_ok(c, set, "migrating the schema", err)) {
            rollback(c);
            return TALLY_EIO;
        }
    }
    if (!exec_ok(c, "COMMIT", "migrating the schema", err)) {
        rollback(c);
        return TALLY_EIO;
    }
    return TALLY_OK;
}

static void pg_close(tally_central *c);

static tally_status pg_open(const char *url, tally_central **out, tally_error *err)
{
    tally_central *c;
    tally_status st;

    *out = NULL;
    if (sodium_init() < 0)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "libsodium did not start");
    if (!(c = calloc(1, sizeof *c)))
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    c->conn = PQconnectdb(url);
    if (!c->conn) {
        free(c);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (PQstatus(c->conn) != CONNECTION_OK) {
        st = fail(c, err, "connecting");
        pg_close(c);
        return st;
    }
    /* Only warnings would come through the notice processor; none is ours. */
    PQclear(PQexec(c->conn, "SET client_min_messages = error"));
    if ((st = migrate(c, err)) != TALLY_OK) {
        pg_close(c);
        return st;
    }
    *out = c;
    return TALLY_OK;
}

static void pg_close(tally_central *c)
{
    if (!c)
        return;
    PQfinish(c->conn);
    free(c);
}

/* The stored form of a token: "\x" and the hex of its keyed hash (bytea's
** text input). */
static void token_hash(const unsigned char tok[32], char out[2 + 64 + 1])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, tok, 32, token_key, sizeof token_key);
    out[0] = '\\';
    out[1] = 'x';
    sodium_bin2hex(out + 2, 65, h, sizeof h);
}

static tally_status pg_token_issue(tally_central *c, const char *constituency,
                                   char token[TALLY_TOKEN_HEX], tally_error *err)
{
    unsigned char tok[32];
    char hash[2 + 64 + 1];
    const char *params[2];
    PGresult *r;
    tally_status st;

    if ((st = ready(c, err)) != TALLY_OK)
        return st;
    randombytes_buf(tok, sizeof tok);
    token_hash(tok, hash);
    params[0] = constituency;
    params[1] = hash;
    r = run(c, "INSERT INTO constituencies (id, token) VALUES ($1, $2) "
               "ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token",
            2, params, PGRES_COMMAND_OK, "storing a token", err);
    if (!r)
        return TALLY_EIO;
    PQclear(r);
    sodium_bin2hex(token, TALLY_TOKEN_HEX, tok, sizeof tok);
    sodium_memzero(tok, sizeof tok);
    return TALLY_OK;
}

static tally_status pg_token_find(tally_central *c, const char *token,
                                  char constituency[TALLY_CONSTITUENCY_MAX],
                                  tally_error *err)
{
    unsigned char tok[32];
    char hash[2 + 64 + 1];
    const char *params[1] = { hash };
    size_t n = 0;
    PGresult *r;
    tally_status st;

    for (size_t i = 0; token && token[i]; i++)
        if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
            token = NULL;
    if (!token || strlen(token) != TALLY_TOKEN_HEX - 1 ||
        sodium_hex2bin(tok, sizeof tok, token, TALLY_TOKEN_HEX - 1, NULL, &n, NULL) != 0 ||
        n != sizeof tok)
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "not a token");
    if ((st = ready(c, err)) != TALLY_OK)
        return st;
    token_hash(tok, hash);
    if (!(r = run(c, "SELECT id FROM constituencies WHERE token = $1", 1, params,
                  PGRES_TUPLES_OK, "reading a token", err)))
        return TALLY_EIO;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "no such token");
    }
    snprintf(constituency, TALLY_CONSTITUENCY_MAX, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return TALLY_OK;
}

/* The decision, inside the transaction that holds the constituency's row. */
static tally_status decide(tally_central *c, const char *constituency, const char *head,
                           int recount, const char *body, tally_central_outcome *outcome,
                           uint64_t *seq, tally_error *err)
{
    const char *p[4] = { constituency, head, body, recount ? "true" : "false" };
    PGresult *r;

    if (!(r = run(c, "SELECT 1 FROM constituencies WHERE id = $1 FOR UPDATE", 1, p,
                  PGRES_TUPLES_OK, "locking the constituency", err)))
        return TALLY_EIO;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0,
                               "constituency \"%s\" is not registered", constituency);
    }
    PQclear(r);
    if (!(r = run(c, "SELECT head, body, seq FROM results WHERE constituency = $1", 1, p,
                  PGRES_TUPLES_OK, "reading the result", err)))
        return TALLY_EIO;
    if (PQntuples(r) == 1) {
        int same_head = strcmp(PQgetvalue(r, 0, 0), head) == 0;
        int same_body = strcmp(PQgetvalue(r, 0, 1), body) == 0;
        *seq = strtoull(PQgetvalue(r, 0, 2), NULL, 10);
        PQclear(r);
        if (same_head) {
            *outcome = same_body ? TALLY_CENTRAL_UNCHANGED : TALLY_CENTRAL_CONFLICT;
            return TALLY_OK;
        }
        if (!(r = run(c, "SELECT 1 FROM declarations WHERE constituency = $1 AND head = $2", 2,
                      p, PGRES_TUPLES_OK, "reading the declarations", err)))
            return TALLY_EIO;
        if (PQntuples(r) > 0) {
            PQclear(r);
            *outcome = TALLY_CENTRAL_SUPERSEDED;
            return TALLY_OK;
        }
        PQclear(r);
        if (!recount) {
            *outcome = TALLY_CENTRAL_CONFLICT;
            return TALLY_OK;
        }
        *outcome = TALLY_CENTRAL_RECOUNT;
    } else {
        PQclear(r);
        *outcome = TALLY_CENTRAL_DECLARED;
    }
    if (!(r = run(c, "INSERT INTO declarations (constituency, head, body, recount) "
                     "VALUES ($1, $2, $3, $4) RETURNING seq",
                  4, p, PGRES_TUPLES_OK, "storing the declaration", err)))
        return TALLY_EIO;
    *seq = strtoull(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    {
        char s[24];
        const char *q[4] = { constituency, head, body, s };
        snprintf(s, sizeof s, "%llu", (unsigned long long)*seq);
        if (!(r = run(c, "INSERT INTO results (constituency, head, body, seq) "
                         "VALUES ($1, $2, $3, $4) ON CONFLICT (constituency) DO UPDATE SET "
                         "head = EXCLUDED.head, body = EXCLUDED.body, seq = EXCLUDED.seq",
                      4, q, PGRES_COMMAND_OK, "storing the result", err)))
            return TALLY_EIO;
        PQclear(r);
    }
    return TALLY_OK;
}

/* Every declaration of v in one transaction: one commit for all. Only
** a fault of the store aborts it (none stored); an unregistered
** constituency is that declaration's status, and the others go on. */
static tally_status pg_declare_all(tally_central *c, tally_central_declaration *v, size_t n,
                                   tally_error *err)
{
    tally_status st;
    int wrote = 0;

    for (size_t i = 0; i < n; i++)
        v[i].status = TALLY_OK, v[i].seq = 0;
    if ((st = ready(c, err)) != TALLY_OK)
        return st;
    if (!exec_ok(c, "BEGIN", "starting a transaction", err))
        return TALLY_EIO;
    for (size_t i = 0; i < n; i++) {
        tally_central_declaration *d = &v[i];
        st = decide(c, d->constituency, d->head, d->recount, d->body, &d->outcome, &d->seq, err);
        if (st == TALLY_ENOTFOUND) {
            d->status = st;
            continue;
        }
        if (st != TALLY_OK) {
            rollback(c);
            return st;
        }
        wrote |= d->outcome == TALLY_CENTRAL_DECLARED || d->outcome == TALLY_CENTRAL_RECOUNT;
    }
    if (!wrote) {
        rollback(c); /* nothing was written */
        return TALLY_OK;
    }
    if (!exec_ok(c, "COMMIT", "committing the declarations", err)) {
        rollback(c);
        return TALLY_EIO;
    }
    return TALLY_OK;
}

static tally_status pg_result(tally_central *c, const char *constituency, char **body,
                              tally_error *err)
{
    const char *p[1] = { constituency };
    PGresult *r;
    tally_status st;

    *body = NULL;
    if ((st = ready(c, err)) != TALLY_OK)
        return st;
    if (!(r = run(c, "SELECT body FROM results WHERE constituency = $1", 1, p, PGRES_TUPLES_OK,
                  "reading the result", err)))
        return TALLY_EIO;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "no result for \"%s\"",
                               constituency);
    }
    *body = strdup(PQgetvalue(r, 0, 0));
    PQclear(r);
    return *body ? TALLY_OK : tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
}

static tally_status pg_each(tally_central *c, uint64_t *constituencies,
                            int (*fn)(void *ctx, const char *body), void *ctx,
                            tally_error *err)
{
    PGresult *r;
    tally_status st;
    int n;

    *constituencies = 0;
    if ((st = ready(c, err)) != TALLY_OK)
        return st;
    /* One statement, so the count and the results are of one moment. */
    if (!(r = run(c, "WITH n AS (SELECT count(*) AS n FROM constituencies) "
                     "SELECT n.n, r.body FROM n LEFT JOIN results r ON true "
                     "ORDER BY r.constituency",
                  0, NULL, PGRES_TUPLES_OK, "reading the results", err)))
        return TALLY_EIO;
    n = PQntuples(r);
    if (n > 0)
        *constituencies = strtoull(PQgetvalue(r, 0, 0), NULL, 10);
    for (int i = 0; i < n; i++)
        if (!PQgetisnull(r, i, 1) && fn(ctx, PQgetvalue(r, i, 1)))
            break;
    PQclear(r);
    return TALLY_OK;
}

static tally_status pg_since(tally_central *c, uint64_t after, unsigned max,
                             int (*fn)(void *ctx, uint64_t seq, const char *constituency,
                             int recount, const char *body),
                             void *ctx, tally_error *err)
{
    char a[24], m[16];
    const char *p[2] = { a, m };
    PGresult *r;
    tally_status st;

    if ((st = ready(c, err)) != TALLY_OK)
        return st;
    snprintf(a, sizeof a, "%llu", (unsigned long long)after);
    snprintf(m, sizeof m, "%u", max);
    if (!(r = run(c, "SELECT seq, constituency, recount, body FROM declarations "
                     "WHERE seq > $1 ORDER BY seq LIMIT $2",
                  2, p, PGRES_TUPLES_OK, "reading the declarations", err)))
        return TALLY_EIO;
    for (int i = 0; i < PQntuples(r); i++)
        if (fn(ctx, strtoull(PQgetvalue(r, i, 0), NULL, 10), PQgetvalue(r, i, 1),
               strcmp(PQgetvalue(r, i, 2), "t") == 0, PQgetvalue(r, i, 3)))
            break;
    PQclear(r);
    return TALLY_OK;
}

static tally_status pg_latest(tally_central *c, uint64_t *seq, uint64_t *constituencies,
                              tally_error *err)
{
    PGresult *r;
    tally_status st;

    *seq = *constituencies = 0;
    if ((st = ready(c, err)) != TALLY_OK)
        return st;
    if (!(r = run(c, "SELECT (SELECT coalesce(max(seq), 0) FROM declarations), "
                     "(SELECT count(*) FROM constituencies)",
                  0, NULL, PGRES_TUPLES_OK, "reading the latest declaration", err)))
        return TALLY_EIO;
    *seq = strtoull(PQgetvalue(r, 0, 0), NULL, 10);
    *constituencies = strtoull(PQgetvalue(r, 0, 1), NULL, 10);
    PQclear(r);
    return TALLY_OK;
}

/* The module's one entry (central_ops.h). */
const tally_central_ops tally_pg_ops = {
    pg_open, pg_close, pg_token_issue, pg_token_find, pg_declare_all, pg_result, pg_each, pg_since, pg_latest,
};
