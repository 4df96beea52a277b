#!/bin/bash
# Run by Petrel once per worker machine, inside the topology's new virtualenv (after Petrel itself
# is installed): install here what the components import.
set -e
# The components import nothing beyond the standard library and Petrel: nothing to install.
