"""Running a document's tests, as nosetests and pytest find them: in each module (component modules
and test modules), the functions whose name starts with 'test' (nose's ``test`` and ``test_*``) and
the test methods of unittest.TestCase classes. workers/python/tests.ts calls run_tests() in an
interpreter of its own (not a simulation's: no Storm Studio host is installed, as under nosetests).

Each result says where the test failed in the user's files (the innermost frame of the
traceback in one of them), so that the Tests tab can open the editor at that line.
"""

import contextlib
import importlib
import inspect
import io
import json
import os
import sys
import time
import traceback
import unittest

MAX_OUTPUT = 20000


def run_tests(modules_json, directory, wheels_json='[]'):
    """modules_json: a JSON list of {module, file, code} (file relative to directory). Writes the
    files, imports each module, runs its tests in document order; returns a JSON list of results
    {module, file, test, status ('pass' | 'fail' | 'error' | 'skip'), message, traceback, line,
    output, seconds}. A module that cannot be imported gives one 'error' result named '<import>'.
    wheels_json: paths of the document's pure-Python wheels, importable during this run only."""
    modules = json.loads(modules_json)
    _forget_previous_run()
    _add_wheels(json.loads(wheels_json))
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):
        if name.endswith('.py'):
            os.remove(os.path.join(directory, name))
    for m in modules:
        with open(os.path.join(directory, m['file']), 'w', encoding='utf-8') as f:
            f.write(m['code'])
    if directory not in sys.path:
        sys.path.insert(0, directory)
    importlib.invalidate_caches()
    files = {os.path.join(directory, m['file']): m['file'] for m in modules}
    results = []
    for m in modules:
        sys.modules.pop(m['module'], None)
    for m in modules:
        results.extend(_run_module(m, files))
    return json.dumps(results)


_before = None
_runs = 0


def _add_wheels(wheels):
    """Unpacks the wheels into a folder of this run (as an installer would: code that reads data
    files next to its module finds them) and puts it on sys.path; the next run forgets it."""
    global _runs
    if not wheels:
        return
    import zipfile
    _runs += 1
    target = '/tmp/storm-studio-test-site/%d' % _runs
    os.makedirs(target, exist_ok=True)
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            z.extractall(target)  # zipfile drops absolute paths and '..' parts
    sys.path.insert(0, target)
    importlib.invalidate_caches()



def _forget_previous_run():
    """Drops the modules and sys.path entries a previous run added, so that every run imports the
    document's modules afresh (standard modules that code patched stay patched)."""
    global _before
    if _before is None:
        _before = (set(sys.modules), list(sys.path))
        return
    for name in [n for n in sys.modules if n not in _before[0]]:
        del sys.modules[name]
    sys.path[:] = _before[1]
    importlib.invalidate_caches()
    import linecache
    linecache.clearcache()


def _run_module(m, files):
    out = io.StringIO()
    base = {'module': m['module'], 'file': m['file']}
    start = time.perf_counter()
    try:
        with _captured(out):
            module = sys.modules.get(m['module']) or importlib.import_module(m['module'])
    except BaseException as e:  # noqa: B036 - a module's import may raise anything (SystemExit too)
        if isinstance(e, KeyboardInterrupt):
            raise
        return [dict(base, test='<import>', **_failure('error', e, files, out, start))]
    results = []
    for test, call in _discover(module):
        out = io.StringIO()
        start = time.perf_counter()
        results.append(dict(base, test=test, **call(out, files, start)))
    return results


def _discover(module):
    """(name, runner) of the module's tests, in the order they are defined."""
    found = []
    for name, obj in list(vars(module).items()):
        if getattr(obj, '__module__', None) != module.__name__ or getattr(obj, '__test__', True) is False:
            continue
        if inspect.isfunction(obj) and name.startswith('test'):
            found.append((name, _function_runner(obj)))
        elif inspect.isclass(obj) and issubclass(obj, unittest.TestCase):
            for method in unittest.TestLoader().getTestCaseNames(obj):
                found.append(('%s.%s' % (name, method), _case_runner(obj, method)))
    return found


def _function_runner(func):
    def call(out, files, start):
        try:
            with _captured(out):
                result = func()
                if inspect.isgenerator(result):
                    for step in result:
                        step[0](*step[1:])
        except unittest.SkipTest as e:
            return _outcome('skip', str(e), out, start)
        except AssertionError as e:
            return _failure('fail', e, files, out, start)
        except BaseException as e:  # noqa: B036 - a test may raise anything
            if isinstance(e, KeyboardInterrupt):
                raise
            return _failure('error', e, files, out, start)
        return _outcome('pass', '', out, start)
    return call


class _Result(unittest.TestResult):
    def __init__(self):
        super(_Result, self).__init__()
        self.outcome = None

    def addFailure(self, test, err):
        self.outcome = ('fail', err[1])

    def addError(self, test, err):
        if issubclass(err[0], KeyboardInterrupt):
            raise err[1]
        self.outcome = ('error', err[1])

    def addSkip(self, test, reason):
        self.outcome = ('skip', reason)

    def addExpectedFailure(self, test, err):
        self.outcome = None

    def addUnexpectedSuccess(self, test):
        self.outcome = ('fail', AssertionError('unexpected success (the test is marked expectedFailure)'))


def _case_runner(cls, method):
    def call(out, files, start):
        result = _Result()
        with _captured(out):
            cls(method).run(result)
        if result.outcome is None:
            return _outcome('pass', '', out, start)
        status, detail = result.outcome
        if status == 'skip':
            return _outcome('skip', detail, out, start)
        return _failure(status, detail, files, out, start)
    return call


@contextlib.contextmanager
def _captured(out):
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        yield


def _outcome(status, message, out, start):
    text = out.getvalue()
    if len(text) > MAX_OUTPUT:
        text = text[:MAX_OUTPUT] + '\n[output cut at %d characters]' % MAX_OUTPUT
    return {'status': status, 'message': message, 'traceback': '', 'line': None, 'at': None,
            'output': text, 'seconds': round(time.perf_counter() - start, 6)}


def _failure(status, e, files, out, start):
    """The result of a test that raised e: its message, the traceback without this runner's frames,
    and the innermost line in one of the document's files."""
    tb = e.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    frames = traceback.extract_tb(tb) if tb is not None else []
    frames = [f for f in frames if not _internal(f.filename)] or frames
    line, at = None, None
    for f in frames:
        if f.filename in files:
            line, at = f.lineno, files[f.filename]
    if isinstance(e, SyntaxError) and e.filename in files:
        line, at = e.lineno, files[e.filename]
    text = ''.join(traceback.format_list(frames)) if frames else ''
    text = ('Traceback (most recent call last):\n' + text if text else '') + ''.join(
        traceback.format_exception_only(type(e), e))
    message = traceback.format_exception_only(type(e), e)[-1].strip().split('\n')[0]
    result = _outcome(status, message, out, start)
    result.update(traceback=text, line=line, at=at)
    return result


def _internal(filename):
    """Frames of unittest and of this runtime's import machinery: noise in a test's traceback."""
    if filename.startswith('<frozen importlib'):
        return True
    return any((os.sep + lib + os.sep) in filename for lib in ('unittest', 'importlib'))
