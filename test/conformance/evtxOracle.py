#!/usr/bin/python3
# The independent side of the EVTX oracle test: python-evtx (Debian's python3-evtx) reads each file named on
# the command line and prints one JSON line per file with, for every record, the values the tests compare
# (the record number of its header and its EventRecordID, EventID, TimeCreated, Computer, Channel, Provider,
# every EventData and UserData name and value).
# Written for Cairn; run with /usr/bin/python3 so the apt package is the one imported.

import json
import sys

import Evtx.Evtx as evtx
from lxml import etree


def local(tag):
    return etree.QName(tag).localname if isinstance(tag, str) else None


def child(element, name):
    if element is None:
        return None
    for node in element:
        if local(node.tag) == name:
            return node
    return None


def text(element):
    if element is None:
        return None
    return ''.join(element.itertext())


def user_data_leaves(element, prefix, into):
    for node in element:
        name = local(node.tag)
        if name is None:
            continue
        path = prefix + name
        if len(node) == 0:
            into.append([path, text(node)])
        else:
            user_data_leaves(node, path + '.', into)


def read_record(record):
    event = record.lxml()
    system = child(event, 'System')
    provider = child(system, 'Provider')
    created = child(system, 'TimeCreated')
    data = []
    event_data = child(event, 'EventData')
    if event_data is not None:
        for node in event_data:
            name = local(node.tag)
            if name is None:
                continue
            label = node.get('Name') if name == 'Data' else name
            data.append([label, text(node)])
    user_data = []
    user_root = child(event, 'UserData')
    if user_root is not None:
        for root in user_root:
            if local(root.tag) is not None:
                user_data_leaves(root, '', user_data)
    return {
        'id': record.record_num(),
        'eventRecordId': text(child(system, 'EventRecordID')),
        'eventId': text(child(system, 'EventID')),
        'time': created.get('SystemTime') if created is not None else None,
        'computer': text(child(system, 'Computer')),
        'channel': text(child(system, 'Channel')),
        'provider': provider.get('Name') if provider is not None else None,
        'data': data,
        'userData': user_data,
    }


def read_file(path):
    records = []
    failures = []
    with evtx.Evtx(path) as log:
        for record in log.records():
            try:
                records.append(read_record(record))
            except Exception as error:  # a record python-evtx cannot render is listed, not fatal
                failures.append({'id': record.record_num(), 'reason': str(error)})
    return {'file': path, 'records': records, 'failures': failures}


def main():
    for path in sys.argv[1:]:
        try:
            result = read_file(path)
        except Exception as error:
            result = {'file': path, 'records': [], 'failures': [{'id': None, 'reason': str(error)}]}
        sys.stdout.write(json.dumps(result) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
