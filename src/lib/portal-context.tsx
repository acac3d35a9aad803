import { createContext, useContext } from 'react';
import type { PortalTarget } from '../api/client';

/**
 * The portal the current view talks to, provided by the app shell (which reads the `portal` search
 * parameter and the key kept for it), and a way for any panel to open the portal picker.
 */
export interface PortalContextValue {
  target: PortalTarget;
  /** The embedded portal's title, or the other portal's host. */
  name: string;
  openPicker: (focus?: 'address' | 'api-key') => void;
}

export const PortalContext = createContext<PortalContextValue | null>(null);

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal() needs the app shell’s PortalContext');
  return value;
}
