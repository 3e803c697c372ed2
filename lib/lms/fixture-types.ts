/** The shape of a detection fixture: a page (URL, optional markup) and what detection must say of it. */
import type { CoursePlace } from './types';

export interface DetectionCase {
  name: string;
  url: string;
  /** Body (or whole document) markup, anonymised. Without it detection sees the URL alone. */
  html?: string;
  /** null: not an LMS page. Otherwise the fields that must match (undefined: must be absent). */
  expected: Partial<CoursePlace> | null;
}
