import { Monitor, Moon, Sun } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../components/button';
import { t } from '../i18n/translate';
import { readTheme, saveTheme, type ThemeChoice } from './theme';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const ICONS = { system: Monitor, light: Sun, dark: Moon };
/** The button names the theme in force and the next one; its tooltip, the theme in force. */
const LABELS = {
  system: { label: 'common.theme.system', title: 'common.theme.systemTitle' },
  light: { label: 'common.theme.light', title: 'common.theme.lightTitle' },
  dark: { label: 'common.theme.dark', title: 'common.theme.darkTitle' },
} as const;

export function ThemeToggle() {
  const [theme, setTheme] = useState(readTheme);
  const Icon = ICONS[theme];
  return (
    <Button
      variant="ghost"
      iconOnly
      aria-label={t(LABELS[theme].label)}
      title={t(LABELS[theme].title)}
      onClick={() => {
        const next = NEXT[theme];
        saveTheme(next);
        setTheme(next);
      }}
    >
      <Icon aria-hidden size={17} />
    </Button>
  );
}
