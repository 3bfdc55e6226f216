import type { ApiClient } from '$lib/api/client';
import type { Role } from '$lib/api/types';
import type { StaffMember } from './sla-policy-form';

// Whom a policy may escalate to: the active staff (the API refuses anyone
// else). One page per staff role is read; a team with more than 100 people in
// one role sees the first 100 of it (by id) in the form.

const STAFF_ROLES: readonly Role[] = ['owner', 'admin', 'agent'];

/** The active staff by name, or the failed call to report. */
export async function activeStaff(api: ApiClient) {
  const pages = await Promise.all(STAFF_ROLES.map((role) => api.GET('/api/v1/users', { params: { query: { role, limit: 100 } } })));
  const failed = pages.find((page) => !page.data);
  if (failed) return { failed } as const;
  const staff: StaffMember[] = pages
    .flatMap((page) => page.data?.items ?? [])
    .filter((user) => user.active)
    .map((user) => ({ id: user.id, name: user.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { staff } as const;
}
