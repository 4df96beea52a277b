/**
 * Helpers for the stores' tests: a simulation client whose hosts run in-process (the engine and
 * the JavaScript runtime, no Web Worker), so a run store can be driven in Node. Used by tests only.
 */
import { createHostService } from '../../workers/sim/service';
import { defaultRegistry } from '../engine';
import { inProcessLink } from '../sim-client/host-link';
import { launchSimulation } from '../sim-client/simulation';
import type { SimulationClient } from '../sim-client/types';

export const inProcessClient: SimulationClient = {
  start: (doc, options, listener, signal) =>
    launchSimulation(doc, options, listener, {
      link: () => inProcessLink(createHostService({ registry: () => defaultRegistry() })),
      pollMs: 30,
      shared: true,
      ...(signal ? { signal } : {}),
    }),
};
