/*
** The declaration of result notice as PDF (tally_report_pdf in
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

tally_status tally_report_pdf(const tally_result *r, const char *created, FILE *out)
{
    tally_pdf_draw_fn *draw;
    tally_notice *n;
    char title[700];
    tally_status s;

    *(void **)&draw = tally_module_symbol("tally-pdf.so", TALLY_PDF_DRAW, NULL);
    if (!draw)
        return TALLY_ENOTFOUND;
    if ((s = tally_notice_build(r, &n)) != TALLY_OK)
        return s;
    snprintf(title, sizeof title, "Declaration of result: %s, %s", r->election->name,
             r->election->area_name);
    s = draw(n, title, created, out);
    tally_notice_free(n);
    return s;
}
