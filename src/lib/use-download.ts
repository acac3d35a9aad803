import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { PortalTarget } from '../api/client';
import { type DownloadProgress, downloadAndSave } from '../api/download';

/** What to download: the same for attachments, snapshots and exports. */
export interface DownloadRequest {
  target: PortalTarget;
  url: string;
  /** The file's name when the portal sends no Content-Disposition. */
  fallbackName?: string;
}

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

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * One download through fetch (the API key stays in a header, never a URL) into the browser's save
 * flow, with its progress, a cancel, and the failure kept until the next try.
 */
export function useDownload({ target, url, fallbackName }: DownloadRequest): DownloadState {
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async () => {
      controller.current = new AbortController();
      setProgress({ received: 0, total: null });
      try {
        return await downloadAndSave(target, url, {
          signal: controller.current.signal,
          onProgress: setProgress,
          fallbackName,
        });
      } finally {
        setProgress(null);
      }
    },
  });
  const error = mutation.isError && !isAbort(mutation.error) ? mutation.error : null;
  return {
    status: mutation.isPending ? 'downloading' : error ? 'failed' : 'idle',
    progress: mutation.isPending ? progress : null,
    percent:
      mutation.isPending && progress?.total ? Math.round((progress.received / progress.total) * 100) : null,
    error,
    start: () => mutation.mutate(),
    cancel: () => controller.current?.abort(),
  };
}
