/*
** Benchmark data: a count log of about a million events, for timing
** `tally audit verify`. A fictional single-seat contest of PAPERS ballot
** papers (default 1,000,000) for 10 candidates, simulated by
** tally_count_simulate() with bundles of one paper, so that nearly every
** paper is one bundle event. Rows are written in one transaction (a
** benchmark fixture, not a count: durability per event is what the real
** path adds), with the same canonical bytes and hash chain as
** tally_log_append(), so the audit checks them exactly as it checks a real
** count.
**
** Usage: gen_count_log OUT.db [PAPERS]
*/
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/backend.h"
#include "core/jsonmem.h"
#include "tally/tally.h"
#include "tally/store.h"

int main(int argc, char **argv)
{
    long long papers = argc > 2 ? atoll(argv[2]) : 1000000;
    json_t *def, *cands = json_array(), *events;
    tally_election *e;
    tally_error err;
    store_backend *sb;
    sqlite3 *db;
    sqlite3_stmt *st;
    unsigned char head[32] = { 0 };
    long long left;
    size_t i;

    if (argc < 2 || papers < 100) {
        fprintf(stderr, "usage: gen_count_log OUT.db [PAPERS >= 100]\n");
        return 2;
    }
    unlink(argv[1]);
    tally_election_new(&e);
    e->name = tally_election_strdup(e, "Benchmark by-election");
    e->date = tally_election_strdup(e, "2024-07-04");
    e->area_name = tally_election_strdup(e, "Benchmark");
    e->electorate = papers * 2;
    e->has_declared = 1;
    e->rejected_total = papers / 400;
    left = papers - e->rejected_total;
    for (int c = 0; c < 10; c++) {
        char name[32], code[8];
        long long v = c < 9 ? left / (c + 2) : left;
        snprintf(name, sizeof name, "Candidate %02d", c + 1);
        snprintf(code, sizeof code, "P%d", c + 1);
        tally_election_add_candidate(e, name, "Party", code, v, NULL);
        json_array_append_new(cands, json_pack("{s:s, s:s, s:s}", "name", name, "party", "Party",
                                               "party_code", code));
        left -= v;
    }
    def = json_pack("{s:{s:s, s:s, s:s}, s:{s:s}, s:I, s:o}", "election", "name",
                    "Benchmark by-election", "date", "2024-07-04", "type", "uk-parliament", "area",
                    "name", "Benchmark", "electorate", (json_int_t)(papers * 2), "candidates",
                    cands);
    if (tally_count_simulate(e, def, 1, 0, 1, &events, &err) != TALLY_OK) {
        fprintf(stderr, "simulate: %s\n", err.message);
        return 1;
    }
    if (store_sqlite_open(argv[1], 1, &sb, &err) != TALLY_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    sb->ops->close(sb);
    sqlite3_open(argv[1], &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; BEGIN", NULL, NULL, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL);
    for (i = 0; i < json_array_size(events); i++) {
        json_t *item = json_array_get(events, i);
        json_t *env = json_deep_copy(json_object_get(item, "event"));
        char *body;
        json_object_set_new(env, "seq", json_integer((json_int_t)i + 1));
        json_object_set(env, "time", json_object_get(item, "time"));
        json_object_set(env, "actor", json_object_get(item, "actor"));
        body = tally_canonical_json(env);
        store_chain_hash(head, body, strlen(body), head);
        sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
        sqlite3_bind_text(st, 2, json_string_value(json_object_get(item, "time")), -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, json_string_value(json_object_get(item, "actor")), -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, json_string_value(json_object_get(env, "type")), -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, body, -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(st, 6, head, 32, SQLITE_TRANSIENT);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
            return 1;
        }
        sqlite3_reset(st);
        tally_jsonmem_free(body);
        json_decref(env);
    }
    sqlite3_finalize(st);
    sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    sqlite3_close(db);
    printf("%s: %zu events\n", argv[1], json_array_size(events));
    json_decref(events);
    json_decref(def);
    tally_election_free(e);
    return 0;
}
