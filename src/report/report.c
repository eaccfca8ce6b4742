/*
** Renderer dispatch (tally_report_write in include/tally/report.h).
*/
#include <string.h>

#include "tally/report.h"

static const char *const names[] = { "text", "json", "csv", "html", "pdf" };

tally_status tally_report_format_parse(const char *name, tally_report_format *out)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(names[i], name) == 0) {
            *out = (tally_report_format)i;
            return TALLY_OK;
        }
    }
    return TALLY_ENOTFOUND;
}

tally_status tally_report_write(const tally_result *r, tally_report_format fmt, FILE *out)
{
    switch (fmt) {
    case TALLY_REPORT_TEXT: return tally_report_text(r, out);
    case TALLY_REPORT_JSON: return tally_report_json(r, out);
    case TALLY_REPORT_CSV: return tally_report_csv(r, out);
    case TALLY_REPORT_HTML: return tally_report_html(r, out);
    case TALLY_REPORT_PDF: return tally_report_pdf(r, NULL, out);
    }
    return TALLY_EINVAL;
}
