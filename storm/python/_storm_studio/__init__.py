"""Storm Studio's host of Petrel components on Pyodide: the Python half of workers/python. User code
never imports it.

The JavaScript runtime (workers/python/host.ts) writes this package and petrel/ into Pyodide's file
system, registers the functions Python calls back as the module ``_storm_studio_js`` (emit_v,
emit_a, emit_i, emit_x, ack, fail, log, report_error, sleep, time), imports this package, calls
install() and mark_baseline(), then calls the entry points below. Both directions carry plain
values only (str, int, float, bool, None), so that no PyProxy or JsProxy is created per tuple.
Entry points return None, or a string: a JSON result, or '!' and a JSON error
({kind, message, traceback, ...}; see crash.py).

Modules, along the runtime's concerns:
  values    tuple values and message ids as Storm's multilang carries them (JSON)
  tasks     one task per component instance; petrel.host.current is the running one
  entries   create, initialize, nextTuple, ack, fail, process (the calls into a task)
  loader    compiling a component module, its syntax errors and unavailable imports
  modules   the document's modules, importable by name; each task imports its own copies
  packages  the document's pure-Python wheels, installed with micropip
  crash     describing a failed call for the engine
  logs      logging and print into the task's log, in Petrel's line format
  clock     time and random: the engine's clock, a generator seeded per task
  baseline  between runs: putting the interpreter back as it was after install()
  sandbox   what component code may not import or call (Pyodide's JavaScript bridge, processes)
  state     a task's own state for the run views (its instance's attributes), read safely
"""

import os
import sys

import petrel.storm
from petrel import host as seam

from . import baseline, clock, datastores, logs, modules, packages, sandbox  # noqa: F401 - datastores: kept across runs (its codes)
from .baseline import mark_baseline, reset_interpreter
from .entries import (HOST, ack, ack_json, create, drop_task, fail, fail_json, initialize, name, next_tuple,
                      process, process_json, set_level)
from .loader import add_modules, check_syntax, drop_component, load
from .packages import done as packages_installed
from .packages import start as install_packages
from .state import inspect_state
from .tasks import IDLE

__all__ = ['install', 'add_modules', 'install_packages', 'load', 'drop_component', 'check_syntax', 'create',
           'drop_task', 'initialize', 'set_level', 'next_tuple', 'process', 'process_json', 'name', 'ack', 'fail',
           'ack_json', 'fail_json', 'mark_baseline', 'reset_interpreter', 'packages_installed', 'inspect_state']


def install(topology_dir):
    """Makes this interpreter Storm Studio's: the Petrel host, the task's log for logging and print,
    the engine's clock and seeded random, `import storm` as Petrel's, component modules written to
    and run from topology_dir, the document's modules importable by their names (modules.py), and
    the sandbox (sandbox.py) closed around component code."""
    sys.dont_write_bytecode = True
    # The simulated clients of the run's stores (`import redis`, `import pymongo`).
    simulated = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'simulated')
    if simulated not in sys.path:
        sys.path.insert(1, simulated)
    logs.install()
    clock.install()
    seam.installed = HOST
    seam.current = IDLE
    sys.modules.setdefault('storm', petrel.storm)
    os.makedirs(topology_dir, exist_ok=True)
    os.chdir(topology_dir)
    baseline.TOPOLOGY_DIR = topology_dir
    # The simulated clients reach the run's stores through the runtime and Pyodide, which the
    # sandbox refuses to anything component code imports: they are imported before it closes.
    try:
        import pymongo  # noqa: F401
        import redis  # noqa: F401
    except ImportError:  # not in Pyodide (the runtime's Python tests)
        pass
    modules.install()
    sandbox.install(topology_dir)
