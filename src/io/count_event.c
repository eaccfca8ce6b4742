/*
** An event as read from a count's log or from a request, applied to the
** count (include/tally/io.h). The count itself reads no input: the election
** definition that a count_opened event carries is parsed here, at the
** edge, and handed to tally_count_apply() already made.
*/
#include <jansson.h>
#include <string.h>

#include "core/jsonmem.h"
#include "tally/io.h"

tally_status tally_io_apply_event(tally_count *c, uint64_t seq, const struct json_t *event,
                                  tally_error *err)
{
    const json_t *def = json_is_object(event) ? json_object_get(event, "election") : NULL;
    const char *type = json_string_value(json_object_get(event, "type"));
    tally_election *e = NULL;

    /* Only an opening event's definition is read; one with declared
    ** figures is left for the count to refuse in its own words. */
    if (type && strcmp(type, "count_opened") == 0 && !tally_count_mode(c) &&
        json_is_object(def) && !json_object_get(def, "declared")) {
        tally_error perr;
        tally_status s;
        char *text = json_dumps(def, JSON_COMPACT);
        if (!text)
            return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
        tally_error_clear(&perr);
        s = tally_io_parse_election(text, strlen(text), "election", &e, &perr);
        tally_jsonmem_free(text);
        if (s == TALLY_ENOMEM)
            return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
        /* The count's other rules come first; its definition last. */
        if (s != TALLY_OK && (s = tally_count_apply(c, seq, event, NULL, err)) == TALLY_ENOTFOUND)
            return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                                   "the election definition is not valid: %s", perr.message);
        if (s != TALLY_OK)
            return s;
    }
    return tally_count_apply(c, seq, event, e, err);
}
