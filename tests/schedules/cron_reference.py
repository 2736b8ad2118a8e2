#!/usr/bin/env python3
"""A brute-force reference for cron fire times across daylight-saving changes (docs/schedules.md).

It shares no code with models/schedules: its own parser, Python's zoneinfo as the tz implementation, and the
rules of the docs applied literally while stepping minute by minute in UTC:
- the fields are matched against the zone's wall clock (day of month OR day of week when neither starts with *);
- a wildcard schedule (minute or hour field starting with *) fires whenever the wall clock shows a matching minute;
- a fixed-time schedule fires at a minute whose wall time is newer than every wall time shown before it (so not in
  the second pass of a repeated stretch) and matches; and, at the first minute after a forward jump, once if any
  of the skipped wall minutes matches.

Input (stdin): {"cases": [{"expr": TEXT, "zone": IANA, "start": UNIX_SECONDS, "end": UNIX_SECONDS}, ...]}
Output (stdout): {"results": [[UNIX_SECONDS, ...] | {"error": TEXT}, ...]}, the fire times t with start < t <= end.
"""
import datetime
import json
import sys
import zoneinfo

MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
MACROS = {
    '@hourly': '0 * * * *', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@weekly': '0 0 * * 0',
    '@monthly': '0 0 1 * *', '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *',
}
# (low, high, names, value of the first name)
FIELDS = [(0, 59, None, 0), (0, 23, None, 0), (1, 31, None, 0), (1, 12, MONTHS, 1), (0, 7, DAYS, 0)]
LOOKBACK = 6 * 3600  # enough to have seen the first pass of any repeated stretch before `start`


def number(text, low, high, names, base):
    if names and text.lower() in names:
        return names.index(text.lower()) + base
    if not (text.isascii() and text.isdigit()):
        raise ValueError('bad value ' + text)
    value = int(text)
    if not low <= value <= high:
        raise ValueError('out of range ' + text)
    return value


def parse_field(text, low, high, names, base):
    values = set()
    for item in text.split(','):
        step = 1
        stepped = '/' in item
        if stepped:
            item, step_text = item.split('/', 1)
            if not (step_text.isascii() and step_text.isdigit()) or not 1 <= int(step_text) <= high - low + 1:
                raise ValueError('bad step ' + step_text)
            step = int(step_text)
        if item == '*':
            first, last = low, high
        elif '-' in item:
            a, b = item.split('-', 1)
            first, last = number(a, low, high, names, base), number(b, low, high, names, base)
            if last < first:
                raise ValueError('backwards range ' + item)
        else:
            first = number(item, low, high, names, base)
            last = high if stepped else first  # a/n is a-high/n
        values.update(range(first, last + 1, step))
    return values


class Cron:
    def __init__(self, text):
        text = text.strip()
        if text.startswith('@'):
            text = MACROS[text.lower()]
        fields = text.split()
        if len(fields) != 5:
            raise ValueError('expected 5 fields')
        self.minutes, self.hours, self.days, self.months, weekdays = (
            parse_field(f, *spec) for f, spec in zip(fields, FIELDS))
        self.weekdays = {d % 7 for d in weekdays}
        self.wildcard = fields[0].startswith('*') or fields[1].startswith('*')
        self.days_and = fields[2].startswith('*') or fields[4].startswith('*')

    def matches(self, wall):
        if wall.minute not in self.minutes or wall.hour not in self.hours or wall.month not in self.months:
            return False
        dom = wall.day in self.days
        dow = wall.isoweekday() % 7 in self.weekdays
        return (dom and dow) if self.days_and else (dom or dow)


def fire_times(cron, zone, start, end):
    minute = datetime.timedelta(minutes=1)
    fires = []
    highest = None  # the newest wall time shown so far
    previous = None  # the wall time of the minute before
    t = (start - LOOKBACK) // 60 * 60
    while t <= end:
        wall = datetime.datetime.fromtimestamp(t, zone).replace(tzinfo=None)
        if cron.wildcard:
            fire = cron.matches(wall)
        elif highest is not None and wall <= highest:
            fire = False  # the second pass of a repeated stretch
        else:
            fire = cron.matches(wall)
            if previous is not None and wall - previous > minute:
                skipped = previous + minute
                while skipped < wall and not fire:
                    fire = (highest is None or skipped > highest) and cron.matches(skipped)
                    skipped += minute
        if fire and t > start:
            fires.append(t)
        highest = wall if highest is None else max(highest, wall)
        previous = wall
        t += 60
    return fires


def main():
    cases = json.load(sys.stdin)['cases']
    zones = {}
    results = []
    for case in cases:
        try:
            cron = Cron(case['expr'])
        except (ValueError, KeyError) as e:
            results.append({'error': str(e)})
            continue
        zone = zones.setdefault(case['zone'], zoneinfo.ZoneInfo(case['zone']))
        results.append(fire_times(cron, zone, case['start'], case['end']))
    json.dump({'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
