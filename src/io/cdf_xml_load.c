/*
** The CDF and Hart XML doors in libtally (cdf_xml.h): call the reader in
** the module tally-xlsx.so (cdf_xml.c, with libxml2), loaded on first use
** (module.h).
*/
#include "cdf_xml.h"
#include "module.h"
#include "core/jsonmem.h"

/* The module's entry symbol, what (the format) named in an error. */
static tally_status module_load(const char *symbol, const char *what, const char *text,
                                size_t len, const char *name, struct json_t **out,
                                tally_error *err)
{
    tally_status (*load)(const char *, size_t, const char *, struct json_t **, tally_error *);
    const char *why = NULL;

    *out = NULL;
    *(void **)&load = tally_module_symbol("tally-xlsx.so", symbol, &why);
    if (!load)
        return tally_error_set(err, TALLY_ENOTFOUND, name, 0, 0,
                               "reading %s needs the module tally-xlsx.so beside the tally "
                               "executable (or in the folder TALLY_MODULE_DIR names): %s",
                               what, why);
    /* The module's jansson allocates through libtally, as every reader's. */
    tally_jsonmem_init();
    return load(text, len, name, out, err);
}

tally_status cdf_xml_load(const char *text, size_t len, const char *name, struct json_t **out,
                          tally_error *err)
{
    return module_load(TALLY_CDF_XML_LOAD, "CDF XML", text, len, name, out, err);
}

tally_status hart_xml_load(const char *text, size_t len, const char *name, struct json_t **out,
                           tally_error *err)
{
    return module_load(TALLY_HART_XML_LOAD, "Hart XML", text, len, name, out, err);
}
