/*
** The result as one self-contained HTML page (tally_report_html in
** include/tally/report.h): headline, result table, an SVG bar chart of
** votes and an SVG chart of change in share since the previous result.
**
** No scripts, fonts or images are fetched: the page works offline and
** can be archived as it is. Chart geometry is integer arithmetic on the
** figures the result already holds.
*/
#include <string.h>

#include "tally/report.h"
#include "util.h"

/* Conventional broadcast colours for the main parties; others grey. */
static const char *colour(const char *code)
{
    static const char *const map[][2] = {
        { "Lab", "#e4003b" }, { "Con", "#0087dc" }, { "LD", "#faa61a" },
        { "SNP", "#fdf38e" }, { "Green", "#02a95b" }, { "PC", "#005b54" },
        { "BRX", "#12b6cf" }, { "RUK", "#12b6cf" }, { "UKIP", "#6d3177" },
        { "WPB", "#a50000" }, { "DUP", "#d46a4c" }, { "SF", "#326760" },
        { "SDLP", "#2aa82c" }, { "UUP", "#48a5ee" }, { "APNI", "#f6cb2f" },
        { "Yrks", "#00aeef" },
    };
    for (size_t i = 0; code && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i][0], code) == 0)
            return map[i][1];
    return "#8a8a8a";
}

#define BAR_X 190
#define BAR_W 420
#define ROW_H 22

static void votes_chart(const tally_result *r, FILE *out)
{
    int64_t max = tally_result_declared_votes(r, r->order[0]);
    size_t n = r->n_candidates;
    char num[32];

    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                 "aria-label=\"Votes by candidate\" viewBox=\"0 0 700 %zu\" "
                 "style=\"width:100%%;max-width:700px;height:auto\">\n", n * ROW_H + 10);
    for (size_t k = 0; k < n; k++) {
        size_t i = r->order[k];
        int64_t v = tally_result_declared_votes(r, i);
        int64_t w = max > 0 ? v * BAR_W / max : 0;
        size_t y = k * ROW_H + 5;
        fprintf(out, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\" font-size=\"12\">",
                BAR_X - 6, y + 15);
        tally_rep_html(out, tally_result_candidate_label(r, i));
        fprintf(out, "</text><rect x=\"%d\" y=\"%zu\" width=\"%lld\" height=\"%d\" "
                     "fill=\"%s\"/>", BAR_X, y + 3, (long long)w, ROW_H - 6,
                colour(r->election->candidates[i].party_code));
        fprintf(out, "<text x=\"%lld\" y=\"%zu\" font-size=\"12\">%s</text>\n",
                (long long)(BAR_X + w + 6), y + 15, tally_rep_count(v, num, sizeof num));
    }
    fputs("</svg>\n", out);
}

#define CH_SCALE 110 /* pixels for the largest change */
#define COL_W 70

/* Bars up for gains and down for losses from one axis, sized so that the
** chart is only as tall as the changes it shows. */
static void change_chart(const tally_result *r, FILE *out)
{
    int64_t up = 0, down = 0, m, top, axis, height;
    size_t cols = 0, x;
    char num[32];

    for (size_t i = 0; i < r->n_candidates; i++) {
        const tally_result_candidate *c = &r->candidates[i];
        if (!c->has_change)
            continue;
        cols++;
        if (c->change > up)
            up = c->change;
        if (-c->change > down)
            down = -c->change;
    }
    if (!cols) {
        fputs("<p>No party stood both times, so there is no change to show.</p>\n", out);
        return;
    }
    m = up > down ? up : down;
    if (m == 0)
        m = 1;
    top = 20;                              /* room for a gain's label */
    axis = top + up * CH_SCALE / m;
    height = axis + down * CH_SCALE / m + 40; /* a loss's label, then the party */
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                 "aria-label=\"Change in share, percentage points\" viewBox=\"0 0 %zu %lld\" "
                 "style=\"width:100%%;max-width:%zupx;height:auto\">\n", cols * COL_W + 20,
            (long long)height, cols * COL_W + 20);
    fprintf(out, "<line x1=\"10\" y1=\"%lld\" x2=\"%zu\" y2=\"%lld\" stroke=\"#333\"/>\n",
            (long long)axis, cols * COL_W + 10, (long long)axis);
    x = 20;
    for (size_t k = 0; k < r->n_candidates; k++) {
        size_t i = r->order[k];
        const tally_result_candidate *c = &r->candidates[i];
        int64_t h;
        if (!c->has_change)
            continue;
        h = (c->change < 0 ? -c->change : c->change) * CH_SCALE / m;
        fprintf(out, "<rect x=\"%zu\" y=\"%lld\" width=\"%d\" height=\"%lld\" fill=\"%s\"/>",
                x, (long long)(c->change >= 0 ? axis - h : axis), COL_W - 20, (long long)h,
                colour(r->election->candidates[i].party_code));
        fprintf(out, "<text x=\"%zu\" y=\"%lld\" text-anchor=\"middle\" font-size=\"12\">%s%s"
                     "</text>", x + (COL_W - 20) / 2,
                (long long)(c->change >= 0 ? axis - h - 5 : axis + h + 15),
                c->change > 0 ? "+" : "", tally_rep_centi(1, c->change, num, sizeof num));
        fprintf(out, "<text x=\"%zu\" y=\"%lld\" text-anchor=\"middle\" font-size=\"12\" "
                     "font-weight=\"600\">", x + (COL_W - 20) / 2, (long long)(height - 6));
        tally_rep_html(out, tally_result_party_code(r, i));
        fputs("</text>\n", out);
        x += COL_W;
    }
    fputs("</svg>\n", out);
}

static void row(FILE *out, const char *label, const char *value)
{
    fputs("<tr><th scope=\"row\">", out);
    tally_rep_html(out, label);
    fputs("</th><td class=\"n\">", out);
    tally_rep_html(out, value);
    fputs("</td></tr>\n", out);
}

static void table(const tally_result *r, FILE *out)
{
    char a[32], b[32], c[32];

    fputs("<div class=\"scroll\"><table class=\"result\">\n<thead><tr><th>Candidate</th><th>Party</th>"
          "<th class=\"n\">Votes</th><th class=\"n\">Share %</th>"
          "<th class=\"n\">Change</th><th>Deposit</th></tr></thead>\n<tbody>\n", out);
    for (size_t k = 0; k < r->n_candidates; k++) {
        size_t i = r->order[k];
        const tally_result_candidate *rc = &r->candidates[i];
        fprintf(out, "<tr%s><td>", rc->elected ? " class=\"elected\"" : "");
        tally_rep_html(out, tally_result_candidate_label(r, i));
        fputs(rc->elected ? " <strong>elected</strong>" : "", out);
        fprintf(out, "</td><td><span class=\"swatch\" style=\"background:%s\"></span>",
                colour(r->election->candidates[i].party_code));
        tally_rep_html(out, r->election->candidates[i].party_name);
        fprintf(out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
                     "<td class=\"n\">%s</td><td>%s</td></tr>\n",
                tally_rep_count(tally_result_declared_votes(r, i), a, sizeof a),
                tally_rep_centi(rc->has_share, rc->share, b, sizeof b),
                tally_rep_centi(rc->has_change, rc->change, c, sizeof c),
                tally_deposit_name(rc->deposit) ? tally_deposit_name(rc->deposit) : "");
    }
    fputs("</tbody>\n</table></div>\n", out);
}

static void figures(const tally_result *r, FILE *out)
{
    char a[32], b[64];

    fputs("<table class=\"figures\">\n", out);
    row(out, "Electorate", tally_rep_count(r->election->electorate, a, sizeof a));
    row(out, "Valid votes", tally_rep_count(r->valid_votes, a, sizeof a));
    row(out, "Rejected ballot papers", tally_rep_count(r->rejected_total, a, sizeof a));
    row(out, "Counted (valid + rejected)", tally_rep_count(r->counted_total, a, sizeof a));
    if (r->verified_total != TALLY_NONE)
        row(out, "Verified total", tally_rep_count(r->verified_total, a, sizeof a));
    if (r->has_verification_difference && r->verification_difference != 0) {
        snprintf(b, sizeof b, "%+lld papers (verified minus counted)",
                 (long long)r->verification_difference);
        row(out, "Difference from verification", b);
    }
    snprintf(b, sizeof b, "%s%%",
             tally_rep_centi(r->has_turnout_ballot_box, r->turnout_ballot_box, a, sizeof a));
    row(out, "Turnout (ballot box)", b);
    snprintf(b, sizeof b, "%s%%",
             tally_rep_centi(r->has_turnout_valid, r->turnout_valid, a, sizeof a));
    row(out, "Turnout (valid votes)", b);
    fputs("</table>\n", out);
}

static tally_status page(const tally_result *r, const char *script, FILE *out);

tally_status tally_report_html(const tally_result *r, FILE *out)
{
    return page(r, NULL, out);
}

tally_status tally_report_html_live(const tally_result *r, const char *script_path, FILE *out)
{
    return page(r, script_path, out);
}

static tally_status page(const tally_result *r, const char *script, FILE *out)
{
    const tally_election *e = r->election;
    char date[64], a[32], b[32];

    tally_rep_long_date(e->date, date, sizeof date);
    fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    tally_rep_html(out, e->name);
    fputs(": result</title>\n<style>\n"
          "body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;"
          "color:#111}\n"
          "h1{margin-bottom:.2em}.sub{color:#555;margin-top:0}\n"
          ".headline{font-size:1.3em;margin:1em 0}\n"
          "table{border-collapse:collapse;margin:1em 0;max-width:100%}th,td{padding:.3em .6em;"
          "border-bottom:1px solid #ddd;text-align:left}\n"
          ".n{text-align:right;font-variant-numeric:tabular-nums}\n"
          "tr.elected td{font-weight:600}\n"
          ".swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;"
          "border-radius:2px}\n"
          ".check{background:#fff3cd;border:1px solid #e0b000;padding:.5em}\n"
          ".scroll{overflow-x:auto}\n"
          "@media (max-width:600px){body{margin:1em auto}th,td{padding:.25em .3em;"
          "font-size:.9em}.swatch{display:none}}\n"
          "</style>\n</head>\n<body>\n<h1>", out);
    tally_rep_html(out, e->area_name);
    fputs("</h1>\n<p class=\"sub\">", out);
    tally_rep_html(out, e->name);
    fputs(", ", out);
    tally_rep_html(out, date);
    fputs("</p>\n<p class=\"headline\">", out);
    for (size_t k = 0; k < r->n_winners; k++) {
        fputs(k ? ", " : "", out);
        tally_rep_html(out, tally_result_candidate_label(r, r->winners[k]));
        fputs(" (", out);
        tally_rep_html(out, tally_result_party_code(r, r->winners[k]));
        fputs(")", out);
    }
    fputs(r->n_winners > 1 ? " elected" : " elected", out);
    if (r->outcome) {
        fputs(": <strong>", out);
        tally_rep_html(out, r->outcome);
        fputs("</strong>", out);
    }
    if (r->has_majority)
        fprintf(out, ". Majority %s (%s%%)", tally_rep_count(r->majority, a, sizeof a),
                tally_rep_centi(r->has_majority_percent, r->majority_percent, b, sizeof b));
    if (r->has_swing) {
        fprintf(out, ". Swing %s points from ", tally_rep_centi(1, r->swing, a, sizeof a));
        tally_rep_html(out, tally_result_party_code(r, r->swing_from));
        fputs(" to ", out);
        tally_rep_html(out, tally_result_party_code(r, r->swing_to));
    }
    fputs(".</p>\n", out);
    for (size_t k = 0; k < r->n_draws; k++) {
        fputs("<p>Following an equality of votes, lots were drawn and, as a consequence, an "
              "additional vote was allotted to ", out);
        tally_rep_html(out, tally_result_candidate_label(r, r->draws[k].falls_on));
        fputs(".</p>\n", out);
    }
    if (r->has_verification_difference && r->verification_difference != 0)
        fprintf(out, "<p class=\"check\">The count differs from verification by %lld "
                     "paper%s.</p>\n",
                (long long)(r->verification_difference < 0 ? -r->verification_difference
                                                           : r->verification_difference),
                r->verification_difference == 1 || r->verification_difference == -1 ? ""
                                                                                     : "s");
    if (!r->contested) {
        fputs("<p>Uncontested: no poll was taken.</p>\n", out);
    } else {
        table(r, out);
        fputs("<h2>Votes</h2>\n", out);
        votes_chart(r, out);
        if (e->previous) {
            fputs("<h2>Change in share since the ", out);
            tally_rep_html(out, e->previous->label ? e->previous->label : "previous result");
            fputs(" (points)</h2>\n", out);
            change_chart(r, out);
        }
        figures(r, out);
    }
    if (script) {
        fputs("<script src=\"", out);
        tally_rep_html(out, script);
        fputs("\"></script>\n", out);
    }
    fputs("</body>\n</html>\n", out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
