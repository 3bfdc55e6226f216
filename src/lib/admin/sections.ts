import type { Role } from '$lib/api/types';
import type { MessageKey } from '$lib/i18n/translate';
import { can, type Action } from '../../../worker/auth/permissions';

// The admin area's sections, each behind the permission its API needs, so the
// index only offers what the signed-in person may open.

export interface AdminSection {
  href: '/admin/users' | '/admin/tags' | '/admin/macros' | '/admin/sla' | '/admin/notifications' | '/admin/audit' | '/admin/tokens' | '/admin/kb' | '/admin/kb/categories' | '/admin/settings';
  title: MessageKey;
  summary: MessageKey;
  needs: Action;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { href: '/admin/users', title: 'admin.users.title', summary: 'admin.users.summary', needs: 'user:change_role' },
  { href: '/admin/tags', title: 'admin.tags.title', summary: 'admin.tags.summary', needs: 'tag:manage' },
  { href: '/admin/macros', title: 'admin.macros.title', summary: 'admin.macros.summary', needs: 'macro:manage' },
  { href: '/admin/sla', title: 'admin.sla.title', summary: 'admin.sla.summary', needs: 'sla:manage' },
  { href: '/admin/notifications', title: 'admin.notifications.title', summary: 'admin.notifications.summary', needs: 'notification:manage_dead_letters' },
  { href: '/admin/audit', title: 'admin.audit.title', summary: 'admin.audit.summary', needs: 'audit:read' },
  { href: '/admin/kb', title: 'kbEditor.title', summary: 'kbEditor.summary', needs: 'kb:write' },
  { href: '/admin/kb/categories', title: 'kbCategories.title', summary: 'kbCategories.summary', needs: 'kb:write' },
  { href: '/admin/settings', title: 'admin.settings.title', summary: 'admin.settings.summary', needs: 'settings:manage' },
  { href: '/admin/tokens', title: 'admin.tokens.title', summary: 'admin.tokens.summary', needs: 'token:manage_own' },
];

export const sectionsFor = (role: Role): AdminSection[] => ADMIN_SECTIONS.filter((section) => can(role, section.needs));
