"""Between runs, a warm interpreter is reused by the next run: what the previous run's code left
behind is undone, so that a run starts as in a fresh process."""

import logging
import sys

from petrel import host as seam

from . import loader, modules
from .entries import HOST
from .tasks import IDLE
from .tasks import tasks as _tasks

_root = logging.getLogger()

# Where component modules are written (set by install()): emptied between runs.
TOPOLOGY_DIR = '/topology'
TMP_DIR = '/tmp'

_baseline = None
# The interpreter's own bookkeeping.
_KEEP_SYS = frozenset(('modules', 'stdout', 'stderr', 'stdin', 'last_exc', 'last_type', 'last_value',
                       'last_traceback', 'path_importer_cache'))


def _kept(name):
    """Modules whose globals survive a reset: sys, and this runtime (JavaScript caches its name codes)."""
    return name == 'sys' or name == '_storm_studio' or name.startswith('_storm_studio.')


def mark_baseline():
    """Records the interpreter's state once the runtime is installed: what reset_interpreter restores."""
    global _baseline
    import os
    mods = dict(sys.modules)
    _baseline = {
        'modules': mods,
        'dicts': {n: dict(m.__dict__) for n, m in mods.items()
                  if not _kept(n) and isinstance(getattr(m, '__dict__', None), dict)},
        'sys': {k: v for k, v in sys.__dict__.items() if k not in _KEEP_SYS},
        'lists': [(lst, list(lst)) for lst in (sys.path, sys.meta_path, sys.path_hooks)],
        'environ': dict(os.environ),
        'cwd': os.getcwd(),
        'recursion': sys.getrecursionlimit(),
        'loggers': dict(logging.Logger.manager.loggerDict),
        'logger_state': [(lg, list(lg.handlers), list(lg.filters), lg.level, lg.propagate, lg.disabled)
                         for lg in [_root] + list(logging.Logger.manager.loggerDict.values())
                         if isinstance(lg, logging.Logger)],
        'warnings': list(sys.modules['warnings'].filters) if 'warnings' in sys.modules else None,
        'tmp': set(os.listdir(TMP_DIR)) if os.path.isdir(TMP_DIR) else set(),
        'site': _site_packages(),
    }


def _restore_dict(d, saved):
    for k in [k for k in d if k not in saved]:
        del d[k]
    for k, v in saved.items():
        if d.get(k, _restore_dict) is not v:
            d[k] = v


def reset_interpreter():
    """Forgets every module imported, global set, attribute patched, logger added, environment
    variable and file written since mark_baseline(); returns how many modules were dropped."""
    import os
    import shutil
    b = _baseline
    if b is None:
        return 0
    _tasks.clear()
    loader.loaded.clear()
    modules.clear()
    seam.current = IDLE
    HOST.captured = None
    dropped = [n for n in sys.modules if n not in b['modules']]
    for n in dropped:
        del sys.modules[n]
    for n, m in b['modules'].items():
        if sys.modules.get(n) is not m:
            sys.modules[n] = m
    for n, saved in b['dicts'].items():
        _restore_dict(b['modules'][n].__dict__, saved)
    for k in [k for k in sys.__dict__ if k not in b['sys'] and k not in _KEEP_SYS]:
        delattr(sys, k)
    for k, v in b['sys'].items():
        if sys.__dict__.get(k, _restore_dict) is not v:
            setattr(sys, k, v)
    for lst, saved in b['lists']:
        lst[:] = saved
    sys.path_importer_cache.clear()
    sys.setrecursionlimit(b['recursion'])
    if dict(os.environ) != b['environ']:
        os.environ.clear()
        os.environ.update(b['environ'])
    loggers = logging.Logger.manager.loggerDict
    _restore_dict(loggers, b['loggers'])
    for lg, handlers, filters, level, propagate, disabled in b['logger_state']:
        lg.handlers[:] = handlers
        lg.filters[:] = filters
        lg.level = level
        lg.propagate = propagate
        lg.disabled = disabled
    logging.Logger.manager._clear_cache()
    logging.root.manager.disable = 0
    w = sys.modules.get('warnings')
    if b['warnings'] is not None and w is not None:
        w.filters[:] = b['warnings']
        mutated = getattr(w, '_filters_mutated', None) or getattr(w, '_filters_mutated_lock_held', None)
        if mutated is not None:
            try:
                mutated()
            except Exception:
                pass
    for f in os.listdir(TOPOLOGY_DIR) if os.path.isdir(TOPOLOGY_DIR) else []:
        _remove(os.path.join(TOPOLOGY_DIR, f), shutil)
    for f in (os.listdir(TMP_DIR) if os.path.isdir(TMP_DIR) else []):
        if f not in b['tmp']:
            _remove(os.path.join(TMP_DIR, f), shutil)
    site = _site_packages()
    for f in site - b['site']:
        _remove(os.path.join(_SITE_DIR, f), shutil)
    os.chdir(b['cwd'])
    import linecache
    linecache.clearcache()
    import importlib
    importlib.invalidate_caches()
    import gc
    gc.collect()
    return len(dropped)


_SITE_DIR = None


def _site_packages():
    """What site-packages holds (the document's wheels are installed there: packages.py)."""
    global _SITE_DIR
    import os
    import sysconfig
    if _SITE_DIR is None:
        _SITE_DIR = sysconfig.get_paths()['purelib']
    return set(os.listdir(_SITE_DIR)) if os.path.isdir(_SITE_DIR) else set()


def _remove(path, shutil):
    import os
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.remove(path)
        except OSError:
            pass
