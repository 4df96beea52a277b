/**
 * Which toolbar buttons fit a window's width, and how: with their label, as their icon alone, or
 * folded into the "More" menu (which lists every command anyway). Pure: measured widths in, a
 * form per button out; the toolbar measures, this decides.
 */

export interface FitItem {
  readonly id: string;
  /** The button's group: a group with a button shown takes `groupGap` px (its separator). */
  readonly group: string;
  /** Width with the label, and as the icon alone (px; equal for icon-only buttons). */
  readonly full: number;
  readonly compact: number;
  /** Lower folds first. */
  readonly priority: number;
  /** Never folded: keeps its label and its place (the Run button). */
  readonly essential: boolean;
}

export type ItemForm = 'full' | 'compact' | 'hidden';

/** The width the items take in these forms, separators included. */
export function fitWidth(items: readonly FitItem[], forms: Readonly<Record<string, ItemForm>>, groupGap: number): number {
  let width = 0;
  const groups = new Set<string>();
  for (const item of items) {
    const form = forms[item.id] ?? 'full';
    if (form === 'hidden') continue;
    width += form === 'full' ? item.full : item.compact;
    groups.add(item.group);
  }
  return width + groups.size * groupGap;
}

/**
 * Forms that fit `available` px: every label while they fit; then buttons become their icon,
 * lowest priority first (ties: the later in the toolbar first); then, still too wide, they fold
 * into the menu in the same order. Essential buttons stay as they are.
 *
 * @example
 * fitToolbar([{ id: 'view.fit', group: 'view', full: 80, compact: 30, priority: 10, essential: false }], 50, 0)
 * // { 'view.fit': 'compact' }
 */
export function fitToolbar(items: readonly FitItem[], available: number, groupGap: number): Record<string, ItemForm> {
  const forms: Record<string, ItemForm> = {};
  for (const item of items) forms[item.id] = 'full';
  const fits = () => fitWidth(items, forms, groupGap) <= available;
  if (fits()) return forms;
  const order = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => !item.essential)
    .sort((a, b) => a.item.priority - b.item.priority || b.index - a.index)
    .map(({ item }) => item);
  for (const item of order) {
    if (item.compact >= item.full) continue;
    forms[item.id] = 'compact';
    if (fits()) return forms;
  }
  for (const item of order) {
    forms[item.id] = 'hidden';
    if (fits()) return forms;
  }
  return forms;
}
