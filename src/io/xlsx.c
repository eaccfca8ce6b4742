/*
** The first worksheet of an .xlsx workbook, row by row (xlsx.h):
** ECMA-376 Part 1, SpreadsheetML, read with libzip and libxml2's
** streaming xmlTextReader.
*/
#include "xlsx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "tally/alloc.h"
#include "tally/io.h"

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAX_ROW 1048576
#define MAX_COL 16384
/* A cell or shared string's text: Excel holds at most 32,767 characters;
** this leaves room for any encoding of them and bounds what a crafted
** archive can make tally hold for one cell. */
#define MAX_TEXT (1u << 20)

typedef struct xlsx {
    const char *path;
    tally_error *err;
    zip_t *zip;

    /* The part being read, and what went wrong in it. */
    const char *part;
    zip_file_t *zf;
    xmlTextReaderPtr rd;
    int zip_failed;            /* the part's data is corrupt */
    int xml_failed, xml_nomem; /* libxml2 reported an error */
    int xml_line, xml_col;
    char xml_msg[200];

    /* Shared strings: NUL-terminated, one after another. */
    char *sst;
    size_t sst_len, sst_cap;
    size_t *sst_off;
    size_t n_sst, cap_sst;

    /* Text being gathered (a <v>, or the <t> runs of an <si> or <is>). */
    char *text;
    size_t text_len, text_cap;

    /* The current row's cells: texts in cell_text, each NUL-terminated. */
    char *cell_text;
    size_t cell_len, cell_cap;
    struct {
        int col;
        size_t off;
    } *cells;
    size_t n_cells, cap_cells;
    xlsx_cell *view;
    size_t cap_view;
} xlsx;

static tally_status nomem(xlsx *X)
{
    return tally_error_set(X->err, TALLY_ENOMEM, X->path, 0, 0, "out of memory");
}

static tally_status bad(xlsx *X, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static tally_status bad(xlsx *X, const char *fmt, ...)
{
    char msg[TALLY_ERROR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return tally_error_set(X->err, TALLY_EINVAL, X->path, 0, 0, "%s", msg);
}

/* A fault at a cell: err's line and column are its row and column. */
#define bad_cell(X, row, col, ...) xlsx_cell_fault((X)->err, (X)->path, row, col, __VA_ARGS__)

/* libxml2's report of a fault in the part: kept (the first) for the one
** line tally prints, never written to stderr. */
static void on_xml_error(void *arg, xmlErrorPtr e)
{
    xlsx *X = arg;
    size_t n;

    if (e->code == XML_ERR_NO_MEMORY)
        X->xml_nomem = 1;
    if (X->xml_failed || e->level < XML_ERR_ERROR)
        return;
    X->xml_failed = 1;
    X->xml_line = e->line;
    X->xml_col = e->int2;
    snprintf(X->xml_msg, sizeof X->xml_msg, "%s", e->message ? e->message : "malformed XML");
    n = strlen(X->xml_msg);
    while (n > 0 && (X->xml_msg[n - 1] == '\n' || X->xml_msg[n - 1] == ' '))
        X->xml_msg[--n] = '\0';
}

static int zread(void *ctx, char *buf, int len)
{
    xlsx *X = ctx;
    zip_int64_t got = zip_fread(X->zf, buf, (zip_uint64_t)len);

    if (got < 0) {
        X->zip_failed = 1;
        return -1;
    }
    return (int)got;
}

static void close_part(xlsx *X)
{
    if (X->rd)
        xmlFreeTextReader(X->rd);
    if (X->zf)
        zip_fclose(X->zf);
    X->rd = NULL;
    X->zf = NULL;
}

/* Open the part `name` for streaming; TALLY_ENOTFOUND (err untouched) when
** the archive has no such part. */
static tally_status open_part(xlsx *X, const char *name)
{
    X->part = name;
    X->zip_failed = X->xml_failed = X->xml_nomem = 0;
    if (!(X->zf = zip_fopen(X->zip, name, 0))) {
        zip_error_t *ze = zip_get_error(X->zip);
        if (zip_error_code_zip(ze) == ZIP_ER_MEMORY)
            return nomem(X);
        if (zip_error_code_zip(ze) == ZIP_ER_NOENT)
            return TALLY_ENOTFOUND;
        return bad(X, "%s: %s", name, zip_error_strerror(ze));
    }
    /* No network, no entity expansion, no DTD loading: a workbook needs
    ** none of them. */
    X->rd = xmlReaderForIO(zread, NULL, X, name, NULL, XML_PARSE_NONET);
    if (!X->rd) {
        close_part(X);
        return nomem(X);
    }
    xmlTextReaderSetStructuredErrorHandler(X->rd, on_xml_error, X);
    return TALLY_OK;
}

/* The next node of the part: 1, or 0 at its end, or a status (as a
** negative) for a fault, with err set. */
static int next_node(xlsx *X, tally_status *st)
{
    int r = xmlTextReaderRead(X->rd);

    if (r >= 0 && !X->xml_failed && !X->zip_failed)
        return r;
    if (X->xml_nomem)
        *st = nomem(X);
    else if (X->zip_failed)
        *st = bad(X, "%s: %s", X->part, zip_file_strerror(X->zf));
    else if (X->xml_failed)
        *st = bad(X, "%s, line %d, column %d: %s", X->part, X->xml_line, X->xml_col,
                  X->xml_msg);
    else
        *st = bad(X, "%s: malformed XML", X->part);
    return -1;
}

static int is(xmlTextReaderPtr rd, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(rd);
    return n && strcmp((const char *)n, local) == 0;
}

/* An attribute's value copied into buf (empty when absent); 0 when it does
** not fit. ns NULL: no namespace. */
static int attr(xlsx *X, const char *name, const char *ns, char *buf, size_t n)
{
    xmlChar *v = ns ? xmlTextReaderGetAttributeNs(X->rd, (const xmlChar *)name,
                                                  (const xmlChar *)ns)
                    : xmlTextReaderGetAttribute(X->rd, (const xmlChar *)name);
    size_t len;

    buf[0] = '\0';
    if (!v)
        return 1;
    len = strlen((const char *)v);
    if (len < n)
        memcpy(buf, v, len + 1);
    xmlFree(v);
    return len < n;
}

static int is_text(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static tally_status add_text(xlsx *X)
{
    const char *v = (const char *)xmlTextReaderConstValue(X->rd);
    size_t n = v ? strlen(v) : 0;

    if (X->text_len + n > MAX_TEXT)
        return bad(X, "%s: a cell's text is longer than %u bytes", X->part, MAX_TEXT);
    if (X->text_cap - X->text_len < n + 1) {
        size_t want = X->text_cap ? X->text_cap : 64;
        char *p;
        while (want - X->text_len < n + 1)
            want *= 2;
        if (!(p = tally_realloc(X->text, want)))
            return nomem(X);
        X->text = p;
        X->text_cap = want;
    }
    memcpy(X->text + X->text_len, v, n);
    X->text_len += n;
    X->text[X->text_len] = '\0';
    return TALLY_OK;
}

/* The text of a <t> run is wanted: inside <t>, outside <rPh>. */
typedef struct runs {
    int in_t, in_rph;
} runs;

static void track_runs(xlsx *X, int type, runs *r)
{
    int empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(X->rd);

    if (type == XML_READER_TYPE_ELEMENT && !empty) {
        if (is(X->rd, "t"))
            r->in_t = 1;
        else if (is(X->rd, "rPh"))
            r->in_rph = 1;
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
        if (is(X->rd, "t"))
            r->in_t = 0;
        else if (is(X->rd, "rPh"))
            r->in_rph = 0;
    }
}

/* The workbook's first sheet's relationship id into rid. */
static tally_status first_sheet(xlsx *X, char *rid, size_t n)
{
    tally_status st = open_part(X, "xl/workbook.xml");
    int r;

    if (st == TALLY_ENOTFOUND)
        return bad(X, "not an xlsx workbook: no xl/workbook.xml in the archive");
    if (st != TALLY_OK)
        return st;
    while ((r = next_node(X, &st)) == 1) {
        if (xmlTextReaderNodeType(X->rd) != XML_READER_TYPE_ELEMENT || !is(X->rd, "sheet"))
            continue;
        if (!attr(X, "id", REL_NS, rid, n) || !rid[0])
            st = bad(X, "xl/workbook.xml: the first sheet has no usable r:id");
        close_part(X);
        return st;
    }
    close_part(X);
    return r < 0 ? st : bad(X, "the workbook has no worksheet");
}

/* A relationship target (relative to xl/, or absolute in the package) as
** the part's name. */
static void part_name(const char *target, char *out, size_t n)
{
    if (target[0] == '/')
        snprintf(out, n, "%s", target + 1);
    else
        snprintf(out, n, "xl/%s", target);
}

/* From the workbook's relationships: the part of sheet rid, and the shared
** strings' part ("" when there is none). */
static tally_status relationships(xlsx *X, const char *rid, char *sheet, char *sst, size_t n)
{
    tally_status st = open_part(X, "xl/_rels/workbook.xml.rels");
    char id[256], target[512], type[512];
    int r;

    sheet[0] = sst[0] = '\0';
    if (st == TALLY_ENOTFOUND)
        return bad(X, "not an xlsx workbook: no xl/_rels/workbook.xml.rels in the archive");
    if (st != TALLY_OK)
        return st;
    while ((r = next_node(X, &st)) == 1) {
        size_t tl;
        if (xmlTextReaderNodeType(X->rd) != XML_READER_TYPE_ELEMENT ||
            !is(X->rd, "Relationship"))
            continue;
        if (!attr(X, "Id", NULL, id, sizeof id) || !attr(X, "Target", NULL, target, sizeof target) ||
            !attr(X, "Type", NULL, type, sizeof type))
            continue; /* too long to be one tally wants */
        tl = strlen(type);
        if (strcmp(id, rid) == 0)
            part_name(target, sheet, n);
        else if (tl >= 14 && strcmp(type + tl - 14, "/sharedStrings") == 0)
            part_name(target, sst, n);
    }
    close_part(X);
    if (r < 0)
        return st;
    if (!sheet[0])
        return bad(X, "the workbook's first sheet (%s) has no part in its relationships", rid);
    return TALLY_OK;
}

static tally_status push_string(xlsx *X)
{
    if (X->sst_len + X->text_len + 1 > TALLY_IO_MAX_FILE)
        return bad(X, "the shared strings exceed %u bytes", TALLY_IO_MAX_FILE);
    if (!tally_grow(&X->sst_off, &X->cap_sst, X->n_sst, sizeof *X->sst_off))
        return nomem(X);
    while (X->sst_cap - X->sst_len < X->text_len + 1)
        if (!tally_grow(&X->sst, &X->sst_cap, X->sst_cap, 1))
            return nomem(X);
    memcpy(X->sst + X->sst_len, X->text ? X->text : "", X->text_len);
    X->sst_off[X->n_sst++] = X->sst_len;
    X->sst_len += X->text_len;
    X->sst[X->sst_len++] = '\0';
    X->text_len = 0;
    return TALLY_OK;
}

static tally_status shared_strings(xlsx *X, const char *name)
{
    tally_status st = open_part(X, name);
    runs rs = { 0, 0 };
    int r, in_si = 0;

    if (st == TALLY_ENOTFOUND)
        return bad(X, "the shared strings part %s is not in the archive", name);
    if (st != TALLY_OK)
        return st;
    while ((r = next_node(X, &st)) == 1) {
        int type = xmlTextReaderNodeType(X->rd);
        if (type == XML_READER_TYPE_ELEMENT && is(X->rd, "si")) {
            X->text_len = 0;
            rs.in_t = rs.in_rph = 0;
            if (xmlTextReaderIsEmptyElement(X->rd)) {
                if ((st = push_string(X)) != TALLY_OK)
                    break;
            } else {
                in_si = 1;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT && is(X->rd, "si")) {
            in_si = 0;
            if ((st = push_string(X)) != TALLY_OK)
                break;
        } else if (in_si) {
            track_runs(X, type, &rs);
            if (is_text(type) && rs.in_t && !rs.in_rph && (st = add_text(X)) != TALLY_OK)
                break;
        }
    }
    close_part(X);
    return st;
}

/* "B7" into row 7, column 2; 0 when it is not a cell reference. */
static int parse_ref(const char *s, int *row, int *col)
{
    long c = 0, r = 0;
    const char *p = s;

    for (; *p >= 'A' && *p <= 'Z'; p++)
        if ((c = c * 26 + (*p - 'A' + 1)) > MAX_COL)
            return 0;
    if (p == s || *p < '1' || *p > '9')
        return 0;
    for (; *p >= '0' && *p <= '9'; p++)
        if ((r = r * 10 + (*p - '0')) > MAX_ROW)
            return 0;
    if (*p)
        return 0;
    *row = (int)r;
    *col = (int)c;
    return 1;
}

/* The state of the worksheet's stream. */
typedef struct sheet {
    int row;             /* the current row's number; 0 before the first */
    int in_row;
    int col, type;       /* the current cell; type: 's', 'i'nline, 'b', or 'v' */
    int in_cell, in_v, in_is, has_value;
    runs rs;
} sheet;

static tally_status begin_row(xlsx *X, sheet *S)
{
    char r[32];
    long n;
    char *end;

    if (!attr(X, "r", NULL, r, sizeof r))
        return bad_cell(X, S->row + 1, 1, "the row number is not a number from 1 to %d",
                        MAX_ROW);
    n = r[0] ? strtol(r, &end, 10) : S->row + 1;
    if (r[0] && (*end || n < 1 || n > MAX_ROW))
        return bad(X, "a row numbered '%s' after row %d: rows are numbered 1 to %d", r, S->row,
                   MAX_ROW);
    if (n <= S->row)
        return bad_cell(X, (int)n, 1, "row %ld comes after row %d: rows must be in order", n,
                        S->row);
    S->row = (int)n;
    S->col = 0;
    X->n_cells = 0;
    X->cell_len = 0;
    return TALLY_OK;
}

static tally_status begin_cell(xlsx *X, sheet *S)
{
    char ref[32], t[32];
    int row = S->row, col = S->col + 1;

    if (!attr(X, "r", NULL, ref, sizeof ref) || (ref[0] && !parse_ref(ref, &row, &col)))
        return bad_cell(X, S->row, S->col + 1, "'%.20s' is not a cell reference", ref);
    if (row != S->row)
        return bad_cell(X, S->row, col, "a cell of row %d inside row %d", row, S->row);
    if (col <= S->col)
        return bad_cell(X, row, col, "the cell comes after column %d: cells must be in order",
                        S->col);
    if (!attr(X, "t", NULL, t, sizeof t))
        t[0] = '?';
    S->col = col;
    S->type = strcmp(t, "s") == 0           ? 's'
              : strcmp(t, "inlineStr") == 0 ? 'i'
              : strcmp(t, "b") == 0         ? 'b'
                                            : 'v';
    S->has_value = 0;
    X->text_len = 0;
    if (X->text)
        X->text[0] = '\0';
    return TALLY_OK;
}

/* The cell's text, once its element ends. */
static tally_status end_cell(xlsx *X, sheet *S)
{
    const char *v = X->text ? X->text : "";
    size_t n;

    if (!S->has_value)
        return TALLY_OK; /* no value: not passed on */
    if (S->type == 's') {
        char *end;
        unsigned long k = strtoul(v, &end, 10);
        if (!*v || *end || v[0] == '-' || k >= X->n_sst)
            return bad_cell(X, S->row, S->col, "shared string '%.20s' is not one of the %zu "
                            "the workbook has", v, X->n_sst);
        v = X->sst + X->sst_off[k];
    } else if (S->type == 'b') {
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
            return bad_cell(X, S->row, S->col, "a boolean cell holds '%.20s', not 0 or 1", v);
        v = v[0] == '1' ? "TRUE" : "FALSE";
    }
    n = strlen(v);
    while (X->cell_cap - X->cell_len < n + 1)
        if (!tally_grow(&X->cell_text, &X->cell_cap, X->cell_cap, 1))
            return nomem(X);
    if (!tally_grow(&X->cells, &X->cap_cells, X->n_cells, sizeof *X->cells))
        return nomem(X);
    X->cells[X->n_cells].col = S->col;
    X->cells[X->n_cells++].off = X->cell_len;
    memcpy(X->cell_text + X->cell_len, v, n + 1);
    X->cell_len += n + 1;
    return TALLY_OK;
}

static tally_status end_row(xlsx *X, sheet *S, xlsx_row_fn on_row, void *ctx)
{
    if (X->cap_view < X->n_cells) {
        xlsx_cell *v = tally_realloc(X->view, X->n_cells * sizeof *v);
        if (!v)
            return nomem(X);
        X->view = v;
        X->cap_view = X->n_cells;
    }
    for (size_t i = 0; i < X->n_cells; i++) {
        X->view[i].col = X->cells[i].col;
        X->view[i].text = X->cell_text + X->cells[i].off;
    }
    return on_row(ctx, S->row, X->view, X->n_cells);
}

/* One node of the worksheet. */
static tally_status sheet_node(xlsx *X, sheet *S, xlsx_row_fn on_row, void *ctx)
{
    int type = xmlTextReaderNodeType(X->rd);
    int empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(X->rd);
    tally_status st;

    if (type == XML_READER_TYPE_ELEMENT && is(X->rd, "row") && !S->in_row) {
        if ((st = begin_row(X, S)) != TALLY_OK)
            return st;
        if (empty)
            return end_row(X, S, on_row, ctx);
        S->in_row = 1;
    } else if (type == XML_READER_TYPE_END_ELEMENT && is(X->rd, "row") && S->in_row) {
        S->in_row = 0;
        return end_row(X, S, on_row, ctx);
    } else if (!S->in_row) {
        return TALLY_OK;
    } else if (type == XML_READER_TYPE_ELEMENT && is(X->rd, "c") && !S->in_cell) {
        if ((st = begin_cell(X, S)) != TALLY_OK || empty)
            return st;
        S->in_cell = 1;
        S->in_v = S->in_is = 0;
        S->rs.in_t = S->rs.in_rph = 0;
    } else if (type == XML_READER_TYPE_END_ELEMENT && is(X->rd, "c") && S->in_cell) {
        S->in_cell = 0;
        return end_cell(X, S);
    } else if (S->in_cell) {
        if (type == XML_READER_TYPE_ELEMENT && is(X->rd, "v") && S->type != 'i') {
            S->has_value = 1;
            S->in_v = !empty;
        } else if (type == XML_READER_TYPE_END_ELEMENT && is(X->rd, "v")) {
            S->in_v = 0;
        } else if (type == XML_READER_TYPE_ELEMENT && is(X->rd, "is") && S->type == 'i') {
            S->has_value = 1;
            S->in_is = !empty;
        } else if (type == XML_READER_TYPE_END_ELEMENT && is(X->rd, "is")) {
            S->in_is = 0;
        } else if (S->in_is) {
            track_runs(X, type, &S->rs);
            if (is_text(type) && S->rs.in_t && !S->rs.in_rph)
                return add_text(X);
        } else if (S->in_v && is_text(type)) {
            return add_text(X);
        }
    }
    return TALLY_OK;
}

static tally_status worksheet(xlsx *X, const char *name, xlsx_row_fn on_row, void *ctx)
{
    tally_status st = open_part(X, name);
    sheet S;
    int r;

    memset(&S, 0, sizeof S);
    if (st == TALLY_ENOTFOUND)
        return bad(X, "the first worksheet's part %s is not in the archive", name);
    if (st != TALLY_OK)
        return st;
    while ((r = next_node(X, &st)) == 1)
        if ((st = sheet_node(X, &S, on_row, ctx)) != TALLY_OK)
            break;
    close_part(X);
    return st;
}

tally_status tally_xlsx_read(const char *path, xlsx_row_fn on_row, void *ctx, tally_error *err)
{
    xlsx X;
    char rid[256], sheet_part[600], sst_part[600];
    int ze = 0;
    tally_status st;

    memset(&X, 0, sizeof X);
    X.path = path;
    X.err = err;
    if (!(X.zip = zip_open(path, ZIP_RDONLY, &ze))) {
        zip_error_t e;
        zip_error_init_with_code(&e, ze);
        st = ze == ZIP_ER_MEMORY ? nomem(&X)
             : ze == ZIP_ER_NOENT || ze == ZIP_ER_OPEN || ze == ZIP_ER_READ
                 ? tally_error_set(err, TALLY_EIO, path, 0, 0, "cannot open: %s",
                                   zip_error_strerror(&e))
                 : bad(&X, "not an xlsx workbook: %s", zip_error_strerror(&e));
        zip_error_fini(&e);
        return st;
    }
    if ((st = first_sheet(&X, rid, sizeof rid)) == TALLY_OK &&
        (st = relationships(&X, rid, sheet_part, sst_part, sizeof sheet_part)) == TALLY_OK &&
        (!sst_part[0] || (st = shared_strings(&X, sst_part)) == TALLY_OK))
        st = worksheet(&X, sheet_part, on_row, ctx);
    close_part(&X);
    zip_discard(X.zip);
    tally_free(X.sst);
    tally_free(X.sst_off);
    tally_free(X.text);
    tally_free(X.cell_text);
    tally_free(X.cells);
    tally_free(X.view);
    return st;
}
