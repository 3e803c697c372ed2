/**
 * Follow / Following for a question or a place: a toggle button (aria-pressed) that asks the background
 * whether the learner follows it, then follows or unfollows. Online only; the sentence says so when
 * offline. Absent follow services: nothing shows.
 */
import { useEffect, useState } from 'preact/hooks';
import type { FollowTarget } from '@/lib/domain/follows';
import { useT } from './i18n';
import { sentenceOf, useAnnounce, usePeerServices } from './peer-services';

export function FollowToggle({ target }: { target: FollowTarget }) {
  const t = useT();
  const { follows } = usePeerServices();
  const announce = useAnnounce();
  const [following, setFollowing] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const key = target.kind === 'thread' ? target.threadId : target.place.key;

  useEffect(() => {
    let live = true;
    setFollowing(null);
    follows
      ?.isFollowing(target)
      .then((answer) => live && setFollowing(answer))
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // The target's identity is its key.
  }, [follows, key]);

  if (!follows) return null;
  const on = following === true;
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await follows.set(target, !on);
      setFollowing(!on);
      announce(
        target.kind === 'thread'
          ? t(on ? 'followThreadStopped' : 'followThreadStarted')
          : t(on ? 'followPlaceStopped' : 'followPlaceStarted'),
      );
    } catch (thrown) {
      setError(sentenceOf(thrown));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="follow">
      <button type="button" class="follow-toggle" aria-pressed={on} disabled={busy} onClick={() => void toggle()}>
        {target.kind === 'thread' ? t(on ? 'followThreadOn' : 'followThread') : t(on ? 'followPlaceOn' : 'followPlace')}
      </button>
      {error && (
        <span role="alert" class="error">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
