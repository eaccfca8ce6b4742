/*
** Declared results as NIST SP 1500-100 Rev. 2 Election Results Reporting
** JSON (include/tally/nist_err.h; NIST, "Election Results Reporting Common
** Data Format Specification", Revision 2.0, 2019, and its JSON schema
** NIST_V2_election_results_reporting.json). docs/formats.md tables the
** mapping. Every figure is copied from the declared results; the only sums
** are the whole election's papers counted and rejected.
**
** Object ids: "gpu-uk" the United Kingdom, "gpu-ONS" a constituency (ONS
** codes are already of A-Z a-z 0-9 - _), "contest-ONS", "cand-ONS-N" and
** "sel-ONS-N" for the Nth candidate of a contest in ballot order,
** "party-CODE" for a party with a code and "party-name-NAME" for one
** without, any other byte of CODE or NAME written _XX (hex). A candidate
** of no party (party null or "Independent", as the election definition
** names it) has no PartyId.
**
** Limits: the declared result carries the rejected papers as one total, so
** they are BallotCounts.BallotsRejected and not OtherCounts.Overvotes,
** which would need the head "voting for more candidates than entitled".
*/
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "tally/nist_err.h"
#include "tally/report.h"

#define ERR "ElectionResults."
#define COUNTRY_ID "gpu-uk"

static json_t *itext(const char *content)
{
    return json_pack("{s:s, s:[{s:s, s:s, s:s}]}", "@type", ERR "InternationalizedText", "Text",
                     "@type", ERR "LanguageString", "Content", content, "Language", "en");
}

static const char *str(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static json_int_t num(const json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* prefix then s, each byte outside A-Z a-z 0-9 - written _XX. */
static void make_id(char *buf, size_t n, const char *prefix, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t k = (size_t)snprintf(buf, n, "%s", prefix);
    for (; *s && k + 4 < n; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '-')
            buf[k++] = (char)ch;
        else {
            buf[k++] = '_';
            buf[k++] = hex[ch >> 4];
            buf[k++] = hex[ch & 15];
        }
    }
    buf[k] = '\0';
}

/* The party id of a candidate into buf, or 0 for a candidate of no party. */
static int party_id(const json_t *cand, char *buf, size_t n)
{
    const char *code = str(cand, "party_code"), *name = str(cand, "party");
    if (code)
        make_id(buf, n, "party-", code);
    else if (name && strcmp(name, "Independent") != 0)
        make_id(buf, n, "party-name-", name);
    else
        return 0;
    return 1;
}

/* Add the candidate's party to parties (an array) unless it is there. */
static int add_party(json_t *parties, json_t *seen, const json_t *cand)
{
    char id[600];
    const char *code = str(cand, "party_code"), *name = str(cand, "party");
    json_t *p;

    if (!party_id(cand, id, sizeof id) || json_object_get(seen, id))
        return 0;
    p = json_pack("{s:s, s:s, s:o}", "@id", id, "@type", ERR "Party", "Name",
                  itext(name ? name : code));
    if (!p || (code && json_object_set_new(p, "Abbreviation", itext(code)) != 0) ||
        json_object_set_new(seen, id, json_true()) != 0 || json_array_append_new(parties, p) != 0)
        return -1;
    return 0;
}

static json_t *ballot_counts(const char *unit, json_int_t counted, json_int_t rejected)
{
    return json_pack("{s:s, s:s, s:s, s:I, s:I}", "@type", ERR "BallotCounts", "GpUnitId", unit,
                     "Type", "total", "BallotsCast", counted, "BallotsRejected", rejected);
}

/* One declared result: its unit, candidates, contest and papers counted. */
static int add_contest(const json_t *d, json_t *units, json_t *cands, json_t *contests,
                       json_t *ballots, json_t *parties, json_t *seen)
{
    const char *ons = str(d, "constituency");
    char unit[96], id[96], pid[600];
    json_t *sels, *c, *u, *contest;
    size_t i;
    json_int_t seats = num(d, "seats");

    snprintf(unit, sizeof unit, "gpu-%s", ons);
    u = json_pack("{s:s, s:s, s:s, s:s, s:o, s:[{s:s, s:s, s:s, s:s}], s:I}", "@id", unit,
                  "@type", ERR "ReportingUnit", "Type", "other", "OtherType",
                  "parliamentary-constituency", "Name", itext(str(d, "name")),
                  "ExternalIdentifier", "@type", ERR "ExternalIdentifier", "Type",
                  "national-level", "Label", "ONS", "Value", ons, "VotersRegistered",
                  num(d, "electorate"));

    if (!u || json_array_append_new(units, u) != 0)
        return -1;
    if (json_array_append_new(ballots, ballot_counts(unit, num(d, "valid_votes") +
                                                               num(d, "rejected"),
                                                      num(d, "rejected"))) != 0)
        return -1;
    if (!(sels = json_array()))
        return -1;
    json_array_foreach(json_object_get(d, "candidates"), i, c) {
        char cand[96];
        json_t *o;
        snprintf(cand, sizeof cand, "cand-%s-%zu", ons, i + 1);
        snprintf(id, sizeof id, "sel-%s-%zu", ons, i + 1);
        o = json_pack("{s:s, s:s, s:o, s:s}", "@id", cand, "@type", ERR "Candidate",
                      "BallotName", itext(str(c, "name")), "PostElectionStatus",
                      json_is_true(json_object_get(c, "elected")) ? "winner" : "defeated");
        if (!o || (party_id(c, pid, sizeof pid) &&
                   json_object_set_new(o, "PartyId", json_string(pid)) != 0) ||
            json_array_append_new(cands, o) != 0 || add_party(parties, seen, c) != 0) {
            json_decref(sels);
            return -1;
        }
        o = json_pack("{s:s, s:s, s:[s], s:I, s:[{s:s, s:I, s:s, s:s}]}", "@id", id, "@type",
                      ERR "CandidateSelection", "CandidateIds", cand, "SequenceOrder",
                      (json_int_t)(i + 1), "VoteCounts", "@type", ERR "VoteCounts", "Count",
                      num(c, "votes"), "GpUnitId", unit, "Type", "total");
        if (!o || json_array_append_new(sels, o) != 0) {
            json_decref(sels);
            return -1;
        }
    }
    snprintf(id, sizeof id, "contest-%s", ons);
    contest = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:s, s:o, s:[{s:s, s:s, s:s}], "
                        "s:[{s:s, s:s, s:s, s:s}]}",
                        "@id", id, "@type", ERR "CandidateContest", "Name", str(d, "name"),
                        "ElectionDistrictId", unit, "VotesAllowed", seats, "NumberElected",
                        seats, "VoteVariation", seats == 1 ? "plurality" : "n-of-m",
                        "ContestSelection", sels, "CountStatus", "@type", ERR "CountStatus",
                        "Type", "total", "Status", "completed", "ExternalIdentifier", "@type",
                        ERR "ExternalIdentifier", "Type", "other", "OtherType",
                        "tally-count-head", "Value", str(d, "head"));
    return contest && json_array_append_new(contests, contest) == 0 ? 0 : -1;
}

/* "2019-12-12" */
static int date_ok(const char *s)
{
    int y, m, d, used = 0;
    return s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 &&
           used == 10 && s[4] == '-' && s[7] == '-' && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* "2019-12-13T07:00:00Z": the schema's DateTimeWithZone, in UTC. */
static int time_ok(const char *s)
{
    int h, mi, se, used = 0;
    char date[11];
    if (!s || strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z')
        return 0;
    memcpy(date, s, 10);
    date[10] = '\0';
    return date_ok(date) && sscanf(s + 11, "%2d:%2d:%2d%n", &h, &mi, &se, &used) == 3 &&
           used == 8 && h <= 23 && mi <= 59 && se <= 59;
}

tally_status tally_nist_err_json(const json_t *const *declared, size_t n, size_t constituencies,
                                 const tally_nist_election *e, json_t **out, tally_error *err)
{
    json_t *units = json_array(), *cands = json_array(), *contests = json_array();
    json_t *ballots = json_array(), *parties = json_array(), *seen = json_object();
    json_t *country = NULL, *composing = json_array(), *election = NULL, *report = NULL;
    json_int_t counted = 0, rejected = 0;
    const char *status;
    int failed = !units || !cands || !contests || !ballots || !parties || !seen || !composing;

    *out = NULL;
    if (!date_ok(e->date))
        failed = 2;
    else if (!time_ok(e->generated))
        failed = 3;
    for (size_t i = 0; !failed && i < n; i++) {
        char unit[96];
        snprintf(unit, sizeof unit, "gpu-%s", str(declared[i], "constituency"));
        counted += num(declared[i], "valid_votes") + num(declared[i], "rejected");
        rejected += num(declared[i], "rejected");
        if (add_contest(declared[i], units, cands, contests, ballots, parties, seen) != 0 ||
            json_array_append_new(composing, json_string(unit)) != 0)
            failed = 1;
    }
    if (constituencies > 0)
        status = n >= constituencies ? "certified" : "unofficial-partial";
    else
        status = n == 1 && json_is_true(json_object_get(declared[0], "recount")) ? "recount"
                                                                               : "certified";
    if (!failed) {
        country = json_pack("{s:s, s:s, s:s, s:o, s:O}", "@id", COUNTRY_ID, "@type",
                            ERR "ReportingUnit", "Type", "country", "Name",
                            itext("United Kingdom"), "ComposingGpUnitIds", composing);
        if (!country || json_array_insert_new(units, 0, country) != 0)
            failed = 1;
        else if (constituencies > 0 &&
                 (json_object_set_new(country, "SubUnitsReported", json_integer((json_int_t)n)) ||
                  json_object_set_new(country, "TotalSubUnits",
                                      json_integer((json_int_t)constituencies)) ||
                  json_array_append_new(ballots,
                                        ballot_counts(COUNTRY_ID, counted, rejected)) != 0))
            failed = 1;
    }
    if (!failed)
        election = json_pack("{s:s, s:O, s:O, s:O, s:s, s:s, s:s, s:o, s:s}", "@type",
                             ERR "Election", "BallotCounts", ballots, "Candidate", cands,
                             "Contest", contests, "ElectionScopeId", COUNTRY_ID, "EndDate",
                             e->date, "StartDate", e->date, "Name", itext(e->name), "Type",
                             e->other_type ? "other" : e->by_election ? "special" : "general");
    if (election && e->other_type &&
        json_object_set_new(election, "OtherType", json_string(e->other_type)) != 0) {
        json_decref(election);
        election = NULL;
    }
    if (election)
        report = json_pack("{s:s, s:[o], s:s, s:s, s:O, s:s, s:s, s:O, s:i, s:i, s:s, s:s}",
                           "@type", ERR "ElectionReport", "Election", election, "Format",
                           "summary-contest", "GeneratedDate", e->generated, "GpUnit", units,
                           "Issuer", e->issuer, "IssuerAbbreviation", e->issuer_abbreviation,
                           "Party", parties, "SequenceEnd", 1, "SequenceStart", 1, "Status",
                           status, "VendorApplicationId", "tally");
    json_decref(units);
    json_decref(cands);
    json_decref(contests);
    json_decref(ballots);
    json_decref(parties);
    json_decref(seen);
    json_decref(composing);
    if (failed == 2)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the election's date must be YYYY-MM-DD, not \"%s\"",
                               e->date ? e->date : "");
    if (failed == 3)
        return tally_error_set(err, TALLY_EINVAL, NULL, 0, 0,
                               "the report's time must be YYYY-MM-DDTHH:MM:SSZ");
    if (!report)
        return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
    *out = report;
    return TALLY_OK;
}

/* The head "voting for more candidates than the voter was entitled to",
** where a contest type's heads have it as an overvote. */
static long overvote_head(const tally_election *e)
{
    const tally_contest_info *ci = tally_contest_info_get(e->type);
    if (e->type != TALLY_CONTEST_UK_PARLIAMENT && e->type != TALLY_CONTEST_LOCAL)
        return -1;
    for (size_t h = 0; h < ci->n_heads; h++)
        if (strcmp(ci->head_keys[h], "more_than_one") == 0)
            return (long)h;
    return -1;
}

tally_status tally_nist_err_result(const tally_result *r, const char *head,
                                   const char *generated, json_t **out, tally_error *err)
{
    const tally_election *el = r->election;
    const tally_contest_info *ci = tally_contest_info_get(el->type);
    char issuer[600];
    tally_nist_election e = { 0 };
    json_t *body = NULL, *report = NULL, *contest;
    long h = overvote_head(el);
    tally_status st;

    *out = NULL;
    if ((st = tally_report_declared_json(r, head, 0, &body, err)) != TALLY_OK)
        return st;
    snprintf(issuer, sizeof issuer, "%s, %s",
             el->officer_title ? el->officer_title : ci->officer_title, el->area_name);
    e.name = el->name;
    e.date = el->date;
    e.by_election = 0;
    e.other_type = ci->key;
    e.generated = generated;
    e.issuer = issuer;
    e.issuer_abbreviation = el->area_code;
    st = tally_nist_err_json((const json_t *const *)&body, 1, 0, &e, &report, err);
    json_decref(body);
    if (st != TALLY_OK)
        return st;
    contest = json_array_get(
        json_object_get(json_array_get(json_object_get(report, "Election"), 0), "Contest"), 0);
    if (h >= 0 && r->has_rejected_by_head && el->rejected[h] != TALLY_NONE) {
        char unit[96];
        snprintf(unit, sizeof unit, "gpu-%s", el->area_code);
        if (json_object_set_new(contest, "OtherCounts",
                                json_pack("[{s:s, s:s, s:I}]", "@type", ERR "OtherCounts",
                                          "GpUnitId", unit, "Overvotes",
                                          (json_int_t)el->rejected[h])) != 0) {
            json_decref(report);
            return tally_error_set(err, TALLY_ENOMEM, NULL, 0, 0, "out of memory");
        }
    }
    *out = report;
    return TALLY_OK;
}
