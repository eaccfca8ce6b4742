/*
** The declaration of result notice drawn as PDF with cairo and pango: the
** module tally-pdf.so, loaded by pdf.c when a PDF is asked for (io/module.h), so that
** no other command loads cairo, pango and the forty libraries they bring
** (tally starts in a third of the time without them). Its one entry,
** tally_pdf_draw (pdf_draw.h), takes notice.c's items and calls nothing
** of libtally.
**
** The content is notice.c's, item for item, in the layout of the
** Electoral Commission's declaration of result form: the election and
** area, the title, the returning officer's statement, a table of
** candidates (name, description, votes, elected), the statement of
** rejected ballot papers with each head and its number, the declaration
** of the person elected, then the electorate and turnout. A4, 20 mm
** margins, DejaVu Sans (fonts-dejavu-core; fontconfig substitutes another
** face when it is missing, which changes the bytes but not the text).
**
** Repeatable: the same result and creation date give the same bytes. cairo
** stamps a PDF with the wall clock unless told otherwise, so the creation
** date is always set: to the caller's, or to none. cairo 1.16 writes the
** date without its "D:" prefix; readers (poppler) accept it.
**
** Limits: pango and glib abort the process when memory runs out rather
** than failing a call; a name longer than a cell wraps within it.
*/
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "notice.h"
#include "pdf_draw.h"

#define PAGE_W 595.276 /* A4, points */
#define PAGE_H 841.890
#define MARGIN 56.693  /* 20 mm */
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define PAD 3.0        /* inside a table cell */
#define FONT "DejaVu Sans"

typedef struct pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoFontMap *fonts;   /* private to this document: no process-wide state */
    PangoContext *ctx;
    double y;              /* top of the next thing drawn */
    const tally_notice_item *columns; /* the table's headings, drawn again at
                                         the top of a page the table runs onto */
} pdf;

static void candidates_row(pdf *p, const tally_notice_item *it);

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, (FILE *)closure) == len ? CAIRO_STATUS_SUCCESS
                                                        : CAIRO_STATUS_WRITE_ERROR;
}

/* A laid-out piece of text: size in points, width in points (0: one line,
** unwrapped), bold or not, aligned. The caller unrefs it. */
static PangoLayout *text(pdf *p, const char *s, double size, int bold, double width,
                         PangoAlignment align)
{
    PangoLayout *l = pango_layout_new(p->ctx);
    PangoFontDescription *fd = pango_font_description_new();

    pango_font_description_set_family(fd, FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, s, -1);
    return l;
}

static double height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Start a new page when h points do not fit on this one. */
static void room(pdf *p, double h)
{
    if (p->y + h > PAGE_H - MARGIN && p->y > MARGIN) {
        cairo_show_page(p->cr);
        p->y = MARGIN;
        if (p->columns) {
            const tally_notice_item *c = p->columns;
            p->columns = NULL; /* not again while drawing them */
            candidates_row(p, c);
            p->columns = c;
        }
    }
}

static void show(pdf *p, PangoLayout *l, double x, double y)
{
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
}

/* A block of text across the page, then space below it. */
static void block(pdf *p, const char *s, double size, int bold, PangoAlignment align,
                  double below)
{
    PangoLayout *l = text(p, s, size, bold, CONTENT_W, align);
    double h = height(l);
    room(p, h);
    show(p, l, MARGIN, p->y);
    p->y += h + below;
    g_object_unref(l);
}

/* "Cymraeg\nEnglish" when there is Welsh, else the English. */
static const char *both(const char *cy, const char *en, char *buf, size_t n)
{
    if (!cy || !*cy)
        return en;
    snprintf(buf, n, "%s\n%s", cy, en);
    return buf;
}

/* One row of a table: n cells of the given widths (fractions of the
** content width), the cells of the columns in mask `right` (numbers)
** right-aligned; shaded for a heading row. */
static void table_row(pdf *p, const char *const *cells, const double *widths, size_t n,
                      unsigned right, int bold, int shaded)
{
    PangoLayout *l[TALLY_NOTICE_CELLS];
    double h = 0, x = MARGIN;

    for (size_t i = 0; i < n; i++) {
        double w = widths[i] * CONTENT_W - 2 * PAD;
        l[i] = text(p, cells[i], 9, bold, w, (right >> i & 1u) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        if (height(l[i]) > h)
            h = height(l[i]);
    }
    h += 2 * PAD;
    room(p, h);
    for (size_t i = 0; i < n; i++) {
        double w = widths[i] * CONTENT_W;
        cairo_rectangle(p->cr, x, p->y, w, h);
        if (shaded) {
            cairo_set_source_rgb(p->cr, 0.88, 0.88, 0.88);
            cairo_fill_preserve(p->cr);
        }
        cairo_set_source_rgb(p->cr, 0, 0, 0);
        cairo_set_line_width(p->cr, 0.5);
        cairo_stroke(p->cr);
        show(p, l[i], x + PAD, p->y + PAD);
        g_object_unref(l[i]);
        x += w;
    }
    p->y += h;
}

static const double cand_w[] = { 0.34, 0.38, 0.14, 0.14 };
static const double head_w[] = { 0.84, 0.16 };
/* The statement of rejected papers: the head, its papers, those objected to. */
static const double objected_w[] = { 0.62, 0.14, 0.24 };

/* A row of the candidates table, its headings shaded. */
static void candidates_row(pdf *p, const tally_notice_item *it)
{
    char b[TALLY_NOTICE_CELLS][1024];
    const char *cells[TALLY_NOTICE_CELLS];
    for (int i = 0; i < TALLY_NOTICE_CELLS; i++)
        cells[i] = both(it->cy[i], it->en[i], b[i], sizeof b[i]);
    table_row(p, cells, cand_w, 4, 1u << 2, it->kind == TALLY_NOTICE_COLUMNS,
              it->kind == TALLY_NOTICE_COLUMNS);
}

static void item(pdf *p, const tally_notice_item *it, const tally_notice_item *next)
{
    char b0[1024];
    int ends_table = !next || next->kind != it->kind;

    switch (it->kind) {
    case TALLY_NOTICE_LINE:
        block(p, it->en[0], 12, 1, PANGO_ALIGN_CENTER,
              next && next->kind == TALLY_NOTICE_LINE ? 2 : 14);
        break;
    case TALLY_NOTICE_TITLE:
        block(p, both(it->cy[0], it->en[0], b0, sizeof b0), 15, 1, PANGO_ALIGN_CENTER, 14);
        break;
    case TALLY_NOTICE_PARA:
        block(p, both(it->cy[0], it->en[0], b0, sizeof b0), 10, 0, PANGO_ALIGN_LEFT, 12);
        break;
    case TALLY_NOTICE_REJECTED:
        block(p, both(it->cy[0], it->en[0], b0, sizeof b0), 10, 1, PANGO_ALIGN_LEFT, 6);
        break;
    case TALLY_NOTICE_COLUMNS:
    case TALLY_NOTICE_CANDIDATE:
        candidates_row(p, it);
        if (it->kind == TALLY_NOTICE_COLUMNS)
            p->columns = it;
        if (it->kind == TALLY_NOTICE_CANDIDATE && ends_table) {
            p->columns = NULL;
            p->y += 14;
        }
        break;
    case TALLY_NOTICE_HEAD:
    case TALLY_NOTICE_TOTAL: {
        char label[2048];
        const char *cells[3];
        if (it->kind == TALLY_NOTICE_HEAD && it->cy[0])
            snprintf(label, sizeof label, "%s %s\n%s %s", it->mark, it->cy[0], it->mark,
                     it->en[0]);
        else if (it->kind == TALLY_NOTICE_HEAD)
            snprintf(label, sizeof label, "%s %s", it->mark, it->en[0]);
        else
            snprintf(label, sizeof label, "%s", both(it->cy[0], it->en[0], b0, sizeof b0));
        cells[0] = label;
        cells[1] = it->en[2];
        cells[2] = it->en[3];
        if (it->en[3][0])
            table_row(p, cells, objected_w, 3, 3u << 1, it->kind == TALLY_NOTICE_TOTAL, 0);
        else
            table_row(p, cells, head_w, 2, 1u << 1, it->kind == TALLY_NOTICE_TOTAL, 0);
        if (it->kind == TALLY_NOTICE_TOTAL)
            p->y += 14;
        break;
    }
    case TALLY_NOTICE_HEADS: {
        const char *cells[3] = { it->en[0], it->en[2], it->en[3] };
        table_row(p, cells, objected_w, 3, 3u << 1, 1, 1);
        break;
    }
    case TALLY_NOTICE_FIGURE: {
        PangoLayout *l = text(p, it->en[0], 10, 0, 0, PANGO_ALIGN_LEFT);
        PangoLayout *v = text(p, it->en[2], 10, 0, 0, PANGO_ALIGN_LEFT);
        int w, h;
        room(p, height(l));
        show(p, l, MARGIN, p->y);
        pango_layout_get_size(v, &w, &h);
        show(p, v, MARGIN + 0.3 * CONTENT_W - (double)w / PANGO_SCALE, p->y);
        p->y += height(l) + 2;
        g_object_unref(l);
        g_object_unref(v);
        break;
    }
    }
}

tally_status tally_pdf_draw(const tally_notice *n, const char *title, const char *created,
                            FILE *out)
{
    tally_status s;
    pdf p;

    memset(&p, 0, sizeof p);
    p.surface = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
    /* "" leaves the date out; without this call cairo writes the clock's. */
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   created ? created : "");
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "tally");
    p.cr = cairo_create(p.surface);
    p.fonts = pango_cairo_font_map_new();
    p.ctx = pango_font_map_create_context(p.fonts);
    pango_cairo_update_context(p.cr, p.ctx);
    p.y = MARGIN;
    for (size_t i = 0; i < n->n_items; i++)
        item(&p, &n->items[i], i + 1 < n->n_items ? &n->items[i + 1] : NULL);
    cairo_show_page(p.cr);
    cairo_destroy(p.cr);
    cairo_surface_finish(p.surface);
    s = cairo_surface_status(p.surface) == CAIRO_STATUS_SUCCESS && !ferror(out) ? TALLY_OK
                                                                                 : TALLY_EIO;
    cairo_surface_destroy(p.surface);
    g_object_unref(p.ctx);
    g_object_unref(p.fonts);
    return s;
}
