/*
** The sign-in throttle (src/server/throttle.h).
*/
#include "throttle.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTRIES 256
#define WINDOW (15 * 60)
#define MAX_FAILURES 5

typedef struct entry {
    char addr[64];
    char name[101];
    time_t since;
    int failures;
} entry;

struct srv_throttle {
    pthread_mutex_t mu;
    entry e[MAX_ENTRIES];
};

srv_throttle *srv_throttle_new(void)
{
    srv_throttle *t = calloc(1, sizeof *t);
    if (t)
        pthread_mutex_init(&t->mu, NULL);
    return t;
}

void srv_throttle_free(srv_throttle *t)
{
    if (!t)
        return;
    pthread_mutex_destroy(&t->mu);
    free(t);
}

static entry *find(srv_throttle *t, const char *addr, const char *name, int make, time_t now)
{
    size_t oldest = 0;
    for (size_t i = 0; i < MAX_ENTRIES; i++) {
        if (t->e[i].name[0] && strcmp(t->e[i].name, name) == 0 &&
            strcmp(t->e[i].addr, addr) == 0)
            return &t->e[i];
        if (t->e[i].since < t->e[oldest].since)
            oldest = i;
    }
    if (!make)
        return NULL;
    snprintf(t->e[oldest].addr, sizeof t->e[oldest].addr, "%s", addr);
    snprintf(t->e[oldest].name, sizeof t->e[oldest].name, "%s", name);
    t->e[oldest].since = now;
    t->e[oldest].failures = 0;
    return &t->e[oldest];
}

int srv_login_allowed(srv_throttle *t, const char *addr, const char *name, time_t now)
{
    entry *e;
    int ok = 1;
    pthread_mutex_lock(&t->mu);
    e = find(t, addr, name, 0, now);
    if (e && now - e->since < WINDOW && e->failures >= MAX_FAILURES)
        ok = 0;
    pthread_mutex_unlock(&t->mu);
    return ok;
}

void srv_login_failed(srv_throttle *t, const char *addr, const char *name, time_t now)
{
    entry *e;
    pthread_mutex_lock(&t->mu);
    e = find(t, addr, name, 1, now);
    if (now - e->since >= WINDOW) {
        e->since = now;
        e->failures = 0;
    }
    e->failures++;
    pthread_mutex_unlock(&t->mu);
}

void srv_login_succeeded(srv_throttle *t, const char *addr, const char *name)
{
    entry *e;
    pthread_mutex_lock(&t->mu);
    if ((e = find(t, addr, name, 0, 0)))
        memset(e, 0, sizeof *e);
    pthread_mutex_unlock(&t->mu);
}
