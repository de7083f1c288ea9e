import { useSyncExternalStore } from 'react';

/** Large-text mode for elderly residents: remembered on the device, applied to Ant Design's tokens and the root font size. */
const KEY = 'tongxin.largeText';
const listeners = new Set<() => void>();

export const isLargeText = (): boolean => localStorage.getItem(KEY) === '1';

export function setLargeText(on: boolean): void {
  localStorage.setItem(KEY, on ? '1' : '0');
  document.documentElement.classList.toggle('large-text', on);
  for (const listener of listeners) listener();
}

export function useLargeText(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isLargeText,
  );
}

document.documentElement.classList.toggle('large-text', isLargeText());
