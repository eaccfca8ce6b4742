/*
** The result as CSV, one row per candidate in ballot order
** (tally_report_csv in include/tally/report.h).
**
** Text fields are quoted when needed and guarded against spreadsheet
** formula injection; figures use the same forms as the JSON (counts as
** digits, percentages with two decimals, empty when they do not apply).
*/
#include "tally/num.h"
#include "tally/report.h"
#include "util.h"

void tally_report_csv_header(FILE *out)
{
    fputs("area_code,area,date,candidate,party,party_code,votes,share_percent,"
          "change_points,deposit,elected\r\n", out);
}

static void num_field(FILE *out, int64_t v)
{
    if (v != TALLY_NONE)
        fprintf(out, "%lld", (long long)v);
}

static void centi_field(FILE *out, int has, int64_t v)
{
    char buf[32];
    if (has) {
        tally_num_format_centi(v, buf, sizeof buf);
        fputs(buf, out);
    }
}

tally_status tally_report_csv_rows(const tally_result *r, FILE *out)
{
    const tally_election *e = r->election;

    for (size_t i = 0; i < r->n_candidates; i++) {
        const tally_candidate *c = &e->candidates[i];
        const tally_result_candidate *rc = &r->candidates[i];
        tally_rep_csv_field(out, e->area_code ? e->area_code : "");
        fputc(',', out);
        tally_rep_csv_field(out, e->area_name);
        fputc(',', out);
        tally_rep_csv_field(out, e->date ? e->date : "");
        fputc(',', out);
        tally_rep_csv_field(out, c->name);
        fputc(',', out);
        tally_rep_csv_field(out, c->party_name);
        fputc(',', out);
        tally_rep_csv_field(out, c->party_code ? c->party_code : "");
        fputc(',', out);
        num_field(out, tally_result_declared_votes(r, i));
        fputc(',', out);
        centi_field(out, rc->has_share, rc->share);
        fputc(',', out);
        centi_field(out, rc->has_change, rc->change);
        fputc(',', out);
        if (tally_deposit_name(rc->deposit))
            fputs(tally_deposit_name(rc->deposit), out);
        fputs(rc->elected ? ",yes\r\n" : ",no\r\n", out);
    }
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}

tally_status tally_report_csv(const tally_result *r, FILE *out)
{
    tally_report_csv_header(out);
    return tally_report_csv_rows(r, out);
}
