#!/usr/bin/env python3
"""Where an alarm's time goes inside the server: the stages of each urgent reading, from JFR.

The server marks each stage of an urgent reading with a JDK Flight Recorder event (io.gridwatch.AlarmStage:
decoded, sent, committed, handed to the rules, judged, alert committed, published, frame written). Record the
server with JFR while the alert-latency probe runs, e.g.

    GRIDWATCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/alarms.jfr,settings=default,dumponexit=true" \\
        bench/ingest.sh --shapes 500x32 --rates 20000 --duration 30 --mqtt-version 3 --no-mosquitto
    bench/alarm_stages.py /tmp/alarms.jfr --skip 200      # skip the idle server's 200 alarms

and this prints the percentiles of each step between stages and of the whole (decoded → published), per alarm.
"""
import argparse
import collections
import json
import subprocess
from datetime import datetime

STAGES = ['decoded', 'sent', 'committed', 'handed to the rules', 'judged', 'alert committed', 'published',
          'frame written']


def seconds(stamp):
    base, frac = stamp[:19], stamp[20:].rstrip('Z').split('+')[0]
    return datetime.fromisoformat(base).timestamp() + float('0.' + (frac or '0'))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('jfr')
    parser.add_argument('--skip', type=int, default=0, help='leave out the first N alarms (by decode time)')
    args = parser.parse_args()
    printed = subprocess.run(['jfr', 'print', '--json', '--events', 'io.gridwatch.AlarmStage', args.jfr],
                             check=True, capture_output=True, text=True).stdout
    by_device = collections.defaultdict(dict)
    threads = collections.defaultdict(set)
    for event in json.loads(printed)['recording']['events']:
        v = event['values']
        by_device[v['device']].setdefault(v['stage'], seconds(v['startTime']))
        threads[v['stage']].add(v['eventThread']['javaName'])
    alarms = sorted((a for a in by_device.values() if all(s in a for s in STAGES)), key=lambda a: a['decoded'])
    alarms = alarms[args.skip:]
    if not alarms:
        raise SystemExit('alarm_stages.py: no alarm with every stage in ' + args.jfr)
    print(f'{len(alarms)} alarms; ms between stages (p50 / p95 / p99 / max), and the thread of each stage')
    for a, b in zip(STAGES, STAGES[1:]):
        xs = [(x[b] - x[a]) * 1000 for x in alarms]
        print(f'{a:>20} -> {b:<20} {pct(xs, .5):7.2f} {pct(xs, .95):7.2f} {pct(xs, .99):7.2f} {max(xs):7.2f}'
              f'   ({", ".join(sorted(threads[b]))})')
    xs = [(x['frame written'] - x['decoded']) * 1000 for x in alarms]
    print(f'{"decoded":>20} -> {"frame written":<20} {pct(xs, .5):7.2f} {pct(xs, .95):7.2f} {pct(xs, .99):7.2f} {max(xs):7.2f}')


if __name__ == '__main__':
    main()
