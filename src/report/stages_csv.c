/*
** Stage reports as CSV (include/tally/stages.h): one row per candidate per
** stage, and a row for the non-transferable papers, so that a
** spreadsheet can chart any candidate's progress. Figures as in the JSON
** (decimal strings in the result's places); text fields quoted where
** needed and guarded against formula injection.
*/
#include "tally/stages.h"

#include "util.h"

static const char *kind_name(tally_stage_kind k)
{
    switch (k) {
    case TALLY_STAGE_FIRST: return "first preferences";
    case TALLY_STAGE_SURPLUS: return "surplus";
    case TALLY_STAGE_EXCLUSION: return "exclusion";
    case TALLY_STAGE_SECOND: return "second preferences";
    case TALLY_STAGE_ITERATION: return "surpluses redistributed";
    }
    return "";
}

/* A candidate's standing at the end of stage (1-based). */
static const char *standing(const tally_method_result *r, size_t c, size_t stage)
{
    const tally_method_candidate *mc = &r->candidates[c];
    if (mc->fate == TALLY_FATE_WITHDRAWN)
        return "withdrawn";
    if (mc->fate == TALLY_FATE_ELECTED && mc->stage && mc->stage <= stage)
        return "elected";
    if (mc->fate == TALLY_FATE_EXCLUDED && mc->stage && mc->stage <= stage)
        return "excluded";
    return "continuing";
}

static void units(FILE *out, const tally_method_result *r, int64_t v)
{
    char buf[48];
    if (v == TALLY_NONE)
        return;
    tally_method_format_units(v, tally_method_places(r), buf, sizeof buf);
    fputs(buf, out);
}

void tally_stages_csv_header(FILE *out)
{
    fputs("file,method,stage,kind,subject,candidate,votes,change,standing\r\n", out);
}

tally_status tally_stages_csv_rows(const tally_method_result *r, const char *file, FILE *out)
{
    const tally_pool *p = r->pool;

    for (size_t i = 0; i < r->n_stages; i++) {
        const tally_stage *st = &r->stages[i];
        const tally_stage *prev = i ? &r->stages[i - 1] : NULL;
        const char *subject = st->kind == TALLY_STAGE_SURPLUS || st->kind == TALLY_STAGE_EXCLUSION
                                  ? p->names[st->subject] : "";
        for (size_t c = 0; c <= p->n_candidates; c++) {
            int nt = c == p->n_candidates; /* the non-transferable row */
            int64_t v = nt ? st->exhausted + st->lost : st->votes[c];
            int64_t before = !prev ? TALLY_NONE
                             : nt ? prev->exhausted + prev->lost : prev->votes[c];
            tally_rep_csv_field(out, file ? file : "");
            fputc(',', out);
            tally_rep_csv_field(out, r->method);
            fprintf(out, ",%zu,%s,", i + 1, kind_name(st->kind));
            tally_rep_csv_field(out, subject ? subject : "");
            fputc(',', out);
            tally_rep_csv_field(out, nt ? "non-transferable" : p->names[c] ? p->names[c] : "");
            fputc(',', out);
            units(out, r, v);
            fputc(',', out);
            if (v != TALLY_NONE && before != TALLY_NONE && st->kind != TALLY_STAGE_FIRST)
                units(out, r, v - before);
            fprintf(out, ",%s\r\n", nt ? "" : standing(r, c, i + 1));
        }
    }
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}

tally_status tally_stages_csv(const tally_method_result *r, const char *file, FILE *out)
{
    tally_stages_csv_header(out);
    return tally_stages_csv_rows(r, file, out);
}
