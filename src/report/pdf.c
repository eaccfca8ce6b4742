/*
** The declaration of result notice as PDF (tally_report_pdf in
** include/tally/report.h): notice.c's items, drawn by the module
** tally-pdf.so (pdf_draw.c), which alone links cairo and pango.
**
** The module is loaded on the first PDF asked for, from the folder the
** tally executable is in (/proc/self/exe), or from the path
** TALLY_PDF_MODULE names. Without it, a PDF is TALLY_ENOTFOUND and every
** other report works as before.
*/
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notice.h"
#include "pdf_draw.h"
#include "tally/report.h"

/* The module's entry, or NULL when it cannot be loaded. Loaded once and
** kept for the process (a module is never unloaded). */
static tally_pdf_draw_fn *load(void)
{
    static tally_pdf_draw_fn *draw;
    char path[PATH_MAX];
    const char *env = getenv("TALLY_PDF_MODULE");
    void *h;

    if (draw)
        return draw;
    if (env && *env) {
        snprintf(path, sizeof path, "%s", env);
    } else {
        ssize_t n = readlink("/proc/self/exe", path, sizeof path - 16);
        char *slash;
        if (n <= 0)
            return NULL;
        path[n] = '\0';
        if (!(slash = strrchr(path, '/')))
            return NULL;
        strcpy(slash + 1, "tally-pdf.so");
    }
    if (!(h = dlopen(path, RTLD_NOW | RTLD_LOCAL)))
        return NULL;
    *(void **)&draw = dlsym(h, TALLY_PDF_DRAW);
    return draw;
}

tally_status tally_report_pdf(const tally_result *r, const char *created, FILE *out)
{
    tally_pdf_draw_fn *draw = load();
    tally_notice *n;
    char title[700];
    tally_status s;

    if (!draw)
        return TALLY_ENOTFOUND;
    if ((s = tally_notice_build(r, &n)) != TALLY_OK)
        return s;
    snprintf(title, sizeof title, "Declaration of result: %s, %s", r->election->name,
             r->election->area_name);
    s = draw(n, title, created, out);
    tally_notice_free(n);
    return s;
}
