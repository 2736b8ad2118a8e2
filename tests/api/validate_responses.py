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
        proc = subprocess.Popen([server, '--data', data, '--listen', '127.0.0.1:0', '--ssh-config', 'none'],
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

            def call(method, path, role=None, body=None, token=None):
                req = urllib.request.Request(f'http://127.0.0.1:{port}{path}', method=method,
                                             data=None if body is None else json.dumps(body).encode())
                if role or token:
                    req.add_header('Authorization', 'Bearer ' + (token or tokens[role]))
                if body is not None:
                    req.add_header('Content-Type', 'application/json')
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

            def check(method, path, role=None, body=None, expect=None, token=None):
                nonlocal checked
                status, answer = call(method, path, role, body, token)
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
