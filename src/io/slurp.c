/*
** Reading a whole file (tally_io_slurp in include/tally/io.h).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tally/alloc.h"
#include "tally/io.h"

tally_status tally_io_slurp(const char *path, char **out, size_t *len, tally_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0;

    *out = NULL;
    *len = 0;
    if (!f)
        return tally_error_set(err, TALLY_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    for (;;) {
        size_t got;
        if (cap - n < 4096) {
            size_t ncap = cap ? cap * 2 : 16384;
            char *nb;
            if (ncap > TALLY_IO_MAX_FILE + 1)
                ncap = TALLY_IO_MAX_FILE + 1;
            if (ncap <= n + 1) {
                tally_free(buf);
                fclose(f);
                return tally_error_set(err, TALLY_EINVAL, path, 0, 0,
                                       "file is larger than %u bytes", TALLY_IO_MAX_FILE);
            }
            nb = tally_realloc(buf, ncap);
            if (!nb) {
                tally_free(buf);
                fclose(f);
                return tally_error_set(err, TALLY_ENOMEM, path, 0, 0, "out of memory");
            }
            buf = nb;
            cap = ncap;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        tally_free(buf);
        fclose(f);
        return tally_error_set(err, TALLY_EIO, path, 0, 0, "read error");
    }
    fclose(f);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return TALLY_OK;
}
