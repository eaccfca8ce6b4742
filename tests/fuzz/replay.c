/*
** Replay driver for the fuzz targets in builds without libFuzzer: every
** file in the directories (or the files) named on the command line goes
** through LLVMFuzzerTestOneInput once, in name order, so a crash the
** fuzzer found stays found. Exit status 0 when all ran (a broken invariant
** aborts), 2 for an unreadable argument.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long len;

    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (len < 0 || !(buf = malloc((size_t)len + 1))) {
        fclose(f);
        return -1;
    }
    if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)len);
    free(buf);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    size_t runs = 0;

    for (int i = 1; i < argc; i++) {
        struct stat st;
        DIR *d;
        struct dirent *e;
        char **names = NULL;
        size_t n = 0, cap = 0;

        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 2;
        }
        if (!S_ISDIR(st.st_mode)) {
            if (run_file(argv[i]) != 0)
                return 2;
            runs++;
            continue;
        }
        if (!(d = opendir(argv[i])))
            return 2;
        while ((e = readdir(d))) {
            size_t len;
            if (e->d_name[0] == '.')
                continue;
            if (n == cap) {
                char **nn = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *nn);
                if (!nn)
                    return 2;
                names = nn;
            }
            len = strlen(argv[i]) + strlen(e->d_name) + 2;
            if (!(names[n] = malloc(len)))
                return 2;
            snprintf(names[n++], len, "%s/%s", argv[i], e->d_name);
        }
        closedir(d);
        qsort(names, n, sizeof *names, by_name);
        for (size_t k = 0; k < n; k++) {
            if (run_file(names[k]) != 0) {
                fprintf(stderr, "replay: cannot read %s\n", names[k]);
                return 2;
            }
            runs++;
            free(names[k]);
        }
        free(names);
    }
    printf("replay: %zu inputs, every invariant held\n", runs);
    return 0;
}
