/*
** The declaration of result notice and the statement of rejected ballot
** papers as PDF (tally_report_pdf, tally_report_rejected_pdf in
** include/tally/report.h): notice.c's items, drawn by the module
** tally-pdf.so (pdf_draw.c), which alone links cairo and pango.
**
** The module is loaded on the first PDF asked for (io/module.h). Without
** it, a PDF is TALLY_ENOTFOUND and every other report works as before.
*/
#include <stdio.h>

#include "io/module.h"
#include "notice.h"
#include "pdf_draw.h"
#include "tally/report.h"

static tally_pdf_draw_fn *drawer(void)
{
    tally_pdf_draw_fn *draw;
    *(void **)&draw = tally_module_symbol("tally-pdf.so", TALLY_PDF_DRAW, NULL);
    return draw;
}

/* Draw n (NULL: it could not be built, status s) under "WHAT: election, area". */
static tally_status draw_notice(tally_pdf_draw_fn *draw, tally_notice *n, tally_status s,
                                const char *what, const tally_election *e, const char *created,
                                FILE *out)
{
    char title[700];
    if (s != TALLY_OK)
        return s;
    snprintf(title, sizeof title, "%s: %s, %s", what, e->name, e->area_name);
    s = draw(n, title, created, out);
    tally_notice_free(n);
    return s;
}

tally_status tally_report_pdf(const tally_result *r, const char *created, FILE *out)
{
    tally_pdf_draw_fn *draw = drawer();
    tally_notice *n = NULL;
    if (!draw)
        return TALLY_ENOTFOUND;
    return draw_notice(draw, n, tally_notice_build(r, &n), "Declaration of result", r->election,
                       created, out);
}

tally_status tally_report_rejected_pdf(const tally_election *e, const int64_t *papers,
                                       const int64_t *objected, const char *created, FILE *out)
{
    tally_pdf_draw_fn *draw = drawer();
    tally_notice *n = NULL;
    if (!draw)
        return TALLY_ENOTFOUND;
    return draw_notice(draw, n, tally_notice_build_rejected(e, papers, objected, &n),
                       "Statement of rejected ballot papers", e, created, out);
}
