import type { Theme } from '../../store/ui-store';

/** The theme the system prefers, for a first visit. */
export function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Switches the CSS variables (see theme.css) by setting `data-theme` on `<html>`. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
