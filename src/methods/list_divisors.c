/*
** Highest-averages list methods with no statute of their own:
**
**   D'Hondt: divisors 1, 2, 3, ... (Jefferson's method); the form used,
**     with a legal threshold, for the European Parliament in the Czech
**     Republic (Act No. 62/2003 Coll. s.48: 5% of the valid votes, then
**     D'Hondt over 21 seats, as in 2019).
**   Sainte-Laguë: divisors 1, 3, 5, ... (Webster's method), as New Zealand
**     allocates its 120 seats among qualifying parties (Electoral Act 1993
**     (NZ) s.191 and Sch 2).
**   modified Sainte-Laguë: first divisor 1.4, then 3, 5, ... (Norway,
**     Sweden before 2018).
**
** The file may set a threshold: a party whose votes are below that share
** of the area's valid votes is disregarded (a share exactly at it
** qualifies).
*/
#include "list_rule.h"

const list_rule tally_list_rule_dhondt = {
    .method = TALLY_LIST_DHONDT, .name = "dhondt",
    .source = "D'Hondt highest averages (divisors 1, 2, 3, ...)",
    .series = LIST_SERIES_DHONDT, .file_threshold = 1,
};

const list_rule tally_list_rule_sainte_lague = {
    .method = TALLY_LIST_SAINTE_LAGUE, .name = "sainte-lague",
    .source = "Sainte-Lagu\xc3\xab highest averages (divisors 1, 3, 5, ...)",
    .series = LIST_SERIES_SAINTE_LAGUE, .file_threshold = 1,
};

const list_rule tally_list_rule_modified_sainte_lague = {
    .method = TALLY_LIST_MODIFIED_SAINTE_LAGUE, .name = "modified-sainte-lague",
    .source = "modified Sainte-Lagu\xc3\xab highest averages (divisors 1.4, 3, 5, ...)",
    .series = LIST_SERIES_MODIFIED_SL, .file_threshold = 1,
};
