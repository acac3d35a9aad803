import type { PortalTarget } from '../api/client';
import { downloadAndSave } from '../api/download';

/**
 * Every download of the session (exports, attachments, snapshots), kept outside React so one
 * survives the component that started it: the downloads tray (mounted by the app shell) lists them
 * all, whichever tab or page is open. Each streams through api/download.ts into the browser's save
 * flow, and can be cancelled (nothing is saved then).
 */

export interface DownloadRequest {
  target: PortalTarget;
  url: string;
  /** What is downloaded, for people ("cities, country_code FR, CSV"). */
  name: string;
  /** The file's name when the portal sends no Content-Disposition. */
  fallbackName?: string;
  /** The saved file's name before its extensions (which stay the portal's). */
  baseName?: string;
}

export type DownloadStatus = 'running' | 'saved' | 'failed' | 'cancelled';

export interface DownloadEntry {
  id: number;
  name: string;
  url: string;
  status: DownloadStatus;
  received: number;
  /** From Content-Length when the portal sends it. */
  total: number | null;
  startedAt: number;
  /** When the last byte arrived, or the download ended. */
  updatedAt: number;
  /** The saved file's name, once saved. */
  filename: string | null;
  error: Error | null;
}

/** Bytes a second over the whole download, and the seconds left when the total is known. */
export function downloadSpeed(entry: DownloadEntry): { rate: number | null; secondsLeft: number | null } {
  const seconds = (entry.updatedAt - entry.startedAt) / 1000;
  // Under half a second the rate is mostly the request's latency.
  if (seconds < 0.5 || entry.received === 0) return { rate: null, secondsLeft: null };
  const rate = entry.received / seconds;
  const secondsLeft = entry.total !== null ? Math.max(0, (entry.total - entry.received) / rate) : null;
  return { rate, secondsLeft };
}

export function downloadPercent(entry: DownloadEntry): number | null {
  return entry.total ? Math.min(100, Math.round((entry.received / entry.total) * 100)) : null;
}

let entries: readonly DownloadEntry[] = [];
const controllers = new Map<number, AbortController>();
const listeners = new Set<() => void>();
let nextId = 1;
let notifyTimer: ReturnType<typeof setTimeout> | null = null;

function emit() {
  if (notifyTimer !== null) clearTimeout(notifyTimer);
  notifyTimer = null;
  for (const listener of listeners) listener();
}

/** Progress arrives once a network chunk: the tray redraws at most ten times a second. */
function emitSoon() {
  notifyTimer ??= setTimeout(emit, 100);
}

function update(id: number, patch: Partial<DownloadEntry>, now = true) {
  entries = entries.map((entry) => (entry.id === id ? { ...entry, ...patch } : entry));
  if (now) emit();
  else emitSoon();
}

export function subscribeDownloads(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function downloadsSnapshot(): readonly DownloadEntry[] {
  return entries;
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Starts a download: its id, and `done`, which resolves with how it ended. */
export function startDownload(request: DownloadRequest): { id: number; done: Promise<DownloadStatus> } {
  const id = nextId++;
  const controller = new AbortController();
  controllers.set(id, controller);
  const now = Date.now();
  entries = [
    ...entries,
    {
      id,
      name: request.name,
      url: request.url,
      status: 'running',
      received: 0,
      total: null,
      startedAt: now,
      updatedAt: now,
      filename: null,
      error: null,
    },
  ];
  emit();
  const done = downloadAndSave(request.target, request.url, {
    signal: controller.signal,
    fallbackName: request.fallbackName,
    baseName: request.baseName,
    onProgress: ({ received, total }) => update(id, { received, total, updatedAt: Date.now() }, false),
  }).then(
    (file): DownloadStatus => {
      update(id, { status: 'saved', filename: file.filename, updatedAt: Date.now() });
      return 'saved';
    },
    (error: unknown): DownloadStatus => {
      const status = isAbort(error) ? 'cancelled' : 'failed';
      update(id, {
        status,
        error: status === 'failed' ? (error instanceof Error ? error : new Error(String(error))) : null,
        updatedAt: Date.now(),
      });
      return status;
    },
  );
  void done.finally(() => controllers.delete(id));
  return { id, done };
}

export function cancelDownload(id: number): void {
  controllers.get(id)?.abort();
}

/** Removes an ended download from the list. */
export function dismissDownload(id: number): void {
  if (controllers.has(id)) return;
  entries = entries.filter((entry) => entry.id !== id);
  emit();
}
