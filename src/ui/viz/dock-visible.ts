/** Whether a dock tab's panel is on screen (panels stay mounted while hidden: they skip work then). */
import { useUi } from '../../store/ui-store';

export function useDockTabVisible(id: string): boolean {
  return useUi((s) => s.dockTab === id && !s.dockCollapsed);
}
