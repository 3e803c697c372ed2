/**
 * A part of the panel that loads its code when first shown (Vite splits each such import into its own
 * chunk), so opening the panel loads only the questions. "Loading..." meanwhile; a sentence if the
 * chunk cannot be loaded (an extension updated under an open panel).
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from './i18n';

export function Lazy<P extends object>({ load, props }: { load: () => Promise<ComponentType<P>>; props: P }) {
  const t = useT();
  const [loaded, setLoaded] = useState<{ Component: ComponentType<P> } | 'failed' | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (Component) => live && setLoaded({ Component }),
      (error: unknown) => {
        console.error('Peerside could not load a part of the panel:', error);
        if (live) setLoaded('failed');
      },
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (loaded === null) return <p class="muted">{t('tabLoading')}</p>;
  if (loaded === 'failed') return <p role="alert">{t('tabLoadFailed')}</p>;
  const { Component } = loaded;
  return <Component {...props} />;
}
