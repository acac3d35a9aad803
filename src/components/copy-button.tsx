import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { t } from '../i18n/translate';
import { Button } from './button';

/** Copies a text to the clipboard and says so for two seconds; a refusal (no permission) is said too. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <Button
      size="small"
      aria-label={label}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        )
      }
    >
      {state === 'copied' ? <Check aria-hidden size={13} /> : <Copy aria-hidden size={13} />}
      <span aria-live="polite">
        {t(state === 'copied' ? 'common.copied' : state === 'failed' ? 'common.copyRefused' : 'common.copy')}
      </span>
    </Button>
  );
}
