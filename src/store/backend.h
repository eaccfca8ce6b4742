/*
** The store behind a tally_log: one interface, one implementation per
** database (SQLite now; PostgreSQL for a central results service later),
** in the manner of SQLite's VFS. Internal to store/.
*/
#ifndef TALLY_STORE_BACKEND_H
#define TALLY_STORE_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include "tally/status.h"

typedef struct store_backend store_backend;

typedef struct store_row {
    uint64_t seq;
    const char *body;          /* canonical JSON of the event with its envelope */
    size_t body_len;
    const char *time, *actor, *type;
    const unsigned char *hash; /* 32 bytes, as stored */
    size_t hash_len;
} store_row;

typedef struct store_ops {
    /* Append one row in its own durable transaction. */
    tally_status (*append)(store_backend *b, const store_row *row, tally_error *err);
    /* Append one row (a papers_imported event) and the papers of its box
    ** in the same durable transaction: text is their canonical form
    ** (count.h), one paper a line, each line stored as paper 1, 2, ... of
    ** box. Nothing is stored when anything fails. */
    tally_status (*append_papers)(store_backend *b, const store_row *row, const char *box,
                                  const char *text, size_t len, tally_error *err);
    /* The papers stored for box, in their canonical form, each line ended
    ** by "\n" (empty when there are none): *out is the caller's to free
    ** with tally_free(). */
    tally_status (*papers_get)(store_backend *b, const char *box, char **out, size_t *len,
                               tally_error *err);
    /* Visit every row after sequence number `after`, in order; stop when
    ** fn returns non-zero. */
    tally_status (*each)(store_backend *b, uint64_t after,
                         int (*fn)(void *ctx, const store_row *row), void *ctx, tally_error *err);
    /* The last sequence number stored (0 when empty): cheap, so a reader
    ** can ask before every request whether another process appended. */
    tally_status (*last_seq)(store_backend *b, uint64_t *out, tally_error *err);
    /* Users of tally serve: name, role, Argon2id hash (libsodium string).
    ** put replaces; del of an unknown name is TALLY_ENOTFOUND; get fills
    ** role and hash (each at most 256 bytes) or says TALLY_ENOTFOUND;
    ** each visits all, by name. */
    tally_status (*user_put)(store_backend *b, const char *name, const char *role,
                             const char *hash, tally_error *err);
    tally_status (*user_del)(store_backend *b, const char *name, tally_error *err);
    tally_status (*user_get)(store_backend *b, const char *name, char role[256], char hash[256],
                             tally_error *err);
    tally_status (*user_each)(store_backend *b,
                              void (*fn)(void *ctx, const char *name, const char *role),
                              void *ctx, tally_error *err);
    /* Make every row this connection can read durable (store_sqlite_sync). */
    tally_status (*sync)(store_backend *b, tally_error *err);
    /* Sessions of tally serve, keyed by a 32-byte hash of the token (the
    ** token itself never reaches the store). put adds one; get fills the
    ** name (101 bytes), the user's current role (256) and the expiry of a
    ** session that is live at now and whose user still exists, and
    ** otherwise deletes the row if there is one and says TALLY_ENOTFOUND;
    ** del of an unknown id is TALLY_OK; purge deletes every session
    ** expired at now or whose user is gone. Times are Unix seconds. */
    tally_status (*session_put)(store_backend *b, const unsigned char id[32], const char *name,
                                int64_t expires, tally_error *err);
    tally_status (*session_get)(store_backend *b, const unsigned char id[32], int64_t now,
                                char name[101], char role[256], int64_t *expires,
                                tally_error *err);
    tally_status (*session_del)(store_backend *b, const unsigned char id[32], tally_error *err);
    tally_status (*session_purge)(store_backend *b, int64_t now, tally_error *err);
    void (*close)(store_backend *b);
} store_ops;

struct store_backend {
    const store_ops *ops;
};

/* The store behind a log (log.c). */
struct tally_log;
store_backend *tally_log_backend(struct tally_log *log);

tally_status store_sqlite_open(const char *path, int create, store_backend **out,
                               tally_error *err);

/* durable.c: sync the directory holding path (after creating it); sync
** the WAL of db, so that what it reads is on the disk. */
struct sqlite3;
tally_status store_sync_dir(const char *path, tally_error *err);
tally_status store_sqlite_sync(struct sqlite3 *db, tally_error *err);

/* faultvfs.c: the name of the fault-injecting VFS when TALLY_FAULT arms it,
** else NULL. Without TALLY_FAULT_INJECTION there is none. */
#ifdef TALLY_FAULT_INJECTION
tally_status store_fault_vfs(const char **name, tally_error *err);
#else
#define store_fault_vfs(name, err) ((void)(err), *(name) = NULL, TALLY_OK)
#endif

/* hash = SHA-256(prev || bytes). */
void store_chain_hash(const unsigned char prev[32], const char *bytes, size_t len,
                      unsigned char out[32]);
void store_hex(const unsigned char h[32], char out[65]);

#endif
