/*
** The SQLite store: one file per count, WAL, synchronous=FULL, STRICT
** tables, versioned migrations (PRAGMA user_version). Each event is one row
** inserted in its own IMMEDIATE transaction, so that what was acknowledged
** survives a crash of the process or the machine.
*/
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "backend.h"
#include "tally/alloc.h"

typedef struct sqlite_store {
    store_backend base;
    sqlite3 *db;
    sqlite3_stmt *insert;
} sqlite_store;

/* Migrations, applied in order; user_version is the number applied. */
static const char *const migrations[] = {
    "CREATE TABLE events ("
    "  seq INTEGER PRIMARY KEY,"
    "  time TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  hash BLOB NOT NULL"
    ") STRICT;",
    "CREATE TABLE users ("
    "  name TEXT PRIMARY KEY,"
    "  role TEXT NOT NULL,"
    "  hash TEXT NOT NULL"
    ") STRICT;",
    /* Sessions of tally serve (src/store/sessions.c): a keyed BLAKE2b-256
    ** hash of the token, never the token; the role is read from users at
    ** each use. expires is Unix time in seconds. */
    "CREATE TABLE sessions ("
    "  id BLOB PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  expires INTEGER NOT NULL"
    ") STRICT;"
    "CREATE INDEX sessions_by_expiry ON sessions (expires);",
    /* The papers of an STV count's boxes (src/count/stv.c), each paper its
    ** line of the canonical form, numbered from 1 in the order imported.
    ** Written in the transaction of the box's papers_imported event, whose
    ** sha256 the audit checks them against. */
    "CREATE TABLE papers ("
    "  box TEXT NOT NULL,"
    "  paper INTEGER NOT NULL,"
    "  prefs TEXT NOT NULL,"
    "  PRIMARY KEY (box, paper)"
    ") STRICT, WITHOUT ROWID;",
};
#define N_MIGRATIONS (sizeof migrations / sizeof migrations[0])

static tally_status fail(sqlite_store *s, tally_error *err, const char *what)
{
    return tally_error_set(err, TALLY_EIO, sqlite3_db_filename(s->db, "main"), 0, 0, "%s: %s",
                           what, sqlite3_errmsg(s->db));
}

static tally_status migrate(sqlite_store *s, tally_error *err)
{
    sqlite3_stmt *st;
    int version = 0;

    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return fail(s, err, "reading the schema version");
    if (sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > (int)N_MIGRATIONS)
        return tally_error_set(err, TALLY_EINVAL, sqlite3_db_filename(s->db, "main"), 0, 0,
                               "made by a newer tally (schema %d; this one knows %zu)", version,
                               N_MIGRATIONS);
    for (size_t v = (size_t)version; v < N_MIGRATIONS; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %zu", v + 1);
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            tally_status st2 = fail(s, err, "migrating the schema");
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return st2;
        }
    }
    return TALLY_OK;
}

/* WAL, or nothing: SQLite keeps the old journal mode, silently, where WAL
** cannot be had (a file system without shared memory, say), and the
** acknowledgement contract of docs/count.md is written for WAL. */
static tally_status wal_mode(sqlite_store *s, tally_error *err)
{
    sqlite3_stmt *st;
    int ok = 0;
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL) != SQLITE_OK)
        return TALLY_EIO;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        ok = sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
    sqlite3_finalize(st);
    if (ok)
        return TALLY_OK;
    if (sqlite3_errcode(s->db) != SQLITE_OK)
        return TALLY_EIO;
    return tally_error_set(err, TALLY_EIO, sqlite3_db_filename(s->db, "main"), 0, 0,
                           "cannot keep the count here: SQLite's write-ahead log is not "
                           "available on this file system");
}

static tally_status sq_last_seq(store_backend *b, uint64_t *out, tally_error *err);

/* The papers of box, a line each, inside the open transaction. */
static tally_status insert_papers(sqlite_store *s, const char *box, const char *text, size_t len,
                                  tally_error *err)
{
    sqlite3_stmt *st;
    size_t i = 0;
    sqlite3_int64 n = 0;
    int rc = SQLITE_DONE;

    if (sqlite3_prepare_v2(s->db, "INSERT INTO papers (box, paper, prefs) VALUES (?1, ?2, ?3)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, err, "storing the papers");
    while (i < len && rc == SQLITE_DONE) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, box, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, ++n);
        sqlite3_bind_text(st, 3, text + i, (int)(end - i), SQLITE_STATIC);
        rc = sqlite3_step(st);
        i = end + 1;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TALLY_OK : fail(s, err, "storing the papers");
}

static tally_status sq_append_with(store_backend *b, const store_row *row, const char *box,
                                   const char *text, size_t len, tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st = s->insert;
    int rc;

    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, err, "starting a transaction");
    {
        /* Holding the write lock: the event must follow the last stored
        ** one. Another process may have appended since this one read. */
        uint64_t last;
        tally_error lerr;
        if (sq_last_seq(b, &last, &lerr) != TALLY_OK || last + 1 != row->seq) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return tally_error_set(err, TALLY_EAGAIN, NULL, 0, 0,
                                   "another writer appended to the count first");
        }
    }
    if (box) {
        tally_status e = insert_papers(s, box, text, len, err);
        if (e != TALLY_OK) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return e;
        }
    }
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, (sqlite3_int64)row->seq);
    sqlite3_bind_text(st, 2, row->time, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, row->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, row->type, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, row->body, (int)row->body_len, SQLITE_STATIC);
    sqlite3_bind_blob(st, 6, row->hash, (int)row->hash_len, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        tally_status e = fail(s, err, "storing the event");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return e;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        tally_status e = fail(s, err, "committing the event");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return e;
    }
    return TALLY_OK;
}

static tally_status sq_append(store_backend *b, const store_row *row, tally_error *err)
{
    return sq_append_with(b, row, NULL, NULL, 0, err);
}

static tally_status sq_append_papers(store_backend *b, const store_row *row, const char *box,
                                     const char *text, size_t len, tally_error *err)
{
    return sq_append_with(b, row, box, text, len, err);
}

static tally_status sq_papers_get(store_backend *b, const char *box, char **out, size_t *len,
                                  tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc;

    *out = NULL;
    *len = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT prefs FROM papers WHERE box = ?1 ORDER BY paper", -1,
                           &st, NULL) != SQLITE_OK)
        return fail(s, err, "reading the papers");
    sqlite3_bind_text(st, 1, box, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(st, 0);
        size_t k = (size_t)sqlite3_column_bytes(st, 0);
        if (!p && sqlite3_column_type(st, 0) != SQLITE_NULL)
            break; /* out of memory */
        while (n + k + 2 > cap) {
            char *nb = tally_realloc(buf, cap = cap ? cap * 2 : 4096);
            if (!nb) {
                tally_free(buf);
                sqlite3_finalize(st);
                return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
            }
            buf = nb;
        }
        if (k)
            memcpy(buf + n, p, k);
        n += k;
        buf[n++] = '\n';
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        tally_free(buf);
        return fail(s, err, "reading the papers");
    }
    *out = buf;
    *len = n;
    return TALLY_OK;
}

static tally_status sq_each(store_backend *b, uint64_t after,
                            int (*fn)(void *ctx, const store_row *row), void *ctx,
                            tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT seq, time, actor, type, body, hash FROM events "
                           "WHERE seq > ?1 ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, err, "reading events");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)after);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        store_row row;
        row.seq = (uint64_t)sqlite3_column_int64(st, 0);
        row.time = (const char *)sqlite3_column_text(st, 1);
        row.actor = (const char *)sqlite3_column_text(st, 2);
        row.type = (const char *)sqlite3_column_text(st, 3);
        row.body = (const char *)sqlite3_column_text(st, 4);
        row.body_len = (size_t)sqlite3_column_bytes(st, 4);
        row.hash = sqlite3_column_blob(st, 5);
        row.hash_len = (size_t)sqlite3_column_bytes(st, 5);
        if (!row.time || !row.actor || !row.type || !row.body) {
            sqlite3_finalize(st);
            return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
        }
        if (fn(ctx, &row))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        tally_status e = fail(s, err, "reading events");
        sqlite3_finalize(st);
        return e;
    }
    sqlite3_finalize(st);
    return TALLY_OK;
}

static tally_status sq_last_seq(store_backend *b, uint64_t *out, tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;

    *out = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT max(seq) FROM events", -1, &st, NULL) != SQLITE_OK)
        return fail(s, err, "reading the last event");
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = (uint64_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? TALLY_OK : fail(s, err, "reading the last event");
}

static tally_status sq_user_put(store_backend *b, const char *name, const char *role,
                               const char *hash, tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO users (name, role, hash) "
                                  "VALUES (?1, ?2, ?3)", -1, &st, NULL) != SQLITE_OK)
        return fail(s, err, "storing a user");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TALLY_OK : fail(s, err, "storing a user");
}

static tally_status sq_user_del(store_backend *b, const char *name, tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM users WHERE name = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return fail(s, err, "removing a user");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail(s, err, "removing a user");
    return sqlite3_changes(s->db) ? TALLY_OK
                                  : tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0,
                                                    "no user \"%s\"", name);
}

static tally_status sq_user_get(store_backend *b, const char *name, char role[256],
                               char hash[256], tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db, "SELECT role, hash FROM users WHERE name = ?1", -1, &st,
                           NULL) != SQLITE_OK)
        return fail(s, err, "reading a user");
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        snprintf(role, 256, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(hash, 256, "%s", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return TALLY_OK;
    if (rc == SQLITE_DONE)
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "no user \"%s\"", name);
    return fail(s, err, "reading a user");
}

static tally_status sq_user_each(store_backend *b,
                                void (*fn)(void *ctx, const char *name, const char *role),
                                void *ctx, tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db, "SELECT name, role FROM users ORDER BY name", -1, &st,
                           NULL) != SQLITE_OK)
        return fail(s, err, "listing users");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        fn(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TALLY_OK : fail(s, err, "listing users");
}

static tally_status sq_sync(store_backend *b, tally_error *err)
{
    return store_sqlite_sync(((sqlite_store *)b)->db, err);
}

static tally_status sq_session_put(store_backend *b, const unsigned char id[32], const char *name,
                                   int64_t expires, tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO sessions (id, name, expires) VALUES (?1, ?2, ?3)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, err, "storing a session");
    sqlite3_bind_blob(st, 1, id, 32, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)expires);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TALLY_OK : fail(s, err, "storing a session");
}

static tally_status sq_session_del(store_backend *b, const unsigned char id[32], tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM sessions WHERE id = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return fail(s, err, "ending a session");
    sqlite3_bind_blob(st, 1, id, 32, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TALLY_OK : fail(s, err, "ending a session");
}

static tally_status sq_session_get(store_backend *b, const unsigned char id[32], int64_t now,
                                   char name[101], char role[256], int64_t *expires,
                                   tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int64_t until = 0;
    int rc;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT s.name, u.role, s.expires FROM sessions s "
                           "LEFT JOIN users u ON u.name = s.name WHERE s.id = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, err, "reading a session");
    sqlite3_bind_blob(st, 1, id, 32, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *u = (const char *)sqlite3_column_text(st, 1);
        snprintf(name, 101, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(role, 256, "%s", u ? u : "");
        until = (int64_t)sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, err, "reading a session");
    if (rc == SQLITE_ROW && until > now && role[0]) {
        *expires = until;
        return TALLY_OK;
    }
    /* Expired, or its user removed: it goes now. */
    if (rc == SQLITE_ROW && sq_session_del(b, id, err) != TALLY_OK)
        return TALLY_EIO;
    return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "no such session");
}

static tally_status sq_session_purge(store_backend *b, int64_t now, tally_error *err)
{
    sqlite_store *s = (sqlite_store *)b;
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db,
                           "DELETE FROM sessions WHERE expires <= ?1 "
                           "OR name NOT IN (SELECT name FROM users)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, err, "purging sessions");
    sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TALLY_OK : fail(s, err, "purging sessions");
}

static void sq_close(store_backend *b)
{
    sqlite_store *s = (sqlite_store *)b;
    if (!s)
        return;
    sqlite3_finalize(s->insert);
    sqlite3_close(s->db);
    tally_free(s);
}

/* Whether the open database has a count's schema: a version this store
** wrote (PRAGMA user_version) and the events table. */
static int is_count(sqlite_store *s)
{
    sqlite3_stmt *st;
    int version = 0, events = 0;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version < 1 ||
        sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                  "AND name = 'events'", -1, &st, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        events = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return events == 1;
}

static const store_ops sqlite_ops = {
    .append = sq_append,
    .append_papers = sq_append_papers,
    .papers_get = sq_papers_get,
    .each = sq_each,
    .last_seq = sq_last_seq,
    .user_put = sq_user_put,
    .user_del = sq_user_del,
    .user_get = sq_user_get,
    .user_each = sq_user_each,
    .session_put = sq_session_put,
    .session_get = sq_session_get,
    .session_del = sq_session_del,
    .session_purge = sq_session_purge,
    .sync = sq_sync,
    .close = sq_close,
};

tally_status store_sqlite_open(const char *path, int create, store_backend **out,
                               tally_error *err)
{
    sqlite_store *s;
    struct stat sb;
    tally_status st;
    const char *vfs;
    int existed;

    *out = NULL;
    existed = stat(path, &sb) == 0;
    if (!create && !existed)
        return tally_error_set(err, TALLY_EIO, path, 0, 0, "no such count database");
    if ((st = store_fault_vfs(&vfs, err)) != TALLY_OK) /* tests/count/crash only */
        return st;
    if (!(s = tally_calloc(1, sizeof *s)))
        return tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
    s->base.ops = &sqlite_ops;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0),
                        vfs) != SQLITE_OK) {
        st = tally_error_set(err, TALLY_EIO, path, 0, 0, "cannot open: %s",
                             s->db ? sqlite3_errmsg(s->db) : "out of memory");
        sq_close(&s->base);
        return st;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* A file that is there already must be a count's: an empty file or
    ** another program's database is refused before anything is written
    ** to it (WAL mode and the migrations would change it). */
    if (existed && !is_count(s)) {
        st = tally_error_set(err, TALLY_EINVAL, path, 0, 0, "not a count database%s%s",
                             sqlite3_errcode(s->db) != SQLITE_OK ? ": " : "",
                             sqlite3_errcode(s->db) != SQLITE_OK ? sqlite3_errmsg(s->db) : "");
        sq_close(&s->base);
        return st;
    }
    if (sqlite3_exec(s->db, "PRAGMA synchronous=FULL;", NULL, NULL, NULL) != SQLITE_OK ||
        (st = wal_mode(s, err)) != TALLY_OK) {
        if (sqlite3_errcode(s->db) != SQLITE_OK)
            st = tally_error_set(err, TALLY_EIO, path, 0, 0, "not a count database: %s",
                                 sqlite3_errmsg(s->db));
        sq_close(&s->base);
        return st;
    }
    if ((st = migrate(s, err)) != TALLY_OK || (!existed && (st = store_sync_dir(path, err)))) {
        sq_close(&s->base);
        return st;
    }
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO events (seq, time, actor, type, body, hash) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           -1, &s->insert, NULL) != SQLITE_OK) {
        st = fail(s, err, "preparing");
        sq_close(&s->base);
        return st;
    }
    *out = &s->base;
    return TALLY_OK;
}
