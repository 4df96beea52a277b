"""Compiling component modules before any task imports them: Python's syntax errors and
warnings, and the imports that cannot be satisfied (checked with Python's own parser, so that an
import guarded by ``try: ... except ImportError`` is allowed)."""

import ast
import importlib.util
import sys
import traceback

from . import modules as _modules
from .values import dumps as _dumps

# Handle (a number returned to JavaScript) -> (module name, file name, compiled code).
loaded = {}


def load(module_name, filename, code):
    """Compiles a component module and checks that everything it imports is available."""
    try:
        tree = compile(code, filename, 'exec', ast.PyCF_ONLY_AST, dont_inherit=True)
        compiled = compile(tree, filename, 'exec', dont_inherit=True)
    except SyntaxError as e:
        return '!' + _dumps({
            'kind': 'syntax',
            'message': '%s: %s' % (type(e).__name__, e.msg),
            'line': e.lineno,
            'column': e.offset,
            'endLine': getattr(e, 'end_lineno', None),
            'endColumn': getattr(e, 'end_offset', None),
            'traceback': ''.join(traceback.format_exception_only(type(e), e)),
        })
    missing = _missing_imports(tree)
    if missing:
        return '!' + _dumps({'kind': 'import', 'imports': missing})
    handle = len(loaded) + 1
    while handle in loaded:
        handle += 1
    loaded[handle] = (module_name, filename, compiled)
    if module_name not in _modules.sources:
        _modules.add(module_name, filename, code)
    return str(handle)


def add_modules(modules_json, topology_dir):
    """Makes the run's document modules ([[name, code], ...]: component and test modules)
    importable by name from every component, before any loads; writes each to
    topology_dir/<name>.py (what tracebacks and linecache read)."""
    import json
    import os
    for name, code in json.loads(modules_json):
        filename = os.path.join(topology_dir, name + '.py')
        with open(filename, 'w', encoding='utf-8') as f:
            f.write(code)
        _modules.add(name, filename, code)


def drop_component(handle):
    loaded.pop(handle, None)


def check_syntax(code, filename):
    """Compiles without running: a list of {line, column, endLine, endColumn, message, severity}
    for the syntax error (Python reports the first one) and the compiler's SyntaxWarnings."""
    import warnings
    found = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always', SyntaxWarning)
        try:
            compile(code, filename, 'exec', dont_inherit=True)
        except SyntaxError as e:
            found.append(_syntax_diagnostic(e, 'error'))
    for w in caught:
        if issubclass(w.category, SyntaxWarning):
            found.append({'line': w.lineno, 'column': 1, 'endLine': w.lineno, 'endColumn': None,
                          'message': 'SyntaxWarning: %s' % w.message, 'severity': 'warning'})
    return _dumps(found)


def _syntax_diagnostic(e, severity):
    return {
        'line': e.lineno or 1,
        'column': e.offset or 1,
        'endLine': getattr(e, 'end_lineno', None),
        'endColumn': getattr(e, 'end_offset', None),
        'message': '%s: %s' % (type(e).__name__, e.msg),
        'severity': severity,
    }


def _missing_imports(tree):
    missing = []
    seen = set()
    for node, guarded in _imports(tree, False):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split('.')[0]
            if top in seen or guarded:
                continue
            seen.add(top)
            if top in sys.modules or top == '__future__':
                continue
            try:
                found = importlib.util.find_spec(top) is not None
            except (ImportError, ValueError):
                found = False
            if not found:
                missing.append({'module': top, 'line': node.lineno})
    return missing


_IMPORT_GUARDS = ('ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException')


def _imports(node, guarded):
    """Import statements with whether a try/except ImportError around them handles a failure."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node, guarded
        return
    if isinstance(node, ast.Try) or type(node).__name__ == 'TryStar':
        handles = any(_catches_import_error(h.type) for h in node.handlers)
        for child in node.body:
            yield from _imports(child, guarded or handles)
        for child in node.handlers + node.orelse + node.finalbody:
            yield from _imports(child, guarded)
        return
    for child in ast.iter_child_nodes(node):
        yield from _imports(child, guarded)


def _catches_import_error(t):
    if t is None:
        return True
    if isinstance(t, ast.Tuple):
        return any(_catches_import_error(e) for e in t.elts)
    name = t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None
    return name in _IMPORT_GUARDS
