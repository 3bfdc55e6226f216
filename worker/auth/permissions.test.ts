import { describe, expect, it } from 'vitest';
import { ROLES } from '../db/tenant/users';
import { ACTIONS, can, canAssignRole, canInvite, isStaff } from './permissions';

describe('the permission table', () => {
  it('gives every role a decision for every action', () => {
    for (const role of ROLES) for (const action of ACTIONS) expect(typeof can(role, action)).toBe('boolean');
  });

  it('nests the roles: customer ⊂ agent ⊂ admin ⊆ owner', () => {
    const allowed = (role: (typeof ROLES)[number]) => ACTIONS.filter((a) => can(role, a));
    expect(allowed('customer').every((a) => can('agent', a))).toBe(true);
    expect(allowed('agent').every((a) => can('admin', a))).toBe(true);
    expect(allowed('admin').every((a) => can('owner', a))).toBe(true);
    expect(allowed('agent').length).toBeGreaterThan(allowed('customer').length);
    expect(allowed('admin').length).toBeGreaterThan(allowed('agent').length);
  });

  it("never lets customers see other people's tickets, internal notes, users or the audit log", () => {
    for (const action of ['ticket:read_all', 'comment:internal', 'comment:read_internal', 'user:list', 'user:read', 'audit:read'] as const) {
      expect(can('customer', action)).toBe(false);
    }
    expect(can('customer', 'ticket:read_own')).toBe(true);
    expect(can('customer', 'token:manage_own')).toBe(true);
    expect(can('customer', 'session:manage_own')).toBe(true);
  });

  it('keeps user administration and the audit log from agents', () => {
    for (const action of ['user:change_role', 'user:deactivate', 'invitation:create', 'audit:read', 'settings:manage'] as const) {
      expect(can('agent', action)).toBe(false);
      expect(can('admin', action)).toBe(true);
    }
    expect(can('agent', 'user:list')).toBe(true);
    expect(can('customer', 'user:list')).toBe(false);
  });

  it('counts everyone but customers as staff', () => {
    expect(ROLES.filter(isStaff)).toEqual(['owner', 'admin', 'agent']);
  });
});

describe('granting roles', () => {
  it('lets owners move anyone between any roles', () => {
    for (const from of ROLES) for (const to of ROLES) expect(canAssignRole('owner', from, to)).toBe(true);
  });

  it('lets admins move people only among the roles below admin', () => {
    expect(canAssignRole('admin', 'customer', 'agent')).toBe(true);
    expect(canAssignRole('admin', 'agent', 'customer')).toBe(true);
    expect(canAssignRole('admin', 'agent', 'admin')).toBe(false);
    expect(canAssignRole('admin', 'admin', 'agent')).toBe(false);
    expect(canAssignRole('admin', 'owner', 'agent')).toBe(false);
    expect(canAssignRole('admin', 'agent', 'owner')).toBe(false);
  });

  it('never lets agents or customers grant a role', () => {
    for (const actor of ['agent', 'customer'] as const) {
      for (const from of ROLES) for (const to of ROLES) expect(canAssignRole(actor, from, to)).toBe(false);
    }
  });

  it('lets owners invite any staff role and admins only agents; nobody invites a customer', () => {
    expect(ROLES.filter((r) => canInvite('owner', r))).toEqual(['owner', 'admin', 'agent']);
    expect(ROLES.filter((r) => canInvite('admin', r))).toEqual(['agent']);
    expect(ROLES.filter((r) => canInvite('agent', r))).toEqual([]);
    expect(ROLES.filter((r) => canInvite('customer', r))).toEqual([]);
  });
});
