/*
** A count's log: the store joined to the count (tally_log_* and
** tally_audit_verify in include/tally/store.h).
**
** Opening replays every stored event: its sequence number must follow the
** last, its hash must be SHA-256(previous hash || its bytes), its columns
** must agree with its body, and tally_count_apply() must accept it. The same
** replay is the audit; `tally audit verify` reports the first event that
** fails any of these.
*/
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "tally/alloc.h"
#include "tally/store.h"

struct tally_log {
    store_backend *store;
    tally_count *count;
    uint64_t seq;
    unsigned char head[32];
    int broken;
};

char *tally_canonical_json(const json_t *v)
{
    return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

typedef struct replay {
    tally_count *count;
    uint64_t seq;
    unsigned char head[32];
    uint64_t bad_seq;
    char problem[256];
    tally_status status;
} replay;

static int bad(replay *r, uint64_t seq, tally_status s, const char *fmt, const char *detail)
{
    r->bad_seq = seq;
    r->status = s;
    snprintf(r->problem, sizeof r->problem, fmt, detail);
    return 1;
}

static int member_is(const json_t *o, const char *key, const char *want)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) && strcmp(json_string_value(v), want) == 0;
}

/* One stored row: chain, body, apply. Returns non-zero to stop. */
static int replay_row(void *ctx, const store_row *row)
{
    replay *r = ctx;
    unsigned char h[32];
    uint64_t want = r->seq + 1;
    json_error_t jerr;
    json_t *ev, *seq;
    tally_error err;
    tally_status s;

    if (row->seq != want)
        return bad(r, want, TALLY_EINVAL, "%s", "event missing or out of order");
    store_chain_hash(r->head, row->body, row->body_len, h);
    if (row->hash_len != 32 || sodium_memcmp(h, row->hash, 32) != 0)
        return bad(r, want, TALLY_EINVAL, "%s",
                   "hash does not match the previous hash and the event's bytes");
    if (!(ev = json_loadb(row->body, row->body_len, JSON_REJECT_DUPLICATES, &jerr)))
        return bad(r, want, TALLY_EINVAL, "event is not valid JSON: %s", jerr.text);
    seq = json_object_get(ev, "seq");
    if (!json_is_integer(seq) || (uint64_t)json_integer_value(seq) != want ||
        !member_is(ev, "time", row->time) || !member_is(ev, "actor", row->actor) ||
        !member_is(ev, "type", row->type)) {
        json_decref(ev);
        return bad(r, want, TALLY_EINVAL, "%s",
                   "the stored sequence, time, actor or type differs from the event's own");
    }
    tally_error_clear(&err);
    s = tally_count_apply(r->count, want, ev, &err);
    json_decref(ev);
    if (s != TALLY_OK)
        return bad(r, want, s, "refused on replay: %s", err.message);
    memcpy(r->head, h, 32);
    r->seq = want;
    return 0;
}

static tally_status run_replay(store_backend *store, replay *r, tally_error *err)
{
    tally_status s;

    memset(r, 0, sizeof *r);
    if ((s = tally_count_new(&r->count)) != TALLY_OK)
        return tally_error_set(err, s, NULL, 0, 0, "out of memory");
    return store->ops->each(store, replay_row, r, err);
}

tally_status tally_log_open(const char *path, int create, tally_log **out, tally_error *err)
{
    tally_log *log;
    replay r;
    tally_status s;

    *out = NULL;
    if (sodium_init() < 0)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "libsodium could not start");
    if (!(log = tally_calloc(1, sizeof *log)))
        return tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
    if ((s = store_sqlite_open(path, create, &log->store, err)) != TALLY_OK) {
        tally_free(log);
        return s;
    }
    s = run_replay(log->store, &r, err);
    if (s == TALLY_OK && r.bad_seq) {
        s = r.status == TALLY_ENOMEM ? TALLY_ENOMEM : TALLY_EINVAL;
        tally_error_set(err, s, path, 0, 0, "event %llu: %s", (unsigned long long)r.bad_seq,
                        r.problem);
    }
    if (s != TALLY_OK) {
        tally_count_free(r.count);
        log->store->ops->close(log->store);
        tally_free(log);
        return s;
    }
    log->count = r.count;
    log->seq = r.seq;
    memcpy(log->head, r.head, 32);
    *out = log;
    return TALLY_OK;
}

void tally_log_close(tally_log *log)
{
    if (!log)
        return;
    tally_count_free(log->count);
    log->store->ops->close(log->store);
    tally_free(log);
}

tally_count *tally_log_count(tally_log *log)
{
    return log->count;
}

uint64_t tally_log_head(const tally_log *log, char hash[TALLY_HASH_HEX])
{
    store_hex(log->head, hash);
    return log->seq;
}

tally_status tally_log_append(tally_log *log, const json_t *event, const char *time,
                              const char *actor, uint64_t *seq, char hash[TALLY_HASH_HEX],
                              tally_error *err)
{
    uint64_t next = log->seq + 1;
    json_t *env;
    char *body;
    unsigned char h[32];
    store_row row;
    tally_status s;

    if (log->broken)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0,
                               "an earlier append failed in the store: reopen the count");
    if (!json_is_object(event) || !json_is_string(json_object_get(event, "type")))
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "an event is an object with a "
                                                             "\"type\"");
    if (json_object_get(event, "seq") || json_object_get(event, "time") ||
        json_object_get(event, "actor"))
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "\"seq\", \"time\" and \"actor\" are given by the log, not the event");
    if (!(env = json_deep_copy(event)) ||
        json_object_set_new(env, "seq", json_integer((json_int_t)next)) ||
        json_object_set_new(env, "time", json_string(time)) ||
        json_object_set_new(env, "actor", json_string(actor))) {
        json_decref(env);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if ((s = tally_count_apply(log->count, next, env, err)) != TALLY_OK) {
        json_decref(env);
        return s;
    }
    body = tally_canonical_json(env);
    json_decref(env);
    if (!body) {
        log->broken = 1;
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    store_chain_hash(log->head, body, strlen(body), h);
    row.seq = next;
    row.body = body;
    row.body_len = strlen(body);
    row.time = time;
    row.actor = actor;
    row.type = json_string_value(json_object_get(event, "type"));
    row.hash = h;
    row.hash_len = 32;
    s = log->store->ops->append(log->store, &row, err);
    free(body);
    if (s != TALLY_OK) {
        log->broken = 1; /* the count accepted what the store did not */
        return s;
    }
    memcpy(log->head, h, 32);
    log->seq = next;
    if (seq)
        *seq = next;
    if (hash)
        store_hex(h, hash);
    return TALLY_OK;
}

typedef struct each_ctx {
    int (*fn)(void *ctx, uint64_t seq, const char *json, const char *hash);
    void *ctx;
} each_ctx;

static int each_row(void *ctx, const store_row *row)
{
    each_ctx *e = ctx;
    char hex[65];
    if (row->hash_len == 32)
        store_hex(row->hash, hex);
    else
        snprintf(hex, sizeof hex, "(malformed)");
    return e->fn(e->ctx, row->seq, row->body, hex);
}

tally_status tally_log_each(tally_log *log,
                            int (*fn)(void *ctx, uint64_t seq, const char *json, const char *hash),
                            void *ctx, tally_error *err)
{
    each_ctx e = { fn, ctx };
    return log->store->ops->each(log->store, each_row, &e, err);
}

tally_status tally_audit_verify(const char *path, tally_audit *report, tally_error *err)
{
    store_backend *store;
    replay r;
    tally_status s;

    memset(report, 0, sizeof *report);
    if (sodium_init() < 0)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "libsodium could not start");
    if ((s = store_sqlite_open(path, 0, &store, err)) != TALLY_OK)
        return s;
    s = run_replay(store, &r, err);
    tally_count_free(r.count);
    store->ops->close(store);
    if (s != TALLY_OK)
        return s;
    report->events = r.seq;
    store_hex(r.head, report->head);
    if (r.bad_seq) {
        if (r.status == TALLY_ENOMEM)
            return tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
        report->bad_seq = r.bad_seq;
        snprintf(report->problem, sizeof report->problem, "%s", r.problem);
        return TALLY_EINVAL;
    }
    return TALLY_OK;
}
