'use client';

import { useSyncExternalStore } from 'react';

/** Whether a media query matches; false on the server and in the first render (charts then adapt after hydration). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

export const useNarrow = () => useMediaQuery('(max-width: 600px)');
