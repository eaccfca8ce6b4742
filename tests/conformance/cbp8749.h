/*
** The official seats of the general election of 12 December 2019 and the
** seats that changed hands against 8 June 2017, for the conformance tests
** that tally them (test_seats_2019.c, test_national_2019.c).
**
** Source: House of Commons Library, General Election 2019: results and
** analysis (CBP 8749, second edition, January 2020): seats Con 365, Lab 202,
** SNP 48, LD 11, DUP 8, SF 7, PC 4, SDLP 2, Green 1, Alliance (APNI) 1, Speaker 1;
** "81 seats changed hands. The Conservatives made 58 gains but lost 10
** seats for a net change of +48. Labour gained 1 seat and lost 61, for a
** net change of -60. The Liberal Democrats lost four seats but gained
** three, for a net change of -1. The SNP gained 14 seats and lost one, for
** a net change of +13." DUP 10 to 8 and SDLP 0 to 2 (net -2, +2) are from
** its table of seats by party, 2017 and 2019. Shares of the UK vote, to one
** place: Conservatives "43.6% of the vote, up from 42.3% in 2017", Labour
** "32.1% of the vote, down from ... 40.0%", Liberal Democrats "11.5% of the
** vote, up from 7.4%".
*/
#ifndef TALLY_TESTS_CBP8749_H
#define TALLY_TESTS_CBP8749_H

#include <stdint.h>

typedef struct official {
    const char *key;
    int64_t seats, gains, losses; /* -1: the source gives only the net change */
    int64_t net;
} official;

static const official cbp8749[] = {
    { "Con", 365, 58, 10, 48 },   { "Lab", 202, 1, 61, -60 }, { "SNP", 48, 14, 1, 13 },
    { "LD", 11, 3, 4, -1 },       { "DUP", 8, -1, -1, -2 },   { "SF", 7, -1, -1, 0 },
    { "PC", 4, -1, -1, 0 },       { "SDLP", 2, -1, -1, 2 },   { "Green", 1, -1, -1, 0 },
    { "APNI", 1, -1, -1, 1 }, { "Spk", 1, -1, -1, 0 },
};

#define CBP8749_PARTIES (sizeof cbp8749 / sizeof cbp8749[0])
#define CBP8749_CHANGED_HANDS 81

/* Shares of the UK vote in tenths of a percent, 2019 and 2017. */
static const struct { const char *key; int64_t now, then; } cbp8749_shares[] = {
    { "Con", 436, 423 }, { "Lab", 321, 400 }, { "LD", 115, 74 } };

/* The Butler swing from Labour to Conservative from the shares above:
** ((43.6 - 42.3) + (40.0 - 32.1)) / 2 = 4.6 points, in tenths. */
#define CBP8749_SWING_LAB_TO_CON 46

#endif
