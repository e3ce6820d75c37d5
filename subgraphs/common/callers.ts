// Who may call a root field, declared beside it as its @tag: the schema each role is published
// (gateway/role-schemas.ts, docs/schema/) is cut by these tags. The resolver still decides, on
// each call, what the caller reads; the tag says only that the role may ask.
import { type Caller, callerTag, ROLES } from '../../platform/identity.js';

/** The tags of a root field that `who` may call. */
export const calledBy = (...who: readonly Caller[]): string[] => who.map(callerTag);

/** Every role with a key or an account (not anonymous callers). */
export const ANY_ROLE: readonly Caller[] = ROLES;
