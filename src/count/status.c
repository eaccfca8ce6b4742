/*
** What the count shows: the status document, the verification statement
** and the statement of rejected ballot papers (include/tally/count.h).
**
** PER r.45 / EC "Completion of verification": the statement gives, per box,
** the number expected from its ballot paper account, the number counted and
** any variance with its explanation, and the totals of postal papers and of
** papers verified. PER r.47: the statement of rejected ballot papers gives
** the number under each head, here with the number whose rejection was
** objected to.
*/
#include <jansson.h>

#include "state.h"
#include "tally/method.h"

tally_status tally_count_verification_json(const tally_count *c, json_t **out)
{
    json_t *boxes = json_array(), *o;
    int64_t postal = 0, verified = 0;

    for (size_t i = 0; i < c->n_boxes; i++) {
        const count_box *b = &c->boxes[i];
        json_t *row = json_pack("{s:s, s:s, s:s, s:o, s:I, s:I, s:o, s:o, s:o, s:o, s:b, s:I}",
                                "box", b->id, "kind", b->postal ? "postal" : "station",
                                "station", b->station, "place",
                                b->place ? json_string(b->place) : json_null(),
                                "expected", (json_int_t)b->issued,
                                "times_counted", (json_int_t)b->n_counts,
                                "counted", b->n_counts ? json_integer(b->last_count) : json_null(),
                                "verified", b->verified ? json_integer(b->verified_figure)
                                                        : json_null(),
                                "variance", b->verified
                                    ? json_integer(b->verified_figure - b->issued) : json_null(),
                                "explanation", b->explanation ? json_string(b->explanation)
                                                              : json_null(),
                                "compensating", b->compensating,
                                "tendered", (json_int_t)b->tendered);
        json_array_append_new(boxes, row);
        if (b->verified) {
            verified += b->verified_figure;
            if (b->postal)
                postal += b->verified_figure;
        }
    }
    o = json_pack("{s:o, s:b, s:I, s:I, s:{s:I, s:I, s:I}}", "boxes", boxes, "complete",
                  c->verification_complete, "postal_verified", (json_int_t)postal,
                  "total_verified", (json_int_t)verified, "postal_opening", "packets",
                  (json_int_t)c->postal_packets, "accepted", (json_int_t)c->postal_accepted,
                  "rejected", (json_int_t)c->postal_rejected);
    if (!o)
        return TALLY_ENOMEM;
    *out = o;
    return TALLY_OK;
}

tally_status tally_count_rejected_json(const tally_count *c, json_t **out)
{
    const tally_contest_info *ci = tally_contest_info_get(c->election->type);
    json_t *heads = json_array(), *o;
    int64_t total = 0, objected = 0;

    for (size_t h = 0; h < ci->n_heads; h++) {
        int64_t n = tally_count_rejected(c, h), ob = tally_count_objected(c, h);
        json_array_append_new(heads, json_pack("{s:s, s:s, s:I, s:I}", "head", ci->head_keys[h],
                                               "label",
                                               tally_contest_head_label(ci, h, c->election->seats),
                                               "papers", (json_int_t)n, "objected",
                                               (json_int_t)ob));
        total += n;
        objected += ob;
    }
    o = json_pack("{s:o, s:I, s:I}", "heads", heads, "total", (json_int_t)total, "objected",
                  (json_int_t)objected);
    if (!o)
        return TALLY_ENOMEM;
    *out = o;
    return TALLY_OK;
}

static json_t *requests(const tally_count *c, int open)
{
    json_t *a = json_array();
    for (size_t i = 0; i < c->n_requests; i++) {
        const count_request *r = &c->requests[i];
        if (r->open != open)
            continue;
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "seq",
                                           (json_int_t)r->seq, "kind",
                                           r->kind == REQ_RECOUNT ? "recount" : "bundle_check",
                                           "by", r->by, "role", r->role, "outcome", r->outcome));
    }
    return a;
}

tally_status tally_count_status_json(tally_count *c, json_t **out)
{
    const tally_contest_info *ci;
    json_t *o, *papers, *rejected, *boxes;
    int64_t counted = 0, rej = 0, valid;
    size_t verified = 0;

    if (!c->opened) {
        *out = json_pack("{s:s}", "phase", "new");
        return *out ? TALLY_OK : TALLY_ENOMEM;
    }
    ci = tally_contest_info_get(c->election->type);
    papers = json_object();
    for (size_t i = 0; i < c->election->n_candidates; i++) {
        int64_t v = tally_count_votes(c, i);
        json_object_set_new(papers, c->election->candidates[i].name, json_integer(v));
        counted += v;
    }
    rejected = json_object();
    for (size_t h = 0; h < ci->n_heads; h++) {
        json_object_set_new(rejected, ci->head_keys[h], json_integer(tally_count_rejected(c, h)));
        rej += tally_count_rejected(c, h);
    }
    valid = tally_count_papers(c); /* one seat: the votes */
    for (size_t i = 0; i < c->n_boxes; i++)
        verified += c->boxes[i].verified;
    boxes = json_pack("{s:I, s:I}", "total", (json_int_t)c->n_boxes, "verified",
                      (json_int_t)verified);
    o = json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:o, s:{s:I, s:I, s:o, s:o, s:o, s:o},"
                  " s:o, s:o, s:o, s:o}",
                  "phase", tally_count_phase_name(tally_count_get_phase(c)),
                  "mode", c->mode,
                  "area", c->election->area_name,
                  "events", (json_int_t)c->n_events,
                  "bundle_size", (json_int_t)c->bundle_size,
                  "boxes", boxes,
                  "papers", papers,
                  "rejected", rejected,
                  "reconciliation",
                  "candidate_votes", (json_int_t)counted,
                  "rejected", (json_int_t)rej,
                  "counted_total", json_integer(valid + rej),
                  "verified_total", c->verification_complete ? json_integer(c->verified_total)
                                                             : json_null(),
                  "difference", c->verification_complete
                                    ? json_integer(c->verified_total - valid - rej)
                                    : json_null(),
                  "explanation", c->reconciliation ? json_string(c->reconciliation) : json_null(),
                  "requests_pending", requests(c, 1),
                  "requests_settled", requests(c, 0),
                  "lot", c->has_lot ? json_pack("{s:s, s:s}", "method", c->lot_method, "falls_on",
                                                c->election->candidates[c->lot_falls_on].name)
                                    : json_null(),
                  "result", json_null());
    if (o && tally_count_is_stv(c)) {
        /* An STV count: its method, the papers imported box by box, the
        ** valid papers (imported, less those rejected), and once the count
        ** is complete the elected in order of election. "papers" gives
        ** each candidate's first preferences. Absent otherwise. */
        const tally_method_result *r;
        json_t *imported = json_object(), *elected = json_null();
        for (size_t i = 0; i < c->n_imports; i++)
            json_object_set_new(imported, c->boxes[c->imports[i].box].id,
                                json_integer((json_int_t)c->imports[i].papers->n));
        if (tally_count_stv_result(c, &r, NULL) == TALLY_OK) {
            elected = json_array();
            for (size_t i = 0; i < r->n_elected; i++)
                json_array_append_new(elected,
                                      json_string(c->election->candidates[r->elected[i]].name));
        }
        json_object_set_new(o, "method", json_string(tally_election_method_key(c->election->method)));
        json_object_set_new(o, "seats", json_integer(c->election->seats));
        json_object_set_new(o, "papers_imported", imported);
        json_object_set_new(o, "elected", elected);
        json_object_set_new(json_object_get(o, "reconciliation"), "valid_papers",
                            json_integer(valid));
    } else if (o && c->election->seats > 1) {
        /* Several seats: a paper carries up to `seats` votes, so the valid
        ** papers, not the votes, reconcile. Absent with one seat, whose
        ** status stays as it was. */
        json_object_set_new(o, "seats", json_integer(c->election->seats));
        json_object_set_new(json_object_get(o, "reconciliation"), "valid_papers",
                            json_integer(valid));
    }
    if (!o)
        return TALLY_ENOMEM;
    *out = o;
    return TALLY_OK;
}
