/*
** The CVR CSV reader (src/io/cvr_csv.c, include/tally/cvr.h): every form
** cvr.h accepts (header words, a count column, quoting, blank and
** "undervote" ranks, "overvote", '|' and '=' between names, spaces, a byte
** order mark, CRLF, no final line end, empty lines, identical rankings
** merged), the rules applied where the reader sees blank ranks, every
** error with its exact line and column (in characters), and allocation
** failure at every step.
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

#include "tally/alloc.h"
#include "tally/ballot.h"
#include "tally/cvr.h"

static tally_pool *parse(const char *text, const tally_irv_options *rules)
{
    tally_pool *p = NULL;
    tally_error err;

    if (tally_cvr_csv_parse(text, strlen(text), "t.csv", rules, &p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return p;
}

/* Ranking i as names: "A B=C". */
static const char *ranking(const tally_pool *p, size_t i)
{
    static char buf[512];
    tally_ballot b;
    size_t o = 0;

    tally_pool_ballot(p, i, &b);
    buf[0] = '\0';
    for (size_t k = 0; k < b.n; k++) {
        const char *sep = k == 0 ? "" : (b.prefs[k] & TALLY_BALLOT_EQUAL) ? "=" : " ";
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", sep,
                              p->names[TALLY_BALLOT_CANDIDATE(b.prefs[k])]);
    }
    return buf;
}

/* The weight of the ranking written as names, or 0 when there is none. */
/* The papers ranked names ending as end (any, with end < 0). */
static int64_t weight_ending(const tally_pool *p, const char *names, int end)
{
    int64_t w = 0;
    for (size_t i = 0; i < p->n_rankings; i++)
        if (strcmp(ranking(p, i), names) == 0 && (end < 0 || p->ends[i] == end))
            w += p->weights[i];
    return w;
}

static int64_t weight_of(const tally_pool *p, const char *names)
{
    return weight_ending(p, names, -1);
}

static void test_rank_columns_found_by_header(void **state)
{
    /* "Rank N", "choice_N", "PREFERENCE N" and "Rank2" are rank columns, in
    ** order; ID and precinct columns are read past. */
    static const char csv[] = "ID,Choice_1,precinct,rank2,PREFERENCE 3\n"
                              "b1,Brabin,P-01,Robinson,Golton\n"
                              "b2,Golton,P-02,,\n";
    tally_pool *p = parse(csv, NULL);
    (void)state;

    assert_int_equal(p->n_candidates, 3);
    assert_string_equal(p->names[0], "Brabin");
    assert_string_equal(p->names[1], "Robinson");
    assert_string_equal(p->names[2], "Golton");
    assert_int_equal(p->seats, 0);
    assert_null(p->title);
    assert_int_equal(p->total, 2);
    assert_string_equal(ranking(p, 0), "Brabin Robinson Golton");
    assert_string_equal(ranking(p, 1), "Golton");
    tally_pool_free(p);
}

static void test_count_column_and_identical_rankings_merged(void **state)
{
    static const char csv[] = "Weight,Rank 1,Rank 2\n"
                              "20,A,B\n"
                              " 5 ,B,\n"
                              "1,A,B\n";
    static const char csv2[] = "id,COUNT,choice 1\nx,3,A\ny,4,A\n";
    tally_pool *p = parse(csv, NULL);
    (void)state;

    assert_int_equal(p->n_rankings, 2);
    assert_int_equal(p->total, 26);
    assert_int_equal(weight_of(p, "A B"), 21);
    assert_int_equal(weight_of(p, "B"), 5);
    tally_pool_free(p);
    p = parse(csv2, NULL);
    assert_int_equal(p->n_rankings, 1);
    assert_int_equal(p->weights[0], 7);
    tally_pool_free(p);
}

static void test_quoted_fields_spaces_bom_crlf_and_last_line(void **state)
{
    /* A byte order mark, CRLF, a quoted name with a comma and with doubled
    ** quotes, spaces around names, an empty line, no final line end. */
    static const char csv[] = "\xEF\xBB\xBF" "\"Rank 1\",Rank 2,Rank 3\r\n"
                              "\"Peltola, Mary S.\",  Begich ,\"The \"\"Boss\"\"\"\r\n"
                              "\r\n"
                              "Begich,\"\",\"Peltola, Mary S.\"";
    tally_pool *p = parse(csv, NULL);
    (void)state;

    assert_int_equal(p->n_candidates, 3);
    assert_string_equal(p->names[0], "Peltola, Mary S.");
    assert_string_equal(p->names[1], "Begich");
    assert_string_equal(p->names[2], "The \"Boss\"");
    assert_string_equal(ranking(p, 0), "Peltola, Mary S. Begich The \"Boss\"");
    assert_string_equal(ranking(p, 1), "Begich Peltola, Mary S.");
    tally_pool_free(p);
}

static void test_blank_undervote_overvote_and_equal_ranks(void **state)
{
    /* Blank and "undervote" ranks are passed over by default; "A|B" and
    ** "A = B" mark two at one rank; "overvote" ends the ranking (default)
    ** or is dropped; a row with no mark is a paper with no preference. */
    static const char csv[] = "Rank 1,Rank 2,Rank 3,Rank 4\n"
                              "A,,UnderVote,B\n"
                              "A|B,C,,\n"
                              "C, A = B ,,\n"
                              "C,overvote,A,\n"
                              ",,,\n"
                              "undervote,,,\n";
    static const tally_irv_options skip = { .overvote = TALLY_OVERVOTE_SKIP };
    tally_pool *p = parse(csv, NULL);
    (void)state;

    assert_int_equal(weight_of(p, "A B"), 1);
    assert_int_equal(weight_of(p, "A=B C"), 1);
    assert_int_equal(weight_of(p, "C A=B"), 1);
    assert_int_equal(weight_of(p, "C"), 1);
    assert_int_equal(weight_ending(p, "C", TALLY_END_OVERVOTE), 1); /* ended by "overvote" */
    assert_int_equal(weight_of(p, ""), 2);
    assert_int_equal(weight_ending(p, "", TALLY_END_MARKS), 2);
    assert_int_equal(p->total, 6);
    tally_pool_free(p);
    p = parse(csv, &skip);
    assert_int_equal(weight_of(p, "C A"), 1);
    assert_int_equal(weight_of(p, "C"), 0);
    tally_pool_free(p);
}

static void test_skipped_rank_limit_ends_the_ranking(void **state)
{
    /* At most one blank between marks (or before the first): "A,,B,,,C"
    ** keeps A B and stops before C; ",,A" has no ranking; an overvote is a
    ** mark, so ",overvote,,B" (skipped) reaches B. */
    static const char csv[] = "Rank 1,Rank 2,Rank 3,Rank 4,Rank 5,Rank 6\n"
                              "A,,B,,,C\n"
                              ",,A,,,\n"
                              "C,overvote,,B,,\n"
                              "A,B,C,,,\n";
    static const tally_irv_options one = { .overvote = TALLY_OVERVOTE_SKIP, .limit_skipped = 1,
                                           .max_skipped = 1 };
    static const tally_irv_options zero = { .limit_skipped = 1 };
    tally_pool *p = parse(csv, &one);
    (void)state;

    /* Candidates are still named from ranks the count never reaches. */
    assert_int_equal(p->n_candidates, 3);
    assert_int_equal(weight_of(p, "A B"), 1);
    assert_int_equal(weight_of(p, ""), 1);
    assert_int_equal(weight_of(p, "C B"), 1);
    assert_int_equal(weight_of(p, "A B C"), 1);
    assert_int_equal(weight_ending(p, "A B", TALLY_END_SKIPPED), 1);
    assert_int_equal(weight_ending(p, "", TALLY_END_SKIPPED), 1);
    assert_int_equal(weight_ending(p, "A B C", TALLY_END_MARKS), 1);
    tally_pool_free(p);
    p = parse(csv, &zero);
    assert_int_equal(weight_of(p, "A"), 1);
    assert_int_equal(weight_of(p, ""), 1);
    assert_int_equal(weight_of(p, "C"), 1);
    assert_int_equal(weight_of(p, "A B C"), 1);
    tally_pool_free(p);
}

static void test_trailing_comma_is_an_empty_field(void **state)
{
    static const char csv[] = "Rank 1,Rank 2,\nA,B,\nB,,\n";
    tally_pool *p = parse(csv, NULL);
    (void)state;

    assert_int_equal(p->n_rankings, 2);
    tally_pool_free(p);
}

typedef struct bad {
    const char *text;
    int line, column;
    const char *says;
} bad;

static void test_errors_name_line_and_column(void **state)
{
    static const bad cases[] = {
        { "", 1, 1, "empty file" },
        { "\n\n", 1, 1, "empty file" },
        { "ID,Name\n1,A\n", 1, 1, "no rank columns" },
        { "Rank 1,Rank 3\nA,B\n", 1, 8, "rank 2 was expected" },
        { "\xEF\xBB\xBF" "Rank 1,Rank 3\n", 1, 8, "rank 2 was expected" },
        { "Rank 2\nA\n", 1, 1, "rank 1 was expected" },
        { "Count,Rank 1,Weight\n1,A,1\n", 1, 14, "second count column" },
        { "Rank 1,Rank 2\n\"A,B\n", 2, 1, "does not end on its line" },
        { "Rank 1,Rank 2\n\"A\"x,B\n", 2, 4, "after the closing quote" },
        { "Rank 1,Rank 2\nA\"B,C\n", 2, 2, "quote inside" },
        { "Rank 1,Rank 2\nA,B,C\n", 2, 5, "more fields than the header's 2" },
        { "Rank 1,Rank 2\r\nA\r\n", 2, 2, "1 fields where the header has 2" },
        { "ID,Rank 1\n\xC3\x89\xC3\xA9,X,Y\n", 2, 6, "more fields" },
        { "Rank 1\n\nA\nB,C\n", 4, 3, "more fields" },
        { "Count,Rank 1\n0,A\n", 2, 1, "whole number from 1, not '0'" },
        { "Count,Rank 1\nA,3,x\n", 2, 1, "not 'A'" },
        { "Rank 1,Count\nA, x2\n", 2, 3, "whole number from 1, not 'x2'" },
        { "Rank 1,Count\nA,\n", 2, 3, "whole number from 1, not ''" },
        { "Rank 1,Count\nA,99999999999999999999\n", 2, 3, "whole number" },
        { "ID,Rank 1\n7,A|\n", 2, 3, "name is missing" },
        { "ID,Rank 1\n7,A||B\n", 2, 3, "name is missing" },
        { "ID,Rank 1\n7,=A\n", 2, 3, "name is missing" },
        { "Rank 1,Rank 2\nA,overvote|B\n", 2, 3, "'overvote' is not a candidate's name" },
        { "Rank 1,Rank 2\nA,B|Undervote\n", 2, 3, "'Undervote' is not" },
        { "Rank 1,Rank 2\nA,B=B\n", 2, 3, "'B' is named twice" },
        { "Rank 1,Rank 2\nA,B\xFF\n", 2, 3, "not valid UTF-8" },
        { "Rank 1\n\"\"\n,\n", 3, 2, "more fields than the header's 1" },
        { "Rank 1\n\"\"\nundervote\n", 1, 1, "no candidate is named" },
        { "Rank 1\n", 1, 1, "no candidate is named" },
    };
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad *b = &cases[i];
        tally_pool *p = (tally_pool *)1;
        tally_error err;
        tally_status s = tally_cvr_csv_parse(b->text, strlen(b->text), "bad.csv", NULL, &p,
                                             &err);
        if (s != TALLY_EINVAL || err.line != b->line || err.column != b->column ||
            !strstr(err.message, b->says))
            fail_msg("case %zu: status %d, %s:%d:%d: %s (wanted %d:%d: ...%s...)", i, (int)s,
                     err.file, err.line, err.column, err.message, b->line, b->column, b->says);
        assert_string_equal(err.file, "bad.csv");
        assert_null(p);
    }
}

static void test_errors_in_a_file_and_a_missing_file(void **state)
{
    char path[] = "/tmp/tally-cvr-XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    tally_pool *p = (tally_pool *)1;
    tally_error err;
    (void)state;

    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs("Rank 1,Rank 2\nA,B\nB,A,C\n", f);
    fclose(f);
    assert_int_equal(tally_cvr_csv_read(path, NULL, &p, &err), TALLY_EINVAL);
    assert_null(p);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 5);
    unlink(path);
    assert_int_equal(tally_cvr_csv_read(path, NULL, &p, &err), TALLY_EIO);
    assert_null(p);
    assert_string_equal(err.file, path);
}

/* Rows enough to grow every buffer: names new and old, quoted cells,
** merged and new rankings. */
static char *big_text(size_t rows)
{
    size_t cap = rows * 64 + 128, o = 0;
    char *t = malloc(cap);

    assert_non_null(t);
    o += (size_t)snprintf(t + o, cap - o, "ID,Count,Rank 1,Rank 2,Rank 3\n");
    for (size_t i = 0; i < rows; i++)
        o += (size_t)snprintf(t + o, cap - o, "%zu,%zu,\"Cand %zu\",C%zu|C%zu,\n", i,
                              i % 3 + 1, i % 7, i % 5, (i + 1) % 5);
    return t;
}

static void test_allocation_failure_at_every_step(void **state)
{
    char *text = big_text(60);
    char path[] = "/tmp/tally-cvr-XXXXXX";
    int fd = mkstemp(path);
    FILE *f;
    (void)state;

    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    for (int from_file = 0; from_file < 2; from_file++) {
        int succeeded = 0;
        long n;
        for (n = 0; !succeeded && n < 10000; n++) {
            tally_pool *p = (tally_pool *)1;
            tally_error err;
            tally_status s;
            tally_alloc_fail_after(n);
            s = from_file ? tally_cvr_csv_read(path, NULL, &p, &err)
                          : tally_cvr_csv_parse(text, strlen(text), "big", NULL, &p, &err);
            tally_alloc_fail_after(-1);
            if (s == TALLY_OK) {
                succeeded = 1;
                assert_int_equal(p->n_candidates, 12);
                assert_int_equal(p->n_rankings, 35);
                assert_string_equal(p->names[0], "Cand 0");
            } else {
                assert_int_equal(s, TALLY_ENOMEM);
                assert_null(p);
            }
            tally_pool_free(p);
        }
        assert_true(succeeded);
        assert_true(n > 20);
    }
    unlink(path);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rank_columns_found_by_header),
        cmocka_unit_test(test_count_column_and_identical_rankings_merged),
        cmocka_unit_test(test_quoted_fields_spaces_bom_crlf_and_last_line),
        cmocka_unit_test(test_blank_undervote_overvote_and_equal_ranks),
        cmocka_unit_test(test_skipped_rank_limit_ends_the_ranking),
        cmocka_unit_test(test_trailing_comma_is_an_empty_field),
        cmocka_unit_test(test_errors_name_line_and_column),
        cmocka_unit_test(test_errors_in_a_file_and_a_missing_file),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
