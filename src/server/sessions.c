/*
** Sessions and login throttling (src/server/sessions.h).
*/
#include "sessions.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SESSIONS 1024
#define MAX_THROTTLE 256
#define SESSION_TTL (12 * 3600)
#define WINDOW (15 * 60)
#define MAX_FAILURES 5

typedef struct throttle {
    char name[101];
    time_t since;
    int failures;
} throttle;

struct srv_sessions {
    pthread_mutex_t mu;
    srv_session s[MAX_SESSIONS];
    throttle t[MAX_THROTTLE];
};

srv_sessions *srv_sessions_new(void)
{
    srv_sessions *s = calloc(1, sizeof *s);
    if (!s || sodium_init() < 0) {
        free(s);
        return NULL;
    }
    pthread_mutex_init(&s->mu, NULL);
    return s;
}

void srv_sessions_free(srv_sessions *s)
{
    if (!s)
        return;
    sodium_memzero(s->s, sizeof s->s);
    pthread_mutex_destroy(&s->mu);
    free(s);
}

static void random_hex(char out[SESSION_HEX])
{
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, SESSION_HEX, b, sizeof b);
    sodium_memzero(b, sizeof b);
}

int srv_session_open(srv_sessions *s, const char *name, const char *role, time_t now,
                     srv_session *out)
{
    size_t slot = 0;
    pthread_mutex_lock(&s->mu);
    /* A free or expired slot, else the one expiring soonest. */
    for (size_t i = 0; i < MAX_SESSIONS; i++) {
        if (!s->s[i].token[0] || s->s[i].expires <= now) {
            slot = i;
            break;
        }
        if (s->s[i].expires < s->s[slot].expires)
            slot = i;
    }
    random_hex(s->s[slot].token);
    random_hex(s->s[slot].csrf);
    snprintf(s->s[slot].name, sizeof s->s[slot].name, "%s", name);
    snprintf(s->s[slot].role, sizeof s->s[slot].role, "%s", role);
    s->s[slot].expires = now + SESSION_TTL;
    *out = s->s[slot];
    pthread_mutex_unlock(&s->mu);
    return 0;
}

int srv_session_find(srv_sessions *s, const char *token, time_t now, srv_session *out)
{
    int found = -1;
    if (!token || strlen(token) != SESSION_HEX - 1)
        return -1;
    pthread_mutex_lock(&s->mu);
    for (size_t i = 0; i < MAX_SESSIONS; i++) {
        if (s->s[i].token[0] && s->s[i].expires > now &&
            sodium_memcmp(s->s[i].token, token, SESSION_HEX - 1) == 0) {
            *out = s->s[i];
            found = 0;
            break;
        }
    }
    pthread_mutex_unlock(&s->mu);
    return found;
}

void srv_session_close(srv_sessions *s, const char *token)
{
    pthread_mutex_lock(&s->mu);
    for (size_t i = 0; i < MAX_SESSIONS; i++)
        if (s->s[i].token[0] && strlen(token) == SESSION_HEX - 1 &&
            sodium_memcmp(s->s[i].token, token, SESSION_HEX - 1) == 0)
            memset(&s->s[i], 0, sizeof s->s[i]);
    pthread_mutex_unlock(&s->mu);
}

static throttle *find_throttle(srv_sessions *s, const char *name, int make, time_t now)
{
    size_t oldest = 0;
    for (size_t i = 0; i < MAX_THROTTLE; i++) {
        if (s->t[i].name[0] && strcmp(s->t[i].name, name) == 0)
            return &s->t[i];
        if (s->t[i].since < s->t[oldest].since)
            oldest = i;
    }
    if (!make)
        return NULL;
    snprintf(s->t[oldest].name, sizeof s->t[oldest].name, "%s", name);
    s->t[oldest].since = now;
    s->t[oldest].failures = 0;
    return &s->t[oldest];
}

int srv_login_allowed(srv_sessions *s, const char *name, time_t now)
{
    throttle *t;
    int ok = 1;
    pthread_mutex_lock(&s->mu);
    t = find_throttle(s, name, 0, now);
    if (t && now - t->since < WINDOW && t->failures >= MAX_FAILURES)
        ok = 0;
    pthread_mutex_unlock(&s->mu);
    return ok;
}

void srv_login_failed(srv_sessions *s, const char *name, time_t now)
{
    throttle *t;
    pthread_mutex_lock(&s->mu);
    t = find_throttle(s, name, 1, now);
    if (now - t->since >= WINDOW) {
        t->since = now;
        t->failures = 0;
    }
    t->failures++;
    pthread_mutex_unlock(&s->mu);
}

void srv_login_succeeded(srv_sessions *s, const char *name)
{
    throttle *t;
    pthread_mutex_lock(&s->mu);
    if ((t = find_throttle(s, name, 0, 0)))
        memset(t, 0, sizeof *t);
    pthread_mutex_unlock(&s->mu);
}
