"""The document's pure-Python wheels, installed with micropip into site-packages before any
component loads (workers/python/packages.ts writes the wheels and micropip's own wheel into the
file system and lends micropip Pyodide's API for the time of the install). baseline.py removes
what they installed between runs, so a run sees only its own document's packages."""

import importlib
import json
import sys

from . import sandbox


async def install(wheels_json, micropip_wheel):
    """Installs the wheels (a JSON list of paths), without dependencies: a document keeps every
    wheel it needs. micropip is imported from its wheel (zipimport) and leaves sys.modules
    afterwards, with Pyodide's modules it imported: component code cannot reach them."""
    wheels = json.loads(wheels_json)
    # Pyodide's modules as they were when the sandbox closed (imported afresh, its installer and
    # event loop would not work), for the time of the install.
    sys.modules.update(sandbox.purged)
    sys.path.insert(0, micropip_wheel)
    try:
        import micropip
        await micropip.install(['emfs:' + w for w in wheels], deps=False)
    finally:
        if micropip_wheel in sys.path:
            sys.path.remove(micropip_wheel)
        sandbox.purge()
        importlib.invalidate_caches()
