/*
** Fuzz target: one event, decoded as `tally count event --json` and POST
** /api/events decode it (jansson, duplicate members refused; an object with
** a "type"), appended through the log (tally_log_append, include/tally/
** store.h) to a small count stored in a SQLite file. The input is read as:
**
**   byte 0      where the count stands, b % 6: 0 no event yet (the event
**               must open the count), 1 opened, 2 boxes received and one
**               verified, 3 verification complete with bundles, doubtful
**               papers and a bundle check pending, 4 provisional result
**               shown with a recount pending, 5 declared
**   the rest    the event's JSON text
**
** Checked:
**   - a refused event (TALLY_EINVAL, with a message) leaves the count's
**     status JSON byte-identical and the log's head where it was;
**   - an accepted event moves the head by one; its stored canonical form
**     re-decodes to the same canonical bytes and is the event given with
**     the count's mode and the envelope (seq, time, actor) added;
**   - the log reopened from its file (every event replayed) gives the same
**     status JSON as the count the event was applied to;
**   - no crash, leak or undefined behaviour (libFuzzer, ASan, UBSan).
**
** Each prefix is built once through the same tally_log_append, kept as the
** bytes of its database file and written back for every input, so that
** inputs do not depend on each other.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/jsonmem.h"
#include "fuzz.h"
#include "tally/store.h"

#define WHEN "2024-05-02T23:00:00Z"
#define WHO "fuzz"

#define ELECTION                                                                              \
    "{\"election\": {\"name\": \"Example by-election\", \"date\": \"2024-05-02\", "           \
    "\"type\": \"uk-parliament\"}, \"area\": {\"name\": \"Example\"}, \"electorate\": 400, " \
    "\"candidates\": [{\"name\": \"Ann Reynolds\", \"party\": \"Liberal Democrats\", "        \
    "\"party_code\": \"LD\"}, {\"name\": \"Bob Rowe\", \"party\": \"Labour Party\", "         \
    "\"party_code\": \"Lab\"}, {\"name\": \"Cy Smith\", \"party\": \"Conservative Party\", "   \
    "\"party_code\": \"Con\"}]}"
#define BUNDLE(who, n, part)                                                                  \
    "{\"type\": \"bundle_recorded\", \"candidate\": \"" who "\", \"size\": " #n ", "          \
    "\"table\": \"Table 1\", \"counted_by\": \"A01\", \"checked_by\": \"A02\"" part "}"

/* The count of docs/count.md, event by event. */
static const char *const events[] = {
    "{\"type\": \"count_opened\", \"mode\": \"test\", \"bundle_size\": 25, \"election\": "
    ELECTION "}",
    "{\"type\": \"postal_opened\", \"packets\": 44, \"accepted\": 40, \"rejected\": "
    "{\"signature_mismatch\": 3, \"dob_blank\": 1}}",
    "{\"type\": \"box_received\", \"box\": \"P1\", \"kind\": \"postal\", \"station\": "
    "\"Postal opening 1\", \"issued\": 40}",
    "{\"type\": \"box_received\", \"box\": \"S1\", \"kind\": \"station\", \"station\": "
    "\"St Mary's Hall\", \"place\": \"St Mary's\", \"entrusted\": 300, \"issued\": 106, "
    "\"unused\": 192, \"spoilt\": 2, \"tendered\": 1}",
    "{\"type\": \"box_counted\", \"box\": \"P1\", \"figure\": 40}",
    "{\"type\": \"box_verified\", \"box\": \"P1\", \"figure\": 40}",
    "{\"type\": \"box_counted\", \"box\": \"S1\", \"figure\": 107}",
    "{\"type\": \"box_counted\", \"box\": \"S1\", \"figure\": 106}",
    "{\"type\": \"box_counted\", \"box\": \"S1\", \"figure\": 106}",
    "{\"type\": \"box_verified\", \"box\": \"S1\", \"figure\": 106}",
    "{\"type\": \"verification_completed\"}",
    BUNDLE("Ann Reynolds", 25, ""),
    BUNDLE("Ann Reynolds", 25, ""),
    BUNDLE("Ann Reynolds", 11, ", \"part\": true"),
    BUNDLE("Bob Rowe", 25, ""),
    BUNDLE("Bob Rowe", 25, ""),
    BUNDLE("Bob Rowe", 8, ", \"part\": true"),
    BUNDLE("Cy Smith", 25, ""),
    "{\"type\": \"doubtful_decided\", \"decision\": \"counted\", \"candidate\": \"Bob Rowe\"}",
    "{\"type\": \"doubtful_decided\", \"decision\": \"rejected\", \"head\": "
    "\"unmarked_or_void\", \"objected\": true}",
    "{\"type\": \"bundle_check_requested\", \"by\": \"Bob Rowe\", \"role\": \"candidate\"}",
    "{\"type\": \"bundle_check_completed\", \"request\": 21, \"moves\": [{\"from\": "
    "\"Ann Reynolds\", \"to\": \"Bob Rowe\", \"papers\": 1}]}",
    "{\"type\": \"count_completed\"}",
    "{\"type\": \"provisional_shown\"}",
    "{\"type\": \"recount_requested\", \"by\": \"Bob Rowe\", \"role\": \"candidate\"}",
    "{\"type\": \"recount_refused\", \"request\": 25, \"reason\": \"the bundle check "
    "satisfied the returning officer\"}",
    "{\"type\": \"lot_drawn\", \"method\": \"seeded\", \"seed\": \"20240502\"}",
    "{\"type\": \"result_declared\"}",
};

/* Events in each prefix, and the phase it ends in. */
#define PREFIXES 6
static const size_t prefix_events[PREFIXES] = { 0, 1, 7, 21, 25, 28 };
static const char *const prefix_phase[PREFIXES] = { "new", "verification", "verification",
                                                    "count", "provisional", "declared" };

static char path[256], wal[272], shm[272];
static unsigned char *image[PREFIXES];
static size_t image_len[PREFIXES];

static void remove_files(void)
{
    unlink(path);
    unlink(wal);
    unlink(shm);
}

static json_t *decode(const char *text, size_t len)
{
    return json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
}

static char *status_bytes(tally_log *log)
{
    json_t *st = NULL;
    char *s;
    FUZZ_CHECK(tally_count_status_json(tally_log_count(log), &st) == TALLY_OK);
    s = tally_canonical_json(st);
    FUZZ_CHECK(s != NULL);
    json_decref(st);
    return s;
}

static unsigned char *slurp(const char *p, size_t *len)
{
    FILE *f = fopen(p, "rb");
    unsigned char *buf;
    long n;
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0);
    FUZZ_CHECK((buf = malloc((size_t)n)) != NULL);
    FUZZ_CHECK(fread(buf, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* A fresh log holding prefix k: written back from its image. */
static tally_log *open_prefix(size_t k)
{
    tally_log *log;
    tally_error err;
    remove_files();
    if (image[k]) {
        FILE *f = fopen(path, "wb");
        FUZZ_CHECK(f != NULL && fwrite(image[k], 1, image_len[k], f) == image_len[k]);
        FUZZ_CHECK(fclose(f) == 0);
    }
    FUZZ_CHECK(tally_log_open(path, image[k] == NULL, &log, &err) == TALLY_OK);
    FUZZ_CHECK(tally_log_head(log, NULL) == prefix_events[k]);
    return log;
}

static void free_images(void)
{
    for (size_t k = 0; k < PREFIXES; k++)
        free(image[k]);
    remove_files();
}

static void build_prefixes(void)
{
    struct stat st;
    const char *dir = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm"
                      : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, sizeof path, "%s/tally-fuzz-event-%d.db", dir, (int)getpid());
    snprintf(wal, sizeof wal, "%s-wal", path);
    snprintf(shm, sizeof shm, "%s-shm", path);
    for (size_t k = 1; k < PREFIXES; k++) {
        tally_log *log;
        tally_error err;
        json_t *st_json;
        remove_files();
        FUZZ_CHECK(tally_log_open(path, 1, &log, &err) == TALLY_OK);
        for (size_t i = 0; i < prefix_events[k]; i++) {
            json_t *ev = decode(events[i], strlen(events[i]));
            FUZZ_CHECK(ev != NULL);
            if (tally_log_append(log, ev, WHEN, WHO, NULL, NULL, &err) != TALLY_OK) {
                fprintf(stderr, "prefix event %zu refused: %s\n", i + 1, err.message);
                abort();
            }
            json_decref(ev);
        }
        FUZZ_CHECK(tally_count_status_json(tally_log_count(log), &st_json) == TALLY_OK);
        FUZZ_CHECK(strcmp(json_string_value(json_object_get(st_json, "phase")),
                          prefix_phase[k]) == 0);
        json_decref(st_json);
        tally_log_close(log); /* folds the write-ahead log into the file */
        image[k] = slurp(path, &image_len[k]);
    }
    remove_files();
    atexit(free_images);
}

/* The last stored event: its canonical bytes. */
static int last_event(void *ctx, uint64_t seq, const char *json, const char *hash)
{
    char **out = ctx;
    (void)seq;
    (void)hash;
    free(*out);
    *out = strdup(json);
    FUZZ_CHECK(*out != NULL);
    return 0;
}

static void check_accepted(tally_log *log, const json_t *ev, uint64_t before, uint64_t seq)
{
    char *stored = NULL, *again, *live, *replayed;
    json_t *back, *want;
    tally_log *reopened;
    tally_error err;

    FUZZ_CHECK(seq == before + 1 && tally_log_head(log, NULL) == seq);
    FUZZ_CHECK(tally_log_each(log, last_event, &stored, &err) == TALLY_OK && stored != NULL);
    /* The canonical form re-decodes, by the same decoder, to itself. */
    back = decode(stored, strlen(stored));
    FUZZ_CHECK(json_is_object(back));
    again = tally_canonical_json(back);
    FUZZ_CHECK(again != NULL && strcmp(again, stored) == 0);
    /* It is the event given, with the mode and the envelope added. */
    want = json_deep_copy(ev);
    FUZZ_CHECK(want != NULL);
    if (!json_object_get(want, "mode"))
        json_object_set_new(want, "mode", json_string(tally_count_mode(tally_log_count(log))));
    json_object_set_new(want, "seq", json_integer((json_int_t)seq));
    json_object_set_new(want, "time", json_string(WHEN));
    json_object_set_new(want, "actor", json_string(WHO));
    FUZZ_CHECK(json_equal(want, back));
    /* Replaying the file gives the count the event was applied to. */
    live = status_bytes(log);
    FUZZ_CHECK(tally_log_open(path, 0, &reopened, &err) == TALLY_OK);
    FUZZ_CHECK(tally_log_head(reopened, NULL) == seq);
    replayed = status_bytes(reopened);
    FUZZ_CHECK(strcmp(live, replayed) == 0);
    tally_log_close(reopened);
    tally_jsonmem_free(live);
    tally_jsonmem_free(replayed);
    tally_jsonmem_free(again);
    json_decref(want);
    json_decref(back);
    free(stored);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    char head_before[TALLY_HASH_HEX], head_after[TALLY_HASH_HEX], hash[TALLY_HASH_HEX];
    char *before, *after;
    uint64_t n_before, seq = 0;
    tally_log *log;
    tally_error err;
    tally_status s;
    json_t *ev;
    size_t k;

    if (!ready) {
        build_prefixes();
        ready = 1;
    }
    if (size < 1)
        return 0;
    k = data[0] % PREFIXES;
    ev = decode((const char *)data + 1, size - 1);
    /* What the command line and the server refuse before the log sees it. */
    if (!json_is_object(ev) || !json_is_string(json_object_get(ev, "type"))) {
        json_decref(ev);
        return 0;
    }
    log = open_prefix(k);
    before = status_bytes(log);
    n_before = tally_log_head(log, head_before);
    tally_error_clear(&err);
    s = tally_log_append(log, ev, WHEN, WHO, &seq, hash, &err);
    if (s == TALLY_OK) {
        check_accepted(log, ev, n_before, seq);
    } else {
        FUZZ_CHECK(s == TALLY_EINVAL && err.message[0] != '\0');
        after = status_bytes(log);
        FUZZ_CHECK(strcmp(before, after) == 0);
        FUZZ_CHECK(tally_log_head(log, head_after) == n_before &&
                   strcmp(head_before, head_after) == 0);
        tally_jsonmem_free(after);
    }
    tally_jsonmem_free(before);
    tally_log_close(log);
    json_decref(ev);
    return 0;
}
