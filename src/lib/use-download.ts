import { useState, useSyncExternalStore } from 'react';
import type { DownloadProgress } from '../api/download';
import {
  cancelDownload,
  type DownloadEntry,
  type DownloadRequest,
  downloadPercent,
  downloadsSnapshot,
  startDownload,
  subscribeDownloads,
} from './downloads';

export type { DownloadRequest };

export interface DownloadState {
  status: 'idle' | 'downloading' | 'failed';
  /** While downloading: the bytes so far, and the total when the portal tells it. */
  progress: DownloadProgress | null;
  /** 0–100 when the total is known. */
  percent: number | null;
  /** Why the last attempt failed (a cancel is not a failure). */
  error: Error | null;
  start: () => void;
  cancel: () => void;
}

/** Every download of the session, as the downloads tray lists them. */
export function useDownloads(): readonly DownloadEntry[] {
  return useSyncExternalStore(subscribeDownloads, downloadsSnapshot);
}

/**
 * A button's download: it starts one in the session's list (lib/downloads.ts, shown in the tray
 * too) and follows the last one it started: its progress, a cancel, the failure until the next try.
 */
export function useDownload(request: DownloadRequest): DownloadState {
  const [id, setId] = useState<number | null>(null);
  const entry = useDownloads().find((item) => item.id === id) ?? null;
  const running = entry?.status === 'running';
  return {
    status: running ? 'downloading' : entry?.status === 'failed' ? 'failed' : 'idle',
    progress: running ? { received: entry.received, total: entry.total } : null,
    percent: running ? downloadPercent(entry) : null,
    error: entry?.status === 'failed' ? entry.error : null,
    start: () => setId(startDownload(request).id),
    cancel: () => {
      if (id !== null) cancelDownload(id);
    },
  };
}
