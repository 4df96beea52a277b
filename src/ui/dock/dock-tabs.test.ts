import { describe, expect, it } from 'vitest';
import { listDockTabs, registerDockTab } from './dock-tabs';

const Panel = () => null;

describe('dock tabs', () => {
  it('adding a tab is one registration; tabs keep their order; unregister removes', () => {
    const a = registerDockTab({ id: 'b-tab', title: 'B', order: 20, component: Panel });
    const b = registerDockTab({ id: 'a-tab', title: 'A', order: 10, component: Panel });
    expect(listDockTabs().map((t) => t.id)).toEqual(['a-tab', 'b-tab']);
    const c = registerDockTab({ id: 'b-tab', title: 'B again', order: 5, component: Panel });
    expect(listDockTabs().map((t) => t.title)).toEqual(['B again', 'A']);
    c();
    b();
    a();
    expect(listDockTabs().filter((t) => t.id.endsWith('-tab'))).toEqual([]);
  });
});
