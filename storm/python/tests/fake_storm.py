"""A fake Storm for the multilang host's tests: starts ``python -m petrel.run <module> <log>`` the
way ShellSpout/ShellBolt start a shell component (its own process, the working directory holding
the module, a pid directory for the handshake) and speaks Storm's protocol on its stdin/stdout:
JSON messages, each followed by a line ``end``."""

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading

RUNTIME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class FakeStorm(object):
    def __init__(self, resources, module, conf=None, context=None, handshake=True):
        self.resources = str(resources)
        self.pid_dir = tempfile.mkdtemp(prefix='fake-storm-pids-')
        self.log_file = os.path.join(self.resources, '%s.log' % module)
        env = dict(os.environ, PYTHONPATH=RUNTIME, PYTHONDONTWRITEBYTECODE='1')
        self.proc = subprocess.Popen([sys.executable, '-m', 'petrel.run', module, '%s.log' % module],
                                     cwd=self.resources, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.stderr = b''
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.pid = None
        if handshake:
            self.handshake(conf, context)

    def _read(self):
        lines = []
        for raw in self.proc.stdout:
            line = raw.decode('utf-8').rstrip('\n')
            if line == 'end':
                self.messages.put(json.loads('\n'.join(lines)))
                lines = []
            else:
                lines.append(line)
        self.messages.put(None)

    def _read_stderr(self):
        self.stderr = self.proc.stderr.read()

    def handshake(self, conf=None, context=None):
        ctx = {'taskid': 3, 'componentid': 'count', 'task->component': {'1': '__acker', '2': 'count', '3': 'count'}}
        ctx.update(context or {})
        self.send({'conf': conf or {}, 'context': ctx, 'pidDir': self.pid_dir})
        answer = self.read()
        self.pid = answer['pid']
        return answer

    def send(self, message):
        self.proc.stdin.write(('%s\nend\n' % json.dumps(message)).encode('utf-8'))
        self.proc.stdin.flush()

    def read(self, timeout=10):
        """The next message from the component; fails when there is none or the process ended."""
        try:
            m = self.messages.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError('no message within %s s; stderr: %s' % (timeout, self.stderr)) from None
        if m is None:
            self.messages.put(None)
            raise AssertionError('the component exited (%s); stderr: %s' % (self.proc.wait(), self.stderr))
        return m

    def read_until(self, predicate, timeout=10):
        """Messages up to and including the first that matches."""
        seen = []
        while True:
            m = self.read(timeout)
            seen.append(m)
            if predicate(m):
                return seen

    def tuple(self, id, values, comp='split', stream='default', task=6):
        self.send({'id': id, 'comp': comp, 'stream': stream, 'task': task, 'tuple': values})

    def rest(self, timeout=10):
        """Every message until the process exits, and its exit code."""
        out = []
        while True:
            try:
                m = self.messages.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError('the component did not exit; stderr: %s' % self.stderr) from None
            if m is None:
                return out, self.proc.wait(timeout)
            out.append(m)

    def close(self):
        """Closes stdin, as Storm does when the worker shuts down; returns the exit code."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        return self.proc.wait(10)

    def log(self):
        with open(self.log_file) as f:
            return f.read()
