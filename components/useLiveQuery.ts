/**
 * Read Dexie live: the query runs again whenever a table it read changes (a local write, or sync
 * bringing rows from the background, which Dexie relays between extension pages), and the component
 * re-renders with the new result.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

export type Live<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error' };

export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): Live<T> {
  const [state, setState] = useState<Live<T>>({ status: 'loading' });
  useEffect(() => {
    // A new query (another place, another thread) never shows the previous one's rows.
    setState({ status: 'loading' });
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ status: 'ready', value }),
      error: (error: unknown) => {
        console.error('Peerside could not read its local cache:', error);
        setState({ status: 'error' });
      },
    });
    return () => subscription.unsubscribe();
    // The caller names what the query depends on, as with useEffect.
  }, deps);
  return state;
}
