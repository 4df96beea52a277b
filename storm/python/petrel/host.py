"""The seam between the Petrel API and what runs the components: their host.

petrel.storm never talks to Storm itself. Each of its functions (emit, ack, fail, reportError,
log, ...) calls the Channel in ``current``, and Spout/Bolt/BasicBolt.run() hands the component to
the Host in ``installed``. A host sets both before any component runs:

- Storm Studio's simulator (the ``_storm_studio`` package on Pyodide) installs a host whose run()
  hands the component over to the engine; many tasks share its interpreter, so it points
  ``current`` at the task whose method it is about to call.
- A host speaking Storm's multilang protocol (JSON over stdin/stdout, one process per task)
  installs itself before it imports the component's module; its run() enters the multilang loop,
  and its one channel writes emit/ack/fail/log commands.

Hosts assign the two names directly (``petrel.host.current = channel``): switching tasks is on
the path of every tuple.
"""


class Channel(object):
    """The calls petrel.storm makes for one task. This base belongs to no task: every call
    raises, which is what calling a storm function outside a running component does. (A host's
    channel may keep some of these and override _refuse to say why they are refused.)"""

    __slots__ = ()

    def emit(self, tup, *args, **kwargs):
        """Spouts: emit(tup, stream=None, id=None, directTask=None, need_task_ids=False).
        Bolts: emit(tup, stream=None, anchors=[], directTask=None, need_task_ids=False).
        Returns the ids of the receiving tasks when need_task_ids is true, else None."""
        self._refuse('emit')

    def emit1(self, tup):
        """emit(tup) without options: the common case, which a host may make faster."""
        return self.emit(tup)

    def ack(self, tup):
        self._refuse('ack')

    def ack_id(self, tupid):
        self._refuse('ackId')

    def fail(self, tup):
        self._refuse('fail')

    def report_error(self, msg):
        self._refuse('reportError')

    def log(self, msg):
        """Storm's multilang 'log' command."""
        self._refuse('log')

    def _refuse(self, what):
        """Raises: storm.<what>() cannot be called now."""
        raise RuntimeError('storm.%s() was called outside a running component; call it from '
                           'initialize(), nextTuple(), ack(), fail() or process()' % what)


class Host(object):
    """What runs components. This base runs none: it is what a process has before a host is
    installed."""

    def run(self, component):
        """What component.run() does (a Spout, Bolt or BasicBolt instance): Petrel enters its
        multilang loop here; Storm Studio takes the instance and calls its methods itself."""
        raise RuntimeError('%s.run() found no host to run it: a Petrel component runs under Storm '
                           '(a multilang host) or in Storm Studio' % type(component).__name__)

    def report_exception(self, component, base_message, exception):
        """Petrel's Task.report_exception: tells Storm that the component failed with
        ``exception`` (``base_message`` is E_SPOUTFAILED or E_BOLTFAILED)."""


# The channel of the task whose code runs now, and the host that runs the components.
current = Channel()
installed = Host()
