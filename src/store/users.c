/*
** Users and roles (include/tally/users.h).
**
** Roles follow who does what at a UK count (EC guidance for (A)ROs,
** "Verification and count"; PER r.44 and r.46): the returning officer
** adjudicates, decides recounts and lots and declares; supervisors run
** verification and the tables; counting assistants record bundles;
** candidates and agents watch and may ask (a recount only a candidate or
** election agent, PER r.46(1)).
*/
#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "backend.h"
#include "tally/users.h"

static const char *const roles[] = { "returning_officer", "count_supervisor",
                                     "counting_assistant", "candidate", "election_agent",
                                     "counting_agent", NULL };

/* What each role may append; the returning officer may append anything. */
static const char *const may[][8] = {
    { "count_supervisor", "box_received", "postal_opened", "box_counted", "box_verified",
      "bundle_recorded", "bundle_check_completed" },
    { "counting_assistant", "bundle_recorded" },
    { "candidate", "bundle_check_requested", "recount_requested" },
    { "election_agent", "bundle_check_requested", "recount_requested" },
    { "counting_agent", "bundle_check_requested" },
};

int tally_role_valid(const char *role)
{
    for (const char *const *r = roles; *r; r++)
        if (strcmp(*r, role) == 0)
            return 1;
    return 0;
}

int tally_role_may(const char *role, const char *type)
{
    if (strcmp(role, "returning_officer") == 0)
        return 1;
    for (size_t i = 0; i < sizeof may / sizeof may[0]; i++) {
        if (strcmp(may[i][0], role) != 0)
            continue;
        for (size_t k = 1; k < 8 && may[i][k]; k++)
            if (strcmp(may[i][k], type) == 0)
                return 1;
    }
    return 0;
}

int tally_role_may_watch(const char *role)
{
    return tally_role_valid(role);
}

tally_status tally_user_add(tally_log *log, const char *name, const char *role,
                            const char *password, tally_error *err)
{
    char hash[crypto_pwhash_STRBYTES];
    size_t n = strlen(password);

    if (!*name || strlen(name) > 100)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "a user name is 1 to 100 bytes");
    if (!tally_role_valid(role))
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "\"%s\" is not a role (returning_officer, count_supervisor, "
                               "counting_assistant, candidate, election_agent, "
                               "counting_agent)", role);
    if (n < TALLY_PASSWORD_MIN || n > TALLY_PASSWORD_MAX)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "a password is %d to %d bytes", TALLY_PASSWORD_MIN,
                               TALLY_PASSWORD_MAX);
    if (sodium_init() < 0 ||
        crypto_pwhash_str(hash, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "cannot hash the password");
    return tally_log_backend(log)->ops->user_put(tally_log_backend(log), name, role, hash, err);
}

tally_status tally_user_remove(tally_log *log, const char *name, tally_error *err)
{
    return tally_log_backend(log)->ops->user_del(tally_log_backend(log), name, err);
}

tally_status tally_user_list(tally_log *log,
                             void (*fn)(void *ctx, const char *name, const char *role),
                             void *ctx, tally_error *err)
{
    return tally_log_backend(log)->ops->user_each(tally_log_backend(log), fn, ctx, err);
}

/* A hash to check against when the name is unknown, so that an unknown
** name takes as long as a wrong password. */
static char dummy[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    static const char pw[] = "tally: no such user";
    if (crypto_pwhash_str(dummy, pw, sizeof pw - 1, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy[0] = '\0';
}

tally_status tally_user_check(tally_log *log, const char *name, const char *password,
                              char role[256], tally_error *err)
{
    char hash[256];
    tally_error lerr;
    tally_status s;
    size_t n = strlen(password);

    if (sodium_init() < 0)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "libsodium could not start");
    pthread_once(&dummy_once, make_dummy);
    tally_error_clear(&lerr);
    s = tally_log_backend(log)->ops->user_get(tally_log_backend(log), name, role, hash, &lerr);
    if (s == TALLY_ENOTFOUND) {
        if (dummy[0]) {
            volatile int spent = crypto_pwhash_str_verify(dummy, password, n);
            (void)spent; /* only the time it took matters */
        }
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "wrong name or password");
    }
    if (s != TALLY_OK) {
        if (err)
            *err = lerr;
        return s;
    }
    if (n > TALLY_PASSWORD_MAX || crypto_pwhash_str_verify(hash, password, n) != 0)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0, "wrong name or password");
    return TALLY_OK;
}
