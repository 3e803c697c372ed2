/**
 * Every LMS adapter, one file each (`<platform>.ts`, fixtures beside it in `<platform>.fixtures.ts`).
 * Sorted by platform so detection order is stable; a test checks that no page is claimed by two
 * adapters' markers, so the order never decides. A test also checks every adapter file is listed here.
 */
import type { LmsAdapter } from '../types';
import { canvas } from './canvas';
import { moodle } from './moodle';

export const adapters: readonly LmsAdapter[] = [canvas, moodle].sort((a, b) => a.platform.localeCompare(b.platform));
