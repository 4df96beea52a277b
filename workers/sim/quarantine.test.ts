import { describe, expect, it } from 'vitest';
import type { ComponentRuntime } from '../../src/engine/runtime-api';
import type { DataFile } from '../../src/model';
import { quarantinable } from './quarantine';

describe('quarantinable', () => {
  it('passes the run’s data files on to the runtime it wraps', () => {
    const given: (readonly DataFile[])[] = [];
    const runtime: ComponentRuntime = { language: 'python', load: () => Promise.reject(new Error('unused')), provideFiles: (files) => given.push(files) };
    quarantinable(runtime, new Map()).provideFiles!([{ name: 'words.csv', text: 'word\n' }]);
    expect(given).toEqual([[{ name: 'words.csv', text: 'word\n' }]]);
  });
});
