/** The helpers every API module shares, against the real local stack and its seed. */
import { describe, expect, it } from 'vitest';
import { createBackendClient } from '@/lib/api/account';
import { memoryArea, signedInClient, useLocalBackend } from '@/tests/fixtures/local-backend';
import { memberNames, registerPlace, rpcOutcome } from './postgrest';

const local = useLocalBackend();
const NORTHWIND = '10000000-0000-4000-8000-000000000001';
const COURSE = 'moodle|moodle.localhost:8080|4021';
const OFFLINE = "Circles need a connection. Try again when you're back online.";

describe('rpcOutcome', () => {
  it("gives a refusal in the database's words even when they mention networks, and 'offline' only offline", async () => {
    const amara = await signedInClient(local, 'amara.okafor@northwind.example');
    const create = (id: string) =>
      rpcOutcome(
        amara,
        'create_circle',
        { circle_id: id, kind: 'cohort', course_key: COURSE, name: 'Networking basics' },
        OFFLINE,
      );
    expect(await create(crypto.randomUUID())).toEqual({ ok: true });
    const again = await create(crypto.randomUUID());
    expect(again.ok).toBe(false);
    expect(again.error).toMatch(/Networking basics/);
    expect(again.error).not.toBe(OFFLINE);

    const unreachable = createBackendClient(
      { url: 'http://127.0.0.1:9', anonKey: local.backend.anonKey },
      memoryArea(),
    );
    expect(await rpcOutcome(unreachable, 'create_circle', {}, OFFLINE)).toEqual({ ok: false, error: OFFLINE });
  });
});

describe('memberNames and registerPlace', () => {
  it("reads names of the org's members only, and adds a place once", async () => {
    const amara = await signedInClient(local, 'amara.okafor@northwind.example');
    const names = await memberNames(amara, NORTHWIND, [
      'a1000000-0000-4000-8000-000000000003',
      'b2000000-0000-4000-8000-000000000002', // Ben, of Contoso
    ]);
    expect(names.ok && [...names.names]).toEqual([['a1000000-0000-4000-8000-000000000003', 'Grace Liu']]);

    const place = {
      platform: 'moodle',
      isCoursePage: true,
      courseId: '4022',
      courseTitle: 'Statistics II',
      key: 'moodle|moodle.localhost:8080|4022',
    } as const;
    expect(await registerPlace(amara, NORTHWIND, place, { scope: 'course' })).toEqual({ ok: true, key: place.key });
    expect(await registerPlace(amara, NORTHWIND, place, { scope: 'course' })).toEqual({ ok: true, key: place.key });
    const rows = await amara.from('places').select('key, course_title').eq('key', place.key);
    expect(rows.data).toEqual([{ key: place.key, course_title: 'Statistics II' }]);
  });
});
