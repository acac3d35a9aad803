/**
 * The colour theme in force, for what paints from values rather than CSS (the map, the charts):
 * the user's choice (data-theme on <html>, app/theme.ts) or else the system's, as the page's
 * `color-scheme` resolves it.
 */
export type Theme = 'light' | 'dark';

export function currentTheme(): Theme {
  return getComputedStyle(document.documentElement).colorScheme.includes('dark') ? 'dark' : 'light';
}

/** Calls `onChange` whenever the theme in force may have changed (the toggle or the system). */
export function watchTheme(onChange: (theme: Theme) => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const notify = () => onChange(currentTheme());
  const observer = new MutationObserver(notify);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  media.addEventListener('change', notify);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', notify);
  };
}
