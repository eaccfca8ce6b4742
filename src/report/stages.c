/*
** Stage reports as JSON (include/tally/stages.h), following the official
** Scottish stage files key for key and figure for figure: vote figures
** are strings with exactly five decimal places so that no reader turns
** them into binary floating point.
**
** Written directly rather than through jansson: the layout (one stage per
** line, as the official files have it) and the order of keys are part of
** the format, and a count of 1,100 wards should not build 1,100 trees.
*/
#include <stdio.h>
#include <string.h>

#include "tally/stages.h"

tally_status tally_stages_format_parse(const char *name, tally_stages_format *out)
{
    static const char *const names[] = { "json", "jsonl", "text", "csv", "html" };

    for (int i = 0; i < 5; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (tally_stages_format)i;
            return TALLY_OK;
        }
    return TALLY_ENOTFOUND;
}

/* s as a JSON string: UTF-8 passes through; quote, backslash and control
** characters are escaped. */
static void jstr(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* units in r's places (five for scottish-stv, nine for meek). */
static void jvotes(FILE *out, const tally_method_result *r, int64_t units)
{
    char buf[48];

    if (units == TALLY_NONE) {
        fputs("null", out);
        return;
    }
    tally_method_format_units(units, tally_method_places(r), buf, sizeof buf);
    fprintf(out, "\"%s\"", buf);
}

static const char *name_of(const tally_method_result *r, size_t c)
{
    return r->pool->names[c] ? r->pool->names[c] : "";
}

static void jnames(FILE *out, const tally_method_result *r, const size_t *list, size_t n)
{
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", out);
        jstr(out, name_of(r, list[i]));
    }
    fputc(']', out);
}

static void jtie(FILE *out, const tally_stage *st)
{
    if (st->choice == TALLY_CHOICE_CLEAR) {
        fputs("null", out);
        return;
    }
    fprintf(out, "{\"tied\": %zu, \"decided_by\": ", st->n_tied);
    if (st->choice == TALLY_CHOICE_LOT)
        fputs("\"lot\"}", out);
    else if (st->choice == TALLY_CHOICE_ORDER)
        fputs("\"tie-order\"}", out);
    else
        fprintf(out, "\"preceding-stage\", \"stage\": %zu}", st->choice_stage);
}

static void jstage(FILE *out, const tally_method_result *r, size_t i)
{
    const tally_stage *st = &r->stages[i];
    const tally_pool *p = r->pool;

    fprintf(out, "{\"stage\": %zu, \"votes\": {", i + 1);
    for (size_t c = 0; c < p->n_candidates; c++) {
        if (c)
            fputs(", ", out);
        jstr(out, name_of(r, c));
        fputs(": ", out);
        jvotes(out, r, st->votes[c]);
    }
    fputs("},", out);
    fputs(" \"non_transferable\": ", out);
    jvotes(out, r, st->exhausted + st->lost);
    fputs(", \"exhausted\": ", out);
    jvotes(out, r, st->exhausted);
    fputs(", \"lost_to_rounding\": ", out);
    jvotes(out, r, st->lost);
    fputs(", \"elected\": ", out);
    jnames(out, r, st->elected, st->n_elected);
    fputs(", \"excluded\": ", out);
    if (st->n_excluded)
        jnames(out, r, st->excluded, st->n_excluded);
    else
        jnames(out, r, &st->subject, st->kind == TALLY_STAGE_EXCLUSION);
    fputs(", \"surplus\": ", out);
    if (st->kind == TALLY_STAGE_SURPLUS)
        jstr(out, name_of(r, st->subject));
    else
        fputs("null", out);
    fputs(", \"tie\": ", out);
    jtie(out, st);
    if (st->quota) { /* a quota that moves (meek, ers97) */
        fputs(", \"quota\": ", out);
        jvotes(out, r, st->quota);
    }
    fputc('}', out);
}

tally_status tally_stages_json(const tally_method_result *r, const char *file, int one_line,
                               FILE *out)
{
    const char *nl = one_line ? " " : "\n ";

    fputc('{', out);
    if (!one_line)
        fputc('\n', out);
    fputs(one_line ? "\"file\": " : " \"file\": ", out);
    if (file)
        jstr(out, file);
    else
        fputs("null", out);
    fprintf(out, ",%s\"title\": ", nl);
    if (r->pool->title)
        jstr(out, r->pool->title);
    else
        fputs("null", out);
    fprintf(out, ",%s\"method\": ", nl);
    jstr(out, r->method);
    fprintf(out, ",%s\"seats\": %d", nl, r->seats);
    fprintf(out, ",%s\"valid_votes\": %lld", nl, (long long)r->valid);
    fprintf(out, ",%s\"invalid_papers\": %lld", nl, (long long)r->invalid);
    if (strcmp(r->method, "fptp") == 0) {
        /* Papers, as the statement of rejected papers and the count give
        ** them (stages_text.c, fptp_papers). */
        fprintf(out, ",%s\"rejected_too_many\": %lld", nl, (long long)r->too_many);
        fprintf(out, ",%s\"papers_marked\": {", nl);
        for (size_t c = 0, k = 0; c < r->pool->n_candidates; c++) {
            if (r->stages[0].votes[c] == TALLY_NONE)
                continue;
            fputs(k++ ? ", " : "", out);
            jstr(out, name_of(r, c));
            fprintf(out, ": %lld", (long long)(r->stages[0].votes[c] / TALLY_VOTE_UNIT));
        }
        fputc('}', out);
    }
    fprintf(out, ",%s\"quota\": ", nl);
    jvotes(out, r, r->quota);
    /* The seed when one was given, or drawn and used: a decimal string,
    ** since a 64-bit seed does not fit every JSON reader's numbers. */
    fprintf(out, ",%s\"seed\": ", nl);
    if (r->has_seed == 1 || (r->has_seed && r->n_lots > 0))
        fprintf(out, "\"%llu\"", (unsigned long long)r->seed);
    else
        fputs("null", out);
    fprintf(out, ",%s\"lots\": %zu", nl, r->n_lots);
    fprintf(out, ",%s\"elected\": ", nl);
    jnames(out, r, r->elected, r->n_elected);
    fprintf(out, ",%s\"stages\": [", nl);
    for (size_t i = 0; i < r->n_stages; i++) {
        if (i)
            fputc(',', out);
        fputs(one_line ? (i ? " " : "") : "\n  ", out);
        jstage(out, r, i);
    }
    fputs(one_line ? "]}\n" : "\n ]\n}\n", out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}

tally_status tally_stages_write(const tally_method_result *r, const char *file,
                                tally_stages_format fmt, FILE *out)
{
    switch (fmt) {
    case TALLY_STAGES_JSON: return tally_stages_json(r, file, 0, out);
    case TALLY_STAGES_JSONL: return tally_stages_json(r, file, 1, out);
    case TALLY_STAGES_TEXT: return tally_stages_text(r, file, out);
    case TALLY_STAGES_CSV: return tally_stages_csv(r, file, out);
    case TALLY_STAGES_HTML: return tally_stages_html(r, file, out);
    }
    return TALLY_EINVAL;
}
