#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Fills translations/opsdeck_en.ts: the English singular and plural of every message with a count.

The source texts are English, so English needs a translation only for plurals: a message is written
"%n host(s)" and this file says "%n host" for one and "%n hosts" for more (lupdate -pluralonly collects just these
messages). Regular forms are derived: "(s)" and "(es)" are dropped for one and kept as "s"/"es" for more. A
message whose other words change with the count ("1 host matches", "2 hosts match") is listed in IRREGULAR.

Usage: cmake --build BUILD --target update_translations; python3 translations/fill_en.py; update_translations again.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

# source -> (one, more)
IRREGULAR = {
    '%n host(s) match': ('%n host matches', '%n hosts match'),
    '%n host(s) could not be evaluated and do not match, e.g. %1':
        ('%n host could not be evaluated and does not match, e.g. %1',
         '%n hosts could not be evaluated and do not match, e.g. %1'),
    'stop when %n host(s) have failed': ('stop when %n host has failed', 'stop when %n hosts have failed'),
    '%n job(s) were interrupted when OpsDeck last stopped; their output is kept in the Jobs page.':
        ('%n job was interrupted when OpsDeck last stopped; its output is kept in the Jobs page.',
         '%n jobs were interrupted when OpsDeck last stopped; their output is kept in the Jobs page.'),
    '%n job(s) run in this window. Closing stops them: hosts in flight end as interrupted, the rest never start. '
    'Their output so far is kept.':
        ('%n job runs in this window. Closing stops it: hosts in flight end as interrupted, the rest never start. '
         'Its output so far is kept.',
         '%n jobs run in this window. Closing stops them: hosts in flight end as interrupted, the rest never start. '
         'Their output so far is kept.'),
    'Recovered %n draft(s): save them to keep them as versions':
        ('Recovered %n draft: save it to keep it as a version',
         'Recovered %n drafts: save them to keep them as versions'),
    'I have read the %n blocking finding(s) above and want to run this script anyway':
        ('I have read the blocking finding above and want to run this script anyway',
         'I have read the %n blocking findings above and want to run this script anyway'),
}


def regular(source):
    if '%n' not in source:
        return None
    one = source.replace('(es)', '').replace('(s)', '')
    more = source.replace('(es)', 'es').replace('(s)', 's')
    return one, more


def main():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'opsdeck_en.ts')
    tree = ET.parse(path)
    missing = []
    for ctx in tree.getroot().iter('context'):
        for m in ctx.iter('message'):
            if m.get('numerus') != 'yes':
                continue
            src = m.find('source').text
            forms = IRREGULAR.get(src) or regular(src)
            if forms is None:
                missing.append(src)
                continue
            tr = m.find('translation')
            tr.attrib.pop('type', None)
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            for text in forms:
                ET.SubElement(tr, 'numerusform').text = text
    with open(path, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        f.write(ET.tostring(tree.getroot(), encoding='unicode') + '\n')
    for src in missing:
        print('missing: %r' % src)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
