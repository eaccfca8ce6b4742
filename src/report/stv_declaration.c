/*
** The declaration of an STV count as text (include/tally/report.h): the
** elected in order of election (docs/count.md, "STV counts": a Scottish
** council ward or a Northern Ireland district electoral area), the valid
** papers and the rejected by head, then the method's stage report
** (stages_text.c).
*/
#include <jansson.h>

#include "tally/method.h"
#include "tally/report.h"
#include "tally/stages.h"

tally_status tally_report_stv_declaration_text(const tally_count *c,
                                               const tally_method_result *r, FILE *out)
{
    const tally_election *e = tally_count_election(c);
    const tally_method_def *m = tally_method_find(r->method);
    json_t *rs = NULL, *h;
    size_t i;
    tally_status st;

    fprintf(out, "%s\n%s\n\nDeclaration of result: %s, %d %s\n\n", e->name ? e->name : "",
            e->area_name, m ? m->title : r->method, e->seats, e->seats == 1 ? "seat" : "seats");
    fprintf(out, "Elected, in order of election:\n");
    for (i = 0; i < r->n_elected; i++) {
        const tally_candidate *k = &e->candidates[r->elected[i]];
        fprintf(out, "  %zu. %s%s%s%s\n", i + 1, k->name, k->party_name ? " (" : "",
                k->party_name ? k->party_name : "", k->party_name ? ")" : "");
    }
    fprintf(out, "\nValid ballot papers: %lld\n", (long long)r->valid);
    if ((st = tally_count_rejected_json(c, &rs)) != TALLY_OK)
        return st;
    fprintf(out, "Rejected ballot papers: %lld\n",
            (long long)json_integer_value(json_object_get(rs, "total")));
    json_array_foreach(json_object_get(rs, "heads"), i, h)
        if (json_integer_value(json_object_get(h, "papers")))
            fprintf(out, "  %s: %lld\n", json_string_value(json_object_get(h, "label")),
                    (long long)json_integer_value(json_object_get(h, "papers")));
    json_decref(rs);
    fputc('\n', out);
    return tally_stages_text(r, NULL, out);
}
