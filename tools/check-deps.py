#!/usr/bin/env python3
"""Checks that the libraries' dependencies point one way (docs/architecture.md).

Reads the target graph CMake writes with --graphviz for a configured build directory and fails when
- a library links a library of the same or a higher layer (that includes every cycle), or
- a library below the UI layers (core, jinja, models, jobs, backend, cli and, later, server) links Qt Widgets,
  Gui or anything that does (QScintilla, Charts …), or
- a library links one that is lower but not its business (NOT_DIRECT: the SSH transport moves bytes, the
  launcher renders templates).

Usage: python3 tools/check-deps.py BUILD_DIR      (exit status 1 on a violation, 2 on a usage error)
"""
import os
import re
import subprocess
import sys
import tempfile

# Lower layers first; a library may link only libraries of a lower layer.
LAYERS = [
    ['opsdeck_core'],
    ['opsdeck_jinja', 'opsdeck_schedules'],  # schedules: cron expressions and fire times, on core only
    ['opsdeck_inventory'],
    ['opsdeck_store'],
    ['opsdeck_scripts', 'opsdeck_facts'],
    ['opsdeck_templates'],
    ['opsdeck_demo'],
    ['opsdeck_models'],  # everything of models/ but the jobs
    ['opsdeck_jobs'],
    ['opsdeck_workflows'],  # the workflow model, on the job engine's plan and policy types
    ['opsdeck_backend_api', 'opsdeck_connect'],
    ['opsdeck_ssh'],
    ['opsdeck_runner', 'opsdeck_remote'],
    ['opsdeck_workflowengine'],  # runs workflows over a Backend: node jobs through Backend::submit
    ['opsdeck_sync', 'opsdeck_remote_workflows'],  # the latter: a server's workflows and runs for the console
    ['opsdeck_backend'],  # everything of backend-client/
    ['opsdeck_cli', 'opsdeck_server', 'opsdeck_editors'],
    ['opsdeck_widgets_common'],
    ['opsdeck_widgets_inventory', 'opsdeck_widgets_scripts', 'opsdeck_widgets_templates', 'opsdeck_widgets_jobs',
     'opsdeck_widgets_connect', 'opsdeck_widgets_workflows'],
    ['opsdeck_widgets_facts'],  # the Facts page: opens the run dialog of opsdeck_widgets_jobs
    ['opsdeck_widgets'],  # everything of widgets/
    ['opsdeck_app'],
]
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}
# Targets that bring widgets or the GUI module with them.
GUI = re.compile(r'^(Qt6::(Widgets|Gui|Charts|Svg|SvgWidgets|OpenGL|OpenGLWidgets|PrintSupport)|QScintilla::.*)$')
# Lower libraries a library must not link directly although the layers would allow it.
NOT_DIRECT = {'opsdeck_ssh': {'opsdeck_jinja', 'opsdeck_templates'}}
# Everything below the editors: the domain, the backends, the CLI and the server run without a display.
NO_GUI = {name for names in LAYERS[:RANK['opsdeck_editors']] for name in names} | {'opsdeck_cli', 'opsdeck_server'}


def graph(build_dir):
    with tempfile.TemporaryDirectory() as tmp:
        dot = os.path.join(tmp, 'g.dot')
        subprocess.run(['cmake', '--graphviz=' + dot, '.'], cwd=build_dir, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(dot, encoding='utf-8') as f:
            text = f.read()
    labels = dict(re.findall(r'"(node\d+)" \[ label = "([^"]+)"', text))
    edges = {}
    for a, b in re.findall(r'"(node\d+)" -> "(node\d+)"', text):
        edges.setdefault(labels[a], set()).add(labels[b])
    return edges


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    edges = graph(sys.argv[1])
    problems = []
    # Qt's generated resource objects (opsdeck_app_resources_1 …) belong to their library.
    ours = sorted(name for name in edges if name.startswith('opsdeck_') and not re.search(r'_resources_\d+$', name))
    for name in ours:
        if name not in RANK:
            problems.append(f'{name}: not in any layer of tools/check-deps.py (add it where it belongs)')
            continue
        for dep in sorted(edges.get(name, ())):
            if dep.startswith('opsdeck_') and dep in RANK and RANK[dep] >= RANK[name]:
                problems.append(f'{name} links {dep}: a library may link only layers below its own')
        for dep in sorted(edges.get(name, set()) & NOT_DIRECT.get(name, set())):
            problems.append(f'{name} links {dep}: not its business (see NOT_DIRECT in tools/check-deps.py)')
    # Widgets and Gui must not be reachable from the lower layers, directly or through another target.
    for name in ours:
        if name not in NO_GUI:
            continue
        seen, todo, path = set(), [name], {name: [name]}
        while todo:
            cur = todo.pop()
            for dep in edges.get(cur, ()):
                if dep in seen:
                    continue
                seen.add(dep)
                path[dep] = path[cur] + [dep]
                if GUI.match(dep):
                    problems.append(f'{name} reaches {dep}: ' + ' -> '.join(path[dep]))
                todo.append(dep)
    for p in problems:
        print('check-deps: ' + p)
    if problems:
        return 1
    print(f'check-deps: {len(ours)} libraries, dependencies point one way, no GUI below the UI layers')
    return 0


if __name__ == '__main__':
    sys.exit(main())
