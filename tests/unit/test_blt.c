/*
** The BLT reader (src/io/blt.c, include/tally/blt.h) and the ballot pool
** it fills (src/core/ballot.c): identical rankings merged, equal rankings
** stored; every lenient quirk of files as councils publish them; every
** strict error at its exact line and column; a file streamed in blocks
** with a line longer than a block; allocation failure at every step.
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
#include "tally/blt.h"

#define EQ TALLY_BALLOT_EQUAL

/* Warnings, as "line:column: message". */
typedef struct warnings {
    int n;
    char text[8][600];
} warnings;

static void collect(void *ctx, const tally_error *w)
{
    warnings *ws = ctx;
    if (ws->n < 8)
        snprintf(ws->text[ws->n], sizeof ws->text[0], "%d:%d: %s", w->line, w->column,
                 w->message);
    ws->n++;
}

static tally_pool *parse(const char *text, int lenient, warnings *ws)
{
    tally_blt_options o = { lenient, collect, ws };
    tally_pool *p = NULL;
    tally_error err;
    tally_status s = tally_blt_parse(text, strlen(text), "t.blt", &o, &p, &err);
    if (s != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return p;
}

/* Ranking i as text, "w: a b=c" with 1-based candidates. */
static const char *ranking(const tally_pool *p, size_t i)
{
    static char buf[256];
    tally_ballot b;
    int o;

    tally_pool_ballot(p, i, &b);
    o = snprintf(buf, sizeof buf, "%lld:", (long long)b.weight);
    for (size_t k = 0; k < b.n; k++)
        o += snprintf(buf + o, sizeof buf - (size_t)o, "%s%zu",
                      (b.prefs[k] & EQ) ? "=" : " ", TALLY_BALLOT_CANDIDATE(b.prefs[k]) + 1);
    return buf;
}

/* ---- the pool ---- */

static void test_pool_merges_identical_rankings(void **state)
{
    tally_pool *p;
    const uint32_t a[] = { 0, 2 }, b[] = { 0, 2 | EQ }, c[] = { 0 };

    (void)state;
    assert_int_equal(tally_pool_new(3, &p), TALLY_OK);
    assert_int_equal(tally_pool_add(p, a, 2, 5), TALLY_OK);
    assert_int_equal(tally_pool_add(p, b, 2, 1), TALLY_OK); /* 1 3=... differs */
    assert_int_equal(tally_pool_add(p, a, 2, 7), TALLY_OK);
    assert_int_equal(tally_pool_add(p, c, 1, 2), TALLY_OK);
    assert_int_equal(tally_pool_add(p, NULL, 0, 3), TALLY_OK); /* no preference */
    assert_int_equal(tally_pool_add(p, NULL, 0, 1), TALLY_OK);
    assert_int_equal(p->n_rankings, 4);
    assert_int_equal(p->total, 19);
    assert_string_equal(ranking(p, 0), "12: 1 3");
    assert_string_equal(ranking(p, 1), "1: 1=3");
    assert_string_equal(ranking(p, 2), "2: 1");
    assert_string_equal(ranking(p, 3), "4:");
    tally_pool_seal(p);
    assert_int_equal(tally_pool_add(p, a, 2, 1), TALLY_OK); /* index rebuilt */
    assert_string_equal(ranking(p, 0), "13: 1 3");
    tally_pool_free(p);
    tally_pool_free(NULL);
}

static void test_pool_refuses_bad_rankings(void **state)
{
    tally_pool *p;
    const uint32_t out_of_range[] = { 3 }, eq_first[] = { 0 | EQ }, ok[] = { 1 };

    (void)state;
    assert_int_equal(tally_pool_new(0, &p), TALLY_ERANGE);
    assert_null(p);
    assert_int_equal(tally_pool_new(3, &p), TALLY_OK);
    assert_int_equal(tally_pool_add(p, out_of_range, 1, 1), TALLY_EINVAL);
    assert_int_equal(tally_pool_add(p, eq_first, 1, 1), TALLY_EINVAL);
    assert_int_equal(tally_pool_add(p, ok, 1, 0), TALLY_ERANGE);
    assert_int_equal(tally_pool_add(p, ok, 1, INT64_MAX), TALLY_OK);
    assert_int_equal(tally_pool_add(p, ok, 1, 1), TALLY_ERANGE); /* total overflows */
    assert_int_equal(p->n_rankings, 1);
    assert_int_equal(p->total, INT64_MAX);
    tally_pool_free(p);
}

/* ---- strict BLT and the extensions ---- */

static void test_strict_file_with_extensions(void **state)
{
    static const char text[] =
        "\xEF\xBB\xBF" "4 2\r\n"
        "-4\r\n"
        "[tie 3 2 1 4]\r\n"
        "12 1 0\r\n"
        "88 1 3 2 0\r\n"
        "5 2=3 1 0\r\n"
        "3 1 3 2 0\r\n"
        "1 0\r\n"
        "0\r\n"
        "\"Cand A\"\r\n"
        "  \"Cand B\"  \r\n"
        "\"Cand \xC3\x87\"\r\n"
        "\"Cand D\"\r\n"
        "\"Wardy McWard\"\r\n";
    tally_pool *p;

    (void)state;
    p = parse(text, 0, NULL);
    assert_int_equal(p->n_candidates, 4);
    assert_int_equal(p->seats, 2);
    assert_string_equal(p->names[1], "Cand B");
    assert_string_equal(p->names[2], "Cand \xC3\x87");
    assert_null(p->parties[0]);
    assert_string_equal(p->title, "Wardy McWard");
    assert_memory_equal(p->withdrawn, "\0\0\0\1", 4);
    assert_int_equal(p->n_tie, 4);
    assert_int_equal(p->tie_order[0], 2);
    assert_int_equal(p->n_rankings, 4);
    assert_string_equal(ranking(p, 0), "12: 1");
    assert_string_equal(ranking(p, 1), "91: 1 3 2");
    assert_string_equal(ranking(p, 2), "5: 2=3 1");
    assert_string_equal(ranking(p, 3), "1:");
    assert_int_equal(p->total, 109);
    tally_pool_free(p);
}

static void test_nicknames_and_withdrawn_option(void **state)
{
    static const char text[] =
        "4 2\n"
        "[nick apple banana cherry date]\n"
        "[withdrawn banana]\n"
        "3 apple banana=cherry 4 0\n"
        "2 date apple 0\n"
        "0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n\"Fruit\"\n";
    tally_pool *p;

    (void)state;
    p = parse(text, 0, NULL);
    assert_memory_equal(p->withdrawn, "\0\1\0\0", 4);
    assert_string_equal(ranking(p, 0), "3: 1 2=3 4");
    assert_string_equal(ranking(p, 1), "2: 4 1");
    tally_pool_free(p);
}

/* ---- lenient: files as councils publish them ---- */

/* Dundee 2022: "Name ""Party""" (CSV-doubled quotes), no final newline,
** an unquoted title. */
static void test_lenient_csv_doubled_quotes(void **state)
{
    static const char text[] =
        "2 1\n"
        "3 1 2 0\n"
        "0\n"
        "\"Heather ANDERSON \"\"Scottish National Party (SNP)\"\"\"\n"
        "\"Mark FLYNN \"\"Scottish National Party (SNP)\"\"\"\n"
        "Ward 4 - Coldside";
    tally_pool *p;

    (void)state;
    p = parse(text, 1, NULL);
    assert_string_equal(p->names[0], "Heather ANDERSON");
    assert_string_equal(p->parties[0], "Scottish National Party (SNP)");
    assert_string_equal(p->names[1], "Mark FLYNN");
    assert_string_equal(p->title, "Ward 4 - Coldside");
    tally_pool_free(p);
}

/* Aberdeenshire 2022: "Name" "Party"; East Ayrshire 2022: the same quoted
** again, """Name"" ""Party"" "; Aberdeen 2012: a party abbreviation
** first, "Lab ""George ADAM"" ". */
static void test_lenient_name_and_party_forms(void **state)
{
    static const char text[] =
        "4 1\n"
        "1 1 0\n"
        "0\n"
        "\"Jamie COLE-HAMILTON\" \"Scottish Green Party\"\n"
        "\"\"\"Robin BAWA\"\" \"\"Scottish Conservative and Unionist\"\" \"\n"
        "\"Lab \"\"George ADAM\"\" \"\n"
        "\"\"\"Ian WREN\"\" \"\"Independent\"\"\"\n"
        "\"\"\"Ward 5 - Kilmarnock South\"\" \"\n";
    tally_pool *p;

    (void)state;
    p = parse(text, 1, NULL);
    assert_string_equal(p->names[0], "Jamie COLE-HAMILTON");
    assert_string_equal(p->parties[0], "Scottish Green Party");
    assert_string_equal(p->names[1], "Robin BAWA");
    assert_string_equal(p->parties[1], "Scottish Conservative and Unionist");
    assert_string_equal(p->names[2], "George ADAM");
    assert_string_equal(p->parties[2], "Lab");
    assert_string_equal(p->names[3], "Ian WREN");
    assert_string_equal(p->parties[3], "Independent");
    assert_string_equal(p->title, "Ward 5 - Kilmarnock South");
    tally_pool_free(p);
}

/* Fife 2017: unquoted names with apostrophes, quoted title. */
static void test_lenient_unquoted_names(void **state)
{
    static const char text[] =
        "2 1\n"
        "25 1 0\n"
        "0\n"
        "John O'BRIEN (SNP)\n"
        "  Ryan SMART (Lab)  \n"
        "\"Ward 22 - Buckhaven, Methil & Wemyss Villages\"";
    tally_pool *p;

    (void)state;
    p = parse(text, 1, NULL);
    assert_string_equal(p->names[0], "John O'BRIEN (SNP)");
    assert_null(p->parties[0]);
    assert_string_equal(p->names[1], "Ryan SMART (Lab)");
    assert_string_equal(p->title, "Ward 22 - Buckhaven, Methil & Wemyss Villages");
    tally_pool_free(p);
}

/* Perth and Kinross 2016 by-election: a comma at the end of every line
** (a name with a comma inside keeps it). */
static void test_lenient_trailing_commas(void **state)
{
    static const char text[] =
        "2 1,\n"
        "786 1 0,\n"
        "87 1 2 0,\n"
        "0,\n"
        "Kathleen BAIRD,\n"
        "Wilma,LUMSDEN\n"
        "Ward 9 - Almond and Earn,";
    tally_pool *p;

    (void)state;
    p = parse(text, 1, NULL);
    assert_int_equal(p->total, 873);
    assert_string_equal(p->names[0], "Kathleen BAIRD");
    assert_string_equal(p->names[1], "Wilma,LUMSDEN");
    assert_string_equal(p->title, "Ward 9 - Almond and Earn");
    tally_pool_free(p);
}

/* ERS97: comment lines, ballot lines without their terminating 0. */
static void test_lenient_missing_terminating_zero(void **state)
{
    static const char text[] =
        "# Comment: Ballot papers derived from the ERS97 model election\n"
        "3 2\n"
        "35 1 2\n"
        "2 3 1 0\n"
        "90 3\n"
        "0\n"
        "\"Smith\"\n\"Carpenter\"\n\"Wright\"\n"
        "\"ERS97 Model Election\"\n";
    tally_pool *p;

    (void)state;
    p = parse(text, 1, NULL);
    assert_string_equal(ranking(p, 0), "35: 1 2");
    assert_string_equal(ranking(p, 1), "2: 3 1");
    assert_string_equal(ranking(p, 2), "90: 3");
    tally_pool_free(p);
}

/* Glasgow, Moray, East Ayrshire 2022: UTF-8 read as Windows-1252 and
** encoded again ("ó" as "Ã³" as C3 83 C2 B3; "Ö" as "Ã–", with an en
** dash from the code page's top half); and a byte that is not UTF-8 at
** all, read as Windows-1252. Each repaired with a warning at its line. */
static void test_lenient_double_encoded_utf8(void **state)
{
    static const char text[] =
        "3 1\n"
        "1 1 0\n"
        "0\n"
        "\"Le\xC3\x83\xC2\xB3" "dhas Iain MASSIE \"\"Scottish Greens\"\"\"\n"
        "\"\"\"Keyrin James VON-D\xC3\x83\xE2\x80\x93RING\"\" \"\"Libertarian\"\"\"\n"
        "Ren\xE9" "e SLATER (Grn)\n"
        "\"Ward\"\n";
    warnings ws = { 0 };
    tally_pool *p;

    (void)state;
    p = parse(text, 1, &ws);
    assert_string_equal(p->names[0], "Le\xC3\xB3" "dhas Iain MASSIE");
    assert_string_equal(p->names[1], "Keyrin James VON-D\xC3\x96RING");
    assert_string_equal(p->parties[1], "Libertarian");
    assert_string_equal(p->names[2], "Ren\xC3\xA9" "e SLATER (Grn)");
    assert_int_equal(ws.n, 3);
    assert_string_equal(ws.text[0], "4:1: double-encoded UTF-8 repaired: \"Le\xC3\xB3"
                                    "dhas Iain MASSIE\"");
    assert_string_equal(ws.text[1], "5:1: double-encoded UTF-8 repaired: \"Keyrin James "
                                    "VON-D\xC3\x96RING\"");
    assert_string_equal(ws.text[2], "6:1: not UTF-8: read as Windows-1252: \"Ren\xC3\xA9"
                                    "e SLATER (Grn)\"");
    tally_pool_free(p);
}

/* A real name in Latin-1 range is left alone. */
static void test_lenient_leaves_real_accents(void **state)
{
    static const char text[] = "1 1\n1 1 0\n0\n\"Ren\xC3\xA9" "e \xC3\x93 DONNGHAILE\"\n\"W\"\n";
    warnings ws = { 0 };
    tally_pool *p;

    (void)state;
    p = parse(text, 1, &ws);
    assert_string_equal(p->names[0], "Ren\xC3\xA9" "e \xC3\x93 DONNGHAILE");
    assert_int_equal(ws.n, 0);
    tally_pool_free(p);
}

static void test_lenient_skips_and_warns(void **state)
{
    static const char text[] =
        "2 1\n"
        "[droop precision=5]\n"
        "\n"
        "0 1 0\n"
        "4 2 1 2 0\n"
        "0\n"
        "\n"
        "\"A\"\n\"B\"\n\"T\"\n"
        "trailing notes\n";
    warnings ws = { 0 };
    tally_pool *p;

    (void)state;
    p = parse(text, 1, &ws);
    assert_int_equal(p->n_rankings, 1);
    assert_string_equal(ranking(p, 0), "4: 2 1 2"); /* stored as marked */
    assert_int_equal(ws.n, 3);
    assert_string_equal(ws.text[0], "2:2: option [droop] ignored");
    assert_string_equal(ws.text[1], "4:1: ballot of weight 0 skipped");
    assert_string_equal(ws.text[2], "11:1: text after the title ignored");
    tally_pool_free(p);
}

/* ---- strict errors, each at its line and column ---- */

static void bad_n(const char *text, size_t len, int lenient, int line, int column,
                  const char *message)
{
    tally_blt_options o = { lenient, NULL, NULL };
    tally_pool *p = (tally_pool *)1;
    tally_error err;

    assert_int_equal(tally_blt_parse(text, len, "bad.blt", &o, &p, &err), TALLY_EINVAL);
    assert_null(p);
    if (strcmp(err.file, "bad.blt") != 0 || err.line != line || err.column != column ||
        strcmp(err.message, message) != 0)
        fail_msg("got %s:%d:%d: %s\nwant bad.blt:%d:%d: %s", err.file, err.line, err.column,
                 err.message, line, column, message);
}

static void bad(const char *text, int lenient, int line, int column, const char *message)
{
    bad_n(text, strlen(text), lenient, line, column, message);
}

#define TAIL "0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n"

static void test_strict_errors_at_line_and_column(void **state)
{
    (void)state;
    bad("", 0, 0, 1, "empty file: no line giving candidates and seats");
    bad("3\n", 0, 1, 2, "the first line must give the number of candidates and of seats");
    bad("3 x\n", 0, 1, 3, "the number of seats must be a whole number from 1, not 'x'");
    bad("0 1\n", 0, 1, 1, "the number of candidates must be a whole number from 1, not '0'");
    bad("3 2,\n", 0, 1, 3, "the number of seats must be a whole number from 1, not '2,'");
    bad("3 2 1\n", 0, 1, 5, "text after the number of seats");
    bad("3 2\n1 4 0\n" TAIL, 0, 2, 3, "candidate 4 is out of range (1 to 3)");
    bad("3 2\n1 1 2 1 0\n" TAIL, 0, 2, 7, "candidate 1 is ranked twice");
    bad("3 2\n1 1 2\n" TAIL, 0, 2, 6, "a ballot line must end with 0");
    bad("3 2\n1 1 0 2\n" TAIL, 0, 2, 7, "text after the 0 that ends the ballot");
    bad("3 2\nx 1 0\n" TAIL, 0, 2, 1, "a ballot line starts with its weight, a whole number, not 'x'");
    bad("3 2\n0 1 0\n" TAIL, 0, 2, 1, "a ballot's weight must be at least 1");
    bad("3 2\n1 1= 0\n" TAIL, 0, 2, 5, "a candidate is missing here");
    bad("3 2\n1 b 0\n" TAIL, 0, 2, 3, "'b' is not a candidate number");
    bad("3 2\n[nick a b c]\n1 a d 0\n" TAIL, 0, 3, 5, "'d' is not a candidate number or [nick]");
    bad("3 2\n[nick a b]\n" TAIL, 0, 2, 10, "[nick] names 2 of the 3 candidates");
    bad("3 2\n[droop precision=5]\n" TAIL, 0, 2, 2, "unknown option [droop]");
    bad("3 2\n[tie 1 2\n" TAIL, 0, 2, 9, "an [option] must end with ']' and nothing after it");
    bad("3 2\n-4\n" TAIL, 0, 2, 1, "a withdrawn candidate is written -N with N from 1 to 3, not '-4'");
    bad("3 2\n1 1 0\n-2\n" TAIL, 0, 3, 1, "withdrawn candidates must come before the ballots");
    bad("3 2\n\n1 1 0\n" TAIL, 0, 2, 1, "blank line");
    bad("3 2\n1 1 0\n", 0, 2, 6, "the ballots are not ended by a line holding 0");
    bad("3 2\n0\n\"A\"\nB\n", 0, 4, 1, "candidate 2's name must be in double quotes");
    bad("3 2\n0\n\"A\"\n\"B \"\"x\"\"\"\n", 0, 4, 5, "text after the closing quote");
    bad("3 2\n0\n\"A\"\n  \"B\n", 0, 4, 3, "no closing quote");
    bad("3 2\n0\n\"A\"\n\"\"\n", 0, 4, 1, "candidate 2's name is empty");
    bad("3 2\n0\n\"A\"\n\"B\xFF\"\n", 0, 4, 3, "not valid UTF-8");
    bad("3 2\n0\n\"A\"\n\"B\"\n", 0, 4, 4, "3 candidates but 2 names");
    bad("3 2\n0\n\"A\"\n\"B\"\n\"C\"\n", 0, 5, 4, "no title after the candidates' names");
    bad("3 2\n0\n\"A\"\n\"B\"\n\"C\"\nT\n", 0, 6, 1, "the title must be in double quotes");
    bad("3 2\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\nmore\n", 0, 7, 1, "text after the title");
    bad("3 2\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"", 0, 6, 4, "no line end at the end of the file");
    bad_n("3 2\n1 1\0 0\n" TAIL, sizeof "3 2\n1 1\0 0\n" TAIL - 1, 0, 2, 4,
          "NUL byte in a text file");
}

/* Lenient mode still refuses what no reading can make sense of. */
static void test_lenient_errors(void **state)
{
    (void)state;
    bad("3 2\n1 4\n" TAIL, 1, 2, 3, "candidate 4 is out of range (1 to 3)");
    bad("3 2\n1 1 0\n", 1, 2, 6, "the ballots are not ended by a line holding 0");
    bad("3 2\n0\n\"A\" x\n", 1, 3, 5, "text after the name's closing quote");
    bad("3 2\n0\n\"A\"\n", 1, 3, 4, "3 candidates but 1 names");
}

static void test_missing_file(void **state)
{
    tally_pool *p = (tally_pool *)1;
    tally_error err;

    (void)state;
    assert_int_equal(tally_blt_read("/nonexistent/x.blt", NULL, &p, &err), TALLY_EIO);
    assert_null(p);
    assert_string_equal(err.file, "/nonexistent/x.blt");
    assert_non_null(strstr(err.message, "cannot open"));
}

/* ---- streaming ---- */

static char *temp_file(const char *text, size_t len)
{
    static char path[64];
    int fd;

    snprintf(path, sizeof path, "/tmp/tally-blt.XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

/* A file read in 64 KiB blocks gives the pool the buffer gives: many lines
** across block boundaries, and one ranking line longer than two blocks
** (30,000 candidates). */
static void test_streamed_file_equals_buffer(void **state)
{
    enum { N = 30000 };
    size_t cap = 1u << 20, len = 0;
    char *text = malloc(cap);
    tally_pool *a, *b;
    tally_error err;
    char *path;
    int64_t total = 1;

    (void)state;
    assert_non_null(text);
    len += (size_t)snprintf(text + len, cap - len, "%d 3\n", N);
    for (int i = 0; i < 20000; i++) { /* 7 distinct rankings */
        len += (size_t)snprintf(text + len, cap - len, "%d %d %d 0\n", 1 + i % 3, 1 + i % 7,
                                1 + (i + 1) % 7);
        total += 1 + i % 3;
    }
    len += (size_t)snprintf(text + len, cap - len, "1");
    for (int i = N; i >= 1; i--)
        len += (size_t)snprintf(text + len, cap - len, " %d", i);
    len += (size_t)snprintf(text + len, cap - len, " 0\n0\n");
    for (int i = 0; i < N; i++) {
        if (cap - len < 64) {
            cap *= 2;
            text = realloc(text, cap);
            assert_non_null(text);
        }
        len += (size_t)snprintf(text + len, cap - len, "\"C%d\"\n", i);
    }
    len += (size_t)snprintf(text + len, cap - len, "\"Big\"\n");

    path = temp_file(text, len);
    assert_int_equal(tally_blt_parse(text, len, "mem", NULL, &a, &err), TALLY_OK);
    assert_int_equal(tally_blt_read(path, NULL, &b, &err), TALLY_OK);
    unlink(path);
    assert_int_equal(a->n_rankings, 8);
    assert_int_equal(a->total, total);
    assert_int_equal(b->n_rankings, a->n_rankings);
    assert_int_equal(b->total, a->total);
    assert_int_equal(b->offsets[b->n_rankings], a->offsets[a->n_rankings]);
    assert_memory_equal(b->prefs, a->prefs, a->offsets[a->n_rankings] * sizeof *a->prefs);
    assert_memory_equal(b->weights, a->weights, a->n_rankings * sizeof *a->weights);
    assert_string_equal(b->names[N - 1], "C29999");
    assert_string_equal(b->title, "Big");
    tally_pool_free(a);
    tally_pool_free(b);
    free(text);
}

/* ---- allocation failure ---- */

static const char small[] =
    "4 2\n"
    "[nick a b c d]\n"
    "[tie d c b a]\n"
    "-4\n"
    "3 a b=c 0\n"
    "2 b a\n"
    "3 a b=c 0\n"
    "0\n"
    "\"Name \"\"Party\"\"\"\n"
    "\"B\" \"P\"\n"
    "\"Le\xC3\x83\xC2\xB3" "dhas\"\n"
    "Ren\xE9" "e\n"
    "Title";

/* Fail each allocation of a whole read in turn, from a buffer and from a
** file: every run either succeeds or returns TALLY_ENOMEM with nothing
** returned and nothing leaked (the ASan build checks the leaks). */
static void test_allocation_failure_at_every_step(void **state)
{
    char *path = temp_file(small, sizeof small - 1);

    (void)state;
    for (int from_file = 0; from_file < 2; from_file++) {
        int succeeded = 0;
        long n;
        for (n = 0; n < 10000 && !succeeded; n++) {
            tally_blt_options o = { 1, NULL, NULL };
            tally_pool *p = (tally_pool *)1;
            tally_error err;
            tally_status s;
            tally_alloc_fail_after(n);
            s = from_file ? tally_blt_read(path, &o, &p, &err)
                          : tally_blt_parse(small, sizeof small - 1, "small", &o, &p, &err);
            tally_alloc_fail_after(-1);
            if (s == TALLY_OK) {
                succeeded = 1;
                assert_int_equal(p->n_rankings, 2);
                assert_string_equal(p->names[2], "Le\xC3\xB3" "dhas");
                assert_string_equal(p->names[3], "Ren\xC3\xA9" "e");
            } else {
                assert_int_equal(s, TALLY_ENOMEM);
                assert_null(p);
            }
            tally_pool_free(p);
        }
        assert_true(succeeded);
        assert_true(n > 15);
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool_merges_identical_rankings),
        cmocka_unit_test(test_pool_refuses_bad_rankings),
        cmocka_unit_test(test_strict_file_with_extensions),
        cmocka_unit_test(test_nicknames_and_withdrawn_option),
        cmocka_unit_test(test_lenient_csv_doubled_quotes),
        cmocka_unit_test(test_lenient_name_and_party_forms),
        cmocka_unit_test(test_lenient_unquoted_names),
        cmocka_unit_test(test_lenient_trailing_commas),
        cmocka_unit_test(test_lenient_missing_terminating_zero),
        cmocka_unit_test(test_lenient_double_encoded_utf8),
        cmocka_unit_test(test_lenient_leaves_real_accents),
        cmocka_unit_test(test_lenient_skips_and_warns),
        cmocka_unit_test(test_strict_errors_at_line_and_column),
        cmocka_unit_test(test_lenient_errors),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_streamed_file_equals_buffer),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
