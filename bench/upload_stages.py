#!/usr/bin/env python3
"""Where a resident's 201 goes inside the server: the stages of each photo upload, from JFR.

The server writes one JDK Flight Recorder event per upload (io.gridwatch.ReportUpload, report/UploadStages): from the
request's headers to the answer, with the time of each stage: the body read (multipart, the photo written to the
uploads directory), the checks (a worker's wait and the header checks), the report's commit with its photo.
bench/photo-profile.sh records the server with JFR and runs this on the recording:

    bench/upload_stages.py RECORDING.jfr [--from HH:MM:SS] [--to HH:MM:SS]

prints the percentiles of each stage and of the whole (headers in -> answer out), in milliseconds.
"""
import argparse
import json
import re
import subprocess

STAGES = [("body", "body read (multipart, upload file)"), ("checks", "checks (worker wait + header)"),
          ("report", "report + photo committed"),
          ("duration", "whole: headers in -> 201 out")]


def millis(value):
    """A JFR timespan as `jfr print --json` writes it (ISO-8601 duration, or nanoseconds) in milliseconds."""
    if isinstance(value, (int, float)):
        return value / 1e6
    match = re.fullmatch(r"-?PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", value)
    if not match:
        raise ValueError("unknown timespan: " + value)
    hours, minutes, secs = (float(g) if g else 0.0 for g in match.groups())
    return (hours * 3600 + minutes * 60 + secs) * 1000


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("jfr")
    parser.add_argument("--from", dest="start", help="only uploads answered from HH:MM:SS (UTC)")
    parser.add_argument("--to", dest="end", help="only uploads answered until HH:MM:SS (UTC)")
    args = parser.parse_args()
    printed = subprocess.run(["jfr", "print", "--json", "--events", "io.gridwatch.ReportUpload", args.jfr],
                             check=True, capture_output=True, text=True).stdout
    stages = {key: [] for key, _ in STAGES}
    for event in json.loads(printed)["recording"]["events"]:
        values = event["values"]
        when = values["startTime"][11:19]
        if (args.start and when < args.start) or (args.end and when > args.end) or values.get("status") != 201:
            continue
        for key, _ in STAGES:
            stages[key].append(millis(values[key]))
    count = len(stages["duration"])
    if count == 0:
        raise SystemExit("no io.gridwatch.ReportUpload events answered 201 in the window")
    print(f"{count} uploads answered 201; milliseconds per stage")
    print(f"  {'stage':38s} {'p50':>8s} {'p90':>8s} {'p99':>8s} {'mean':>8s}")
    for key, label in STAGES:
        v = stages[key]
        print(f"  {label:38s} {pct(v, .5):8.1f} {pct(v, .9):8.1f} {pct(v, .99):8.1f} {sum(v) / len(v):8.1f}")


if __name__ == "__main__":
    main()
