// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { renderWithStrings } from '@/tests/fixtures/render';
import { until } from '@/tests/fixtures/peer';
import { Lazy } from './Lazy';

const Greeting = ({ name }: { name: string }) => <p class="greeting">Hello {name}</p>;

describe('Lazy', () => {
  it('says it is loading, then shows the part with its props', async () => {
    let resolve!: (component: typeof Greeting) => void;
    const load = () => new Promise<typeof Greeting>((done) => (resolve = done));
    const view = renderWithStrings(<Lazy load={load} props={{ name: 'Amara' }} />);
    expect(view.textContent).toBe('Loading…');
    resolve(Greeting);
    await until(() => view.querySelector('.greeting') !== null, 'the part');
    expect(view.textContent).toBe('Hello Amara');
  });

  it('says what to do when the part cannot be loaded', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const view = renderWithStrings(<Lazy load={() => Promise.reject(new Error('chunk gone'))} props={{}} />);
    await until(() => view.querySelector('[role="alert"]') !== null, 'the sentence');
    expect(view.textContent).toBe('This part of Peerside could not be loaded. Close the panel and open it again.');
  });
});
