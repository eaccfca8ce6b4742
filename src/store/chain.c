/*
** The audit chain: hash(n) = SHA-256(hash(n-1) || canonical bytes(n))
** (include/tally/store.h), with libsodium's SHA-256 so that anyone can check
** a chain with sha256sum.
*/
#include <sodium.h>
#include <stdio.h>

#include "backend.h"

void store_chain_hash(const unsigned char prev[32], const char *bytes, size_t len,
                      unsigned char out[32])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, prev, 32);
    crypto_hash_sha256_update(&st, (const unsigned char *)bytes, len);
    crypto_hash_sha256_final(&st, out);
}

void store_hex(const unsigned char h[32], char out[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
    out[64] = '\0';
}
