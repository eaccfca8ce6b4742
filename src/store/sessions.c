/*
** Sessions of tally serve in the count's database (include/tally/sessions.h).
*/
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "tally/sessions.h"

/* Keys of 16 bytes (crypto_generichash_KEYBYTES_MIN) that keep the two
** hashes of one token apart: knowing the stored one gives not the CSRF
** token, and neither gives the session token. */
static const unsigned char id_key[16] = "tally session id";
static const unsigned char csrf_key[16] = "tally csrf token";

/* The 32 bytes behind a 64-hex-digit token; -1 when it is not one. */
static int token_bytes(const char *token, unsigned char out[32])
{
    size_t n = 0;
    if (!token || strlen(token) != TALLY_SESSION_HEX - 1)
        return -1;
    if (sodium_hex2bin(out, 32, token, TALLY_SESSION_HEX - 1, NULL, &n, NULL) != 0 || n != 32)
        return -1;
    return 0;
}

static void derive(const unsigned char key[16], const unsigned char tok[32], unsigned char out[32])
{
    crypto_generichash(out, 32, tok, 32, key, 16);
}

static void fill(const unsigned char tok[32], tally_session *out)
{
    unsigned char csrf[32];
    derive(csrf_key, tok, csrf);
    sodium_bin2hex(out->token, sizeof out->token, tok, 32);
    sodium_bin2hex(out->csrf, sizeof out->csrf, csrf, 32);
}

tally_status tally_session_open(tally_log *log, const char *name, int64_t now, int64_t lifetime,
                                tally_session *out, tally_error *err)
{
    store_backend *b = tally_log_backend(log);
    unsigned char tok[32], id[32];
    char hash[256];
    tally_status st;

    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "libsodium could not start");
    if ((st = b->ops->user_get(b, name, out->role, hash, err)) != TALLY_OK)
        return st;
    sodium_memzero(hash, sizeof hash);
    if ((st = b->ops->session_purge(b, now, err)) != TALLY_OK)
        return st;
    randombytes_buf(tok, sizeof tok);
    derive(id_key, tok, id);
    snprintf(out->name, sizeof out->name, "%s", name);
    out->expires = now + lifetime;
    if ((st = b->ops->session_put(b, id, name, out->expires, err)) == TALLY_OK)
        fill(tok, out);
    sodium_memzero(tok, sizeof tok);
    return st;
}

tally_status tally_session_find(tally_log *log, const char *token, int64_t now,
                                tally_session *out, tally_error *err)
{
    store_backend *b = tally_log_backend(log);
    unsigned char tok[32], id[32];
    tally_status st;

    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "libsodium could not start");
    if (token_bytes(token, tok) != 0)
        return tally_error_set(err, TALLY_ENOTFOUND, NULL, 0, 0, "no such session");
    derive(id_key, tok, id);
    st = b->ops->session_get(b, id, now, out->name, out->role, &out->expires, err);
    if (st == TALLY_OK)
        fill(tok, out);
    sodium_memzero(tok, sizeof tok);
    return st;
}

tally_status tally_session_close(tally_log *log, const char *token, tally_error *err)
{
    store_backend *b = tally_log_backend(log);
    unsigned char tok[32], id[32];

    if (sodium_init() < 0)
        return tally_error_set(err, TALLY_EIO, NULL, 0, 0, "libsodium could not start");
    if (token_bytes(token, tok) != 0)
        return TALLY_OK;
    derive(id_key, tok, id);
    sodium_memzero(tok, sizeof tok);
    return b->ops->session_del(b, id, err);
}
