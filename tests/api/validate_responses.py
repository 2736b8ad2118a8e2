#!/usr/bin/python3
"""Every answer of a real opsdeck-server, validated against its schema in docs/api/openapi.yaml.

Starts the server on 127.0.0.1 (a free port) over a temporary data directory with tokens of each role, makes
requests that succeed and requests that fail on every route, and checks each body against the schema documented
for that path, method and status (JSON Schema 2020-12, as OpenAPI 3.1 uses it). A status the operation does not
document is a failure too. Always stops the server.

Usage: validate_responses.py SOURCE_DIR OPSDECK_SERVER   (exit status 1 on a mismatch)
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml
from jsonschema import Draft202012Validator, RefResolver


def main():
    root, server = sys.argv[1], sys.argv[2]
    spec = yaml.safe_load(open(os.path.join(root, 'docs/api/openapi.yaml'), encoding='utf-8'))
    resolver = RefResolver.from_schema(spec)
    problems = []
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, 'data')
        tokens = {}
        for role in ('viewer', 'operator', 'admin'):
            out = subprocess.run([server, 'token', 'create', '--data', data, '--role', role, '--name', role],
                                 check=True, capture_output=True, text=True)
            tokens[role] = out.stdout.strip()
        proc = subprocess.Popen([server, '--data', data, '--listen', '127.0.0.1:0', '--ssh-config', 'none',
                                 '--allow-run-local'],  # the workflow runs below use run-local nodes,
                                stderr=subprocess.PIPE, text=True)
        try:
            port = None
            deadline = time.time() + 20
            while port is None and time.time() < deadline:
                line = proc.stderr.readline()
                m = re.search(r'listening on 127\.0\.0\.1:(\d+)', line)
                if m:
                    port = int(m.group(1))
            if port is None:
                print('validate_responses: the server did not start')
                return 1

            def call(method, path, role=None, body=None, token=None, headers=None, raw=None):
                data = raw if raw is not None else None if body is None else json.dumps(body).encode()
                req = urllib.request.Request(f'http://127.0.0.1:{port}{path}', method=method, data=data)
                if role or token:
                    req.add_header('Authorization', 'Bearer ' + (token or tokens[role]))
                if body is not None:
                    req.add_header('Content-Type', 'application/json')
                for name, value in (headers or {}).items():
                    req.add_header(name, value)
                try:
                    with urllib.request.urlopen(req, timeout=20) as r:
                        return r.status, json.loads(r.read() or b'null')
                except urllib.error.HTTPError as e:
                    return e.code, json.loads(e.read() or b'null')

            def operation(method, path):
                for template, ops in spec['paths'].items():
                    pattern = '^' + re.sub(r'\\\{[^}]+\\\}', '[^/]+', re.escape(template)) + '$'
                    if re.match(pattern, path.split('?')[0]) and method.lower() in ops:
                        return template, ops[method.lower()]
                return None, None

            def check(method, path, role=None, body=None, expect=None, token=None, headers=None, raw=None):
                nonlocal checked
                status, answer = call(method, path, role, body, token, headers, raw)
                template, op = operation(method, path)
                where = f'{method} {path} ({role or "no token"}) -> {status}'
                if expect is not None and status != expect:
                    problems.append(f'{where}: expected {expect}')
                if op is None:
                    problems.append(f'{where}: not documented')
                    return answer
                response = op['responses'].get(str(status))
                if response is None:
                    problems.append(f'{where}: status not documented for {method} {template}')
                    return answer
                if '$ref' in response:
                    response = resolver.resolve(response['$ref'])[1]
                schema = response.get('content', {}).get('application/json', {}).get('schema')
                if schema is None:
                    problems.append(f'{where}: no schema documented')
                    return answer
                errors = sorted(Draft202012Validator(schema, resolver=resolver).iter_errors(answer), key=str)
                for e in errors[:3]:
                    problems.append(f'{where}: {e.message} at {list(e.absolute_path)}')
                checked += 1
                return answer

            check('GET', '/api/v1/info', 'viewer', expect=200)
            check('GET', '/api/v1/info', expect=401)
            check('GET', '/api/v1/info', token='odt_' + 'x' * 43, expect=401)
            check('GET', '/api/v1/hosts', 'viewer', expect=200)
            check('GET', '/api/v1/hosts/nobody', 'viewer', expect=404)
            check('GET', '/api/v1/groups', 'viewer', expect=200)
            check('GET', '/api/v1/jobs', 'viewer', expect=200)
            check('GET', '/api/v1/jobs?limit=0', 'viewer', expect=400)
            check('GET', '/api/v1/jobs/none', 'viewer', expect=404)
            check('GET', '/api/v1/jobs/none/events', 'viewer', expect=404)
            check('POST', '/api/v1/jobs', 'viewer', body={}, expect=403)
            check('POST', '/api/v1/jobs', 'operator', body={'targets': ['x'], 'steps': []}, expect=400)
            check('POST', '/api/v1/jobs/none/pause', 'operator', body={}, expect=404)
            check('GET', '/api/v1/tokens', 'operator', expect=403)
            check('GET', '/api/v1/tokens', 'admin', expect=200)
            made = check('POST', '/api/v1/tokens', 'admin', body={'name': 'made', 'role': 'viewer', 'expiresInDays': 1},
                         expect=201)
            check('POST', '/api/v1/tokens', 'admin', body={'name': 'x', 'role': 'nobody'}, expect=400)
            if isinstance(made, dict) and 'id' in made:
                check('DELETE', f'/api/v1/tokens/{made["id"]}', 'admin', expect=200)
            check('DELETE', '/api/v1/tokens/424242', 'admin', expect=404)
            check('GET', '/api/v1/audit', 'admin', expect=200)
            check('GET', '/api/v1/audit?limit=5000', 'admin', expect=400)

            # The shared library: scripts and templates with versions, diffs, restore, conflicts, the preview.
            for kind, item in (('scripts', {'name': 'hello', 'content': 'echo one\n', 'tags': ['demo']}),
                               ('templates', {'name': 'motd', 'content': 'hello {{ inventory_hostname }}\n',
                                              'destination': '/etc/motd', 'mode': '0644'})):
                base = f'/api/v1/{kind}'
                check('GET', base, 'viewer', expect=200)
                check('POST', base, 'viewer', body=item, expect=403)
                check('POST', base, 'operator', body=item, expect=201)
                check('POST', base, 'operator', body=item, expect=409)
                check('POST', base, 'operator', body={'name': 'x', 'content': 1}, expect=400)
                name = item['name']
                check('GET', f'{base}/{name}', 'viewer', expect=200)
                check('GET', f'{base}/nothing', 'viewer', expect=404)
                check('PUT', f'{base}/{name}', 'operator', body={'base_version': 1, 'content': 'two\n'}, expect=200)
                check('PUT', f'{base}/{name}', 'operator', body={'base_version': 1, 'content': 'three\n'}, expect=409)
                check('PUT', f'{base}/{name}', 'operator', body={'content': 'three\n'}, expect=400)
                check('PUT', f'{base}/nothing', 'operator', body={'base_version': 1}, expect=404)
                check('GET', f'{base}/{name}/versions', 'viewer', expect=200)
                check('GET', f'{base}/nothing/versions', 'viewer', expect=404)
                check('GET', f'{base}/{name}/versions/1', 'viewer', expect=200)
                check('GET', f'{base}/{name}/versions/7', 'viewer', expect=404)
                check('GET', f'{base}/{name}/diff?from=1&to=2', 'viewer', expect=200)
                check('GET', f'{base}/{name}/diff?from=9', 'viewer', expect=400)
                check('GET', f'{base}/nothing/diff', 'viewer', expect=404)
                check('POST', f'{base}/{name}/restore', 'operator', body={'version': 1, 'base_version': 2}, expect=200)
                check('POST', f'{base}/{name}/restore', 'operator', body={'version': 1, 'base_version': 2}, expect=409)
                check('POST', f'{base}/{name}/restore', 'operator', body={'base_version': 3}, expect=400)
                check('POST', f'{base}/{name}/restore', 'viewer', body={'version': 1}, expect=403)
                check('POST', f'{base}/nothing/restore', 'operator', body={'version': 1, 'base_version': 1}, expect=404)
                check('POST', base, 'operator', body=dict(item, name='gone'), expect=201)
                check('DELETE', f'{base}/gone?base_version=4', 'operator', expect=409)
                check('DELETE', f'{base}/gone', 'viewer', expect=403)
                check('DELETE', f'{base}/gone', 'operator', expect=200)
                check('DELETE', f'{base}/gone', 'operator', expect=404)

            # The inventory: writes with revisions, variables, query, export, import.
            revision = check('GET', '/api/v1/groups', 'viewer', expect=200)['revision']
            check('POST', '/api/v1/groups', 'operator', body={'name': 'web', 'kind': 'set', 'vars': {'port': 80}},
                  expect=201)
            check('POST', '/api/v1/groups', 'operator', body={'name': 'bad', 'rule': 'host.idc =='}, expect=400)
            check('POST', '/api/v1/groups', 'operator', body={'name': 'web'}, expect=409)
            check('POST', '/api/v1/groups', 'viewer', body={'name': 'v'}, expect=403)
            made = check('POST', '/api/v1/hosts', 'operator',
                         body={'name': 'web-01', 'address': '10.0.0.1', 'idc': 'js', 'groups': ['web'],
                               'vars': {'weight': 1.5}}, expect=201)
            check('POST', '/api/v1/hosts', 'operator', body={'name': 'web-02', 'revision': revision}, expect=409)
            check('POST', '/api/v1/hosts', 'operator', body={'name': 'web-02', 'port': 'x'}, expect=400)
            rule = check('POST', '/api/v1/groups', 'operator', body={'name': 'js', 'rule': "host.idc == 'js'"},
                         expect=201)
            revision = rule['revision']
            check('GET', '/api/v1/hosts', 'viewer', expect=200)
            check('GET', '/api/v1/hosts?q=idc:js', 'viewer', expect=200)
            check('GET', '/api/v1/hosts?q=idc:%22js', 'viewer', expect=400)
            check('GET', '/api/v1/hosts/web-01', 'viewer', expect=200)
            check('GET', '/api/v1/hosts/web-01/vars', 'viewer', expect=200)
            check('GET', '/api/v1/hosts/nobody/vars', 'viewer', expect=404)
            check('PUT', '/api/v1/hosts/web-01', 'operator', body={'status': 'online', 'revision': made['revision']},
                  expect=409)
            check('PUT', '/api/v1/hosts/web-01', 'operator', body={'status': 'online'}, expect=400)
            check('PUT', '/api/v1/hosts/nobody', 'operator', body={'revision': revision}, expect=404)
            revision = check('PUT', '/api/v1/hosts/web-01', 'operator',
                             body={'status': 'online', 'revision': revision}, expect=200)['revision']
            check('GET', '/api/v1/groups/js', 'viewer', expect=200)
            check('GET', '/api/v1/groups/nothing', 'viewer', expect=404)
            revision = check('PUT', '/api/v1/groups/web', 'operator', body={'priority': 5, 'revision': revision},
                             expect=200)['revision']
            check('PUT', '/api/v1/groups/web', 'operator', body={'children': ['nothing'], 'revision': revision},
                  expect=400)
            check('PUT', '/api/v1/groups/nothing', 'operator', body={'revision': revision}, expect=404)
            check('PUT', '/api/v1/groups/web', 'operator', body={'priority': 6, 'revision': made['revision']},
                  expect=409)
            check('GET', '/api/v1/inventory/query?q=group:js', 'viewer', expect=200)
            check('GET', '/api/v1/inventory/query?q=expr:(host.', 'viewer', expect=400)
            exported = check('GET', '/api/v1/inventory/export?format=yaml', 'viewer', expect=200)
            check('GET', '/api/v1/inventory/export?format=ini', 'viewer', expect=200)
            check('GET', '/api/v1/inventory/export', 'viewer', expect=400)
            ini = '[db]\ndb-01 ansible_host=10.0.1.1\n\n[web]\nweb-01 opsdeck_status=standby\n'
            check('POST', '/api/v1/inventory/import', 'operator', body={'content': ini, 'format': 'ini',
                                                                       'dry_run': True}, expect=200)
            check('POST', '/api/v1/inventory/import', 'operator', body={'content': ini, 'format': 'ini'}, expect=400)
            check('POST', '/api/v1/inventory/import', 'operator',
                  body={'content': ini, 'format': 'ini', 'revision': made['revision']}, expect=409)
            check('POST', '/api/v1/inventory/import', 'operator', body={'content': '[x\n', 'format': 'ini',
                                                                       'dry_run': True}, expect=400)
            check('POST', '/api/v1/inventory/import', 'viewer', body={'content': ini, 'format': 'ini'}, expect=403)
            revision = check('POST', '/api/v1/inventory/import', 'operator',
                             body={'content': ini, 'format': 'ini', 'revision': revision}, expect=200)['revision']
            if isinstance(exported, dict):
                revision = check('POST', '/api/v1/inventory/import', 'operator',
                                 body={'content': exported['content'], 'format': 'yaml', 'mode': 'replace',
                                       'revision': revision}, expect=200)['revision']
            check('POST', '/api/v1/templates/motd/render', 'viewer', body={'host': 'web-01', 'variables': {'a': 1}},
                  expect=200)
            check('POST', '/api/v1/templates/motd/render', 'viewer',
                  body={'host': 'web-01', 'content': '{{ nope }}'}, expect=200)
            check('POST', '/api/v1/templates/motd/render', 'viewer', body={'host': 'nobody'}, expect=400)
            check('POST', '/api/v1/templates/nothing/render', 'viewer', body={'host': 'web-01'}, expect=404)
            check('DELETE', '/api/v1/groups/js', 'operator', expect=400)
            check('DELETE', f'/api/v1/groups/js?revision={made["revision"]}', 'operator', expect=409)
            revision = check('DELETE', f'/api/v1/groups/js?revision={revision}', 'operator', expect=200)['revision']
            check('DELETE', f'/api/v1/groups/js?revision={revision}', 'operator', expect=404)
            # The replace import brought back the exported inventory: web-01 only.
            check('DELETE', '/api/v1/hosts/web-01', 'viewer', expect=403)
            check('DELETE', '/api/v1/hosts/web-01', 'operator', headers={'If-Match': f'"{revision}"'}, expect=200)
            check('DELETE', '/api/v1/hosts/db-01', 'operator', expect=404)

            # Workflows: YAML in and out, refusals naming node and field, versions, what-if, a run with an approval
            # (run-local nodes only: no hosts needed), pause/resume/cancel through the job routes.
            gated = ('name: gated\nparams:\n  - name: word\n    default: hi\nnodes:\n'
                     '  - id: before\n    kind: run-local\n    command: "echo {{ params.word }}"\n'
                     '  - id: ask\n    kind: approval\n    approvers: [operator]\n    comment_required: true\n'
                     '  - id: after\n    kind: wait\n    seconds: 1\n'
                     'edges:\n  - from: before\n    to: ask\n  - from: ask\n    to: after\n')
            wf = '/api/v1/workflows'
            check('GET', wf, 'viewer', expect=200)
            check('PUT', f'{wf}/gated', 'viewer', raw=gated.encode(), expect=403)
            check('PUT', f'{wf}/gated', 'operator', raw=gated.encode(), expect=201)
            check('PUT', f'{wf}/gated', 'operator', raw=gated.encode(), expect=400)
            check('PUT', f'{wf}/gated', 'operator', body={'yaml': gated, 'base_version': 1}, expect=200)
            check('PUT', f'{wf}/gated', 'operator', body={'yaml': gated.replace('hi', 'ho'), 'base_version': 7},
                  expect=409)
            check('PUT', f'{wf}/gated', 'operator', body={'yaml': gated.replace('hi', 'ho'), 'message': 'ho'},
                  headers={'If-Match': '"1"'}, expect=200)
            check('PUT', f'{wf}/bad', 'operator',
                  raw=b'name: bad\nnodes:\n  - id: p\n    kind: push-template\n    template: none\n', expect=400)
            check('PUT', f'{wf}/bad', 'operator', raw=b'name: [', expect=400)
            check('PUT', f'{wf}/bad', 'operator', body={'yaml': gated, 'extra': 1}, expect=400)
            check('GET', f'{wf}/gated', 'viewer', expect=200)
            check('GET', f'{wf}/nothing', 'viewer', expect=404)
            check('GET', f'{wf}/gated/versions', 'viewer', expect=200)
            check('GET', f'{wf}/nothing/versions', 'viewer', expect=404)
            check('GET', f'{wf}/gated/versions/1', 'viewer', expect=200)
            check('GET', f'{wf}/gated/versions/9', 'viewer', expect=404)
            check('POST', f'{wf}/gated/what-if', 'viewer', body={'params': {'word': 'x'}}, expect=200)
            check('POST', f'{wf}/gated/what-if', 'viewer', body={'fail': 'ask'}, expect=200)
            check('POST', f'{wf}/gated/what-if', 'viewer', body={'fail': 'nope'}, expect=400)
            check('POST', f'{wf}/nothing/what-if', 'viewer', body={}, expect=404)
            check('POST', f'{wf}/gated/runs', 'viewer', body={}, expect=403)
            check('POST', f'{wf}/gated/runs', 'operator', body={'params': {'nope': 1}}, expect=400)
            check('POST', f'{wf}/nothing/runs', 'operator', body={}, expect=404)
            run = check('POST', f'{wf}/gated/runs', 'operator', body={'params': {'word': 'yo'}}, expect=201)
            job = run.get('id', 'none') if isinstance(run, dict) else 'none'
            waiting = False
            deadline = time.time() + 20
            while not waiting and time.time() < deadline:
                _, evs = call('GET', f'/api/v1/jobs/{job}/events', 'viewer')
                waiting = any(e.get('type') == 'approval.requested' for e in (evs or {}).get('events', []))
                time.sleep(0.1)
            if not waiting:
                problems.append('the workflow run never asked for its approval')
            check('GET', f'/api/v1/jobs/{job}', 'viewer', expect=200)
            check('GET', f'/api/v1/jobs/{job}/events', 'viewer', expect=200)
            approval = f'/api/v1/jobs/{job}/approvals/ask'
            check('POST', approval, 'viewer', body={'decision': 'approve', 'comment': 'x'}, expect=403)
            check('POST', approval, 'operator', body={'decision': 'approve'}, expect=400)
            check('POST', approval, 'operator', body={'decision': 'maybe', 'comment': 'x'}, expect=400)
            check('POST', f'/api/v1/jobs/{job}/approvals/after', 'operator', body={'decision': 'approve'}, expect=409)
            check('POST', '/api/v1/jobs/none/approvals/ask', 'operator', body={'decision': 'approve'}, expect=404)
            check('POST', f'/api/v1/jobs/{job}/pause', 'operator', body={}, expect=200)
            check('POST', f'/api/v1/jobs/{job}/confirm', 'operator', body={}, expect=409)
            check('POST', f'/api/v1/jobs/{job}/resume', 'operator', body={}, expect=200)
            check('POST', approval, 'operator', body={'decision': 'approve', 'comment': 'fine'}, expect=200)
            check('POST', approval, 'operator', body={'decision': 'approve', 'comment': 'again'}, expect=409)
            check('POST', f'/api/v1/jobs/{job}/cancel', 'operator', body={}, expect=200)
            # Retry a node, re-run from a node: on the finished (cancelled) run, which re-running reopens.
            deadline = time.time() + 20
            finished = False
            while not finished and time.time() < deadline:
                _, j = call('GET', f'/api/v1/jobs/{job}', 'viewer')
                finished = (j or {}).get('status') == 'cancelled'
                time.sleep(0.1)
            if not finished:
                problems.append('the cancelled workflow run never ended')
            nodes = f'/api/v1/jobs/{job}/nodes'
            check('POST', f'{nodes}/after/retry', 'viewer', body={}, expect=403)
            check('POST', f'{nodes}/ghost/retry', 'operator', body={}, expect=404)
            check('POST', '/api/v1/jobs/none/nodes/ask/rerun', 'operator', body={}, expect=404)
            check('POST', f'{nodes}/after/retry', 'operator', body={'node': 'after'}, expect=400)
            check('POST', f'{nodes}/after/retry', 'operator', body={}, expect=409)  # cancelled, not failed
            check('POST', f'{nodes}/before/rerun', 'operator', body={}, expect=200)
            asked = 0
            deadline = time.time() + 20
            while asked < 2 and time.time() < deadline:
                _, evs = call('GET', f'/api/v1/jobs/{job}/events', 'viewer')
                asked = sum(1 for e in (evs or {}).get('events', []) if e.get('type') == 'approval.requested')
                time.sleep(0.1)
            if asked < 2:
                problems.append('the re-run workflow never asked for its approval again')
            check('POST', f'/api/v1/jobs/{job}/cancel', 'operator', body={}, expect=200)
            # Schedules: a script job by cron, a workflow run once; refusals naming the field; pause/resume; history.
            sc = '/api/v1/schedules'
            sjob = {'name': 'nightly', 'targets': ['db-01'],
                   'steps': [{'kind': 'run-script', 'interpreter': 'sh', 'script': 'true'}]}
            nightly = {'name': 'nightly', 'cron': '30 2 * * *', 'zone': 'Europe/Berlin', 'job': sjob}
            check('GET', sc, 'viewer', expect=200)
            check('POST', sc, 'viewer', body=nightly, expect=403)
            created = check('POST', sc, 'operator', body=nightly, expect=201)
            sid = created.get('id', 0) if isinstance(created, dict) else 0
            check('POST', sc, 'operator', body=nightly, expect=409)
            check('POST', sc, 'operator', body={**nightly, 'name': 'x', 'cron': '30 25 * * *'}, expect=400)
            check('POST', sc, 'operator', body={**nightly, 'name': 'x', 'zone': 'Mars/Olympus'}, expect=400)
            check('POST', sc, 'operator', body={'name': 'once', 'at': '2039-01-01T09:00', 'zone': 'UTC',
                                                'workflow': 'gated', 'params': {'word': 'x'}}, expect=201)
            check('GET', sc, 'viewer', expect=200)
            check('GET', f'{sc}/{sid}', 'viewer', expect=200)
            check('GET', f'{sc}/999999', 'viewer', expect=404)
            check('PATCH', f'{sc}/{sid}', 'operator', body={'overlap': 'queue_one', 'missed': 'run_once'}, expect=200)
            check('PATCH', f'{sc}/{sid}', 'operator', body={'overlap': 'never'}, expect=400)
            check('PATCH', f'{sc}/999999', 'operator', body={}, expect=404)
            check('PUT', f'{sc}/{sid}', 'operator', body=nightly, expect=200)
            check('POST', f'{sc}/{sid}/pause', 'viewer', body={}, expect=403)
            check('POST', f'{sc}/{sid}/pause', 'operator', body={}, expect=200)
            check('POST', f'{sc}/{sid}/resume', 'operator', body={}, expect=200)
            check('POST', f'{sc}/999999/resume', 'operator', body={}, expect=404)
            check('GET', f'{sc}/{sid}/runs', 'viewer', expect=200)
            check('GET', f'{sc}/{sid}/runs?limit=0', 'viewer', expect=400)
            check('GET', f'{sc}/999999/runs', 'viewer', expect=404)
            check('DELETE', f'{sc}/{sid}', 'viewer', expect=403)
            check('DELETE', f'{sc}/{sid}', 'operator', expect=200)
            check('DELETE', f'{sc}/{sid}', 'operator', expect=404)
            check('DELETE', f'{wf}/gated', 'operator', headers={'If-Match': '9'}, expect=409)
            check('DELETE', f'{wf}/gated', 'viewer', expect=403)
            check('DELETE', f'{wf}/gated', 'operator', expect=200)
            check('DELETE', f'{wf}/gated', 'operator', expect=404)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    for p in problems:
        print('validate_responses: ' + p)
    print(f'validate_responses: {checked} answers checked against docs/api/openapi.yaml, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
