"""Petrel's emitter module: Spout, BasicBolt and Bolt with declareOutputFields and
getComponentConfiguration."""

import os
import sys

from petrel import storm


class EmitterBase(object):
    DEFAULT_PYTHON = 'python%d.%d' % (sys.version_info.major, sys.version_info.minor)

    def __init__(self, script):
        # Petrel packages the module file named here; Storm Studio keeps it for the same purpose.
        self.script = '%s.py' % os.path.splitext(os.path.basename(script))[0]
        self.execution_command = self.DEFAULT_PYTHON
        self._json = {}
        super(EmitterBase, self).__init__()

    def declareOutputFields(self):
        raise NotImplementedError('declareOutputFields() is not defined')

    def getComponentConfiguration(self):
        return self._json if len(self._json) else None


class Spout(EmitterBase, storm.Spout):
    pass


class BasicBolt(EmitterBase, storm.BasicBolt):
    pass


class Bolt(EmitterBase, storm.Bolt):
    pass
