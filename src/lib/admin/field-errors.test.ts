import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import { inputFor, placeFieldErrors } from './field-errors';
import { fieldErrorsOf } from './field-errors-of';

const en = createTranslator('en');
const ru = createTranslator('ru');
const labels = { name: 'Name', week: 'Weekly hours', 'week.1': 'Monday', 'targets.first_response': 'First response (minutes)' };

describe('placing the API’s field errors on a form', () => {
  it('puts an error on the most specific input its path starts with', () => {
    expect(inputFor('week.1.0.start', Object.keys(labels))).toBe('week.1');
    expect(inputFor('week', Object.keys(labels))).toBe('week');
    expect(inputFor('weekend', Object.keys(labels))).toBeUndefined();
  });

  it('turns each error into a sentence with the input’s label, in English', () => {
    const placed = placeFieldErrors(
      [
        { field: 'targets.first_response', detail: 'must be at least 1 minute' },
        { field: 'week.1.0.end', detail: 'must be after start.' },
      ],
      labels,
      en,
    );
    expect(placed.byField).toEqual({ 'targets.first_response': 'First response (minutes) must be at least 1 minute.', 'week.1': 'Monday must be after start.' });
    expect(placed.elsewhere).toEqual([]);
  });

  it('keeps the first error of an input, and says where no input matches', () => {
    const placed = placeFieldErrors(
      [
        { field: 'name', detail: 'is already taken' },
        { field: 'name', detail: 'is too long' },
        { field: 'escalation', detail: 'is not a known field' },
      ],
      labels,
      en,
    );
    expect(placed.byField).toEqual({ name: 'Name is already taken.' });
    expect(placed.elsewhere).toEqual(['escalation is not a known field.']);
  });

  it('names the field in the reader’s language when that is not English (the API’s details are English)', () => {
    expect(placeFieldErrors([{ field: 'name', detail: 'is already taken' }], labels, ru).byField).toEqual({ name: 'Проверьте поле «Name».' });
  });
});

describe('reading field errors out of an action’s answer', () => {
  it('gives none for a success or no answer, and only the refused form’s on a page of several', () => {
    expect(fieldErrorsOf(null)).toEqual({});
    expect(fieldErrorsOf({ fieldErrors: undefined })).toEqual({});
    const refused = { fieldErrors: { time_zone: 'Time zone is wrong.' }, source: 'calendar' };
    expect(fieldErrorsOf(refused)).toEqual({ time_zone: 'Time zone is wrong.' });
    expect(fieldErrorsOf(refused, 'calendar')).toEqual({ time_zone: 'Time zone is wrong.' });
    expect(fieldErrorsOf(refused, 'policy')).toEqual({});
  });
});
