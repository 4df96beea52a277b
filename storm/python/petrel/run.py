"""Runs a Petrel component module under Storm, as Petrel's petrel.run does:

    python3 -m petrel.run <module> <log file>

Storm starts it (the command of a FluxShellSpout/FluxShellBolt) in the topology's resources/
folder, one process per task. It configures logging from logconfig.ini (to the log file, which
PETREL_LOG_PATH names), installs the multilang host (petrel.multilang), imports <module> from
resources/ and calls its module-level run(), which creates the component and calls its run(): the
handshake with Storm, then the multilang loop. The component's code is the code that ran in Storm
Studio, unchanged.
"""

import importlib
import logging
import logging.config
import os
import sys

from petrel import multilang

LOG_CONFIG_FILE = 'logconfig.ini'
USAGE = 'usage: python3 -m petrel.run <module> <log file>'


def configure_logging(log_file):
    """logconfig.ini when the folder has one (Petrel's way), else INFO to the log file in
    Petrel's line format."""
    os.environ['PETREL_LOG_PATH'] = log_file
    if os.path.exists(LOG_CONFIG_FILE):
        logging.config.fileConfig(LOG_CONFIG_FILE, disable_existing_loggers=False)
        return
    handler = logging.FileHandler(log_file, 'a')
    handler.setFormatter(logging.Formatter(multilang.FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def start(module_name, host):
    """Imports the component's module and calls its run(). Returns only when the component has
    not started (then it is an error): a running component ends the process."""
    module = importlib.import_module(module_name)
    if host.component is None:
        run = getattr(module, 'run', None)
        if not callable(run):
            raise RuntimeError('%s.py has no module-level run() function: Petrel starts a component by calling it, '
                               'e.g.\n\ndef run():\n    MyBolt().run()' % module_name)
        run()
    if host.component is None:
        raise RuntimeError('run() did not start a component: it must create the Spout, Bolt or BasicBolt and '
                           'call its run() method, e.g. MyBolt().run()')


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not args[0] or args[0].startswith('-'):
        sys.stderr.write(USAGE + '\n')
        return 2
    module_name, log_file = args[0], os.path.abspath(args[1])
    os.environ['SCRIPT'] = module_name
    with open(log_file, 'a') as f:
        f.write('petrel.run %s (pid %d, Python %d.%d.%d, in %s)\n' % (
            module_name, os.getpid(), sys.version_info[0], sys.version_info[1], sys.version_info[2], os.getcwd()))
    configure_logging(log_file)
    host = multilang.install(module_name=module_name)
    from petrel import storm
    storm.initialize_profiling()
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        start(module_name, host)
    except SystemExit:
        raise
    except BaseException as e:
        host.crash(e, None)
    return 1


if __name__ == '__main__':
    sys.exit(main())
