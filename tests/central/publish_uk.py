"""Publish results of the UK Parliament results database (general election
files: candidacies.csv and constituencies.csv, no header row) to the
central results service, each as its count centre would: a declared result
(include/tally/national.h) POSTed to /api/results with the constituency's
bearer token. Every figure is the source file's; the head is a stand-in
(SHA-256 of the ONS id), as these results come from no count log of tally's.

Usage: publish_uk.py DIR URL TOKENS [ONS_ID...]
TOKENS is a folder holding ONS_ID.token for each constituency. Without
ONS_IDs, every constituency in DIR is published. Exit 0 when each was
answered 201 or 200, else 1 naming the first that was not.
"""
import csv
import hashlib
import json
import os
import sys
import urllib.error
import urllib.request


def declared(dirname):
    """Declared result bodies by ONS id, in the files' order."""
    cons = {}
    for r in csv.reader(open(os.path.join(dirname, "constituencies.csv"), encoding="utf-8-sig")):
        electorate, valid, invalid = int(r[14]), int(r[15]), int(r[16])
        counted = valid + invalid
        # Ballot-box turnout in hundredths of a percent, half away from zero.
        t = (2 * counted * 10000 + electorate) // (2 * electorate)
        cons[r[0]] = {
            "constituency": r[0], "name": r[2], "election": "UK Parliament general election 2019",
            "head": hashlib.sha256(r[0].encode()).hexdigest(), "seats": 1,
            "electorate": electorate, "valid_votes": valid, "rejected": invalid,
            "turnout": "%d.%02d" % (t // 100, t % 100), "candidates": [],
        }
    for r in csv.reader(open(os.path.join(dirname, "candidacies.csv"), encoding="utf-8-sig")):
        abbr = r[8]
        cons[r[0]]["candidates"].append({
            "name": " ".join((r[12] + " " + r[13]).split()), "party": r[7],
            "party_code": None if abbr in ("", "Ind") else abbr, "votes": int(r[18]),
            "elected": False})
    for d in cons.values():
        max(d["candidates"], key=lambda c: c["votes"])["elected"] = True
    return cons


def main():
    dirname, url, tokens = sys.argv[1:4]
    cons = declared(dirname)
    for ons in sys.argv[4:] or list(cons):
        token = open(os.path.join(tokens, ons + ".token")).read().strip()
        rq = urllib.request.Request(url + "/api/results", data=json.dumps(cons[ons]).encode(),
                                    headers={"Authorization": "Bearer " + token})
        try:
            with urllib.request.urlopen(rq) as a:
                status = a.status
        except urllib.error.HTTPError as e:
            status = e.code
            print("%s: %d %s" % (ons, status, e.read().decode()), file=sys.stderr)
        if status not in (200, 201):
            print("not published: %s (%d)" % (ons, status))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
