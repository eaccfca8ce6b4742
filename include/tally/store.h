/*
** tally: the event store and the audit chain.
**
** A count's events are kept in order in a store, each as canonical JSON
** (jansson, keys sorted, compact) of the event with its envelope: "seq"
** (1, 2, ...), "time" (ISO 8601, UTC), "actor" (who did it). Each is
** chained to the one before:
**
**     hash(n) = SHA-256(hash(n-1) || canonical bytes(n)),  hash(0) = 32 zero bytes
**
** so that changing any stored byte, removing or reordering an event, breaks
** every hash after it; `sha256sum` can check a chain by hand.
**
** tally_log joins the store to the count: opening one replays every stored
** event through tally_count_apply(), checking the chain as it goes, and
** appending checks an event against the count before it is stored, each in
** its own durable transaction. Only src/store/ sees SQL.
**
** Ownership: a tally_log owns its store and its count; tally_log_count()
** lends the count until the log is closed. Strings returned are borrowed
** unless said otherwise.
*/
#ifndef TALLY_STORE_H
#define TALLY_STORE_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "tally/count.h"
#include "tally/status.h"

struct json_t;

#define TALLY_HASH_HEX 65 /* 64 hex digits and a NUL */
#define TALLY_TIME_MAX 32 /* "2021-07-01T22:00:00Z" and a NUL */

typedef struct tally_log tally_log;

/* Open the count stored at path (a SQLite file; created when create is set
** and it does not exist). Replays every event; a stored event that fails
** the chain or the rules is an error naming its sequence number. */
tally_status tally_log_open(const char *path, int create, tally_log **out, tally_error *err);
void tally_log_close(tally_log *log);

/* The count as replayed (borrowed). */
tally_count *tally_log_count(tally_log *log);

/* Take in events another process has appended since the log was opened or
** last refreshed, checking them as opening does; *changed says whether
** there were any. A stored event that fails makes the log refuse further
** use (the caller should stop serving it). */
tally_status tally_log_refresh(tally_log *log, int *changed, tally_error *err);

/* Sequence number and hash (hex) of the last event; 0 and 64 zeros when
** the log is empty. hash may be NULL. */
uint64_t tally_log_head(const tally_log *log, char hash[TALLY_HASH_HEX]);

/* Append event (an object with "type" and its fields; it must not carry
** "seq", "time" or "actor") at time (ISO 8601 UTC) by actor; an event with
** no "mode" takes the count's (one with the other mode is refused). The event is
** applied to the count first: a refusal returns TALLY_EINVAL and nothing is
** stored. On success the event is durable (committed, WAL, synchronous=FULL)
** before this returns; *seq and hash receive its number and hash. If the
** store fails after the count accepted the event, the log refuses further
** appends (reopen it); TALLY_EAGAIN says another process appended first,
** and the event may be tried again on the reopened log. */
tally_status tally_log_append(tally_log *log, const struct json_t *event, const char *time,
                              const char *actor, uint64_t *seq, char hash[TALLY_HASH_HEX],
                              tally_error *err);

/* Import the papers of one box of an STV count (count.h): text is their
** canonical form (tally_box_papers_parse()), from a ballot file of format
** ("blt"). The event papers_imported {box, format, papers, sha256} is
** made, checked by the count's rules with the papers, and stored with the
** papers in one durable transaction, as tally_log_append() stores an
** event: a refusal stores nothing. */
tally_status tally_log_import_papers(tally_log *log, const char *box, const char *format,
                                     const char *text, size_t len, const char *time,
                                     const char *actor, uint64_t *seq,
                                     char hash[TALLY_HASH_HEX], tally_error *err);

/* Make every event the log holds durable. What a process killed between
** writing a commit and syncing it left behind is readable, and replayed by
** tally_log_open(), before it is on the disk: sync before acknowledging an
** event this process did not append itself. */
tally_status tally_log_sync(tally_log *log, tally_error *err);

/* The time an event is stamped with now: ISO 8601, UTC, to the second.
** The store's clock, for the command line and the server alike. */
void tally_log_time_now(char out[TALLY_TIME_MAX]);

/* Write every stored event as a line {"hash":"...","event":{...}}: the
** log as `tally count log --format jsonl` and GET /api/log give it. */
tally_status tally_log_write_jsonl(tally_log *log, FILE *out, tally_error *err);

/* Call fn for each stored event in order with its sequence number, its
** canonical JSON and its hash (hex); stops early when fn returns non-zero. */
tally_status tally_log_each(tally_log *log,
                            int (*fn)(void *ctx, uint64_t seq, const char *json, const char *hash),
                            void *ctx, tally_error *err);

/* tally_log_each() from the event after number after on. */
tally_status tally_log_each_after(tally_log *log, uint64_t after,
                                  int (*fn)(void *ctx, uint64_t seq, const char *json,
                                            const char *hash),
                                  void *ctx, tally_error *err);

/* One event as a line of tally_log_write_jsonl() writes it, without the
** newline: {"hash":"...","event":JSON}. */
void tally_log_write_line(FILE *out, const char *json, const char *hash);

/* The audit: recompute the chain and replay every event of the store at
** path through tally_count_apply(). */
typedef struct tally_audit {
    uint64_t events;             /* events checked and good */
    char head[TALLY_HASH_HEX];   /* hash of the last good event */
    uint64_t bad_seq;            /* 0 when all good, else the first bad one */
    char problem[256];           /* what was wrong with it */
} tally_audit;

/* TALLY_OK when the whole log is good; TALLY_EINVAL with report->bad_seq
** set when it is not; other statuses when the store cannot be read. */
tally_status tally_audit_verify(const char *path, tally_audit *report, tally_error *err);

/* Canonical bytes of a JSON value (caller frees with free()). */
char *tally_canonical_json(const struct json_t *v);

#endif
