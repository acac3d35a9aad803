import type { Translation } from '../translate';

export const en = {} as const;

export const fr: Translation<typeof en> = {};
