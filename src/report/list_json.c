/*
** A list allocation as JSON (tally_report_list_json in
** include/tally/listpr_io.h; the schema is docs/formats.md, "Allocation
** JSON"). The same information as the text: per area, the rounds with
** every party's divisor and quotient (a string with two decimals, so that
** no reader turns it into binary floating point), the winner and how the
** seat was decided, the members in order and the seats by party. The seed
** is a decimal string.
*/
#include <jansson.h>
#include <stdio.h>

#include "core/jsonmem.h"
#include "list_quot.h"
#include "tally/listpr_io.h"

static json_t *area_json(const tally_list_result *r, size_t ai)
{
    const tally_list_area_result *ar = &r->areas[ai];
    const tally_list_area *a = ar->area;
    json_t *o = json_object(), *parties = json_array(), *rounds = json_array();
    json_t *members = json_array();
    char b[48];

    json_object_set_new(o, "name", json_string(a->name));
    json_object_set_new(o, "seats", json_integer(ar->seats));
    json_object_set_new(o, "valid_votes", json_integer(ar->valid_votes));
    for (size_t p = 0; p < a->n_parties; p++) {
        const tally_list_party *pt = &a->parties[p];
        json_t *po = json_object();
        json_object_set_new(po, "name", json_string(pt->name));
        json_object_set_new(po, "independent", json_boolean(pt->independent));
        json_object_set_new(po, "votes", json_integer(pt->votes));
        json_object_set_new(po, "constituency_seats",
                            json_integer(r->counts_constituency ? pt->constituency_seats : 0));
        json_object_set_new(po, "list_seats", json_integer(ar->list_seats[p]));
        json_object_set_new(po, "total_seats", json_integer(tally_list_total_seats(r, ai, p)));
        json_object_set_new(po, "below_threshold",
                            json_boolean(ar->out[p] == TALLY_LIST_BELOW_THRESHOLD));
        json_array_append_new(parties, po);
    }
    for (size_t i = 0; i < ar->n_rounds; i++) {
        const tally_list_round *rd = &ar->rounds[i];
        json_t *ro = json_object(), *qs = json_array();
        for (size_t p = 0; p < a->n_parties; p++) {
            json_t *q = json_object();
            json_object_set_new(q, "party", json_string(a->parties[p].name));
            if (rd->out[p]) {
                json_object_set_new(q, "out", json_string(tally_rep_list_out(rd->out[p])));
            } else {
                tally_rep_list_divisor(r, rd->divisor[p], b, sizeof b);
                json_object_set_new(q, "divisor", json_string(b));
                tally_rep_list_quotient(r, a->parties[p].votes, rd->divisor[p], b, sizeof b);
                json_object_set_new(q, "quotient", json_string(b));
            }
            json_array_append_new(qs, q);
        }
        json_object_set_new(ro, "round", json_integer((json_int_t)(i + 1)));
        json_object_set_new(ro, "quotients", qs);
        json_object_set_new(ro, "winner", json_string(a->parties[rd->winner].name));
        json_object_set_new(ro, "member", rd->member ? json_string(rd->member) : json_null());
        json_object_set_new(ro, "list_place", json_integer((json_int_t)rd->place));
        json_object_set_new(ro, "decided", json_string(tally_rep_list_choice(rd->choice)));
        json_object_set_new(ro, "tied", json_integer((json_int_t)rd->n_tied));
        json_array_append_new(rounds, ro);

        {
            json_t *m = json_object();
            json_object_set_new(m, "seat", json_integer((json_int_t)(i + 1)));
            json_object_set_new(m, "name", rd->member ? json_string(rd->member) : json_null());
            json_object_set_new(m, "party", json_string(a->parties[rd->winner].name));
            json_object_set_new(m, "list_place", json_integer((json_int_t)rd->place));
            json_array_append_new(members, m);
        }
    }
    json_object_set_new(o, "parties", parties);
    json_object_set_new(o, "rounds", rounds);
    json_object_set_new(o, "members", members);
    json_object_set_new(o, "unfilled", json_integer(ar->unfilled));
    return o;
}

tally_status tally_report_list_json(const tally_list_result *r, FILE *out)
{
    json_t *doc, *areas;
    char seed[32];
    int rc;

    tally_jsonmem_init();
    doc = json_object();
    areas = json_array();
    json_object_set_new(doc, "title", r->e->title ? json_string(r->e->title) : json_null());
    json_object_set_new(doc, "method", json_string(tally_list_method_name(r->method)));
    json_object_set_new(doc, "rule", json_string(tally_list_method_source(r->method)));
    if (r->threshold_num) {
        char t[48];
        snprintf(t, sizeof t, "%lld/%lld", (long long)r->threshold_num,
                 (long long)r->threshold_den);
        json_object_set_new(doc, "threshold", json_string(t));
    } else {
        json_object_set_new(doc, "threshold", json_null());
    }
    json_object_set_new(doc, "lots", json_integer((json_int_t)r->n_lots));
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)r->seed);
    json_object_set_new(doc, "seed", r->n_lots ? json_string(seed) : json_null());
    for (size_t a = 0; a < r->n_areas; a++)
        json_array_append_new(areas, area_json(r, a));
    json_object_set_new(doc, "areas", areas);
    rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(doc);
    if (rc != 0)
        return TALLY_ENOMEM;
    fputc('\n', out);
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
