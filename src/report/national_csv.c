/*
** The national picture as CSV (tally_report_national_csv, report.h): its
** parties, one row each, in its order, with a header row. Every figure is
** copied from the national picture's JSON (national.h), none computed
** here; a figure that does not apply (null) is an empty field. Text (the
** party and its name) is quoted when needed and guarded against
** spreadsheet formula injection, as the result's CSV is; figures are
** written as they are, so "-6.68" stays a number.
*/
#include <jansson.h>

#include "tally/report.h"
#include "util.h"

static const char *const columns[] = { "party", "name", "seats", "gains", "losses", "net",
                                       "votes", "previous_votes", "share_percent",
                                       "change_points" };

tally_status tally_report_national_csv(const json_t *national, FILE *out)
{
    const size_t n = sizeof columns / sizeof columns[0];
    const json_t *p;
    size_t i;

    for (size_t k = 0; k < n; k++)
        fprintf(out, "%s%s", k ? "," : "", columns[k]);
    fputs("\r\n", out);
    json_array_foreach(json_object_get(national, "parties"), i, p) {
        for (size_t k = 0; k < n; k++) {
            const json_t *v = json_object_get(p, columns[k]);
            if (k)
                fputc(',', out);
            if (json_is_integer(v))
                fprintf(out, "%lld", (long long)json_integer_value(v));
            else if (json_is_string(v) && k < 2)
                tally_rep_csv_field(out, json_string_value(v));
            else if (json_is_string(v))
                /* A share or change, "-6.68": a figure, not text to guard. */
                fputs(json_string_value(v), out);
        }
        fputs("\r\n", out);
    }
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
