import type { ReactNode } from 'react';
import '@/app/studio.css';

/** The model studio's pages share its stylesheet (kept apart from the dashboard's globals.css). */
export default function ModelsLayout({ children }: { children: ReactNode }) {
  return children;
}
