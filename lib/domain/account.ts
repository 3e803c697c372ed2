/**
 * Who the learner is in their organisation, and how the extension is connected: the shapes the
 * background reports to the options page. Pure schemas: no supabase-js here, so pages stay small.
 */
import { z } from 'zod/mini';

export const RoleSchema = z.enum(['learner', 'mentor', 'moderator', 'admin']);

export const AccountSchema = z.object({
  /** auth.users id: the author of what the learner writes. */
  userId: z.string(),
  /** The organisation the access token hook put in the token; absent before an admin adds the learner. */
  orgId: z.optional(z.string()),
  email: z.string(),
  displayName: z.optional(z.string()),
  orgName: z.optional(z.string()),
  role: z.optional(RoleSchema),
});
export type Account = z.infer<typeof AccountSchema>;

export const ConnectionSchema = z.object({
  /** `missing`: nobody set a server yet; `invalid`: the setting is wrong (see `problem`). */
  backend: z.enum(['missing', 'invalid', 'ready']),
  /** Set by the organisation's managed policy: the options page shows it but cannot change it. */
  managed: z.boolean(),
  backendUrl: z.optional(z.string()),
  problem: z.optional(z.string()),
  account: z.nullable(AccountSchema),
});
export type Connection = z.infer<typeof ConnectionSchema>;

/** What an action answers: done, or a sentence saying what to do. */
export const OutcomeSchema = z.object({ ok: z.boolean(), error: z.optional(z.string()) });
export type Outcome = z.infer<typeof OutcomeSchema>;
