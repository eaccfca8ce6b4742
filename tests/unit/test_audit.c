/*
** The audit chain (include/tally/store.h): hash(n) = SHA-256(hash(n-1) ||
** canonical bytes(n)). Any one changed byte of any stored event, in its
** body, its hash or the columns beside it, is caught by tally_audit_verify()
** at exactly that event; so is a missing event. Also: a refused event
** stores nothing, and an event stored is there when the log is reopened.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <sqlite3.h>

#include "tally/store.h"

static char db[256];

static const char definition[] =
    "{\"election\": {\"name\": \"Test ward by-election\", \"date\": \"2024-05-02\","
    " \"type\": \"uk-parliament\"}, \"area\": {\"name\": \"Testham\"}, \"electorate\": 900,"
    " \"candidates\": [{\"name\": \"Ann Able\", \"party\": \"Labour Party\", \"party_code\": \"Lab\"},"
    " {\"name\": \"Bob Best\", \"party\": \"Conservative Party\", \"party_code\": \"Con\"}]}";

static void append(tally_log *log, const char *json)
{
    json_t *ev = json_loads(json, 0, NULL);
    tally_error err;
    assert_non_null(ev);
    tally_error_clear(&err);
    if (tally_log_append(log, ev, "2024-05-02T22:30:00Z", "tester", NULL, NULL, &err) != TALLY_OK)
        fail_msg("append refused: %s", err.message);
    json_decref(ev);
}

/* A small count: opened, one box verified, two bundles, declared. */
static int setup(void **state)
{
    tally_log *log;
    tally_error err;
    char open[2048];
    (void)state;
    snprintf(db, sizeof db, "/tmp/tally-audit-%d.db", (int)getpid());
    unlink(db);
    assert_int_equal(tally_log_open(db, 1, &log, &err), TALLY_OK);
    snprintf(open, sizeof open, "{\"type\": \"count_opened\", \"mode\": \"test\", "
                                "\"bundle_size\": 10, \"election\": %s}", definition);
    append(log, open);
    append(log, "{\"type\": \"box_received\", \"mode\": \"test\", \"box\": \"B1\", \"kind\": "
                "\"station\", \"station\": \"Hall\", \"entrusted\": 40, \"issued\": 15, "
                "\"unused\": 25, \"spoilt\": 0}");
    append(log, "{\"type\": \"box_counted\", \"mode\": \"test\", \"box\": \"B1\", \"figure\": 15}");
    append(log, "{\"type\": \"box_verified\", \"mode\": \"test\", \"box\": \"B1\", \"figure\": 15}");
    append(log, "{\"type\": \"verification_completed\", \"mode\": \"test\"}");
    append(log, "{\"type\": \"bundle_recorded\", \"mode\": \"test\", \"candidate\": \"Ann Able\", "
                "\"size\": 10, \"table\": \"1\", \"counted_by\": \"A1\", \"checked_by\": \"A2\"}");
    append(log, "{\"type\": \"bundle_recorded\", \"mode\": \"test\", \"candidate\": \"Bob Best\", "
                "\"size\": 4, \"part\": true, \"table\": \"1\", \"counted_by\": \"A1\", "
                "\"checked_by\": \"A2\"}");
    append(log, "{\"type\": \"doubtful_decided\", \"mode\": \"test\", \"decision\": "
                "\"rejected\", \"head\": \"unmarked_or_void\"}");
    append(log, "{\"type\": \"count_completed\", \"mode\": \"test\"}");
    append(log, "{\"type\": \"provisional_shown\", \"mode\": \"test\"}");
    append(log, "{\"type\": \"result_declared\", \"mode\": \"test\"}");
    tally_log_close(log);
    return 0;
}

static int teardown(void **state)
{
    char p[300];
    (void)state;
    unlink(db);
    snprintf(p, sizeof p, "%s-wal", db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db);
    unlink(p);
    return 0;
}

static void test_audit_passes_on_an_intact_log(void **state)
{
    tally_audit rep;
    tally_error err;
    tally_log *log;
    char head[TALLY_HASH_HEX];
    (void)state;
    assert_int_equal(tally_audit_verify(db, &rep, &err), TALLY_OK);
    assert_int_equal(rep.events, 11);
    assert_int_equal(rep.bad_seq, 0);
    assert_int_equal(tally_log_open(db, 0, &log, &err), TALLY_OK);
    assert_int_equal(tally_log_head(log, head), 11);
    assert_string_equal(head, rep.head);
    assert_int_equal(tally_count_get_phase(tally_log_count(log)), TALLY_PHASE_DECLARED);
    tally_log_close(log);
}

/* Read column col of event seq as bytes. */
static unsigned char *column(sqlite3 *h, const char *col, int seq, int *n)
{
    char sql[128];
    sqlite3_stmt *st;
    unsigned char *out;
    snprintf(sql, sizeof sql, "SELECT CAST(%s AS BLOB) FROM events WHERE seq = %d", col, seq);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    *n = sqlite3_column_bytes(st, 0);
    out = malloc((size_t)*n + 1);
    memcpy(out, sqlite3_column_blob(st, 0), (size_t)*n);
    sqlite3_finalize(st);
    return out;
}

static void store_column(sqlite3 *h, const char *col, int seq, const unsigned char *bytes, int n)
{
    char sql[160];
    sqlite3_stmt *st;
    int is_blob = strcmp(col, "hash") == 0;
    snprintf(sql, sizeof sql, "UPDATE events SET %s = %s WHERE seq = %d", col,
             is_blob ? "?1" : "CAST(?1 AS TEXT)", seq);
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_blob(st, 1, bytes, n, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
}

/* Flip each byte of col in every event in turn: the audit must fail at
** that event, and pass again once it is restored. */
static void flip_every_byte(const char *col, int every_byte)
{
    sqlite3 *h;
    tally_audit rep;
    tally_error err;
    size_t flips = 0;

    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    for (int seq = 1; seq <= 11; seq++) {
        int n;
        unsigned char *orig = column(h, col, seq, &n);
        for (int i = 0; i < n; i += every_byte ? 1 : n) {
            orig[i] ^= 0x01;
            store_column(h, col, seq, orig, n);
            assert_int_equal(tally_audit_verify(db, &rep, &err), TALLY_EINVAL);
            if (rep.bad_seq != (uint64_t)seq)
                fail_msg("%s byte %d of event %d changed: audit named event %llu", col, i, seq,
                         (unsigned long long)rep.bad_seq);
            assert_int_equal(rep.events, (uint64_t)seq - 1);
            orig[i] ^= 0x01;
            flips++;
        }
        store_column(h, col, seq, orig, n);
        free(orig);
    }
    sqlite3_close(h);
    assert_int_equal(tally_audit_verify(db, &rep, &err), TALLY_OK);
    assert_true(flips >= 11);
}

static void test_any_changed_byte_of_an_event_body_is_caught(void **state)
{
    (void)state;
    flip_every_byte("body", 1);
}

static void test_any_changed_byte_of_a_stored_hash_is_caught(void **state)
{
    (void)state;
    flip_every_byte("hash", 1);
}

static void test_changed_time_actor_or_type_column_is_caught(void **state)
{
    (void)state;
    flip_every_byte("time", 1);
    flip_every_byte("actor", 1);
    flip_every_byte("type", 1);
}

static void test_a_missing_event_is_caught(void **state)
{
    sqlite3 *h;
    tally_audit rep;
    tally_error err;
    (void)state;
    assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "CREATE TABLE keep AS SELECT * FROM events WHERE seq = 6;"
                                     "DELETE FROM events WHERE seq = 6;", NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(tally_audit_verify(db, &rep, &err), TALLY_EINVAL);
    assert_int_equal(rep.bad_seq, 6);
    assert_non_null(strstr(rep.problem, "missing"));
    assert_int_equal(sqlite3_exec(h, "INSERT INTO events SELECT * FROM keep; DROP TABLE keep;",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    assert_int_equal(tally_audit_verify(db, &rep, &err), TALLY_OK);
}

/* A refused event stores nothing; the log goes on from where it was. */
static void test_refused_event_stores_nothing(void **state)
{
    tally_log *log;
    tally_error err;
    char before[TALLY_HASH_HEX], after[TALLY_HASH_HEX];
    json_t *ev = json_pack("{s:s, s:s}", "type", "box_counted", "mode", "test");
    (void)state;
    assert_int_equal(tally_log_open(db, 0, &log, &err), TALLY_OK);
    tally_log_head(log, before);
    assert_int_equal(tally_log_append(log, ev, "2024-05-02T23:00:00Z", "tester", NULL, NULL, &err),
                     TALLY_EINVAL);
    assert_non_null(strstr(err.message, "declared"));
    assert_int_equal(tally_log_head(log, after), 11);
    assert_string_equal(before, after);
    json_decref(ev);
    tally_log_close(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_audit_passes_on_an_intact_log),
        cmocka_unit_test(test_any_changed_byte_of_an_event_body_is_caught),
        cmocka_unit_test(test_any_changed_byte_of_a_stored_hash_is_caught),
        cmocka_unit_test(test_changed_time_actor_or_type_column_is_caught),
        cmocka_unit_test(test_a_missing_event_is_caught),
        cmocka_unit_test(test_refused_event_stores_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
