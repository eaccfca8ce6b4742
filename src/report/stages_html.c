/*
** Stage reports as one self-contained HTML page (include/tally/stages.h):
** the stage-by-stage table every count publishes, and for each stage
** after the first a chart of its transfers: each candidate's gain (to the
** right) or loss (to the left), and the papers that became
** non-transferable. No script, no fetched asset; geometry is integer
** arithmetic on the result's figures.
*/
#include "tally/stages.h"

#include "util.h"

#define HALF 220   /* pixels each side of the axis */
#define ROW 20
#define LABEL 210

static void units(FILE *out, const tally_method_result *r, int64_t v)
{
    char buf[48];
    if (v == TALLY_NONE) {
        fputs("&ndash;", out);
        return;
    }
    tally_method_format_units(v, tally_method_places(r), buf, sizeof buf);
    fputs(buf, out);
}

static const char *name(const tally_method_result *r, size_t c)
{
    return r->pool->names[c] ? r->pool->names[c] : "";
}

static void heading(FILE *out, const tally_method_result *r, size_t i)
{
    const tally_stage *st = &r->stages[i];
    fprintf(out, "Stage %zu: ", i + 1);
    switch (st->kind) {
    case TALLY_STAGE_FIRST: fputs("first preferences", out); return;
    case TALLY_STAGE_SURPLUS: fputs("surplus of ", out); break;
    case TALLY_STAGE_EXCLUSION: fputs("exclusion of ", out); break;
    case TALLY_STAGE_SECOND: fputs("second preferences", out); return;
    case TALLY_STAGE_ITERATION: fputs("surpluses redistributed", out); return;
    }
    tally_rep_html(out, name(r, st->subject));
}

/* One stage's transfers as a diverging bar chart. */
static void chart(FILE *out, const tally_method_result *r, size_t i)
{
    const tally_stage *st = &r->stages[i], *pv = &r->stages[i - 1];
    size_t n = r->pool->n_candidates, rows = 0;
    int64_t max = 1;

    for (size_t c = 0; c <= n; c++) {
        int64_t d = c == n ? (st->exhausted + st->lost) - (pv->exhausted + pv->lost)
                   : st->votes[c] == TALLY_NONE || pv->votes[c] == TALLY_NONE
                       ? 0 : st->votes[c] - pv->votes[c];
        if (d < 0)
            d = -d;
        if (d > max)
            max = d;
    }
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Transfers "
                 "at stage %zu\" viewBox=\"0 0 %d %zu\" style=\"width:100%%;max-width:%dpx;"
                 "height:auto\">\n", i + 1, LABEL + 2 * HALF + 90, (n + 1) * ROW + 10,
            LABEL + 2 * HALF + 90);
    fprintf(out, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%zu\" stroke=\"#333\"/>\n", LABEL + HALF,
            LABEL + HALF, (n + 1) * ROW + 10);
    for (size_t c = 0; c <= n; c++) {
        int64_t d, w;
        size_t y = rows * ROW + 5;
        if (c < n && (st->votes[c] == TALLY_NONE || pv->votes[c] == TALLY_NONE))
            continue;
        d = c == n ? (st->exhausted + st->lost) - (pv->exhausted + pv->lost)
                   : st->votes[c] - pv->votes[c];
        w = (d < 0 ? -d : d) * HALF / max;
        fprintf(out, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\" font-size=\"12\">",
                LABEL - 6, y + 14);
        tally_rep_html(out, c == n ? "non-transferable" : name(r, c));
        /* The figure in a column of its own, right of the chart, so that a
        ** long loss never runs into the candidate's name. */
        fprintf(out, "</text><rect x=\"%lld\" y=\"%zu\" width=\"%lld\" height=\"%d\" "
                     "fill=\"%s\"/><text x=\"%d\" y=\"%zu\" font-size=\"11\" "
                     "text-anchor=\"end\">%s",
                (long long)(d < 0 ? LABEL + HALF - w : LABEL + HALF), y + 3, (long long)w, ROW - 6,
                d < 0 ? "#b3261e" : "#1b6e3a", LABEL + 2 * HALF + 88, y + 14, d > 0 ? "+" : "");
        units(out, r, d);
        fputs("</text>\n", out);
        rows++;
    }
    fputs("</svg>\n", out);
}

tally_status tally_stages_html(const tally_method_result *r, const char *file, FILE *out)
{
    const char *title = r->pool->title ? r->pool->title : file ? file : "Count";
    size_t n = r->pool->n_candidates;

    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
    tally_rep_html(out, title);
    fputs(": stages of the count</title>\n<style>\n"
          "body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;"
          "color:#111}\n.scroll{overflow-x:auto}\ntable{border-collapse:collapse}\n"
          "th,td{padding:.25em .5em;border-bottom:1px solid #ddd;text-align:right;"
          "font-variant-numeric:tabular-nums;white-space:nowrap}\n"
          "th:first-child,td:first-child{text-align:left}\n.elected{font-weight:700}\n"
          ".excluded{color:#666}\n</style>\n</head>\n<body>\n<h1>", out);
    tally_rep_html(out, title);
    fprintf(out, "</h1>\n<p>Method: ");
    tally_rep_html(out, r->method);
    fprintf(out, ". Seats: %d. Valid papers: %lld. Quota: ", r->seats, (long long)r->valid);
    units(out, r, r->quota);
    fputs(".</p>\n<p>Elected, in order: ", out);
    for (size_t k = 0; k < r->n_elected; k++) {
        fputs(k ? ", " : "", out);
        tally_rep_html(out, name(r, r->elected[k]));
    }
    fputs(".</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>Candidate</th>", out);
    for (size_t i = 0; i < r->n_stages; i++)
        fprintf(out, "<th scope=\"col\">Stage %zu</th>", i + 1);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t c = 0; c <= n; c++) {
        const tally_method_candidate *mc = c < n ? &r->candidates[c] : NULL;
        fprintf(out, "<tr%s><th scope=\"row\">",
                !mc ? "" : mc->fate == TALLY_FATE_ELECTED ? " class=\"elected\""
                : mc->fate == TALLY_FATE_EXCLUDED ? " class=\"excluded\"" : "");
        tally_rep_html(out, c == n ? "non-transferable" : name(r, c));
        fputs("</th>", out);
        for (size_t i = 0; i < r->n_stages; i++) {
            fputs("<td>", out);
            units(out, r, c == n ? r->stages[i].exhausted + r->stages[i].lost
                                 : r->stages[i].votes[c]);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table></div>\n", out);
    for (size_t i = 0; i < r->n_stages; i++) {
        fputs("<h2>", out);
        heading(out, r, i);
        fputs("</h2>\n", out);
        if (i)
            chart(out, r, i);
    }
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
