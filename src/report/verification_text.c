/*
** The verification statement as text (tally_report_verification_text in
** include/tally/report.h): each box and postal packet with the papers its
** ballot paper account expected, those counted and those verified, and the
** variance with its explanation (PER r.45(3)-(4): the officer verifies each
** account and draws up a statement of the result of the verification).
** The figures are the count's own document (tally_count_verification_json),
** so the text and `--format json` cannot differ.
*/
#include <jansson.h>
#include <stdio.h>

#include "tally/report.h"
#include "util.h"

#define BOX_W 12
#define STATION_W 30

static long long num(const json_t *o, const char *key)
{
    return (long long)json_integer_value(json_object_get(o, key));
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

tally_status tally_report_verification_text(const tally_count *c, FILE *out)
{
    json_t *vs, *b;
    size_t i;
    tally_status s = tally_count_verification_json(c, &vs);

    if (s != TALLY_OK)
        return s;
    fputs("VERIFICATION STATEMENT\n\n", out);
    tally_rep_pad(out, "Box", BOX_W + 1);
    tally_rep_pad(out, "Station", STATION_W);
    fprintf(out, " %9s %9s %9s %9s  %s\n", "Expected", "Counted", "Verified", "Variance",
            "Explanation");
    json_array_foreach(json_object_get(vs, "boxes"), i, b) {
        /* Station names are cut to their column: the JSON gives them whole. */
        tally_rep_cut(out, str(b, "box"), BOX_W);
        fputc(' ', out);
        tally_rep_cut(out, str(b, "station"), STATION_W);
        fprintf(out, " %9lld %9lld %9lld %+9lld  %s\n", num(b, "expected"), num(b, "counted"),
                num(b, "verified"), num(b, "variance"),
                json_is_string(json_object_get(b, "explanation")) ? str(b, "explanation")
                : json_is_true(json_object_get(b, "compensating"))
                    ? "compensating error within the polling place"
                    : "");
    }
    fprintf(out, "\nTotal postal ballot papers verified: %lld\nTotal ballot papers verified: %lld\n",
            num(vs, "postal_verified"), num(vs, "total_verified"));
    fprintf(out, "Verification %s.\n",
            json_is_true(json_object_get(vs, "complete")) ? "complete" : "not complete");
    json_decref(vs);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
