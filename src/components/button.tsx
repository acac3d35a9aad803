import type { ButtonHTMLAttributes } from 'react';
import styles from './button.module.css';

export type ButtonVariant = 'default' | 'primary' | 'ghost';

export interface ButtonStyle {
  variant?: ButtonVariant;
  size?: 'normal' | 'small';
  /** Square, for a button that shows only an icon (give it an aria-label). */
  iconOnly?: boolean;
}

/** The button look, for links that act as buttons too. */
export function buttonClass({
  variant = 'default',
  size = 'normal',
  iconOnly = false,
}: ButtonStyle = {}): string {
  return [
    styles.button,
    variant !== 'default' && styles[variant],
    size === 'small' && styles.small,
    iconOnly && styles.icon,
  ]
    .filter(Boolean)
    .join(' ');
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, ButtonStyle {}

export function Button({ variant, size, iconOnly, className, type = 'button', ...props }: ButtonProps) {
  const classes = buttonClass({ variant, size, iconOnly });
  return <button type={type} className={className ? `${classes} ${className}` : classes} {...props} />;
}
