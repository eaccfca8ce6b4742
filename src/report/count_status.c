/*
** The count's status document with its declared result (report.h): the
** count gives its own figures; the result object is rendered here, as
** `tally result --format json` renders it, so the two cannot differ.
*/
#include <jansson.h>

#include "tally/report.h"

tally_status tally_report_count_status(tally_count *c, json_t **out)
{
    const tally_result *r;
    json_t *result;
    tally_status s;

    if ((s = tally_count_status_json(c, out)) != TALLY_OK)
        return s;
    if (tally_count_get_phase(c) != TALLY_PHASE_DECLARED ||
        tally_count_result(c, &r, NULL) != TALLY_OK)
        return TALLY_OK;
    if ((s = tally_report_json_object(r, &result)) != TALLY_OK ||
        json_object_set_new(*out, "result", result) != 0) {
        json_decref(*out);
        *out = NULL;
        return s != TALLY_OK ? s : TALLY_ENOMEM;
    }
    return TALLY_OK;
}
