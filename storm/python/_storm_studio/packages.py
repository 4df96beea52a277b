"""The document's pure-Python wheels, installed with micropip into site-packages before any
component loads (workers/python/packages.ts writes the wheels and micropip's own wheel into the
file system and lends micropip Pyodide's API for the time of the install). baseline.py removes
what they installed between runs, so a run sees only its own document's packages."""

import importlib
import json
import sys

from . import sandbox


# The install running now, started by start() (JavaScript polls done(): a coroutine handed to
# JavaScript becomes a Promise, which the locked-down worker cannot build).
_running = None


def start(wheels_json, micropip_wheel):
    """Starts installing on Pyodide's event loop; done() says when it has finished."""
    import asyncio
    global _running
    _running = asyncio.ensure_future(install(wheels_json, micropip_wheel))


def done():
    """None while installing; then '' when it succeeded, or the error's traceback."""
    global _running
    if _running is None or not _running.done():
        return None
    task, _running = _running, None
    e = task.exception()
    if e is None:
        return ''
    import traceback
    return ''.join(traceback.format_exception(type(e), e, e.__traceback__))


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
        from micropip._compat import compatibility_layer
        # micropip resolves and checks the wheels; they are unpacked here, in Python, as Pyodide's
        # installer would (its JavaScript side does not convert bytes once the worker is locked down).
        compatibility_layer.to_js = staticmethod(_bytes_as_they_are)
        compatibility_layer.install = staticmethod(_unpack)
        await micropip.install(['emfs:' + w for w in wheels], deps=False)
    finally:
        if micropip_wheel in sys.path:
            sys.path.remove(micropip_wheel)
        sandbox.purge()
        importlib.invalidate_caches()


def _bytes_as_they_are(value, *args, **kwargs):
    return value


async def _unpack(data, filename, target, metadata):
    """What Pyodide's installer does with a pure-Python wheel: unpack it into target and write
    micropip's metadata (INSTALLER...) into its .dist-info folder."""
    import io
    import os
    import zipfile
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        z.extractall(target)  # zipfile drops absolute paths and '..' parts
        infos = sorted({n.split('/')[0] for n in z.namelist() if n.split('/')[0].endswith('.dist-info')})
    for info in infos[:1]:
        for key, value in (metadata or {}).items():
            with open(os.path.join(target, info, key), 'w', encoding='utf-8') as f:
                f.write(value)
