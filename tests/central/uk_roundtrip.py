"""Compare what `tally results --uk-parliament` read back from the central
service's UK Parliament export with the UK Parliament results database's
general election files the results were published from: every
constituency's electorate, valid and rejected papers and majority, each
candidate's name, party, votes, share and election, and the export's own
constituency columns (first and second party, the party columns). The
source files are the judge.

Usage: uk_roundtrip.py SOURCE_DIR EXPORT_DIR RESULTS_JSON
Exit 0 when every figure agrees, else 1 with the first that does not.
"""
import csv
import json
import os
import sys
from fractions import Fraction


def rows(d, name):
    return list(csv.reader(open(os.path.join(d, name), encoding="utf-8-sig")))


def main():
    src_dir, exp_dir, results = sys.argv[1:4]
    src_cons = {r[0]: r for r in rows(src_dir, "constituencies.csv")}
    src_cands = {}
    for r in rows(src_dir, "candidacies.csv"):
        src_cands.setdefault(r[0], []).append(r)
    exp_cons = {r[0]: r for r in rows(exp_dir, "constituencies.csv")[1:]}
    read = {o["ons_id"]: o for o in json.load(open(results, encoding="utf-8"))}
    faults = []

    def want(what, got, expected):
        if got != expected:
            faults.append("%s: %r, the source has %r" % (what, got, expected))

    want("constituencies read back", sorted(read), sorted(src_cons))
    for ons, src in src_cons.items():
        o = read.get(ons)
        if not o:
            continue
        want(ons + " name", o["area"], src[2])
        want(ons + " electorate", o["electorate"], int(src[14]))
        want(ons + " valid", o["valid_votes"], int(src[15]))
        want(ons + " rejected", o["rejected"]["total"], int(src[16]))
        want(ons + " majority", o["majority"], int(src[17]))
        got = sorted((c["name"], c["party"], c["party_code"], c["votes"], c["elected"])
                     for c in o["candidates"])
        top = max(int(r[18]) for r in src_cands[ons])
        expected = sorted((" ".join((r[12] + " " + r[13]).split()), r[7],
                           None if r[8] in ("", "Ind") else r[8], int(r[18]), int(r[18]) == top)
                          for r in src_cands[ons])
        want(ons + " candidates", got, expected)
        # The source's share is a fraction rounded to its places, tally's a
        # percentage rounded to two from the exact share: they agree within
        # the two roundings.
        shares = {c["name"]: c["share_percent"] for c in o["candidates"]}
        for r in src_cands[ons]:
            name = " ".join((r[12] + " " + r[13]).split())
            places = len(r[19].split(".")[1]) if "." in r[19] else 0
            gap = abs(Fraction(shares[name]) - Fraction(r[19]) * 100)
            if gap > Fraction(1, 200) + Fraction(100, 2 * 10 ** places):
                faults.append("%s %s share: %s%%, the source has %s" % (ons, name, shares[name],
                                                                       r[19]))
        e = exp_cons[ons]
        want(ons + " exported first and second party", e[12:14], src[12:14])
        want(ons + " exported electorate to party columns", e[14:32], src[14:32])
    if faults:
        print("%d faults; the first: %s" % (len(faults), faults[0]))
        return 1
    print("every figure agrees (%d constituencies)" % len(read))
    return 0


sys.exit(main())
