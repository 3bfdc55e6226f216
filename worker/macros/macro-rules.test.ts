import { describe, expect, it } from 'vitest';
import { fillPlaceholders, unknownPlaceholders } from './macro-rules';

const values = { 'customer.name': 'Maria Lopez', 'agent.name': 'Alex Kim', 'ticket.id': '42', 'ticket.subject': 'Printer {{offline}}' };

describe('macro placeholders', () => {
  it('fills every known placeholder, spaces inside the braces allowed, each occurrence', () => {
    expect(fillPlaceholders('Hi {{customer.name}}, re #{{ ticket.id }}: {{ticket.subject}}. — {{agent.name}} ({{customer.name}})', values)).toBe(
      'Hi Maria Lopez, re #42: Printer {{offline}}. — Alex Kim (Maria Lopez)',
    );
  });

  it('does not fill placeholders inside the values it puts in', () => {
    expect(fillPlaceholders('{{ticket.subject}}', { ...values, 'ticket.subject': '{{agent.name}}' })).toBe('{{agent.name}}');
  });

  it('leaves unknown placeholders and stray braces as written', () => {
    expect(fillPlaceholders('{{order.id}} {single} {{ }} }}{{', values)).toBe('{{order.id}} {single} {{ }} }}{{');
  });

  it('names each unknown placeholder once, in order', () => {
    expect(unknownPlaceholders('{{order.id}} {{customer.name}} {{ Customer.Name }} {{order.id}} {{}}')).toEqual(['order.id', 'Customer.Name', '']);
    expect(unknownPlaceholders('Dear {{customer.name}}, nothing else {here}.')).toEqual([]);
  });
});
