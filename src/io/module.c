/*
** Loading tally's optional modules (module.h).
**
** Limit: a module once loaded stays loaded for the process; at most
** MAX_MODULES of them.
*/
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "module.h"

#define MAX_MODULES 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    const char *file;
    void *handle;
} loaded[MAX_MODULES];
static char reason[512];

/* Open file from dir (NULL: the loader's search). */
static void *open_in(const char *dir, const char *file)
{
    char path[PATH_MAX];

    if (!dir)
        return dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
        return NULL; /* too long a path: not a module, whatever is there */
    return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

static void *open_module(const char *file)
{
    const char *env = getenv("TALLY_MODULE_DIR");
    char exe[PATH_MAX], *slash;
    ssize_t n;
    void *h;

    if (env && *env)
        return open_in(env, file);
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        if ((slash = strrchr(exe, '/'))) {
            *slash = '\0';
            if ((h = open_in(exe, file)))
                return h;
        }
    }
#ifdef TALLY_BUILD_DIR
    if ((h = open_in(TALLY_BUILD_DIR, file)))
        return h;
#endif
    return open_in(NULL, file);
}

void *tally_module_symbol(const char *file, const char *symbol, const char **why)
{
    void *h = NULL, *sym = NULL;
    size_t i;

    pthread_mutex_lock(&lock);
    for (i = 0; i < MAX_MODULES && loaded[i].file; i++)
        if (strcmp(loaded[i].file, file) == 0)
            h = loaded[i].handle;
    if (!h && i < MAX_MODULES && (h = open_module(file))) {
        loaded[i].file = file;
        loaded[i].handle = h;
    }
    if (h)
        sym = dlsym(h, symbol);
    if (!sym) {
        const char *e = dlerror();
        snprintf(reason, sizeof reason, "%s", e ? e : "not found");
        if (why)
            *why = reason;
    }
    pthread_mutex_unlock(&lock);
    return sym;
}
