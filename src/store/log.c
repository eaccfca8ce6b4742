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
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "core/jsonmem.h"
#include "tally/alloc.h"
#include "tally/io.h"
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
    tally_jsonmem_init();
    return json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
}

/*============================ Replay ============================*/

/* Replaying a log is the audit, and the slow part of opening a count:
** almost all of it is JSON parsing and SHA-256. Two threads share it. The
** reader (the calling thread) steps through the rows, checks sequence and
** hash chain, and parses every third event; the applier parses the rest
** and applies every event in order. Rows travel in batches through a small
** queue; each batch carries the arena its events were parsed into, which
** the applier closes when the batch is done, so no block of jansson's
** crosses threads to be freed (src/core/jsonmem.h). Measured: this split
** keeps both threads about equally busy on a million-event log
** (docs/benchmarks.md). Whatever fails first in sequence order is what is
** reported. */

#define BATCH 256
#define QUEUE 4

typedef struct item {
    uint64_t seq;
    unsigned char hash[32]; /* the chain's hash after this event */
    json_t *ev;           /* parsed by the reader, or by the applier */
    char *buf;            /* body, time, actor, type */
    size_t body_len;
    const char *time, *actor, *type;
    char problem[160];    /* a parse error found by the reader */
    tally_box_papers *papers; /* papers_imported: the box's papers, read and
                             checked against the event's sha256 by the
                             reader; the count takes them */
} item;

typedef struct batch {
    size_t n;
    tally_arena *arena;   /* where the reader parsed; NULL: plain malloc */
    item items[BATCH];
} batch;

typedef struct replay {
    store_backend *store; /* the reader's, for the papers of an import */
    tally_count *count;
    uint64_t seq;         /* last row read, hash-checked */
    unsigned char head[32];
    uint64_t applied;     /* last event applied */
    unsigned char applied_head[32];
    uint64_t bad_seq;
    char problem[256];
    tally_status status;

    /* the queue between the threads */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch *q[QUEUE];
    size_t head_i, tail_i, queued;
    int done, stop;
    batch *filling;
} replay;

static void fail_at(replay *r, uint64_t seq, tally_status s, const char *fmt, const char *detail)
{
    if (r->bad_seq && r->bad_seq <= seq)
        return;
    r->bad_seq = seq;
    r->status = s;
    snprintf(r->problem, sizeof r->problem, fmt, detail);
}

static int member_is(const json_t *o, const char *key, const char *want)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) && strcmp(json_string_value(v), want) == 0;
}

static void item_free(item *it)
{
    json_decref(it->ev);
    free(it->buf);
    tally_box_papers_free(it->papers);
    it->ev = NULL;
    it->buf = NULL;
    it->papers = NULL;
}

/* Apply one item in order: parse if the reader did not, check the columns
** against the body, then the rules. Returns 0 to go on. */
static int apply_item(replay *r, item *it)
{
    json_error_t jerr;
    json_t *seqv;
    tally_error err;
    tally_status s;

    if (it->problem[0]) {
        pthread_mutex_lock(&r->mu);
        fail_at(r, it->seq, TALLY_EINVAL, "event is not valid JSON: %s", it->problem);
        pthread_mutex_unlock(&r->mu);
        return 1;
    }
    if (!it->ev && !(it->ev = json_loadb(it->buf, it->body_len, JSON_REJECT_DUPLICATES, &jerr))) {
        pthread_mutex_lock(&r->mu);
        fail_at(r, it->seq, TALLY_EINVAL, "event is not valid JSON: %s", jerr.text);
        pthread_mutex_unlock(&r->mu);
        return 1;
    }
    seqv = json_object_get(it->ev, "seq");
    if (!json_is_integer(seqv) || (uint64_t)json_integer_value(seqv) != it->seq ||
        !member_is(it->ev, "time", it->time) || !member_is(it->ev, "actor", it->actor) ||
        !member_is(it->ev, "type", it->type)) {
        pthread_mutex_lock(&r->mu);
        fail_at(r, it->seq, TALLY_EINVAL, "%s",
                "the stored sequence, time, actor or type differs from the event's own");
        pthread_mutex_unlock(&r->mu);
        return 1;
    }
    tally_error_clear(&err);
    if (strcmp(it->type, "papers_imported") == 0) {
        s = tally_count_apply_papers(r->count, it->seq, it->ev, it->papers, &err);
        it->papers = NULL; /* the count's, whatever the outcome */
    } else {
        s = tally_io_apply_event(r->count, it->seq, it->ev, &err);
    }
    if (s != TALLY_OK) {
        pthread_mutex_lock(&r->mu);
        fail_at(r, it->seq, s, "refused on replay: %.200s", err.message);
        pthread_mutex_unlock(&r->mu);
        return 1;
    }
    return 0;
}

static void *applier(void *arg)
{
    replay *r = arg;
    tally_arena *arena = tally_arena_open(); /* NULL: plain malloc */
    for (;;) {
        batch *b;
        size_t i;
        int stop = 0;

        pthread_mutex_lock(&r->mu);
        while (r->queued == 0 && !r->done)
            pthread_cond_wait(&r->cv, &r->mu);
        if (r->queued == 0) {
            pthread_mutex_unlock(&r->mu);
            tally_arena_close(arena);
            return NULL;
        }
        b = r->q[r->head_i];
        r->head_i = (r->head_i + 1) % QUEUE;
        r->queued--;
        pthread_cond_broadcast(&r->cv);
        stop = r->stop;
        pthread_mutex_unlock(&r->mu);

        for (i = 0; i < b->n && !stop; i++) {
            int failed = apply_item(r, &b->items[i]);
            json_decref(b->items[i].ev);
            b->items[i].ev = NULL;
            tally_arena_reset(arena);
            if (failed) {
                stop = 1;
                break;
            }
            r->applied = b->items[i].seq;
            memcpy(r->applied_head, b->items[i].hash, 32);
        }
        for (size_t k = 0; k < b->n; k++)
            item_free(&b->items[k]);
        tally_arena_close(b->arena);
        free(b);
        if (stop) {
            pthread_mutex_lock(&r->mu);
            r->stop = 1;
            pthread_cond_broadcast(&r->cv);
            pthread_mutex_unlock(&r->mu);
        }
    }
}

/* Hand the filling batch to the applier (waiting for room). */
static int push(replay *r)
{
    int stop;
    pthread_mutex_lock(&r->mu);
    while (r->queued == QUEUE && !r->stop)
        pthread_cond_wait(&r->cv, &r->mu);
    stop = r->stop;
    if (!stop) {
        r->q[r->tail_i] = r->filling;
        r->tail_i = (r->tail_i + 1) % QUEUE;
        r->queued++;
        pthread_cond_broadcast(&r->cv);
    }
    pthread_mutex_unlock(&r->mu);
    tally_arena_detach();
    if (stop) {
        for (size_t k = 0; k < r->filling->n; k++)
            item_free(&r->filling->items[k]);
        tally_arena_close(r->filling->arena);
        free(r->filling);
    }
    r->filling = NULL;
    return stop;
}

/* The SHA-256 of bytes, as 64 hex digits. */
static void sha256_hex(const char *bytes, size_t len, char out[TALLY_HASH_HEX])
{
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)bytes, len);
    store_hex(h, out);
}

/* A papers_imported event's papers, from the papers table: they must be
** the bytes its sha256 was taken of. Returns 0 and sets *out (NULL when
** the event names no box, for the count to refuse), or 1 having failed
** the event. */
static int read_papers(replay *r, uint64_t seq, const store_row *row, tally_box_papers **out)
{
    json_t *ev = json_loadb(row->body, row->body_len, JSON_REJECT_DUPLICATES, NULL);
    const char *box = json_string_value(json_object_get(ev, "box"));
    const char *sha = json_string_value(json_object_get(ev, "sha256"));
    char *text = NULL, hex[TALLY_HASH_HEX], detail[160];
    size_t len = 0;
    tally_error err;
    tally_status st;
    int failed = 0;

    *out = NULL;
    if (!box || !sha) {
        json_decref(ev);
        return 0;
    }
    tally_error_clear(&err);
    if ((st = r->store->ops->papers_get(r->store, box, &text, &len, &err)) != TALLY_OK) {
        pthread_mutex_lock(&r->mu);
        fail_at(r, seq, st, "the papers cannot be read: %.160s", err.message);
        pthread_mutex_unlock(&r->mu);
        failed = 1;
    } else if (sha256_hex(text ? text : "", len, hex), strcmp(hex, sha) != 0) {
        snprintf(detail, sizeof detail, "%.100s", box);
        pthread_mutex_lock(&r->mu);
        fail_at(r, seq, TALLY_EINVAL,
                "the papers stored for box \"%s\" do not match the event's sha256: they "
                "have been changed", detail);
        pthread_mutex_unlock(&r->mu);
        failed = 1;
    } else if ((st = tally_box_papers_parse(text ? text : "", len, out, &err)) != TALLY_OK) {
        pthread_mutex_lock(&r->mu);
        fail_at(r, seq, st, "the papers stored are not in canonical form: %.160s", err.message);
        pthread_mutex_unlock(&r->mu);
        failed = 1;
    }
    tally_free(text);
    json_decref(ev);
    return failed;
}

/* One stored row, on the reading thread: order and chain, then into the
** batch. Returns non-zero to stop. */
static int read_row(void *ctx, const store_row *row)
{
    replay *r = ctx;
    unsigned char h[32];
    uint64_t want = r->seq + 1;
    size_t tl, al, yl;
    tally_box_papers *papers = NULL;
    item *it;

    if (row->seq != want) {
        pthread_mutex_lock(&r->mu);
        fail_at(r, want, TALLY_EINVAL, "%s", "event missing or out of order");
        pthread_mutex_unlock(&r->mu);
        return 1;
    }
    store_chain_hash(r->head, row->body, row->body_len, h);
    if (row->hash_len != 32 || sodium_memcmp(h, row->hash, 32) != 0) {
        pthread_mutex_lock(&r->mu);
        fail_at(r, want, TALLY_EINVAL, "%s",
                "hash does not match the previous hash and the event's bytes");
        pthread_mutex_unlock(&r->mu);
        return 1;
    }
    memcpy(r->head, h, 32);
    r->seq = want;
    if (strcmp(row->type, "papers_imported") == 0 && read_papers(r, want, row, &papers))
        return 1;
    if (!r->filling) {
        if (!(r->filling = calloc(1, sizeof *r->filling))) {
            tally_box_papers_free(papers);
            fail_at(r, want, TALLY_ENOMEM, "%s", "out of memory");
            return 1;
        }
        r->filling->arena = tally_arena_open(); /* this thread parses into it */
    }
    it = &r->filling->items[r->filling->n];
    memset(it, 0, sizeof *it);
    it->papers = papers;
    it->seq = want;
    memcpy(it->hash, h, 32);
    tl = strlen(row->time) + 1;
    al = strlen(row->actor) + 1;
    yl = strlen(row->type) + 1;
    if (want % 3 == 0) {
        json_error_t jerr;
        if (!(it->ev = json_loadb(row->body, row->body_len, JSON_REJECT_DUPLICATES, &jerr)))
            snprintf(it->problem, sizeof it->problem, "%s", jerr.text);
        it->body_len = 0;
    } else {
        it->body_len = row->body_len;
    }
    if (!(it->buf = malloc(it->body_len + tl + al + yl))) {
        json_decref(it->ev);
        it->ev = NULL;
        tally_box_papers_free(it->papers);
        it->papers = NULL;
        fail_at(r, want, TALLY_ENOMEM, "%s", "out of memory");
        return 1;
    }
    memcpy(it->buf, row->body, it->body_len);
    it->time = memcpy(it->buf + it->body_len, row->time, tl);
    it->actor = memcpy(it->buf + it->body_len + tl, row->actor, al);
    it->type = memcpy(it->buf + it->body_len + tl + al, row->type, yl);
    if (++r->filling->n == BATCH)
        return push(r);
    return 0;
}

/* Replay the rows after `from` (whose hash is from_head) into count (a new
** one when NULL). */
static tally_status run_replay_from(store_backend *store, tally_count *count, uint64_t from,
                                   const unsigned char from_head[32], replay *r,
                                   tally_error *err)
{
    pthread_t t;
    tally_status s;

    memset(r, 0, sizeof *r);
    r->store = store;
    r->seq = r->applied = from;
    memcpy(r->head, from_head, 32);
    memcpy(r->applied_head, from_head, 32);
    if (count)
        r->count = count;
    else if ((s = tally_count_new(&r->count)) != TALLY_OK)
        return tally_error_set(err, s, NULL, 0, 0, "out of memory");
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv, NULL);
    json_object_seed(0); /* before two threads make objects */
    tally_jsonmem_init();
    if (pthread_create(&t, NULL, applier, r) != 0) {
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->cv);
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "cannot start a thread");
    }
    s = store->ops->each(store, from, read_row, r, err);
    if (r->filling && r->filling->n) {
        push(r);
    } else if (r->filling) {
        tally_arena_detach();
        tally_arena_close(r->filling->arena);
        free(r->filling);
    }
    r->filling = NULL;
    pthread_mutex_lock(&r->mu);
    r->done = 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    pthread_join(t, NULL);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
    /* What was applied is what the log holds: the last event applied and
    ** its hash, which is the reader's unless something failed. */
    r->seq = r->applied;
    memcpy(r->head, r->applied_head, 32);
    return s;
}

static tally_status run_replay(store_backend *store, replay *r, tally_error *err)
{
    static const unsigned char zero[32];
    return run_replay_from(store, NULL, 0, zero, r, err);
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

tally_status tally_log_refresh(tally_log *log, int *changed, tally_error *err)
{
    uint64_t last;
    replay r;
    tally_status s;

    *changed = 0;
    if (log->broken)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "the log failed earlier: reopen it");
    if ((s = log->store->ops->last_seq(log->store, &last, err)) != TALLY_OK)
        return s;
    if (last == log->seq)
        return TALLY_OK;
    s = run_replay_from(log->store, log->count, log->seq, log->head, &r, err);
    *changed = r.seq != log->seq;
    log->seq = r.seq;
    memcpy(log->head, r.head, 32);
    if (s == TALLY_OK && r.bad_seq) {
        log->broken = 1; /* what is stored no longer follows: stop trusting it */
        return tally_error_set(err, r.status == TALLY_ENOMEM ? TALLY_ENOMEM : TALLY_EINVAL, NULL,
                               0, 0, "event %llu: %s", (unsigned long long)r.bad_seq, r.problem);
    }
    return s;
}

void tally_log_close(tally_log *log)
{
    if (!log)
        return;
    tally_count_free(log->count);
    log->store->ops->close(log->store);
    tally_free(log);
}

tally_status tally_log_sync(tally_log *log, tally_error *err)
{
    return log->store->ops->sync(log->store, err);
}

store_backend *tally_log_backend(tally_log *log)
{
    return log->store;
}

tally_count *tally_log_count(tally_log *log)
{
    return log->count;
}

uint64_t tally_log_head(const tally_log *log, char hash[TALLY_HASH_HEX])
{
    if (hash)
        store_hex(log->head, hash);
    return log->seq;
}

/* Append event, with the papers of a papers_imported event (papers, and
** their canonical text for the store) or without (papers NULL). */
static tally_status append(tally_log *log, const json_t *event, tally_box_papers *papers,
                           const char *text, size_t len, const char *time, const char *actor,
                           uint64_t *seq, char hash[TALLY_HASH_HEX], tally_error *err)
{
    uint64_t next = log->seq + 1;
    json_t *env = NULL;
    char *body;
    unsigned char h[32];
    store_row row;
    tally_status s;

    if (log->broken)
        s = tally_error_set(err, TALLY_EIO, NULL, 0, 0,
                            "an earlier append failed in the store: reopen the count");
    else if (!json_is_object(event) || !json_is_string(json_object_get(event, "type")))
        s = tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "an event is an object with a "
                                                          "\"type\"");
    else if (json_object_get(event, "seq") || json_object_get(event, "time") ||
             json_object_get(event, "actor"))
        s = tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                            "\"seq\", \"time\" and \"actor\" are given by the log, not the "
                            "event");
    else if (!(env = json_deep_copy(event)) ||
             (!json_object_get(env, "mode") && tally_count_mode(log->count) &&
              json_object_set_new(env, "mode", json_string(tally_count_mode(log->count)))) ||
             json_object_set_new(env, "seq", json_integer((json_int_t)next)) ||
             json_object_set_new(env, "time", json_string(time)) ||
             json_object_set_new(env, "actor", json_string(actor))) {
        json_decref(env);
        s = tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    } else
        s = TALLY_OK;
    if (s != TALLY_OK) {
        tally_box_papers_free(papers);
        return s;
    }
    if (papers)
        s = tally_count_apply_papers(log->count, next, env, papers, err); /* takes papers */
    else if (strcmp(json_string_value(json_object_get(event, "type")), "papers_imported") == 0) {
        /* Every other rule first; then the papers, which an event alone
        ** does not carry: a refusal, not a failure of the store. */
        s = tally_count_apply_papers(log->count, next, env, NULL, err);
        if (s == TALLY_ENOTFOUND)
            s = tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                "a box's papers are imported with their ballot file (tally count "
                                "import-papers): the event alone carries none");
    } else
        s = tally_io_apply_event(log->count, next, env, err);
    if (s != TALLY_OK) {
        json_decref(env);
        return s;
    }
    body = tally_canonical_json(env);
    if (!body) {
        json_decref(env);
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
    s = text ? log->store->ops->append_papers(log->store, &row,
                                              json_string_value(json_object_get(env, "box")),
                                              text, len, err)
             : log->store->ops->append(log->store, &row, err);
    tally_jsonmem_free(body);
    json_decref(env);
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

tally_status tally_log_append(tally_log *log, const json_t *event, const char *time,
                              const char *actor, uint64_t *seq, char hash[TALLY_HASH_HEX],
                              tally_error *err)
{
    return append(log, event, NULL, NULL, 0, time, actor, seq, hash, err);
}

tally_status tally_log_import_papers(tally_log *log, const char *box, const char *format,
                                     const char *text, size_t len, const char *time,
                                     const char *actor, uint64_t *seq,
                                     char hash[TALLY_HASH_HEX], tally_error *err)
{
    tally_box_papers *papers;
    char sha[TALLY_HASH_HEX];
    json_t *ev;
    tally_status s;

    if ((s = tally_box_papers_parse(text, len, &papers, err)) != TALLY_OK)
        return s;
    sha256_hex(text, len, sha);
    if (!(ev = json_pack("{s:s, s:s, s:s, s:I, s:s}", "type", "papers_imported", "box", box,
                         "format", format, "papers", (json_int_t)papers->n, "sha256", sha))) {
        tally_box_papers_free(papers);
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    }
    s = append(log, ev, papers, text, len, time, actor, seq, hash, err);
    json_decref(ev);
    return s;
}

void tally_log_time_now(char out[TALLY_TIME_MAX])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, TALLY_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void tally_log_write_line(FILE *out, const char *json, const char *hash)
{
    fprintf(out, "{\"hash\":\"%s\",\"event\":%s}", hash, json);
}

static int jsonl_line(void *ctx, uint64_t seq, const char *json, const char *hash)
{
    (void)seq;
    tally_log_write_line(ctx, json, hash);
    fputc('\n', ctx);
    return 0;
}

tally_status tally_log_write_jsonl(tally_log *log, FILE *out, tally_error *err)
{
    tally_status s = tally_log_each(log, jsonl_line, out, err);
    return s == TALLY_OK && ferror(out) ? TALLY_EIO : s;
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
    return tally_log_each_after(log, 0, fn, ctx, err);
}

tally_status tally_log_each_after(tally_log *log, uint64_t after,
                                  int (*fn)(void *ctx, uint64_t seq, const char *json,
                                            const char *hash),
                                  void *ctx, tally_error *err)
{
    each_ctx e = { fn, ctx };
    return log->store->ops->each(log->store, after, each_row, &e, err);
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
