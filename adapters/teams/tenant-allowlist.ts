import { z } from 'zod';

// Read loosely: an activity of any shape is judged on the tenant ids it names, nothing else.
const tenantIdsSchema = z
  .object({
    conversation: z.object({ tenantId: z.unknown() }).partial().nullish(),
    channelData: z
      .object({ tenant: z.object({ id: z.unknown() }).partial().nullish() })
      .partial()
      .nullish(),
  })
  .partial();

/** Why an activity is refused: the tenant it names that is not allowed, or null when it names none. */
export type TenantRefusal = { tenantId: string | null };

/**
 * Whether an activity may be served under TEAMS_ALLOWED_TENANTS: every tenant id it carries
 * (conversation.tenantId and channelData.tenant.id, which Teams sets to the same tenant) must
 * be allowed, and it must carry one. `allowed` undefined (auth off without a list): any tenant.
 * Tenant ids are GUIDs and compared without regard to case; `allowed` is lower case.
 */
export function refusedTenant(
  activity: unknown,
  allowed: readonly string[] | undefined,
): TenantRefusal | null {
  if (allowed === undefined) return null;
  const parsed = tenantIdsSchema.safeParse(activity);
  const named = parsed.success
    ? [parsed.data.conversation?.tenantId, parsed.data.channelData?.tenant?.id]
    : [];
  const ids = named.filter((id) => id !== undefined && id !== null);
  if (ids.length === 0) return { tenantId: null };
  const refused = ids.find((id) => typeof id !== 'string' || !allowed.includes(id.toLowerCase()));
  // Clipped: it is written to the log.
  return refused === undefined ? null : { tenantId: String(refused).slice(0, 100) };
}
