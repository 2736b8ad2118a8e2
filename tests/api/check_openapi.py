#!/usr/bin/env python3
"""docs/api/openapi.yaml says what the server does: every route of server/Api.cpp is documented with its method,
every documented operation exists, every operation lists 401, and every $ref resolves.

Usage: python3 tests/api/check_openapi.py SOURCE_DIR   (exit status 1 on a difference)
"""
import re
import sys

import yaml


def main():
    root = sys.argv[1]
    spec = yaml.safe_load(open(f'{root}/docs/api/openapi.yaml', encoding='utf-8'))
    api = open(f'{root}/server/Api.cpp', encoding='utf-8').read()
    problems = []
    assert spec.get('openapi', '').startswith('3.1'), 'not OpenAPI 3.1'
    # Routes as the server declares them: { QStringLiteral("GET"), QRegularExpression(…), Role::…
    served = set()
    for m in re.finditer(r'\{ QStringLiteral\("([A-Z]+)"\),\s*QRegularExpression\((.*?)\),\s*Role::', api, re.S):
        method, expr = m.group(1), m.group(2)
        parts = re.findall(r'QStringLiteral\("([^"]*)"\)|(\bname\b)', expr)
        path = ''.join('{}' if n else s for s, n in parts).lstrip('^').rstrip('$')
        path = re.sub(r'\([^)]*\)', '{}', path)  # a capture group is a path parameter
        served.add((method, path))
    documented = set()
    for path, ops in spec['paths'].items():
        for method, op in ops.items():
            if method not in ('get', 'put', 'post', 'delete', 'patch'):
                continue  # path-level parameters, summary
            if op.get('x-websocket'):
                # Served by the upgrade in HttpServer, not the route table: check it is there instead.
                if path not in open(f'{root}/server/HttpServer.cpp', encoding='utf-8').read():
                    problems.append(f'{method.upper()} {path}: a WebSocket the server does not upgrade')
                continue
            documented.add((method.upper(), re.sub(r'\{[^}]+\}', '{}', path)))
            if '401' not in op.get('responses', {}):
                problems.append(f'{method.upper()} {path}: no 401 response documented')
    for r in sorted(served - documented):
        problems.append(f'{r[0]} {r[1]}: served but not in docs/api/openapi.yaml')
    for r in sorted(documented - served):
        problems.append(f'{r[0]} {r[1]}: documented but not served')
    text = open(f'{root}/docs/api/openapi.yaml', encoding='utf-8').read()
    for ref in set(re.findall(r'\$ref: "#/components/(\w+)/(\w+)"', text)):
        if ref[1] not in spec['components'].get(ref[0], {}):
            problems.append(f'$ref #/components/{ref[0]}/{ref[1]} does not resolve')
    for p in problems:
        print('check_openapi: ' + p)
    if not served:
        print('check_openapi: found no routes in server/Api.cpp (did its route table change shape?)')
        return 1
    print(f'check_openapi: {len(served)} operations served and documented')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
