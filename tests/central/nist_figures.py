"""Check a NIST SP 1500-100 Rev. 2 ElectionReport served by the central
service against the UK Parliament results database's general election files
it was published from: every constituency's electorate, papers counted and
rejected, each candidate's votes, party and whether elected, and the
whole election's sums. The source files are the judge, not tally's output.

Usage: nist_figures.py DIR REPORT [ONS_ID]
With ONS_ID, the report is of that one contest; without, of every
constituency in DIR. Exit 0 when every figure agrees, else 1 with the first
that does not.
"""
import csv
import os
import sys


def main():
    dirname, report = sys.argv[1], sys.argv[2]
    only = sys.argv[3] if len(sys.argv) > 3 else None
    import json
    doc = json.load(open(report, encoding="utf-8"))
    cons = {r[0]: r for r in csv.reader(open(os.path.join(dirname, "constituencies.csv"),
                                             encoding="utf-8-sig"))
            if not only or r[0] == only}
    cands = {}
    for r in csv.reader(open(os.path.join(dirname, "candidacies.csv"), encoding="utf-8-sig")):
        if r[0] in cons:
            cands.setdefault(r[0], []).append(r)

    faults = []

    def want(what, got, expected):
        if got != expected:
            faults.append("%s: %r, the source has %r" % (what, got, expected))

    (election,) = doc["Election"]
    units = {u["@id"]: u for u in doc["GpUnit"]}
    parties = {p["@id"]: p for p in doc.get("Party", [])}
    people = {c["@id"]: c for c in election.get("Candidate", [])}
    ballots = {b["GpUnitId"]: b for b in election.get("BallotCounts", [])}
    contests = election.get("Contest", [])
    want("contests", len(contests), len(cons))
    for contest in contests:
        unit = units[contest["ElectionDistrictId"]]
        (ons,) = [x["Value"] for x in unit["ExternalIdentifier"] if x["Label"] == "ONS"]
        src = cons[ons]
        want(ons + " name", contest["Name"], src[2])
        want(ons + " electorate", unit["VotersRegistered"], int(src[14]))
        b = ballots[unit["@id"]]
        want(ons + " papers counted", b["BallotsCast"], int(src[15]) + int(src[16]))
        want(ons + " rejected", b["BallotsRejected"], int(src[16]))
        got, expected = [], []
        for sel in contest["ContestSelection"]:
            (vc,) = sel["VoteCounts"]
            want(ons + " count type", vc["Type"], "total")
            person = people[sel["CandidateIds"][0]]
            party = parties.get(person.get("PartyId"))
            abbr = party["Abbreviation"]["Text"][0]["Content"] if party else "Ind"
            got.append((person["BallotName"]["Text"][0]["Content"], abbr, vc["Count"],
                        person["PostElectionStatus"]))
        top = max(int(r[18]) for r in cands[ons])
        for r in cands[ons]:
            expected.append((" ".join((r[12] + " " + r[13]).split()), r[8] or "Ind", int(r[18]),
                             "winner" if int(r[18]) == top else "defeated"))
        want(ons + " candidates", sorted(got), sorted(expected))
        won = [r for r in cands[ons] if int(r[18]) == top]
        want(ons + " winner's party", won[0][8], src[12])
    if not only:
        uk = ballots["gpu-uk"]
        want("UK papers counted", uk["BallotsCast"],
             sum(int(r[15]) + int(r[16]) for r in cons.values()))
        want("UK rejected", uk["BallotsRejected"], sum(int(r[16]) for r in cons.values()))
    if faults:
        print("%d faults; the first: %s" % (len(faults), faults[0]))
        return 1
    print("every figure agrees (%d contests)" % len(contests))
    return 0


sys.exit(main())
