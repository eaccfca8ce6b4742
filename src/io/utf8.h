/*
** UTF-8 checks and repairs for text read from published files. Internal
** to io/.
**
** Council files are not always clean UTF-8. Two faults are repaired, each
** only when asked (a lenient reader), and the caller warns:
**   - double encoding: UTF-8 bytes read as Windows-1252 (or Latin-1) and
**     encoded again ("LeÃƒÂ³dhas" for "Leòdhas", "Ã–" for "Ö"); undone
**     when every non-ASCII character maps back to one byte and those bytes
**     are valid UTF-8;
**   - bytes that are not UTF-8 at all: taken as Windows-1252.
** Limits: one level of double encoding is undone; a real name that happens
** to read as double-encoded UTF-8 (an "Ã" followed by a symbol from the
** Windows-1252 top half) would be changed, which is why it warns.
*/
#ifndef TALLY_IO_UTF8_H
#define TALLY_IO_UTF8_H

#include <stddef.h>

/* Byte offset of the first byte of s[0..n) that is not part of valid UTF-8
** (overlong forms, surrogates and code points above U+10FFFF are not
** valid), or n when all of it is valid. */
size_t utf8_invalid_at(const char *s, size_t n);

/* The 1-based character column of byte offset off in s (counting UTF-8
** lead bytes and single bytes before it). */
int utf8_column(const char *s, size_t off);

/* s (NUL-terminated, valid UTF-8) with one level of double encoding undone,
** in place. Returns 1 when s was changed. */
int utf8_undo_double(char *s);

/* s[0..n) taken as Windows-1252, as a new NUL-terminated UTF-8 string
** (tally_malloc; NULL when out of memory). */
char *utf8_from_cp1252(const char *s, size_t n);

#endif
