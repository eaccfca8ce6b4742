/*
** ES&S cast vote records (.xlsx) read onto a contest's candidates
** (src/io/cvr_ess.c through tally_cvr_source_read, src/io/xlsx.c,
** src/io/cvr_paper.c), rule by rule as RCTab's cvrFileSources give them:
** firstVoteColumnIndex and firstVoteRowIndex, idColumnIndex, the
** skipped-rank (undervote), overvote and undeclared write-in labels, the
** overvote delimiter, treatBlankAsUndeclaredWriteIn, maxRankingsAllowed
** (rank columns read), maxSkippedRanksAllowed and the overvote rule;
** names by name or alias; bad input at its cell; a file that is not a
** workbook, a corrupt archive, a workbook without a worksheet; allocation
** failure at every step.
**
** Each workbook is written here with libzip from the XML parts below, so
** the fixture is read in this file: shared strings (t="s"), inline strings
** (t="inlineStr") and numbers, as Excel and ES&S write them.
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
#include <zip.h>

#include "tally/alloc.h"
#include "tally/cvr_source.h"

static char dir[4096];

static const char *const ann_aliases[] = { "ARCHER" };
static const tally_cvr_candidate cands[] = {
    { "Ann Archer", ann_aliases, 1 },
    { "Bob Baker", NULL, 0 },
    { "Cat Cole", NULL, 0 },
};
enum { ANN, BOB, CAT, UWI };

#define WORKBOOK                                                                                \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"                           \
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "          \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"        \
    "<sheets><sheet name=\"Marked Sheet\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS                                                                                    \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                              \
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"  \
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"                            \
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
/* The header row's words, and two names, as shared strings 0..6. */
#define SST                                                                                     \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                              \
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"               \
    "<si><t>Cast Vote Record</t></si><si><t>Precinct</t></si><si><t>Choice 1</t></si>"        \
    "<si><t>Choice 2</t></si><si><t>Choice 3</t></si>"                                        \
    "<si><t>Bob Baker</t></si><si><r><t>Cat </t></r><r><t>Cole</t></r></si></sst>"
#define SHEET(rows)                                                                             \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                              \
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"         \
    "<sheetData>" HEADER rows "</sheetData></worksheet>"
#define HEADER                                                                                  \
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"           \
    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"                        \
    "<c r=\"E1\" t=\"s\"><v>4</v></c></row>"
#define IS(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define SS(ref, k) "<c r=\"" ref "\" t=\"s\"><v>" #k "</v></c>"
#define NUM(ref, v) "<c r=\"" ref "\"><v>" v "</v></c>"
#define ROW(r, cells) "<row r=\"" #r "\">" cells "</row>"

/* A paper of row r: ID r in A, precinct P-1 in B. */
#define PAPER(r, cells) ROW(r, NUM("A" #r, #r) IS("B" #r, "P-1") cells)

/* Write a zip archive of n parts to dir/name; returns its path. */
static const char *write_zip(const char *name, size_t n, const char *const *parts,
                             const char *const *texts)
{
    static char path[4200];
    zip_t *z;
    int ze;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_non_null(z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze));
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, texts[i], strlen(texts[i]), 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, parts[i], s, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

static const char *workbook(const char *name, const char *sheet)
{
    static const char *const parts[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                         "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml" };
    const char *texts[] = { WORKBOOK, RELS, SST, sheet };
    return write_zip(name, 4, parts, texts);
}

static tally_pool *contest_pool(void)
{
    tally_pool *p = NULL;

    assert_int_equal(tally_pool_new(4, &p), TALLY_OK);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(tally_pool_set_candidate(p, i, cands[i].name, NULL), TALLY_OK);
    assert_int_equal(tally_pool_set_candidate(p, UWI, TALLY_CVR_UWI_NAME, NULL), TALLY_OK);
    return p;
}

static int64_t weight_of(const tally_pool *p, const uint32_t *prefs, size_t n)
{
    for (size_t i = 0; i < p->n_rankings; i++) {
        tally_ballot b;
        tally_pool_ballot(p, i, &b);
        if (b.n == n && (n == 0 || memcmp(b.prefs, prefs, n * sizeof *prefs) == 0))
            return b.weight;
    }
    return 0;
}

/* Why the ranking prefs[0..n) ends (the pool keeps it with the ranking). */
static tally_ballot_end end_of(const tally_pool *p, const uint32_t *prefs, size_t n)
{
    for (size_t i = 0; i < p->n_rankings; i++) {
        tally_ballot b;
        tally_pool_ballot(p, i, &b);
        if (b.n == n && (n == 0 || memcmp(b.prefs, prefs, n * sizeof *prefs) == 0))
            return b.end;
    }
    fail_msg("no such ranking");
    return TALLY_END_MARKS;
}

/* The source as RCTab's ES&S cases give it: ID in A, precinct in B, ranks
** from C, papers from row 2, "undervote", "overvote" and "UWI". */
static tally_cvr_source ess(const char *path)
{
    tally_cvr_source s = {
        .path = path, .provider = "ess", .first_vote_column = 3, .first_vote_row = 2,
        .id_column = 1, .precinct_column = 2, .overvote_label = "overvote",
        .skipped_label = "undervote", .uwi_label = "UWI",
    };
    return s;
}

static tally_pool *read_ok(const tally_cvr_source *s, const tally_irv_options *rules)
{
    tally_pool *p = contest_pool();
    tally_error err;

    if (tally_cvr_source_read(s, cands, 3, rules, p, &err) != TALLY_OK)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.message);
    return p;
}

/* Read s, expecting st with err at row:col (0 for none; row -1: not
** checked) and msg. */
static void refused(const tally_cvr_source *s, tally_status st, int row, int col,
                    const char *msg)
{
    tally_pool *p = contest_pool();
    tally_error err;

    assert_int_equal(tally_cvr_source_read(s, cands, 3, NULL, p, &err), st);
    if (!strstr(err.message, msg))
        fail_msg("'%s' does not say '%s'", err.message, msg);
    if (row >= 0) {
        assert_int_equal(err.line, row);
        assert_int_equal(err.column, col);
    }
    assert_string_equal(err.file, s->path);
    tally_pool_free(p);
}

static void test_rank_columns_from_first_vote_column_papers_from_first_vote_row(void **state)
{
    /* The header row is read past; column B holds a candidate's name as a
    ** precinct and is not a rank; shared strings (rich text runs joined),
    ** inline strings and an alias name the candidates. */
    const char *path = workbook("columns.xlsx", SHEET(
        PAPER(2, SS("C2", 5) SS("D2", 6) IS("E2", "ARCHER"))
        ROW(3, NUM("A3", "3") IS("B3", "Cat Cole") IS("C3", "  Cat Cole ")))
    );
    tally_cvr_source s = ess(path);
    const uint32_t bca[] = { BOB, CAT, ANN }, c[] = { CAT };
    tally_pool *p = read_ok(&s, NULL);

    assert_int_equal(p->total, 2);
    assert_int_equal(weight_of(p, bca, 3), 1);
    assert_int_equal(weight_of(p, c, 1), 1);
    tally_pool_free(p);
    (void)state;
}

static void test_undervote_overvote_and_write_in_labels(void **state)
{
    /* "undervote" is a skipped rank; "UWI" the write-in; "overvote" ends
    ** the paper (exhaustImmediately) or is passed over
    ** (alwaysSkipToNextRank). */
    const char *path = workbook("labels.xlsx", SHEET(
        PAPER(2, IS("C2", "undervote") IS("D2", "UWI") IS("E2", "Bob Baker"))
        PAPER(3, IS("C3", "Cat Cole") IS("D3", "overvote") IS("E3", "Bob Baker")))
    );
    tally_cvr_source s = ess(path);
    tally_irv_options skip = { .overvote = TALLY_OVERVOTE_SKIP };
    const uint32_t ub[] = { UWI, BOB }, c[] = { CAT }, cb[] = { CAT, BOB };
    tally_pool *p = read_ok(&s, NULL);

    assert_int_equal(weight_of(p, ub, 2), 1);
    assert_int_equal(weight_of(p, c, 1), 1);
    assert_int_equal(end_of(p, c, 1), TALLY_END_OVERVOTE);
    assert_int_equal(end_of(p, ub, 2), TALLY_END_MARKS);
    tally_pool_free(p);
    p = read_ok(&s, &skip);
    assert_int_equal(weight_of(p, cb, 2), 1);
    tally_pool_free(p);
    (void)state;
}

static void test_overvote_delimiter_marks_equal_rankings(void **state)
{
    const char *path = workbook("delimiter.xlsx", SHEET(
        PAPER(2, IS("C2", "Cat Cole | Bob Baker") IS("D2", "Ann Archer")))
    );
    tally_cvr_source s = ess(path);
    const uint32_t cba[] = { CAT, BOB | TALLY_BALLOT_EQUAL, ANN };
    tally_pool *p;

    s.overvote_delimiter = "|";
    p = read_ok(&s, NULL);
    assert_int_equal(weight_of(p, cba, 3), 1);
    tally_pool_free(p);
    /* Without a delimiter the cell is one name, and no candidate's. */
    s.overvote_delimiter = NULL;
    refused(&s, TALLY_EINVAL, 2, 3, "cell C2: 'Cat Cole | Bob Baker' is not a name or alias");
    (void)state;
}

static void test_skipped_ranks_absent_or_empty_cells_and_the_limit(void **state)
{
    /* Row 2's rank 2 is absent (no cell), row 3's is an empty string: both
    ** are blank ranks. maxSkippedRanksAllowed 0 ends each paper at Bob
    ** Baker; unlimited passes over the blank. */
    const char *path = workbook("skipped.xlsx", SHEET(
        PAPER(2, IS("C2", "Cat Cole") IS("E2", "Bob Baker"))
        PAPER(3, IS("C3", "Cat Cole") IS("D3", "") IS("E3", "Bob Baker"))
        PAPER(4, IS("D4", "undervote") IS("E4", "Ann Archer")))
    );
    tally_cvr_source s = ess(path);
    tally_irv_options limit0 = { .limit_skipped = 1, .max_skipped = 0 };
    tally_irv_options limit1 = { .limit_skipped = 1, .max_skipped = 1 };
    const uint32_t c[] = { CAT }, cb[] = { CAT, BOB }, a[] = { ANN };
    tally_pool *p = read_ok(&s, &limit0);

    assert_int_equal(weight_of(p, c, 1), 2);
    assert_int_equal(end_of(p, c, 1), TALLY_END_SKIPPED);
    assert_int_equal(weight_of(p, NULL, 0), 1); /* two blanks before Ann Archer */
    tally_pool_free(p);
    p = read_ok(&s, &limit1);
    assert_int_equal(weight_of(p, cb, 2), 2);
    assert_int_equal(weight_of(p, NULL, 0), 1);
    tally_pool_free(p);
    p = read_ok(&s, NULL);
    assert_int_equal(weight_of(p, cb, 2), 2);
    assert_int_equal(weight_of(p, a, 1), 1);
    tally_pool_free(p);
    (void)state;
}

static void test_blank_cells_as_undeclared_write_ins(void **state)
{
    /* treatBlankAsUndeclaredWriteIn: the absent D2 and the trailing absent
    ** E2 are write-ins, the explicit "undervote" in C3 is not. */
    const char *path = workbook("blank-uwi.xlsx", SHEET(
        PAPER(2, IS("C2", "Cat Cole"))
        PAPER(3, IS("C3", "undervote") IS("D3", "Bob Baker") IS("E3", "Ann Archer")))
    );
    tally_cvr_source s = ess(path);
    const uint32_t cuu[] = { CAT, UWI, UWI }, ba[] = { BOB, ANN };
    tally_pool *p;

    s.blank_is_uwi = 1;
    refused(&s, TALLY_EINVAL, 0, 0, "need the number of rank columns");
    s.max_rankings = 3;
    p = read_ok(&s, NULL);
    assert_int_equal(weight_of(p, cuu, 3), 1);
    assert_int_equal(weight_of(p, ba, 2), 1);
    tally_pool_free(p);
    (void)state;
}

static void test_max_rankings_reads_that_many_rank_columns(void **state)
{
    /* maxRankingsAllowed 2: column E is not a rank (even an unknown name). */
    const char *path = workbook("max-rankings.xlsx", SHEET(
        PAPER(2, IS("C2", "Cat Cole") IS("D2", "Bob Baker") IS("E2", "Nobody")))
    );
    tally_cvr_source s = ess(path);
    const uint32_t cb[] = { CAT, BOB };
    tally_pool *p;

    s.max_rankings = 2;
    p = read_ok(&s, NULL);
    assert_int_equal(weight_of(p, cb, 2), 1);
    assert_int_equal(p->total, 1);
    tally_pool_free(p);
    s.max_rankings = 0;
    refused(&s, TALLY_EINVAL, 2, 5, "cell E2: 'Nobody' is not a name or alias");
    (void)state;
}

static void test_bad_marks_are_refused_at_their_cell(void **state)
{
    tally_cvr_source s;

    s = ess(workbook("twice.xlsx", SHEET(PAPER(2, IS("C2", "Cat Cole|Cat Cole")))));
    s.overvote_delimiter = "|";
    refused(&s, TALLY_EINVAL, 2, 3, "cell C2: 'Cat Cole' is named twice in one rank");
    s = ess(workbook("blank-part.xlsx", SHEET(PAPER(2, IS("C2", "Cat Cole|undervote")))));
    s.overvote_delimiter = "|";
    refused(&s, TALLY_EINVAL, 2, 3, "has a blank or skipped one");
    s = ess(workbook("trailing.xlsx", SHEET(PAPER(2, IS("C2", "Cat Cole|")))));
    s.overvote_delimiter = "|";
    refused(&s, TALLY_EINVAL, 2, 3, "has a blank or skipped one");
    /* Row 3 has no ID in the ID column A. */
    s = ess(workbook("no-id.xlsx", SHEET(PAPER(2, IS("C2", "Cat Cole"))
                                         ROW(3, IS("C3", "Bob Baker")))));
    refused(&s, TALLY_EINVAL, 3, 1, "cell A3: no cast vote record ID");
    s = ess(workbook("sst.xlsx", SHEET(PAPER(2, SS("C2", 99)))));
    refused(&s, TALLY_EINVAL, 2, 3, "cell C2: shared string '99' is not one of the 7");
    s = ess(workbook("ref.xlsx", SHEET(ROW(2, IS("C3", "Cat Cole")))));
    refused(&s, TALLY_EINVAL, 2, 3, "a cell of row 3 inside row 2");
    s = ess(workbook("order.xlsx", SHEET(PAPER(2, IS("D2", "Cat Cole") IS("C2", "Bob Baker")))));
    refused(&s, TALLY_EINVAL, 2, 3, "cells must be in order");
    s.first_vote_column = 0;
    refused(&s, TALLY_EINVAL, 0, 0, "needs its first vote column");
    (void)state;
}

/* Run a read with stderr sent to a file, and return how many bytes were
** written to it: libxml2 must report through tally's error, not print. */
static long stderr_bytes_of(const tally_cvr_source *s, int row, int col, const char *msg)
{
    char out[4200];
    FILE *f;
    int saved = dup(2);
    long n;

    snprintf(out, sizeof out, "%s/stderr.txt", dir);
    assert_non_null(f = fopen(out, "w+"));
    fflush(stderr);
    dup2(fileno(f), 2);
    refused(s, TALLY_EINVAL, row, col, msg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fclose(f);
    return n;
}

static void test_files_that_are_not_workbooks(void **state)
{
    static const char *const one[] = { "xl/workbook.xml" };
    static const char *const two[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels" };
    const char *nosheet[] = { "<workbook><sheets/></workbook>", RELS };
    const char *bare[] = { WORKBOOK };
    char text[4200], missing[4200];
    tally_cvr_source s;
    FILE *f;

    snprintf(text, sizeof text, "%s/text.xlsx", dir);
    assert_non_null(f = fopen(text, "w"));
    fputs("Cast Vote Record,Choice 1\n1,Cat Cole\n", f);
    fclose(f);
    s = ess(text);
    refused(&s, TALLY_EINVAL, 0, 0, "not an xlsx workbook");
    snprintf(missing, sizeof missing, "%s/missing.xlsx", dir);
    s = ess(missing);
    refused(&s, TALLY_EIO, 0, 0, "cannot open");
    s = ess(write_zip("no-sheet.xlsx", 2, two, nosheet));
    refused(&s, TALLY_EINVAL, 0, 0, "the workbook has no worksheet");
    s = ess(write_zip("no-rels.xlsx", 1, one, bare));
    refused(&s, TALLY_EINVAL, 0, 0, "no xl/_rels/workbook.xml.rels");
    /* Malformed XML: told by the part, its line and column (the sheet is
    ** one line, as Excel writes it), and nothing on stderr. */
    s = ess(workbook("malformed.xlsx", SHEET(PAPER(2, "<c r=\"C2\" t=\"inlineStr\"><is><t>Cat"
                                                      "</x></is></c>"))));
    {
        tally_pool *p = contest_pool();
        tally_error err;
        assert_int_equal(tally_cvr_source_read(&s, cands, 3, NULL, p, &err), TALLY_EINVAL);
        assert_non_null(strstr(err.message, "xl/worksheets/sheet1.xml, line 1, column "));
        assert_non_null(strstr(err.message, "tag mismatch"));
        tally_pool_free(p);
    }
    assert_int_equal(stderr_bytes_of(&s, 0, 0, "tag mismatch"), 0);
    (void)state;
}

static void test_corrupt_archive(void **state)
{
    /* A good workbook with bytes of its compressed sheet changed: the
    ** archive opens, the worksheet's data does not check out. */
    const char *path = workbook("corrupt.xlsx", SHEET(
        PAPER(2, IS("C2", "Cat Cole") IS("D2", "Bob Baker") IS("E2", "Ann Archer"))
        PAPER(3, IS("C3", "Bob Baker") IS("D3", "Cat Cole") IS("E3", "Ann Archer")))
    );
    unsigned char *buf;
    long n, at = -1, data, size;
    FILE *f;
    tally_cvr_source s = ess(path);

    assert_non_null(f = fopen(path, "r+b"));
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    assert_non_null(buf = malloc((size_t)n));
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    /* The sheet's local file header (PK\3\4, then its name at 30): its
    ** compressed size at 18, extra field length at 28; the data follows. */
    for (long i = 0; i + 54 <= n && at < 0; i++)
        if (memcmp(buf + i, "PK\3\4", 4) == 0 &&
            memcmp(buf + i + 30, "xl/worksheets/sheet1.xml", 24) == 0)
            at = i;
    assert_true(at >= 0);
    size = buf[at + 18] | buf[at + 19] << 8 | (long)buf[at + 20] << 16;
    data = at + 30 + 24 + (buf[at + 28] | buf[at + 29] << 8);
    assert_true(size > 16 && data + size <= n);
    for (long i = data + size / 2 - 4; i < data + size / 2 + 4; i++)
        buf[i] ^= 0x5a;
    fseek(f, 0, SEEK_SET);
    assert_int_equal(fwrite(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    free(buf);
    refused(&s, TALLY_EINVAL, -1, 0, "xl/worksheets/sheet1.xml");
    (void)state;
}

static void test_a_cell_longer_than_the_limit(void **state)
{
    /* 1 MiB of text in one cell: refused, not held (a crafted archive
    ** inflates to as much as it likes). */
    static const char head[] = SHEET("<row r=\"2\"><c r=\"A2\"><v>1</v></c>"
                                     "<c r=\"C2\" t=\"inlineStr\"><is><t>");
    static const char tail[] = "</t></is></c></row></sheetData></worksheet>";
    size_t big = (1u << 20) + 1, h = strlen(head) - strlen("</sheetData></worksheet>");
    char *sheet = malloc(h + big + sizeof tail);
    tally_cvr_source s;

    assert_non_null(sheet);
    memcpy(sheet, head, h);
    memset(sheet + h, 'x', big);
    memcpy(sheet + h + big, tail, sizeof tail);
    s = ess(workbook("long.xlsx", sheet));
    refused(&s, TALLY_EINVAL, 0, 0, "a cell's text is longer than 1048576 bytes");
    free(sheet);
    (void)state;
}

/* Every run either succeeds or returns TALLY_ENOMEM, leaking nothing (the
** ASan build checks the leaks). */
static void test_allocation_failure_at_every_step(void **state)
{
    const char *path = workbook("alloc.xlsx", SHEET(
        PAPER(2, SS("C2", 5) IS("D2", "Cat Cole|Ann Archer") IS("E2", "UWI"))
        PAPER(3, IS("C3", "overvote") IS("E3", "Bob Baker"))
        PAPER(4, SS("C4", 6)))
    );
    tally_cvr_source s = ess(path);
    int succeeded = 0;

    s.overvote_delimiter = "|";
    s.max_rankings = 3;
    s.blank_is_uwi = 1;
    for (long n = 0; n < 100000 && !succeeded; n++) {
        tally_pool *p = contest_pool();
        tally_error err;
        tally_status st;
        tally_alloc_fail_after(n);
        st = tally_cvr_source_read(&s, cands, 3, NULL, p, &err);
        tally_alloc_fail_after(-1);
        if (st == TALLY_OK) {
            succeeded = 1;
            assert_int_equal(p->total, 3);
        } else {
            assert_int_equal(st, TALLY_ENOMEM);
        }
        tally_pool_free(p);
    }
    assert_true(succeeded);
    (void)state;
}

static int setup(void **state)
{
    const char *t = getenv("TMPDIR");
    (void)state;
    snprintf(dir, sizeof dir, "%s/tally-ess-XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[4200];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rank_columns_from_first_vote_column_papers_from_first_vote_row),
        cmocka_unit_test(test_undervote_overvote_and_write_in_labels),
        cmocka_unit_test(test_overvote_delimiter_marks_equal_rankings),
        cmocka_unit_test(test_skipped_ranks_absent_or_empty_cells_and_the_limit),
        cmocka_unit_test(test_blank_cells_as_undeclared_write_ins),
        cmocka_unit_test(test_max_rankings_reads_that_many_rank_columns),
        cmocka_unit_test(test_bad_marks_are_refused_at_their_cell),
        cmocka_unit_test(test_files_that_are_not_workbooks),
        cmocka_unit_test(test_corrupt_archive),
        cmocka_unit_test(test_a_cell_longer_than_the_limit),
        cmocka_unit_test(test_allocation_failure_at_every_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
