"""The document's modules, importable by their file names from any component, as on Storm: Storm
runs every task in the topology's resources/ folder with all the project's modules side by side,
so ``from randomsentence import RandomSentenceSpout`` works whatever order the tasks start in.

JavaScript hands every module of the run over before any component loads (add_modules in
loader.py): component modules under their module names and test modules (test_*.py). A finder on
sys.meta_path (after the sandbox's) imports them from that table; their code is compiled under
/topology/<name>.py, so the sandbox treats them as component code and tracebacks show their lines.

Storm starts one process per task, so each task imports its own copy of a module: its state is
not shared with another task's. Here tasks share one interpreter: each task keeps the document
modules it imported (its own component module first) in ``task.modules``, and once a module of
the document imports another (read from their sources when they are added, or seen at an import),
every switch of task shows exactly the running task's copies in sys.modules (tasks.show), so that
an import at any time, pickle or dataclasses find the task's own copy.
"""

import ast
import sys
from importlib.machinery import ModuleSpec

from petrel import host as seam

from . import tasks as _views

# Module name -> (file name, source) of every module of the run's document.
sources = {}
# Module name -> the top-level names its source imports.
_imports = {}
# Module name -> code object, compiled on first import.
_compiled = {}


def add(name, filename, code):
    """Makes the module importable by name (replacing a module of that name)."""
    sources[name] = (filename, code)
    _compiled.pop(name, None)
    _imports[name] = _imported_names(code)
    if not _views.swapping and any(n in sources and n != m for m, names in _imports.items() for n in names):
        start_swapping()


def clear():
    """Forgets every module (between runs)."""
    sources.clear()
    _imports.clear()
    _compiled.clear()
    _views.swapping = False
    _views.shown = {}


def start_swapping():
    """From now on each task sees only its own copies of the document's modules."""
    if _views.swapping:
        return
    current = getattr(seam.current, 'modules', None)
    if current is None:
        current = _views.shown
    for name in sources:
        if name not in current:
            sys.modules.pop(name, None)
    sys.modules.update(current)
    _views.shown = current
    _views.swapping = True


def _imported_names(code):
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return ()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.partition('.')[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition('.')[0])
    return frozenset(names)


class DocumentFinder(object):
    """Finds the document's modules (top-level names only: a document has no packages)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if path is not None or name not in sources:
            return None
        spec = ModuleSpec(name, LOADER, origin=sources[name][0])
        spec.has_location = True
        return spec

    @staticmethod
    def find_module(name, path=None):
        return None

    @staticmethod
    def invalidate_caches():
        pass


class DocumentLoader(object):
    """Executes a fresh copy of a document module for the task importing it."""

    @staticmethod
    def create_module(spec):
        return None

    @staticmethod
    def exec_module(module):
        name = module.__name__
        code = _compiled.get(name)
        if code is None:
            filename, source = sources[name]
            code = _compiled[name] = compile(source, filename, 'exec', dont_inherit=True)
        # An import the sources did not show (importlib.import_module): views from now on.
        start_swapping()
        # The import system has put the module in sys.modules: it is the running task's copy.
        owner = _views.shown
        owner[name] = module
        sys.modules[name] = module
        try:
            exec(code, module.__dict__)
        except BaseException:
            if owner.get(name) is module:
                del owner[name]
            raise

    @staticmethod
    def get_source(name):
        entry = sources.get(name)
        return None if entry is None else entry[1]


LOADER = DocumentLoader()


def install():
    """Puts the finder on sys.meta_path before the finder of sys.path (the sandbox's stays first)."""
    from importlib.machinery import PathFinder
    if DocumentFinder not in sys.meta_path:
        at = sys.meta_path.index(PathFinder) if PathFinder in sys.meta_path else len(sys.meta_path)
        sys.meta_path.insert(at, DocumentFinder)
