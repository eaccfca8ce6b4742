/*
** Declared results in the UK Parliament results layout, general election
** shape (include/tally/uk_parliament_csv.h; the columns are those of the UK
** Parliament results database's general election files, docs/formats.md).
**
** What the declared result carries is written: the constituency's ONS id
** and name, electorate, valid and invalid (rejected) papers, each
** candidate's name, party, abbreviation and votes. What follows from them
** is written too: the member elected, the first and second parties, the
** majority (the last elected less the first not elected), the votes of
** each party column, and each candidate's share of the valid votes as a
** fraction to six places, rounded once, half away from zero. What the
** declared result does not carry is left empty: region, county, country
** and type, the declaration time, genders, the outcome ("Lab hold": it
** needs the previous election), party ids, the Labour and Co-operative
** adjunct id, sitting and former MP, member ids, and the change in share.
**
** A name is declared whole, not as given names and family name: it is
** written whole in the surname column, the first-name column empty, so
** that a reader joining the two gets it back as declared.
*/
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "tally/num.h"
#include "tally/uk_parliament_csv.h"
#include "util.h"

/* The party columns of the general election files, in their order; BRX
** also counts Reform UK (RUK), the Brexit Party under its new name, as the
** by-election files head the column. */
static const char *const party_cols[] = { "Con", "Lab", "LD",   "BRX", "Green", "SNP",
                                          "PC",  "DUP", "SF",   "SDLP", "UUP",  "APNI" };
#define N_PARTY_COLS (sizeof party_cols / sizeof party_cols[0])

static const char *str(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t num(const json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

static int independent(const json_t *c)
{
    const char *p = str(c, "party");
    return !str(c, "party_code") && (!p || strcmp(p, "Independent") == 0);
}

/* The abbreviation as the files give it: "Ind" for an Independent. */
static const char *abbr(const json_t *c)
{
    const char *code = str(c, "party_code");
    return code ? code : independent(c) ? "Ind" : "";
}

static int party_col(const json_t *c)
{
    const char *code = str(c, "party_code");
    if (!code)
        return -1;
    if (strcmp(code, "RUK") == 0)
        code = "BRX";
    for (size_t i = 0; i < N_PARTY_COLS; i++)
        if (strcmp(code, party_cols[i]) == 0)
            return (int)i;
    return -1;
}

static void field(FILE *out, const char *s)
{
    tally_rep_csv_field(out, s ? s : "");
    fputc(',', out);
}

static void figure(FILE *out, int64_t v, int last)
{
    fprintf(out, "%lld%s", (long long)v, last ? "\r\n" : ",");
}

/* The candidates of d ordered elected first, then by votes, most first,
** then in ballot order; a new array of borrowed candidates, or NULL. */
static const json_t **standing(const json_t *d, size_t *n)
{
    const json_t *cands = json_object_get(d, "candidates");
    const json_t **v;

    *n = json_array_size(cands);
    if (!(v = malloc((*n ? *n : 1) * sizeof *v)))
        return NULL;
    for (size_t i = 0; i < *n; i++)
        v[i] = json_array_get(cands, i);
    /* Insertion sort: stable, and a contest has few candidates. */
    for (size_t i = 1; i < *n; i++) {
        const json_t *c = v[i];
        size_t j = i;
        for (; j > 0; j--) {
            const json_t *p = v[j - 1];
            int ce = json_is_true(json_object_get(c, "elected"));
            int pe = json_is_true(json_object_get(p, "elected"));
            if (ce < pe || (ce == pe && num(c, "votes") <= num(p, "votes")))
                break;
            v[j] = p;
        }
        v[j] = c;
    }
    return v;
}

static const char constituencies_header[] =
    "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,"
    "Constituency type,Declaration time,Member first name,Member surname,Member gender,"
    "Result,First party,Second party,Electorate,Valid votes,Invalid votes,Majority,"
    "Con,Lab,LD,BRX,Green,SNP,PC,DUP,SF,SDLP,UUP,APNI,All other candidates,"
    "Of which other winner\r\n";

tally_status tally_uk_parliament_constituencies_csv(const json_t *const *declared, size_t n,
                                                    FILE *out)
{
    fputs(constituencies_header, out);
    for (size_t i = 0; i < n; i++) {
        const json_t *d = declared[i];
        size_t nc, seats = (size_t)num(d, "seats");
        const json_t **v = standing(d, &nc);
        int64_t cols[N_PARTY_COLS] = { 0 }, other = 0, other_winner = 0, majority;

        if (!v)
            return TALLY_ENOMEM;
        for (size_t k = 0; k < nc; k++) {
            int col = party_col(v[k]);
            if (col >= 0)
                cols[col] += num(v[k], "votes");
            else {
                other += num(v[k], "votes");
                if (json_is_true(json_object_get(v[k], "elected")))
                    other_winner += num(v[k], "votes");
            }
        }
        /* The last elected less the first not elected (declared results
        ** elect exactly `seats`, national.h). */
        majority = num(v[seats - 1], "votes") - (nc > seats ? num(v[seats], "votes") : 0);
        field(out, str(d, "constituency"));
        field(out, "");
        field(out, str(d, "name"));
        for (int k = 0; k < 5; k++) /* county, region, country, type, declaration time */
            field(out, "");
        field(out, "");
        field(out, str(v[0], "name"));
        field(out, "");
        field(out, "");
        field(out, abbr(v[0]));
        field(out, nc > 1 ? abbr(v[1]) : "");
        figure(out, num(d, "electorate"), 0);
        figure(out, num(d, "valid_votes"), 0);
        figure(out, num(d, "rejected"), 0);
        figure(out, majority, 0);
        for (size_t k = 0; k < N_PARTY_COLS; k++)
            figure(out, cols[k], 0);
        figure(out, other, 0);
        figure(out, other_winner, 1);
        free(v);
    }
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}

static const char candidacies_header[] =
    "ONS ID,ONS region ID,Constituency name,County name,Region name,Country name,"
    "Constituency type,Party name,Party abbreviation,Electoral Commission party ID,"
    "MNIS party ID,Electoral Commission adjunct party ID,Candidate first name,"
    "Candidate surname,Candidate gender,Sitting MP,Former MP,Member MNIS ID,Votes,Share,"
    "Change\r\n";

/* votes / valid as a fraction to six places: "0.206279". */
static tally_status share(int64_t votes, int64_t valid, char *buf, size_t n)
{
    int64_t millionths = 0;
    tally_status st;
    if (valid <= 0) {
        buf[0] = '\0';
        return TALLY_OK;
    }
    if ((st = tally_num_round_ratio(votes, valid, 1000000, &millionths)) != TALLY_OK)
        return st;
    snprintf(buf, n, "%lld.%06lld", (long long)(millionths / 1000000),
             (long long)(millionths % 1000000));
    return TALLY_OK;
}

tally_status tally_uk_parliament_candidacies_csv(const json_t *const *declared, size_t n,
                                                 FILE *out)
{
    fputs(candidacies_header, out);
    for (size_t i = 0; i < n; i++) {
        const json_t *d = declared[i], *c;
        size_t k;
        json_array_foreach(json_object_get(d, "candidates"), k, c) {
            char sh[32];
            tally_status st = share(num(c, "votes"), num(d, "valid_votes"), sh, sizeof sh);
            if (st != TALLY_OK)
                return st;
            field(out, str(d, "constituency"));
            field(out, "");
            field(out, str(d, "name"));
            for (int e = 0; e < 4; e++) /* county, region, country, type */
                field(out, "");
            field(out, independent(c) ? "Independent" : str(c, "party") ? str(c, "party")
                                                                       : str(c, "party_code"));
            field(out, abbr(c));
            for (int e = 0; e < 3; e++) /* EC party id, MNIS party id, adjunct id */
                field(out, "");
            field(out, "");
            field(out, str(c, "name"));
            for (int e = 0; e < 4; e++) /* gender, sitting MP, former MP, member id */
                field(out, "");
            figure(out, num(c, "votes"), 0);
            fputs(sh, out);
            fputs(",\r\n", out);
        }
    }
    return ferror(out) ? TALLY_EIO : TALLY_OK;
}
