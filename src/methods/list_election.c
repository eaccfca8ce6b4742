/*
** Building and freeing a list election (include/tally/listpr.h).
*/
#include <string.h>

#include "tally/alloc.h"
#include "tally/listpr.h"

tally_list_election *tally_list_election_new(const char *title)
{
    tally_list_election *e = tally_calloc(1, sizeof *e);

    if (!e)
        return NULL;
    e->threshold_den = 1;
    if (title && !(e->title = tally_strdup(title))) {
        tally_free(e);
        return NULL;
    }
    return e;
}

void tally_list_election_free(tally_list_election *e)
{
    if (!e)
        return;
    for (size_t a = 0; a < e->n_areas; a++) {
        tally_list_area *ar = &e->areas[a];
        for (size_t p = 0; p < ar->n_parties; p++) {
            tally_list_party *pt = &ar->parties[p];
            for (size_t i = 0; i < pt->n_list; i++)
                tally_free(pt->list[i]);
            tally_free(pt->list);
            tally_free(pt->struck_off);
            tally_free(pt->name);
        }
        tally_free(ar->parties);
        tally_free(ar->name);
    }
    tally_free(e->areas);
    tally_free(e->title);
    tally_free(e);
}

tally_status tally_list_area_add(tally_list_election *e, const char *name, int64_t seats,
                                 int64_t valid_votes, size_t *out)
{
    tally_list_area *ar;

    if (!tally_grow(&e->areas, &e->cap_areas, e->n_areas, sizeof *e->areas))
        return TALLY_ENOMEM;
    ar = &e->areas[e->n_areas];
    memset(ar, 0, sizeof *ar);
    if (!(ar->name = tally_strdup(name)))
        return TALLY_ENOMEM;
    ar->seats = seats;
    ar->valid_votes = valid_votes;
    *out = e->n_areas++;
    return TALLY_OK;
}

tally_status tally_list_party_add(tally_list_election *e, size_t area, const char *name,
                                  int64_t votes, int64_t constituency_seats, int independent,
                                  size_t *out)
{
    tally_list_area *ar = &e->areas[area];
    tally_list_party *p;

    if (!tally_grow(&ar->parties, &ar->cap_parties, ar->n_parties, sizeof *ar->parties))
        return TALLY_ENOMEM;
    p = &ar->parties[ar->n_parties];
    memset(p, 0, sizeof *p);
    if (!(p->name = tally_strdup(name)))
        return TALLY_ENOMEM;
    p->votes = votes;
    p->constituency_seats = constituency_seats;
    p->independent = independent != 0;
    *out = ar->n_parties++;
    return TALLY_OK;
}

tally_status tally_list_candidate_add(tally_list_election *e, size_t area, size_t party,
                                      const char *name, int struck_off)
{
    tally_list_party *p = &e->areas[area].parties[party];
    char **nl;
    unsigned char *ns;
    char *d;

    if (!(d = tally_strdup(name)))
        return TALLY_ENOMEM;
    nl = tally_realloc(p->list, (p->n_list + 1) * sizeof *nl);
    if (!nl) {
        tally_free(d);
        return TALLY_ENOMEM;
    }
    p->list = nl;
    ns = tally_realloc(p->struck_off, p->n_list + 1);
    if (!ns) {
        tally_free(d);
        return TALLY_ENOMEM;
    }
    p->struck_off = ns;
    p->list[p->n_list] = d;
    p->struck_off[p->n_list] = struck_off != 0;
    p->n_list++;
    return TALLY_OK;
}
