"""Strict checks of one feed read from stdin (issue #19), printed as JSON.

Atom: the elements RFC 4287 requires (§4.1.1 feed: one id, title, updated, an
author unless every entry has one; §4.1.2 entry: one id, title, updated, an
alternate link or content), plus xml:lang on the root. Both formats: Debian's
python3-feedparser, whose `bozo` flag is set by any well-formedness problem.
"""
import json
import sys
import xml.etree.ElementTree as ET

import feedparser

A = '{http://www.w3.org/2005/Atom}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def atom_problems(root):
    problems = []
    if root.tag != A + 'feed':
        return ['root is not atom:feed']
    if not root.get(XML_LANG):
        problems.append('feed: no xml:lang')
    for name in ('id', 'title', 'updated'):
        if len(root.findall(A + name)) != 1:
            problems.append(f'feed: needs exactly one atom:{name}')
    entries = root.findall(A + 'entry')
    if not root.findall(A + 'author') and not all(e.findall(A + 'author') for e in entries):
        problems.append('feed: no atom:author, and not every entry has one (RFC 4287 §4.1.1)')
    if not any(l.get('rel') == 'self' for l in root.findall(A + 'link')):
        problems.append('feed: no rel="self" link')
    for i, e in enumerate(entries):
        for name in ('id', 'title', 'updated'):
            if len(e.findall(A + name)) != 1:
                problems.append(f'entry {i}: needs exactly one atom:{name}')
        links = [l for l in e.findall(A + 'link') if l.get('rel', 'alternate') == 'alternate']
        if not links and e.find(A + 'content') is None:
            problems.append(f'entry {i}: neither content nor an alternate link (RFC 4287 §4.1.2)')
        summary, content = e.find(A + 'summary'), e.find(A + 'content')
        if summary is not None and content is not None and (summary.text or '') == (content.text or ''):
            problems.append(f'entry {i}: summary repeats content')
    return problems


def main():
    data = sys.stdin.buffer.read()
    root = ET.fromstring(data)
    parsed = feedparser.parse(data)
    print(json.dumps({
        'bozo': parsed.bozo,
        'bozoException': str(parsed.get('bozo_exception', '')),
        'version': parsed.version,
        'problems': atom_problems(root) if root.tag.startswith(A) else [],
        'channelDescription': parsed.feed.get('subtitle', parsed.feed.get('description', '')),
        'links': [e.get('link', '') for e in parsed.entries],
    }))


main()
