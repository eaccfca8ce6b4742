/*
** The entry of the PDF drawing module, tally-pdf.so (pdf_draw.c), as
** pdf.c finds it by name with dlsym. Internal to report/.
*/
#ifndef TALLY_REPORT_PDF_DRAW_H
#define TALLY_REPORT_PDF_DRAW_H

#include <stdio.h>

#include "notice.h"
#include "tally/status.h"

#define TALLY_PDF_DRAW "tally_pdf_draw"

/* Draw notice n on A4 pages to out, with the document's title and creation
** date (NULL or "": none). TALLY_EIO when drawing or writing fails. */
typedef tally_status tally_pdf_draw_fn(const tally_notice *n, const char *title,
                                       const char *created, FILE *out);
tally_pdf_draw_fn tally_pdf_draw;

#endif
