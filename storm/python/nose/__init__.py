"""A small stand-in for nose (which does not run on Python 3.10+): nose.tools' assertions, so that
tests written for nosetests, as the Petrel book writes them, run under Storm Studio and pytest."""
