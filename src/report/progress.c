/*
** The public page of a count still in progress (tally_report_progress_html
** in include/tally/report.h): where the count stands, in words, and no
** figures before the declaration.
*/
#include "tally/report.h"

#include "util.h"

static const char *phase_words(tally_count_phase p)
{
    switch (p) {
    case TALLY_PHASE_NEW: return "The count has not yet opened.";
    case TALLY_PHASE_VERIFICATION: return "Ballot boxes are being verified.";
    case TALLY_PHASE_COUNT: return "Verification is complete; the votes are being counted.";
    case TALLY_PHASE_PROVISIONAL:
        return "The count is complete; the provisional result is with the candidates and "
               "their agents.";
    case TALLY_PHASE_DECLARED: return "The result has been declared.";
    }
    return "";
}

tally_status tally_report_progress_html(const tally_count *c, const char *script_path, FILE *out)
{
    const tally_election *e = tally_count_election(c);

    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    tally_rep_html(out, e ? e->name : "Count");
    fputs(": count in progress</title>\n<style>body{font-family:system-ui,sans-serif;"
          "max-width:760px;margin:2em auto;padding:0 1em;color:#111}"
          ".sub{color:#555}</style>\n</head>\n<body>\n<h1>", out);
    tally_rep_html(out, e ? e->area_name : "Count");
    fputs("</h1>\n<p class=\"sub\">", out);
    tally_rep_html(out, e ? e->name : "");
    fputs("</p>\n<p role=\"status\">", out);
    tally_rep_html(out, phase_words(tally_count_get_phase(c)));
    fputs("</p>\n<p>This page shows the result as soon as it is declared.</p>\n", out);
    if (script_path) {
        fputs("<script src=\"", out);
        tally_rep_html(out, script_path);
        fputs("\"></script>\n", out);
    }
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
