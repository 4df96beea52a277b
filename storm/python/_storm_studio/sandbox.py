"""What component code may not reach in the interpreter (docs/security.md, "Python").

install() runs once, after the runtime has imported what it needs and before any component loads
(and before mark_baseline, so a reset between runs keeps it):

- Pyodide's bridge to JavaScript is taken away: the ``js`` and ``pyodide_js`` modules (the host's
  global object and Pyodide's API, i.e. ``eval``, the network, and in Node ``process``) are
  unregistered from Pyodide's finder, so nothing can import them again; every blocked module the
  runtime or Pyodide imported leaves ``sys.modules`` (they stay bound where they are used).
- A finder first on ``sys.meta_path`` refuses, to component code (any frame of a module under
  the topology folder on the stack), the modules that reach outside a component: Pyodide's
  (``pyodide``, ``_pyodide``, ``pyodide_js``, ``js``), ``ctypes``, sockets, and the runtime itself;
  and, imported by component code itself, ``subprocess``, ``multiprocessing`` and ``pty``.
- Process functions of ``os``/``posix`` (``system``, ``popen``, ``exec*``, ``spawn*``, ``fork``,
  ``kill``…; Pyodide runs ``os.system`` with Node's child_process) raise PermissionError.
- ``gc``'s object walks (``get_objects``, ``get_referrers``, ``get_referents``) raise PermissionError.

This is a barrier inside one interpreter, not a boundary between two: Python's introspection
(``object.__subclasses__()``, function ``__globals__``, frames) can still reach objects the runtime
holds. What holds against that is around the interpreter: in the browser, the Web Worker holds no
storage, network or page channel (workers/sandbox/worker-global.ts).
"""

import sys

# Modules component code never imports, nor anything it imports.
BLOCKED = ('js', 'pyodide_js', 'pyodide', '_pyodide', '_pyodide_core', 'ctypes', '_ctypes', 'socket', '_socket',
           'ssl', '_ssl', 'micropip', '_storm_studio_js', '_storm_studio')
# Modules component code may not import itself (the standard library may, on its own behalf).
BLOCKED_DIRECT = ('subprocess', '_posixsubprocess', 'multiprocessing', 'pty')
# Process functions of os and posix.
PROCESS_FUNCTIONS = ('system', 'popen', 'execv', 'execve', 'execl', 'execle', 'execlp', 'execlpe', 'execvp',
                     'execvpe', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp',
                     'spawnvpe', 'posix_spawn', 'posix_spawnp', 'fork', 'forkpty', 'vfork', 'kill', 'killpg',
                     'startfile')
GC_WALKS = ('get_objects', 'get_referrers', 'get_referents')
# JavaScript modules Pyodide registers: dropped for good.
JS_MODULES = ('js', 'pyodide_js')

_topology_prefix = '/topology/'


def _top(name):
    return name.partition('.')[0]


def _user_frames():
    """The frames of component code on the stack, innermost first."""
    f = sys._getframe(1)
    while f is not None:
        if f.f_code.co_filename.startswith(_topology_prefix):
            yield f
        f = f.f_back


def _importer():
    """The innermost frame that is not the import machinery (nor this module)."""
    f = sys._getframe(1)
    while f is not None and (f.f_code.co_filename.startswith('<frozen importlib') or f.f_code.co_filename == __file__):
        f = f.f_back
    return f


class SandboxFinder:
    """Refuses blocked modules to component code (a meta-path finder first on sys.meta_path)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        top = _top(name)
        if top in BLOCKED:
            if next(_user_frames(), None) is not None:
                raise ModuleNotFoundError(_refusal(name), name=name)
        elif top in BLOCKED_DIRECT:
            importer = _importer()
            if importer is not None and importer.f_code.co_filename.startswith(_topology_prefix):
                raise ModuleNotFoundError(_refusal(name), name=name)
        return None

    @staticmethod
    def find_module(name, path=None):
        return None


def _refusal(name):
    return ("import of '%s' is not allowed in Storm Studio components (the sandbox: a component reaches "
            "only its Storm API, its own state, logging, the engine's clock and seeded randomness)" % name)


def _refused(what):
    def refused(*args, **kwargs):
        raise PermissionError('%s is not allowed in Storm Studio components (the sandbox: no processes, '
                              'no host access)' % what)
    refused.__name__ = what.rpartition('.')[2]
    refused.__qualname__ = refused.__name__
    return refused


# The modules purge() took out of sys.modules when the sandbox closed (packages.py lends them back).
purged = {}


def purge():
    """What the runtime (and Pyodide) imported stays bound where they use it, but leaves sys.modules:
    an import of a module found there would never reach the finder."""
    for name in list(sys.modules):
        if _top(name) in BLOCKED or _top(name) in BLOCKED_DIRECT:
            module = sys.modules.pop(name)
            purged.setdefault(name, module)


def install(topology_dir):
    global _topology_prefix
    _topology_prefix = topology_dir.rstrip('/') + '/'
    try:
        from _pyodide._importhook import jsfinder
    except ImportError:  # not in Pyodide (the runtime's Python tests)
        jsfinder = None
    for name in JS_MODULES:
        if jsfinder is not None and name in getattr(jsfinder, 'jsproxies', {}):
            jsfinder.unregister_js_module(name)
    purge()
    import os
    import posix
    for module in (os, posix):
        for fn in PROCESS_FUNCTIONS:
            if hasattr(module, fn):
                setattr(module, fn, _refused('%s.%s' % ('os', fn)))
    import gc
    for fn in GC_WALKS:
        setattr(gc, fn, _refused('gc.%s' % fn))
    if not any(f is SandboxFinder for f in sys.meta_path):
        sys.meta_path.insert(0, SandboxFinder)
